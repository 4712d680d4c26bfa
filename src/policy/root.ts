// Verification of signed trust roots (schemas/root.schema.json). Pure: bytes, the trusted
// root and the org in; a newer trusted root or a PolicyError with a distinct code out.
//
// This is TUF's root update (https://theupdateframework.github.io/specification/latest/
// §5.3), with our own two roles: `root` (signs the next root) and `allowlist` (signs
// allowlists). Comments cite the step each rule implements.
import * as crypto from 'node:crypto';
import { parseTrustKey } from './keys';
import { rootValidator } from './validators';
import { formatJsonPath } from '../util/jsonpath';
import { parseRfc3339 } from '../util/time';
import { decodeBase64Strict, keyIdOf, pae, verifySignature } from './dsse';
import { isPolicyError, PolicyError, type PolicyErrorCode } from './errors';
import type { RootDocument, TrustedRoot } from './root-types';
import { decodeEnvelope, EXPIRY_SKEW_MS, parsePayload, type DecodedEnvelope } from './verify';

export const ROOT_PAYLOAD_TYPE = 'application/vnd.mcp-warden.root+json';
/** Bytes. A root with 64 keys is ~20 KB; anything near this is not one. */
export const MAX_ROOT_BYTES = 256 * 1024;
/** Bytes and entries of a roots chain file: years of rotations fit many times over. */
export const MAX_CHAIN_BYTES = 16 * 1024 * 1024;
export const MAX_CHAIN_ENTRIES = 1000;

function fail(code: PolicyErrorCode, message: string, jsonPath?: string): never {
  throw new PolicyError({ code, message, jsonPath });
}

/**
 * Parsed root keys by PEM text: consecutive roots share most keys, and parsing plus
 * hashing a key costs as much as a signature check. Bounded; a pure memo (the id is
 * still compared with the key's own hash for every root).
 */
const keyCache = new Map<string, { key: crypto.KeyObject; id: string }>();
const MAX_CACHED_KEYS = 4096;

function parseRootKey(pem: string, label: string): { key: crypto.KeyObject; id: string } {
  const hit = keyCache.get(pem);
  if (hit) return hit;
  const key = parseTrustKey(pem, label);
  const entry = { key, id: keyIdOf(key) };
  if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
  keyCache.set(pem, entry);
  return entry;
}

function decodeRoot(bytes: Buffer): DecodedEnvelope {
  // TUF §5.3.3: fetch (here: accept) at most a fixed number of bytes.
  if (bytes.length > MAX_ROOT_BYTES)
    fail('ROOT_TOO_LARGE', `root envelope is ${bytes.length} bytes, over the ${MAX_ROOT_BYTES}-byte limit`);
  return decodeEnvelope(bytes);
}

function digestOf(env: DecodedEnvelope): string {
  return crypto.createHash('sha256').update(env.payload).digest('hex');
}

/** Payload → document with its keys parsed; every refusal named. Runs only after a signature check vouched for the bytes (or a pin did). */
function readRootPayload(env: DecodedEnvelope): Omit<TrustedRoot, 'envelope'> {
  // DSSE step 4: the type is authenticated through PAE, checked after the signatures.
  if (env.payloadType !== ROOT_PAYLOAD_TYPE) {
    fail(
      'ROOT_PAYLOAD_TYPE',
      `payloadType is "${env.payloadType}", expected "${ROOT_PAYLOAD_TYPE}": this envelope is not an mcp-warden root`,
    );
  }
  let value: unknown;
  try {
    value = parsePayload(env.payload);
  } catch (e) {
    if (!isPolicyError(e)) throw e;
    fail('ROOT_PAYLOAD_PARSE', `root ${e.message}`);
  }
  const issues = rootValidator.validate(value);
  const first = issues[0];
  if (first) {
    const list = issues
      .slice(0, 10)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    fail('ROOT_SCHEMA_INVALID', `root is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${list}`, first.path);
  }
  const doc = value as RootDocument;
  const parsed = new Map<string, crypto.KeyObject>();
  for (const [id, k] of Object.entries(doc.keys)) {
    const at = formatJsonPath(['keys', id]);
    let key: { key: crypto.KeyObject; id: string };
    try {
      key = parseRootKey(k.publicKey, `root key ${id.slice(0, 16)}…`);
    } catch (e) {
      return fail('ROOT_SCHEMA_INVALID', (e as Error).message, at);
    }
    // The id is the key's hash, so an id can never be made to stand for another key
    // (and one key cannot be listed twice under two ids to inflate a threshold).
    if (key.id !== id)
      fail('ROOT_SCHEMA_INVALID', `key id ${id.slice(0, 16)}… is not the SHA-256 of its public key (${key.id.slice(0, 16)}…)`, at);
    parsed.set(id, key.key);
  }
  const role = (name: 'root' | 'allowlist'): Map<string, crypto.KeyObject> => {
    const r = doc.roles[name];
    const keys = new Map<string, crypto.KeyObject>();
    r.keyIds.forEach((id, i) => {
      const key = parsed.get(id);
      if (!key)
        fail(
          'ROOT_SCHEMA_INVALID',
          `roles.${name} names key ${id.slice(0, 16)}…, which is not in keys`,
          formatJsonPath(['roles', name, 'keyIds', i]),
        );
      keys.set(id, key);
    });
    if (r.threshold > keys.size) {
      fail(
        'ROOT_SCHEMA_INVALID',
        `roles.${name}.threshold is ${r.threshold} but only ${keys.size} key(s) are listed: it could never be met`,
        formatJsonPath(['roles', name, 'threshold']),
      );
    }
    return keys;
  };
  return { doc, digest: digestOf(env), rootKeys: role('root'), allowlistKeys: role('allowlist') };
}

