// Subagent definitions (reference §1.4, docs `sub-agents.md` "Scope MCP servers to a
// subagent"): `~/.claude/agents/*.md` and `<project>/.claude/agents/*.md` may list MCP
// servers in their YAML frontmatter under `mcpServers`, each item either an inline
// definition (`- name: {type, command, args…}`, the `.mcp.json` schema) or the name of a
// server configured elsewhere (`- github`). The documented form is that list; a map of
// name → definition is read too. Bounded: files per folder, bytes per file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { yaml } from '../util/yaml-lazy';
import type { ServerEntry, UnreadableFile } from '../inventory/types';
import type { Scope } from '../policy/types';
import type { PathSegment } from '../util/jsonpath';
import { entryKey, toEntry } from '../inventory/entries';
import { MAX_AGENT_BYTES, splitFrontmatter } from '../fsedit/frontmatter';

export const MAX_AGENT_FILES = 1000;
function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export interface AgentFileScan {
  entries: ServerEntry[];
  problem?: string;
}

/** Parse the frontmatter's `mcpServers` of one subagent file's text. Pure. */
export function scanAgentText(file: string, text: string, src: { configHome: string; project?: string; governedAs: Scope }): AgentFileScan {
  const fm = splitFrontmatter(text);
  if (!fm) return { entries: [] };
  const doc = yaml().parseDocument(fm.yaml, { uniqueKeys: true });
  if (doc.errors.length > 0) return { entries: [], problem: `frontmatter is not valid YAML (${doc.errors[0]?.code ?? 'error'})` };
  let data: Record<string, unknown> | undefined;
  try {
    // An alias before its anchor, or an alias bomb past the cap, throws here (found by fuzzing).
    data = obj(doc.toJS({ maxAliasCount: 16 }) as unknown);
  } catch {
    return { entries: [], problem: 'frontmatter has aliases that cannot be resolved' };
  }
  const servers = data?.mcpServers;
  const out: ServerEntry[] = [];
  const base = {
    file,
    scope: 'agent' as const,
    configHome: src.configHome,
    ...(src.project !== undefined ? { project: src.project } : {}),
  };
  const inline = (jsonPath: PathSegment[], name: string, def: Record<string, unknown>): void => {
    out.push({ ...toEntry(base, jsonPath, name, def), governedAs: src.governedAs });
  };
  if (Array.isArray(servers)) {
    servers.forEach((item, i) => {
      if (typeof item === 'string') {
        const ref: ServerEntry = {
          ...base,
          key: entryKey(file, ['mcpServers', i]),
          jsonPath: ['mcpServers', i],
          name: item,
          transport: 'other',
          raw: {},
          reference: true,
          governedAs: src.governedAs,
        };
        out.push(ref);
        return;
      }
      const o = obj(item);
      if (!o) return;
      for (const [name, def] of Object.entries(o)) {
        const d = obj(def);
        if (d) inline(['mcpServers', i, name], name, d);
      }
    });
  } else if (obj(servers)) {
    for (const [name, def] of Object.entries(servers as Record<string, unknown>)) {
      const d = obj(def);
      if (d) inline(['mcpServers', name], name, d);
    }
  }
  return { entries: out };
}

export interface AgentsScan {
  entries: ServerEntry[];
  files: string[];
  unreadable: UnreadableFile[];
  truncated?: string;
}

/** Every `*.md` in `dir` (not following symlinks), scanned. */
export function scanAgentsDir(dir: string, src: { configHome: string; project?: string; governedAs: Scope }): AgentsScan {
  const out: AgentsScan = { entries: [], files: [], unreadable: [] };
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  const md = names
    .filter((d) => d.isFile() && d.name.endsWith('.md'))
    .map((d) => d.name)
    .sort();
  if (md.length > MAX_AGENT_FILES) out.truncated = `${dir} has ${md.length} subagent files; read the first ${MAX_AGENT_FILES}`;
  for (const n of md.slice(0, MAX_AGENT_FILES)) {
    const file = path.join(dir, n);
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_AGENT_BYTES) {
        out.unreadable.push({ file, code: 'TOO_LARGE', reason: `is over the ${MAX_AGENT_BYTES}-byte limit; not read, never written` });
        continue;
      }
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      out.unreadable.push({ file, code: 'UNREADABLE', reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    out.files.push(file);
    const r = scanAgentText(file, text, src);
    if (r.problem) out.unreadable.push({ file, code: 'PARSE_ERROR', reason: `${r.problem}; left untouched` });
    out.entries.push(...r.entries);
  }
  return out;
}
