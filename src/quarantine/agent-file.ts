// Server entries in a subagent's frontmatter: removing one (after its quarantine record is
// written) and putting it back. Paths are those discovery gives: ['mcpServers', i, name]
// for the documented list form (`- name: {…}`), ['mcpServers', name] for a map.
import * as crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Document } from 'yaml';
import { yaml } from '../util/yaml-lazy';
import { editFrontmatter } from '../fsedit/frontmatter';
import type { ServerEntry } from '../inventory/types';
import { formatJsonPath } from '../util/jsonpath';
import { QuarantineError } from './errors';
import type { QuarantineRecord } from './record';
import type { RestoreOptions, RestoreResult } from './record';
import { markRestored } from './store';

function jsAt(doc: Document, path: readonly (string | number)[]): unknown {
  const n = doc.getIn(path, true) as { toJSON?: () => unknown } | undefined;
  return n && typeof n === 'object' && 'toJSON' in n && typeof n.toJSON === 'function' ? n.toJSON() : n;
}

/**
 * Remove `entries` (all in one file) from the frontmatter, each only if it is still exactly
 * what was judged. Returns the keys removed and the text written.
 */
export async function removeAgentEntries(file: string, entries: readonly ServerEntry[]): Promise<{ removed: Set<string>; text?: string }> {
  const removed = new Set<string>();
  // Later list items first, so earlier indices stay valid.
  const order = [...entries].sort((a, b) => Number(b.jsonPath[1]) - Number(a.jsonPath[1]) || 0);
  const r = await editFrontmatter(file, (doc) => {
    for (const e of order) {
      const p = e.jsonPath;
      if (!isDeepStrictEqual(jsAt(doc, p), e.raw)) continue;
      if (p.length === 3) {
        const item = doc.getIn(p.slice(0, 2), true);
        // The item `- name: {…}` holds only this server: the whole item goes.
        if (yaml().isMap(item) && item.items.length === 1) doc.deleteIn(p.slice(0, 2));
        else doc.deleteIn(p);
      } else {
        doc.deleteIn(p);
      }
      removed.add(e.key);
    }
    return removed.size > 0;
  });
  return r.changed ? { removed, text: r.text } : { removed };
}

export async function restoreAgentServer(
  record: QuarantineRecord,
  entry: Record<string, unknown>,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  let alreadyPresent = false;
  const p = record.jsonPath;
  const r = await editFrontmatter(record.file, (doc) => {
    const servers = doc.get('mcpServers', true);
    if (p.length === 3) {
      const items = yaml().isSeq(servers) ? servers.toJSON() : [];
      for (const it of items) {
        const o = it !== null && typeof it === 'object' ? (it as Record<string, unknown>) : undefined;
        if (!o || !(record.name in o)) continue;
        if (isDeepStrictEqual(o[record.name], entry)) {
          alreadyPresent = true;
          return false;
        }
        throw new QuarantineError({
          code: 'NAME_TAKEN',
          message: `a different server named ${record.name} is now in ${record.file}; rename or remove it, then restore again`,
          file: record.file,
        });
      }
      const node = doc.createNode({ [record.name]: entry });
      if (yaml().isSeq(servers)) servers.items.splice(Math.min(Number(p[1]), servers.items.length), 0, node);
      else doc.set('mcpServers', doc.createNode([{ [record.name]: entry }]));
      return true;
    }
    const there = jsAt(doc, p);
    if (there !== undefined) {
      if (isDeepStrictEqual(there, entry)) {
        alreadyPresent = true;
        return false;
      }
      throw new QuarantineError({
        code: 'NAME_TAKEN',
        message: `a different server is now at ${formatJsonPath(p)} in ${record.file}`,
        file: record.file,
      });
    }
    if (yaml().isMap(servers)) doc.setIn(p, doc.createNode(entry));
    else doc.set('mcpServers', doc.createNode({ [record.name]: entry }));
    return true;
  });
  const out: RestoreResult = { record: markRestored(opts.stateDir, record, opts.now), alreadyPresent };
  if (r.changed) out.sha256 = crypto.createHash('sha256').update(r.text).digest('hex');
  return out;
}
