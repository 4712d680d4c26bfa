// npm registry signatures: ECDSA P-256 / SHA-256 over `${name}@${version}:${integrity}`,
// by a key the registry publishes at `/-/npm/v1/keys` (keyid `SHA256:…`, SPKI DER in base64,
// an optional expiry). A signature counts when its key was valid at the version's publish
// time (npm's own `audit signatures` rule). Pure: the keys are passed in.
import * as crypto from 'node:crypto';
import type { NpmFacts } from './npm-facts';

export interface RegistryKey {
  keyid: string;
  key: string;
  expires?: string | null;
  scheme?: string;
}

export type SignatureVerdict =
  | { status: 'verified'; keyid: string }
  | { status: 'invalid'; keyid: string; reason: string }
  | { status: 'unsigned' }
  | { status: 'unverifiable'; reason: string };

/** Keys from the registry's `/-/npm/v1/keys` answer; malformed ones are skipped. */
export function registryKeys(doc: unknown): RegistryKey[] {
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return [];
  return keys.filter(
    (k): k is RegistryKey =>
      k !== null && typeof k === 'object' && typeof (k as RegistryKey).keyid === 'string' && typeof (k as RegistryKey).key === 'string',
  );
}

export function verifyRegistrySignature(facts: NpmFacts, keys: RegistryKey[] | undefined): SignatureVerdict {
  if (facts.signatures.length === 0) return { status: 'unsigned' };
  if (!keys || keys.length === 0) return { status: 'unverifiable', reason: 'the registry publishes no signing keys' };
  const message = Buffer.from(`${facts.name}@${facts.version}:${facts.integrity}`, 'utf8');
  let last: SignatureVerdict = { status: 'unverifiable', reason: 'no signature by a key the registry publishes' };
  for (const s of facts.signatures) {
    const key = keys.find((k) => k.keyid === s.keyid);
    if (!key) continue;
    if (key.expires && facts.published && Date.parse(key.expires) < Date.parse(facts.published)) {
      last = { status: 'invalid', keyid: s.keyid, reason: `key expired (${key.expires}) before the version was published` };
      continue;
    }
    let ok = false;
    try {
      const pub = crypto.createPublicKey({ key: Buffer.from(key.key, 'base64'), format: 'der', type: 'spki' });
      ok = crypto.verify('sha256', message, pub, Buffer.from(s.sig, 'base64'));
    } catch (e) {
      last = { status: 'invalid', keyid: s.keyid, reason: `unusable key or signature (${(e as Error).message})` };
      continue;
    }
    if (ok) return { status: 'verified', keyid: s.keyid };
    last = { status: 'invalid', keyid: s.keyid, reason: 'signature does not match name@version:integrity' };
  }
  return last;
}