/**
 * Which key (by id) each signature verifies with, among `keys`; remembered in `memo` so
 * the old-root and new-root checks of one envelope never verify a pair twice. A `keyid`
 * hint naming a key of `keys` is tried first; one naming a key outside `keys` skips the
 * signature (it can only make acceptance harder, never easier: a hint is never a reason
 * to trust). Chains are walked at every load, so this halves the Ed25519 work per step.
 */
function signersAmong(
  env: DecodedEnvelope,
  keys: ReadonlyMap<string, crypto.KeyObject>,
  memo: Map<string, boolean>,
): { signers: Set<string>; valid: number } {
  const msg = pae(env.payloadType, env.payload);
  const signers = new Set<string>();
  let valid = 0;
  env.signatures.forEach((s, i) => {
    const hinted = s.keyid !== undefined && /^[a-f0-9]{64}$/.test(s.keyid);
    const candidates = hinted ? (keys.has(s.keyid as string) ? [s.keyid as string] : []) : [...keys.keys()];
    for (const id of candidates) {
      const k = `${i}:${id}`;
      let ok = memo.get(k);
      if (ok === undefined) {
        ok = verifySignature(keys.get(id) as crypto.KeyObject, msg, s.sig);
        memo.set(k, ok);
      }
      if (ok) {
        valid++;
        signers.add(id);
        break;
      }
    }
  });
  return { signers, valid };
}

/** A threshold of DISTINCT keys of `keys` signed (a key signing twice counts once). */
function requireThreshold(
  env: DecodedEnvelope,
  keys: ReadonlyMap<string, crypto.KeyObject>,
  threshold: number,
  code: PolicyErrorCode,
  whose: string,
  memo: Map<string, boolean> = new Map(),
): void {
  const { signers, valid } = signersAmong(env, keys, memo);
  if (signers.size >= threshold) return;
  const dup = valid > signers.size ? ` (${valid} valid signatures, ${signers.size} distinct key(s): a key signing twice counts once)` : '';
  fail(code, `${signers.size} of ${whose} root keys signed; ${threshold} required${dup}`);
}

function checkOrg(doc: RootDocument, org: string): void {
  if (doc.org !== org) fail('ROOT_ORG_MISMATCH', `root is for org "${doc.org}", this agent is configured for "${org}"`, '$.org');
}

/**
 * The bootstrap root from the agent config. Trusted because MDM delivered it (and, when
 * given, because its payload has the pinned SHA-256), and still held to its own
 * threshold so a half-signed root is caught at the first device, not at the first rotation.
 */
export function verifyInitialRoot(bytes: Buffer, opts: { org: string; pinSha256?: string }): TrustedRoot {
  const env = decodeRoot(bytes);
  if (opts.pinSha256 !== undefined && digestOf(env) !== opts.pinSha256.toLowerCase()) {
    fail('ROOT_PIN_MISMATCH', `root payload digest sha256:${digestOf(env)} is not the pinned trust.root.sha256 ${opts.pinSha256}`);
  }
  const r = readRootPayload(env);
  requireThreshold(env, r.rootKeys, r.doc.roles.root.threshold, 'ROOT_THRESHOLD_NEW', 'its own');
  checkOrg(r.doc, opts.org);
  return { ...r, envelope: bytes };
}

/** Root N+1 from trusted root N, or a PolicyError saying why not. */
export function verifyRootUpdate(trusted: TrustedRoot, bytes: Buffer, opts: { org: string }): TrustedRoot {
  const env = decodeRoot(bytes);
  const memo = new Map<string, boolean>();
  // TUF §5.3.4: signed by a threshold of the keys of the trusted root…
  requireThreshold(
    env,
    trusted.rootKeys,
    trusted.doc.roles.root.threshold,
    'ROOT_THRESHOLD_OLD',
    `the trusted root v${trusted.doc.version}'s`,
    memo,
  );
  const r = readRootPayload(env);
  // … and by a threshold of its own keys.
  requireThreshold(env, r.rootKeys, r.doc.roles.root.threshold, 'ROOT_THRESHOLD_NEW', `root v${r.doc.version}'s own`, memo);
  // TUF §5.3.5: the version must be exactly N+1 (no rollback, no skip).
  const n = trusted.doc.version;
  if (r.doc.version <= n) fail('ROOT_ROLLBACK', `root version ${r.doc.version} is not newer than the trusted version ${n}`, '$.version');
  if (r.doc.version > n + 1)
    fail('ROOT_VERSION_SKIP', `root version ${r.doc.version} skips from the trusted version ${n}: apply ${n + 1} first`, '$.version');
  checkOrg(r.doc, opts.org);
  return { ...r, envelope: bytes };
}

