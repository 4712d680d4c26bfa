// One client file → inventory entries. Values are kept exactly as written, as for Claude
// Code (discovery/entries.ts); the client decides the transport and which key holds the
// URL (Windsurf `serverUrl`, Gemini CLI `httpUrl` / `url`).
import { getOwn } from '../util/json-safe';
import type { ServerEntry } from '../inventory/types';
import { toEntry } from '../inventory/entries';
import { ADAPTERS } from './adapters';
import type { ClientId } from './types';

export interface ClientFileSource {
  file: string;
  client: ClientId;
  scope: 'user' | 'project';
  configHome: string;
  project?: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function scanClientDoc(src: ClientFileSource, doc: Record<string, unknown>): ServerEntry[] {
  const adapter = ADAPTERS[src.client];
  const map = getOwn(doc, adapter.serversKey);
  if (!isObj(map)) return [];
  const out: ServerEntry[] = [];
  for (const [name, raw] of Object.entries(map)) {
    // Not an object: no client can start it.
    if (!isObj(raw)) continue;
    const e = toEntry(
      { file: src.file, scope: src.scope, configHome: src.configHome, project: src.project },
      [adapter.serversKey, name],
      name,
      raw,
    );
    const t = adapter.transportOf(raw);
    e.client = src.client;
    e.transport = t.transport;
    if (t.url !== undefined) e.url = t.url;
    else delete e.url;
    // Only Claude Code runs a headersHelper; the key means nothing to the others.
    delete e.headersHelper;
    if (src.client === 'codex' && isObj(raw.http_headers))
      e.headers = Object.fromEntries(Object.entries(raw.http_headers).filter((x): x is [string, string] => typeof x[1] === 'string'));
    out.push(e);
  }
  return out;
}
