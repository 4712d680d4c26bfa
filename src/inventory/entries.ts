// Normalising one `mcpServers` map into ServerEntry records. Values are kept exactly as
// written (`${VAR}` is never expanded); the raw object is kept for preconditions and
// quarantine. Non-object values are not servers Claude Code could start: skipped.
import { getOwn, setOwn } from '../util/json-safe';
import type { EntryScope, EntryTransport, ServerEntry } from './types';
import { formatJsonPath, type PathSegment } from '../util/jsonpath';
import { looksLikeWarden, parseExecArgv } from './wrapper';

export interface EntrySource {
  file: string;
  scope: EntryScope;
  configHome: string;
  project?: string;
}

/** Claude Code's `type` → our transport. No type means stdio; `streamable-http` is http. */
export function transportOf(type: unknown): EntryTransport {
  if (type === undefined || type === 'stdio') return 'stdio';
  if (type === 'http' || type === 'streamable-http') return 'http';
  if (type === 'sse') return 'sse';
  if (type === 'ws') return 'ws';
  // sdk, sse-ide, ws-ide, claudeai-proxy, and anything unknown: not ours to govern.
  return 'other';
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') setOwn(out, k, x);
  return out;
}

export function entryKey(file: string, jsonPath: readonly PathSegment[]): string {
  return `${file}#${formatJsonPath(jsonPath)}`;
}

export function toEntry(src: EntrySource, jsonPath: PathSegment[], name: string, raw: Record<string, unknown>): ServerEntry {
  const e: ServerEntry = {
    key: entryKey(src.file, jsonPath),
    file: src.file,
    scope: src.scope,
    configHome: src.configHome,
    jsonPath,
    name,
    transport: transportOf(raw.type),
    raw,
  };
  if (src.project !== undefined) e.project = src.project;
  if (typeof raw.type === 'string') e.type = raw.type;
  if (typeof raw.command === 'string') e.command = raw.command;
  if (Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string')) e.args = raw.args;
  const env = stringRecord(raw.env);
  if (env) e.env = env;
  if (typeof raw.url === 'string') e.url = raw.url;
  const headers = stringRecord(raw.headers);
  if (headers) e.headers = headers;
  if (typeof raw.headersHelper === 'string') e.headersHelper = raw.headersHelper;
  const wrapped = parseExecArgv(e.command, e.args, looksLikeWarden);
  if (wrapped) e.wrapped = wrapped;
  return e;
}

/** Every server entry of the `mcpServers` object at `mapPath` in `doc`. */
export function entriesAt(src: EntrySource, doc: Record<string, unknown>, mapPath: PathSegment[]): ServerEntry[] {
  let map: unknown = doc;
  for (const seg of mapPath) {
    if (map === null || typeof map !== 'object') return [];
    map = getOwn(map, seg);
  }
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return [];
  const out: ServerEntry[] = [];
  for (const [name, raw] of Object.entries(map as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    out.push(toEntry(src, [...mapPath, name], name, raw as Record<string, unknown>));
  }
  return out;
}