/** TUF §5.3.10: the freeze check, on the newest root only (older ones may well have expired). */
export function rootExpired(root: TrustedRoot, now: Date): boolean {
  const expires = parseRfc3339(root.doc.expires) ?? Number.NEGATIVE_INFINITY;
  return now.getTime() > expires + EXPIRY_SKEW_MS;
}

/**
 * The version an envelope CLAIMS, unauthenticated: used only to order and skip entries of
 * a chain. Lying about it gains nothing: a skipped entry is one never trusted, and an
 * applied one is fully verified.
 */
export function peekRootVersion(bytes: Buffer): number | undefined {
  try {
    const env = JSON.parse(bytes.toString('utf8')) as { payload?: unknown };
    const payload = typeof env.payload === 'string' ? decodeBase64Strict(env.payload) : undefined;
    const v = payload ? (JSON.parse(payload.toString('utf8')) as { version?: unknown }).version : undefined;
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function payloadDigestOf(bytes: Buffer): string | undefined {
  try {
    return digestOf(decodeEnvelope(bytes));
  } catch {
    return undefined;
  }
}

export interface ChainResult {
  /** The newest root reached. */
  root: TrustedRoot;
  /** The envelopes applied, oldest first (root.version - start.version of them). */
  applied: Buffer[];
  /** The first entry refused (the walk goes on with the others: another source may hold a good N+1). */
  error?: PolicyError;
}

/**
 * Walk from `start` through every offered root, one version at a time. Entries at or
 * below the version reached are history (skipped), except a different document at the
 * same version, which is a fork (ROOT_VERSION_CONFLICT).
 */
export function applyRootChain(start: TrustedRoot, offered: readonly Buffer[], opts: { org: string }): ChainResult {
  const seen = new Set<string>();
  const entries = offered
    .filter((b) => {
      const h = crypto.createHash('sha256').update(b).digest('hex');
      if (seen.has(h)) return false;
      seen.add(h);
      return true;
    })
    .map((bytes, i) => ({ bytes, i, v: peekRootVersion(bytes) ?? Number.MAX_SAFE_INTEGER }))
    // Stable: for one version, the earlier source (the state) is tried first.
    .sort((a, b) => a.v - b.v || a.i - b.i);
  let root = start;
  const applied: Buffer[] = [];
  let error: PolicyError | undefined;
  for (const e of entries) {
    if (e.v < root.doc.version) continue;
    if (e.v === root.doc.version) {
      if (payloadDigestOf(e.bytes) !== root.digest) {
        error ??= new PolicyError({
          code: 'ROOT_VERSION_CONFLICT',
          message: `a different root claims version ${e.v}, already trusted with digest ${root.digest.slice(0, 12)}…`,
        });
      }
      continue;
    }
    try {
      root = verifyRootUpdate(root, e.bytes, opts);
      applied.push(e.bytes);
    } catch (err) {
      if (!isPolicyError(err)) throw err;
      error ??= err;
    }
  }
  return { root, applied, ...(error ? { error } : {}) };
}

/** `{"roots": [envelope, …]}` → each envelope's bytes. */
export function parseRootsChain(bytes: Buffer, where: string): Buffer[] {
  if (bytes.length > MAX_CHAIN_BYTES) fail('ROOT_TOO_LARGE', `${where}: ${bytes.length} bytes, over the ${MAX_CHAIN_BYTES}-byte limit`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    return fail('ROOT_CHAIN_MALFORMED', `${where}: not JSON (${(e as Error).message})`);
  }
  const roots = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { roots?: unknown }).roots : undefined;
  if (!Array.isArray(roots)) fail('ROOT_CHAIN_MALFORMED', `${where}: expected {"roots": [envelope, …]}`, '$.roots');
  if (roots.length > MAX_CHAIN_ENTRIES)
    fail('ROOT_CHAIN_MALFORMED', `${where}: ${roots.length} roots, more than the ${MAX_CHAIN_ENTRIES} accepted`, '$.roots');
  return roots.map((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r))
      fail('ROOT_CHAIN_MALFORMED', `${where}: roots[${i}] is not an envelope object`, `$.roots[${i}]`);
    return Buffer.from(JSON.stringify(r));
  });
}
