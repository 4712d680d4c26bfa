// Reading one config file for discovery: bounded, never through a symlink that leaves the
// scanned roots, parsed strictly. Missing files are normal (undefined); anything else that
// stops us reading is an UnreadableFile, and such a file is never rewritten. Parsing
// follows Claude Code's reader (a BOM is dropped, then JSON.parse semantics), so whatever
// it would start is seen here: see docs/reconcile.md "Hostile input".
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UnreadableFile } from '../inventory/types';
import { bomLength, pathKey, scanJson } from '../fsedit/json-scan';
import { setOwn } from '../util/json-safe';
import type { PathSegment } from '../util/jsonpath';
import { parseJsonc, parseToml } from '../fsedit/parse';
import type { TextHandoff } from '../fsedit/known';
import { readCapped } from '../util/fsio';
import { InputError } from '../errors';

export type ReadOutcome =
  { kind: 'missing' } | { kind: 'unreadable'; problem: UnreadableFile } | { kind: 'ok'; value: Record<string, unknown>; sig: string };

/** Containment by path.relative, never by string prefix (`/a/b-evil` is not inside `/a/b`). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function statSig(st: fs.Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The file's stat signature, or undefined when missing (used by the discovery cache). */
export function fileSig(file: string): string | undefined {
  try {
    return statSig(fs.statSync(file));
  } catch {
    return undefined;
  }
}

function problem(file: string, code: string, reason: string): ReadOutcome {
  return { kind: 'unreadable', problem: { file, code, reason } };
}

const PROJECT_KEYS = new Set([
  'mcpServers',
  'enabledMcpjsonServers',
  'enableAllProjectMcpServers',
  'disabledMcpjsonServers',
  'disabledMcpServers',
]);

function claudeJsonWant(p: readonly PathSegment[]): 'skip' | 'descend' | 'capture' {
  if (p.length === 1) return p[0] === 'mcpServers' ? 'capture' : p[0] === 'projects' ? 'descend' : 'skip';
  if (p[0] !== 'projects') return 'skip';
  if (p.length === 2) return 'descend';
  return p.length === 3 && PROJECT_KEYS.has(p[2] as string) ? 'capture' : 'skip';
}

/**
 * The parts of a `.claude.json` discovery uses (top-level mcpServers; per project its
 * servers and approval keys), validated as a whole but without building the rest: a real
 * one holds megabytes of history and caches that would only cost memory.
 */
function parseClaudeJson(text: string): { value: Record<string, unknown> } | { problem: string } {
  const scan = scanJson(text, claudeJsonWant, (p) => p.length === 1 && p[0] === 'projects');
  if (!scan.ok) return { problem: `${scan.message} at offset ${scan.offset}` };
  let first = bomLength(text);
  while (/\s/.test(text.charAt(first))) first++;
  if (text.charCodeAt(first) !== 123) return { problem: 'NOT_AN_OBJECT' };
  const take = (p: PathSegment[]): unknown => {
    const c = scan.captures.get(pathKey(p));
    return c ? (JSON.parse(text.slice(c.start, c.end)) as unknown) : undefined;
  };
  const value: Record<string, unknown> = {};
  const servers = take(['mcpServers']);
  if (servers !== undefined) value.mcpServers = servers;
  const projectsInfo = scan.objects.get(pathKey(['projects']));
  if (projectsInfo) {
    const projects: Record<string, unknown> = {};
    for (const prop of projectsInfo.props) {
      if (text.charCodeAt(prop.valueStart) !== 123) {
        setOwn(projects, prop.key, null);
        continue;
      }
      const proj: Record<string, unknown> = {};
      for (const k of PROJECT_KEYS) {
        const v = take(['projects', prop.key, k]);
        if (v !== undefined) proj[k] = v;
      }
      setOwn(projects, prop.key, proj);
    }
    value.projects = projects;
  }
  return { value };
}

/**
 * Read and parse `file`. `roots` are real paths (the folder being scanned, the home, the
 * discovery roots) that the file's real path must stay inside when any part of its path
 * is a symlink, so a `.mcp.json` symlinked to `/etc/…` is reported, not read, never written.
 * `handoff`: keep what was read for this pass's edit of the file (fsedit/known.ts).
 */
