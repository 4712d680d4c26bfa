// Tool, prompt and resource-template digests (spec: docs/tool-pinning.md). Pure.
// What the model reads about a tool is its name, title, description and schemas; any change
// there is a change of what the admin approved, even when the bytes on disk are the same.
// One digest per item: SHA-256 (hex) of the canonical JSON (sorted keys, no spaces) of the
// fields below, absent fields left out. One digest per kind: SHA-256 of the canonical JSON of
// the sorted [name, digest] pairs. One digest per server: SHA-256 of the canonical JSON of
// the three kind digests. `_meta` is left out on purpose: it is for clients, not the model,
// and servers put timestamps there.
import * as crypto from 'node:crypto';
import { canonicalJson } from '../util/json-safe';

export type ItemKind = 'tools' | 'prompts' | 'resourceTemplates';
export const ITEM_KINDS: readonly ItemKind[] = ['tools', 'prompts', 'resourceTemplates'];

/** The fields each digest covers, in the order the spec lists them. */
export const DIGEST_FIELDS: Record<ItemKind, readonly string[]> = {
  tools: ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'],
  prompts: ['name', 'title', 'description', 'arguments'],
  resourceTemplates: ['name', 'title', 'uriTemplate', 'description', 'mimeType', 'annotations'],
};

/** The list method and its result key for each kind. */
export const LIST_METHODS: Record<ItemKind, { method: string; key: string }> = {
  tools: { method: 'tools/list', key: 'tools' },
  prompts: { method: 'prompts/list', key: 'prompts' },
  resourceTemplates: { method: 'resources/templates/list', key: 'resourceTemplates' },
};

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The part of an item a digest covers. */
export function digestInput(kind: ItemKind, item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of DIGEST_FIELDS[kind]) if (Object.prototype.hasOwnProperty.call(item, f) && item[f] !== undefined) out[f] = item[f];
  return out;
}

export function itemDigest(kind: ItemKind, item: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(digestInput(kind, item)));
}

/** Digest of a kind's set: order-independent (sorted by name, then digest). */
export function setDigest(items: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(items)
    .sort()
    .map((name) => [name, items[name]]);
  return sha256Hex(canonicalJson(pairs));
}

export interface ServerDigests {
  /** Digest of the three set digests: one value that says "nothing changed". */
  server: string;
  tools: Record<string, string>;
  prompts: Record<string, string>;
  resourceTemplates: Record<string, string>;
}

export function serverDigest(d: Pick<ServerDigests, ItemKind>): string {
  return sha256Hex(
    canonicalJson({ prompts: setDigest(d.prompts), resourceTemplates: setDigest(d.resourceTemplates), tools: setDigest(d.tools) }),
  );
}

/** Name → digest for a list of items (items without a string name are skipped). */
export function digestMap(kind: ItemKind, items: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of items) {
    if (!it || typeof it !== 'object' || Array.isArray(it)) continue;
    const name = (it as Record<string, unknown>).name;
    if (typeof name !== 'string') continue;
    Object.defineProperty(out, name, {
      value: itemDigest(kind, it as Record<string, unknown>),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function serverDigests(lists: Partial<Record<ItemKind, readonly unknown[]>>): ServerDigests {
  const d = {
    tools: digestMap('tools', lists.tools ?? []),
    prompts: digestMap('prompts', lists.prompts ?? []),
    resourceTemplates: digestMap('resourceTemplates', lists.resourceTemplates ?? []),
  };
  return { server: serverDigest(d), ...d };
}
