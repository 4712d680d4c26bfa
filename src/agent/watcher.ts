// Watching every place a Claude Code config may change. We watch FOLDERS (depth 0), not
// files: Claude Code replaces ~/.claude.json by rename, so a file watch would follow the
// dead inode (verified-notes.md). chokidar 4 drops the trailing `change` of a burst (50 ms
// leading-edge throttle), so the agent re-checks content after each pass (see agent.ts);
// this class only turns raw events into debounced batches of relevant paths.
import * as path from 'node:path';
import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'chokidar';

/** File names that can hold MCP servers or the settings that govern them. */
export const RELEVANT_NAMES = new Set([
  '.claude.json',
  '.mcp.json',
  'settings.json',
  'settings.local.json',
  // plugins: what is installed, where marketplaces are, what a plugin declares
  'installed_plugins.json',
  'known_marketplaces.json',
  'marketplace.json',
  'plugin.json',
  // other MCP clients (src/clients): Cursor and VS Code, Windsurf, Claude Desktop, Codex CLI
  'mcp.json',
  'mcp_config.json',
  'claude_desktop_config.json',
  'config.toml',
]);

/** A file the agent reacts to: a relevant name, or a subagent definition (`agents/*.md`). */
export function isRelevantFile(p: string): boolean {
  const base = path.basename(p);
  return RELEVANT_NAMES.has(base) || (base.endsWith('.md') && path.basename(path.dirname(p)) === 'agents');
}

/** Folders never worth descending into when watching discovery roots. */
const HEAVY_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'target',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.cache',
  '.next',
]);

export interface WatchTargets {
  /** Folders watched at depth 0 (config homes, projects, their .claude folders, parents of .mcp.json). */
  folders: string[];
  /** Files outside those folders that matter by exact path (agent config, allowlist envelope). */
  extraFiles: string[];
  /** Discovery roots, watched to a depth for new projects. */
  roots: Array<{ dir: string; depth: number }>;
}

export interface WatcherEvents {
  batch: [files: string[]];
  /** A new folder appeared under a root: discovery must run again. */
  newFolder: [dir: string];
  error: [err: Error];
}

export class ConfigWatcher extends EventEmitter<WatcherEvents> {
  private readonly flat: FSWatcher;
  private rootsWatcher: FSWatcher | undefined;
  private readonly watchedFolders = new Set<string>();
  private readonly extra = new Set<string>();
  private rootsKey = '';
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Resolves when the first set of folders is being watched (chokidar's one `ready`). */
  readonly ready: Promise<void>;

  constructor(private readonly debounceMs: number) {
    super();
    this.flat = this.make(0);
    this.ready = new Promise((resolve) => this.flat.once('ready', () => resolve()));
  }

  private make(depth: number): FSWatcher {
    const w = watch([], {
      ignoreInitial: true,
      persistent: true,
      depth,
      // Keep events only for names we care about; never descend into heavy folders.
      ignored: (p: string, stats?: { isDirectory(): boolean }) => {
        const base = path.basename(p);
        if (HEAVY_DIRS.has(base)) return true;
        if (stats && !stats.isDirectory()) return !isRelevantFile(p) && !this.extra.has(p);
        return false;
      },
    });
    const onFile = (p: string): void => {
      if (isRelevantFile(p) || this.extra.has(p)) this.enqueue(p);
    };
    w.on('add', onFile);
    w.on('change', onFile);
    w.on('unlink', onFile);
    w.on('error', (e) => this.emit('error', e instanceof Error ? e : new Error(String(e))));
    return w;
  }

  /** Bring the watched set in line with `targets` (called after every discovery). */
  update(targets: WatchTargets): void {
    const want = new Set([...targets.folders, ...targets.extraFiles.map((f) => path.dirname(f))]);
    this.extra.clear();
    for (const f of targets.extraFiles) this.extra.add(f);
    const add = [...want].filter((d) => !this.watchedFolders.has(d));
    const remove = [...this.watchedFolders].filter((d) => !want.has(d));
    if (add.length) this.flat.add(add);
    if (remove.length) this.flat.unwatch(remove);
    for (const d of add) this.watchedFolders.add(d);
    for (const d of remove) this.watchedFolders.delete(d);

    const key = JSON.stringify(targets.roots);
    if (key !== this.rootsKey) {
      this.rootsKey = key;
      void this.rootsWatcher?.close();
      this.rootsWatcher = undefined;
      if (targets.roots.length) {
        const depth = Math.max(...targets.roots.map((r) => r.depth));
        const rw = this.make(depth);
        rw.on('addDir', (d: string) => this.emit('newFolder', d));
        rw.add(targets.roots.map((r) => r.dir));
        this.rootsWatcher = rw;
      }
    }
  }

  get folderCount(): number {
    return this.watchedFolders.size;
  }

  private enqueue(file: string): void {
    this.pending.add(path.resolve(file));
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const files = [...this.pending];
      this.pending = new Set();
      this.emit('batch', files);
    }, this.debounceMs);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([this.flat.close(), this.rootsWatcher?.close()]);
  }
}