export function readConfigFile(
  file: string,
  maxBytes: number,
  roots: readonly string[],
  kind: 'json' | 'claude-json' | 'jsonc' | 'toml' = 'json',
  handoff?: TextHandoff,
): ReadOutcome {
  // Most candidates (a .mcp.json in every project and parent) do not exist: find that out
  // without the cost of an exception, and resolve symlinks only for files that do.
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return { kind: 'missing' };
    return problem(file, 'UNREADABLE', `cannot be read (${code ?? 'error'})`);
  }
  if (st === undefined) return { kind: 'missing' };
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return problem(file, 'UNREADABLE', `cannot resolve the path (${code ?? 'error'})`);
  }
  if (real !== file && !roots.some((r) => isInside(real, r))) {
    return problem(file, 'SYMLINK_OUTSIDE_ROOT', 'is a symlink to a file outside the scanned folders; not read, never written');
  }
  if (!st.isFile()) return problem(file, 'UNREADABLE', 'cannot be read (not a regular file)');
  if (st.size > maxBytes) return problem(file, 'TOO_LARGE', `is over the ${maxBytes}-byte limit; not read, never written`);
  const sig = statSig(st);
  let buf: Buffer;
  try {
    // Bytes, then one decode: about twice as fast on a 20 MB file as Node 20's direct
    // UTF-8 read (which also holds the whole file natively), with the same text (invalid
    // sequences become U+FFFD, a BOM stays). Capped: it may have grown since the stat.
    buf = readCapped(file, maxBytes);
  } catch (e) {
    const code = e instanceof InputError ? e.code : (e as NodeJS.ErrnoException).code;
    if (code === 'FILE_NOT_FOUND' || code === 'ENOENT') return { kind: 'missing' };
    if (code === 'FILE_TOO_LARGE') return problem(file, 'TOO_LARGE', `is over the ${maxBytes}-byte limit; not read, never written`);
    const cause = e instanceof InputError ? (e.cause as NodeJS.ErrnoException | undefined)?.code : code;
    return problem(file, 'UNREADABLE', `cannot be read (${cause ?? 'error'})`);
  }
  const text = buf.toString('utf8');
  // The edit of this file in the same pass may start from this text (fsedit/known.ts).
  handoff?.offer(file, buf, text, sig);
  if (kind === 'claude-json') {
    const r = parseClaudeJson(text);
    if ('value' in r) return { kind: 'ok', value: r.value, sig };
    if (r.problem === 'NOT_AN_OBJECT') return problem(file, 'NOT_AN_OBJECT', 'does not hold a JSON object; left untouched');
    return problem(file, 'PARSE_ERROR', `is not valid JSON (${r.problem}); left untouched`);
  }
  if (kind === 'jsonc' || kind === 'toml') {
    // Other clients' files (src/clients): JSON with comments, or TOML.
    const r = kind === 'toml' ? parseToml(text) : parseJsonc(text);
    if (!r.ok) return problem(file, 'PARSE_ERROR', `is not valid ${kind === 'toml' ? 'TOML' : 'JSON'} (${r.problem}); left untouched`);
    if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value))
      return problem(file, 'NOT_AN_OBJECT', 'does not hold an object; left untouched');
    return { kind: 'ok', value: r.value as Record<string, unknown>, sig };
  }
  let value: unknown;
  try {
    // As Claude Code reads it: a leading byte order mark is dropped, then JSON.parse
    // (iterative: any depth; duplicate keys, last wins; `__proto__` an own key).
    value = JSON.parse(text.slice(bomLength(text)));
  } catch {
    // JSON.parse's message quotes the text around the error, which may be a secret: the
    // scanner names the position and the problem only.
    const s = scanJson(text, () => 'skip');
    return problem(
      file,
      'PARSE_ERROR',
      `is not valid JSON (${s.ok ? 'unparseable' : `${s.message} at offset ${s.offset}`}); left untouched`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return problem(file, 'NOT_AN_OBJECT', 'does not hold a JSON object; left untouched');
  }
  return { kind: 'ok', value: value as Record<string, unknown>, sig };
}
