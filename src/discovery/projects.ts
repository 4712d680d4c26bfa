// Project folders beyond the `projects` keys of each `.claude.json`: the agent config's
// discovery.roots, walked breadth-first to maxDepth. A folder is a project when it holds
// a `.mcp.json` or a `.claude` folder, or the project folder of another MCP client
// (`.cursor`, `.vscode`, `.gemini`, `.codex`: src/clients). Symlinked folders are never entered (no escaping
// the roots, no loops); node_modules and VCS folders are skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.cache', '.npm', '.Trash']);
const CLIENT_MARKERS = ['.cursor', '.vscode', '.gemini', '.codex'];
// Bound on folders listed per pass, whatever the depth: a root at `/` must not stall the agent.
const MAX_DIRS_VISITED = 50_000;

export interface RootScan {
  projects: string[];
  /** Folders listed (the watcher may watch the roots themselves). */
  visited: number;
  truncated?: string;
}

export function scanRoots(roots: readonly string[], maxDepth: number, maxProjects: number): RootScan {
  const projects: string[] = [];
  let visited = 0;
  let truncated: string | undefined;
  const queue: Array<{ dir: string; depth: number }> = roots.map((dir) => ({ dir, depth: 0 }));
  for (let qi = 0; qi < queue.length; qi++) {
    const { dir, depth } = queue[qi];
    if (visited >= MAX_DIRS_VISITED) {
      truncated = `stopped after listing ${MAX_DIRS_VISITED} folders under discovery.roots`;
      break;
    }
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    visited++;
    const names = new Set(dirents.map((d) => d.name));
    if (names.has('.mcp.json') || names.has('.claude') || CLIENT_MARKERS.some((m) => names.has(m))) {
      if (projects.length >= maxProjects) {
        truncated = `more than ${maxProjects} projects under discovery.roots`;
        break;
      }
      projects.push(dir);
    }
    if (depth >= maxDepth) continue;
    for (const d of dirents) {
      // isDirectory() on a Dirent is false for a symlink: symlinked folders are not entered.
      if (!d.isDirectory() || SKIP.has(d.name) || d.name === '.claude') continue;
      queue.push({ dir: path.join(dir, d.name), depth: depth + 1 });
    }
  }
  return truncated ? { projects, visited, truncated } : { projects, visited };
}

/** Folders above `project` whose `.mcp.json` Claude Code also reads: up to, not including, the root. */
export function parentFolders(project: string): string[] {
  const out: string[] = [];
  let dir = path.dirname(project);
  while (path.dirname(dir) !== dir) {
    out.push(dir);
    dir = path.dirname(dir);
  }
  return out;
}
