// The admin side of the trust root: building root documents and signing them, for
// `trust init` and `trust rotate`. Every envelope written is first verified the way an
// agent will verify it, so a root that would be refused is never published.
import type * as crypto from 'node:crypto';
import { parseTrustKey } from './keys';
import { keyIdOf, signEnvelope } from './dsse';
import { PolicyError } from './errors';
import { ROOT_PAYLOAD_TYPE } from './root';
import type { RootDocument, TrustedRoot } from './root-types';
import { canonicalJson } from './signing';

export interface RootKeyInput {
  pem: string;
  name?: string;
}

/** Whole seconds, `Z`: what the schema's date-time and every parser agree on. */
export function expiresIn(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function usage(message: string): never {
  throw new PolicyError({ code: 'ROOT_USAGE', message });
}

/** Public key PEM → [id, entry]; throws ROOT_USAGE naming the input. */
export function rootKeyEntry(k: RootKeyInput, label: string): [string, { publicKey: string; name?: string }] {
  let key: crypto.KeyObject;
  try {
    key = parseTrustKey(k.pem, label);
  } catch (e) {
    return usage((e as Error).message);
  }
  const pem = key.export({ type: 'spki', format: 'pem' }).toString();
  return [keyIdOf(key), { publicKey: pem, ...(k.name ? { name: k.name } : {}) }];
}

export interface RootSpec {
  org: string;
  version: number;
  expires: string;
  keys: Record<string, { publicKey: string; name?: string }>;
  rootKeyIds: string[];
  rootThreshold: number;
  allowlistKeyIds: string[];
  allowlistThreshold: number;
}

export function buildRoot(spec: RootSpec): RootDocument {
  const uniq = (ids: string[]): string[] => [...new Set(ids)].sort();
  const root = uniq(spec.rootKeyIds);
  const allow = uniq(spec.allowlistKeyIds);
  if (root.length === 0) usage('the root role needs at least one key');
  if (allow.length === 0) usage('the allowlist role needs at least one key');
  if (spec.rootThreshold < 1 || spec.rootThreshold > root.length)
    usage(`root threshold ${spec.rootThreshold} must be between 1 and the ${root.length} root key(s)`);
  if (spec.allowlistThreshold < 1 || spec.allowlistThreshold > allow.length)
    usage(`allowlist threshold ${spec.allowlistThreshold} must be between 1 and the ${allow.length} allowlist key(s)`);
  // Only the keys some role uses: a removed key leaves the document entirely.
  const used = new Set([...root, ...allow]);
  const keys = Object.fromEntries(
    Object.entries(spec.keys)
      .filter(([id]) => used.has(id))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    type: 'mcp-warden.root',
    org: spec.org,
    version: spec.version,
    expires: spec.expires,
    keys,
    roles: { root: { keyIds: root, threshold: spec.rootThreshold }, allowlist: { keyIds: allow, threshold: spec.allowlistThreshold } },
  };
}

/** The envelope bytes as written to disk (pretty JSON, one newline). */
export function signRoot(doc: RootDocument, keys: crypto.KeyObject[]): Buffer {
  const env = signEnvelope(ROOT_PAYLOAD_TYPE, canonicalJson(doc), keys);
  return Buffer.from(JSON.stringify(env, null, 2) + '\n');
}

/** The spec of the next root: `from` with keys added and removed. */
export function nextRootSpec(
  from: TrustedRoot,
  change: {
    addRoot: RootKeyInput[];
    addAllowlist: RootKeyInput[];
    remove: string[];
    rootThreshold?: number;
    allowlistThreshold?: number;
    expires: string;
  },
): RootSpec {
  const keys = { ...from.doc.keys };
  const add = (list: RootKeyInput[], what: string): string[] =>
    list.map((k, i) => {
      const [id, entry] = rootKeyEntry(k, `${what}[${i}]`);
      keys[id] = entry;
      return id;
    });
  const addRoot = add(change.addRoot, '--add-root-key');
  const addAllow = add(change.addAllowlist, '--add-allowlist-key');
  const removed = new Set<string>();
  for (const r of change.remove) {
    const id = /^[a-f0-9]{64}$/.test(r) ? r : Object.keys(keys).find((k) => k.startsWith(r.toLowerCase()) && r.length >= 8);
    if (!id || !(id in keys)) usage(`--remove-key ${r}: no such key in root v${from.doc.version}`);
    removed.add(id);
  }
  const keep = (ids: string[]): string[] => ids.filter((id) => !removed.has(id));
  return {
    org: from.doc.org,
    version: from.doc.version + 1,
    expires: change.expires,
    keys,
    rootKeyIds: keep([...from.doc.roles.root.keyIds, ...addRoot]),
    rootThreshold: change.rootThreshold ?? from.doc.roles.root.threshold,
    allowlistKeyIds: keep([...from.doc.roles.allowlist.keyIds, ...addAllow]),
    allowlistThreshold: change.allowlistThreshold ?? from.doc.roles.allowlist.threshold,
  };
}
