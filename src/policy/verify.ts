// Verification of a signed allowlist envelope. Pure: bytes, keys, the last accepted
// version and a clock in; a verified allowlist or a PolicyError with a distinct code out.
//
// The order is the one DSSE and TUF prescribe, and it matters: nothing from the payload
// is interpreted (not even parsed) before a threshold of trusted keys vouched for it.
// Comments cite the rule each step implements:
//   DSSE: https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
//   TUF:  https://theupdateframework.github.io/specification/latest/ §5 (client workflow),
//         our allowlist playing the part of the timestamp role (§5.4): one signed,
//         versioned, expiring document, checked against the last trusted copy.
import * as crypto from 'node:crypto';
import { parseSource } from '../schema/source';
import { allowlistValidator } from './validators';
import { formatJsonPath } from '../util/jsonpath';
import { ALLOWLIST_PAYLOAD_TYPE, decodeBase64Strict, keyIdOf, pae, verifySignature } from './dsse';
import { PolicyError } from './errors';
import { semanticIssues } from './lint';
import type { Allowlist } from './types';
import { parseRfc3339 } from '../util/time';

/** Bytes. Default cap for an envelope (agent config allowlist.maxBytes overrides). */
export const DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;
/** An envelope with more signatures than this is not one we produce; bounds the work. */
export const MAX_SIGNATURES = 32;
/**
 * Clock skew tolerated on `expires`: workstation clocks drift and NTP may be blocked on a
 * laptop that just woke up. Small enough not to matter for a freeze attack, whose
 * timescale is days.
 */
export const EXPIRY_SKEW_MS = 5 * 60 * 1000;

export interface VerifyOptions {
  trustKeys: readonly crypto.KeyObject[];
  /** Distinct trusted keys required. */
  threshold: number;
  org: string;
  /** The fixed verification time (TUF §5.1: recorded once, at the start). */
  now: Date;
  maxBytes?: number;
  /** The last accepted allowlist, for the rollback checks. */
  last?: { version: number; digest: string };
}

export interface VerifiedAllowlist {
  allowlist: Allowlist;
  /** SHA-256 hex of the payload bytes. */
  digest: string;
  /** Trusted key ids whose signatures verified, sorted. */
  keyIds: string[];
  payload: Buffer;
  /**
   * Past `expires`, yet accepted because it is the very allowlist already in force (same
   * digest as `last`): keep it and report it stale rather than drop to no policy.
   */
  stale: boolean;
}

interface RawSignature {
  keyid?: string;
  sig: Buffer;
}

export interface DecodedEnvelope {
  payloadType: string;
  payload: Buffer;
  signatures: RawSignature[];
}

export function verifyEnvelope(bytes: Buffer, opts: VerifyOptions): VerifiedAllowlist {
  // TUF §5.4.1: download (here: accept) at most a fixed number of bytes.
  const max = opts.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  if (bytes.length > max) {
    throw new PolicyError({ code: 'ENVELOPE_TOO_LARGE', message: `envelope is ${bytes.length} bytes, over the ${max}-byte limit` });
  }
  // DSSE "To verify", step 1: decode the envelope; reject if decoding fails.
  const env = decodeEnvelope(bytes);
  // DSSE multi-signature verification and TUF §5.4.2: a threshold of DISTINCT trusted
  // keys over PAE(payloadType, payload); keyid is only a hint (DSSE: "MUST NOT be used
  // for security decisions"); a key listed or signing twice counts once.
  const keyIds = checkSignatures(env, opts);
  // DSSE step 4: reject if PAYLOAD_TYPE is not a supported type (after the signatures,
  // because the type is authenticated by them through PAE).
  if (env.payloadType !== ALLOWLIST_PAYLOAD_TYPE) {
    throw new PolicyError({
      code: 'PAYLOAD_TYPE',
      message: `payloadType is "${env.payloadType}", expected "${ALLOWLIST_PAYLOAD_TYPE}": this envelope is not an mcp-warden allowlist`,
    });
  }
  // DSSE step 5: parse SERIALIZED_BODY according to PAYLOAD_TYPE; reject if parsing fails.
  const value = parsePayload(env.payload);
  // Our schema (strict) and the rules it cannot express: a signed allowlist is held to
  // exactly what `allowlist lint` checks.
  const allowlist = checkSchema(value);
  const digest = crypto.createHash('sha256').update(env.payload).digest('hex');
  // Cross-org replay: a validly signed allowlist of another org (sharing a signing key,
  // e.g. an MSP) must not apply here.
  if (allowlist.org !== opts.org) {
    throw new PolicyError({
      code: 'ORG_MISMATCH',
      message: `allowlist is for org "${allowlist.org}", this agent is configured for "${opts.org}"`,
    });
  }
  // TUF §5.4.4: check for a freeze attack (expiry against the fixed start time), with a
  // small skew. The allowlist already in force (same digest) is not "new": it stays in
  // force when it expires, reported stale (never turned into no policy or deny-all).
  // The shared strict parser: a leap second (`23:59:60Z`) is a real instant, and anything
  // it cannot read counts as expired (fail safe), never as "never expires".
  const expires = parseRfc3339(allowlist.expires) ?? Number.NEGATIVE_INFINITY;
  const expired = opts.now.getTime() > expires + EXPIRY_SKEW_MS;
  const inForce = opts.last !== undefined && opts.last.digest === digest;
  if (expired && !inForce) {
    throw new PolicyError({
      code: 'EXPIRED',
      message: `allowlist version ${allowlist.version} expired at ${allowlist.expires}`,
      jsonPath: '$.expires',
    });
  }
  if (opts.last) {
    // TUF §5.4.3.1: check for a rollback attack: the new version must not be lower than
    // the trusted one.
    if (allowlist.version < opts.last.version) {
      throw new PolicyError({
        code: 'ROLLBACK',
        message: `allowlist version ${allowlist.version} is older than version ${opts.last.version} already accepted`,
        jsonPath: '$.version',
      });
    }
    // TUF §5.4.3.1: at an equal version "there shouldn't be any changes in the content";
    // two different documents with one version number is a replay or a signing mistake.
    if (allowlist.version === opts.last.version && !inForce) {
      throw new PolicyError({
        code: 'VERSION_CONFLICT',
        message: `allowlist version ${allowlist.version} differs from the version ${opts.last.version} already accepted (digest ${opts.last.digest.slice(0, 12)}…): a changed allowlist needs a higher version`,
        jsonPath: '$.version',
      });
    }
  }
  return { allowlist, digest, keyIds, payload: env.payload, stale: expired };
}

function malformed(message: string, jsonPath?: string): never {
  throw new PolicyError({ code: 'ENVELOPE_MALFORMED', message, jsonPath });
}

export function decodeEnvelope(bytes: Buffer): DecodedEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new PolicyError({ code: 'ENVELOPE_MALFORMED', message: `not a JSON DSSE envelope: ${(e as Error).message}`, cause: e });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) malformed('envelope must be a JSON object', '$');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'payload' && k !== 'payloadType' && k !== 'signatures') malformed(`unknown envelope field "${k}"`, formatJsonPath([k]));
  }
  if (typeof o.payload !== 'string') malformed('payload must be a base64 string', '$.payload');
  if (typeof o.payloadType !== 'string') malformed('payloadType must be a string', '$.payloadType');
  if (!Array.isArray(o.signatures)) malformed('signatures must be an array', '$.signatures');
  if (o.signatures.length === 0)
    throw new PolicyError({ code: 'NO_SIGNATURES', message: 'the envelope carries no signature', jsonPath: '$.signatures' });
  if (o.signatures.length > MAX_SIGNATURES)
    malformed(`${o.signatures.length} signatures, more than the ${MAX_SIGNATURES} accepted`, '$.signatures');
  const payload = decodeBase64Strict(o.payload);
  if (!payload) throw new PolicyError({ code: 'BAD_BASE64', message: 'payload is not base64', jsonPath: '$.payload' });
  const signatures = (o.signatures as unknown[]).map((s, i): RawSignature => {
    const at = `$.signatures[${i}]`;
    if (s === null || typeof s !== 'object' || Array.isArray(s)) malformed('a signature must be an object {keyid?, sig}', at);
    const so = s as Record<string, unknown>;
    for (const k of Object.keys(so)) if (k !== 'sig' && k !== 'keyid') malformed(`unknown signature field "${k}"`, `${at}.${k}`);
    if (typeof so.sig !== 'string') malformed('sig must be a base64 string', `${at}.sig`);
    if (so.keyid !== undefined && typeof so.keyid !== 'string') malformed('keyid must be a string', `${at}.keyid`);
    const sig = decodeBase64Strict(so.sig);
    if (!sig) throw new PolicyError({ code: 'BAD_BASE64', message: `signature ${i} is not base64`, jsonPath: `${at}.sig` });
    return { keyid: so.keyid, sig };
  });
  return { payloadType: o.payloadType, payload, signatures };
}

/**
 * The distinct trusted keys whose signatures verify over PAE, and how many signatures
 * verified in all (a key signing twice is one signer, two valid signatures).
 */
export function verifiedSigners(
  env: DecodedEnvelope,
  trusted: ReadonlyMap<string, crypto.KeyObject>,
): { signers: Set<string>; valid: number } {
  const msg = pae(env.payloadType, env.payload);
  const accepted = new Set<string>();
  let validSignatures = 0;
  for (const s of env.signatures) {
    // The hint only orders the search: try the hinted key first, then every other one.
    const order = [...trusted.entries()].sort(([a], [b]) => Number(b === s.keyid) - Number(a === s.keyid));
    const match = order.find(([, key]) => verifySignature(key, msg, s.sig));
    if (!match) continue;
    validSignatures++;
    accepted.add(match[0]);
  }
  return { signers: accepted, valid: validSignatures };
}

function checkSignatures(env: DecodedEnvelope, opts: VerifyOptions): string[] {
  // Distinct trusted keys by id (a key listed twice in the config is one key).
  const trusted = new Map<string, crypto.KeyObject>();
  for (const k of opts.trustKeys) trusted.set(keyIdOf(k), k);
  const { signers: accepted, valid: validSignatures } = verifiedSigners(env, trusted);
  if (accepted.size >= opts.threshold) return [...accepted].sort();
  throw diagnoseSignatures(env, trusted, accepted.size, validSignatures, opts.threshold);
}

/** Below threshold: say why, as precisely as the evidence allows (failure path only). */
function diagnoseSignatures(
  env: DecodedEnvelope,
  trusted: Map<string, crypto.KeyObject>,
  distinct: number,
  valid: number,
  threshold: number,
): PolicyError {
  const need = `${threshold} distinct trusted key${threshold === 1 ? '' : 's'} required`;
  if (distinct > 0 && valid >= threshold) {
    return new PolicyError({
      code: 'DUPLICATE_SIGNATURES',
      message: `${valid} signatures verify but they come from only ${distinct} distinct key(s); ${need} (a key signing twice counts once)`,
    });
  }
  if (distinct > 0) {
    return new PolicyError({ code: 'THRESHOLD_NOT_MET', message: `${distinct} trusted key(s) signed; ${need}` });
  }
  const keys = [...trusted.values()];
  if (env.signatures.some((s) => keys.some((k) => verifySignature(k, env.payload, s.sig)))) {
    return new PolicyError({
      code: 'SIGNATURE_NOT_PAE',
      message:
        'a trusted key signed the raw payload instead of the DSSE pre-authentication encoding; sign with `mcp-warden allowlist sign`',
    });
  }
  if (env.signatures.some((s) => s.keyid !== undefined && trusted.has(s.keyid)) || env.signatures.some((s) => s.keyid === undefined)) {
    return new PolicyError({
      code: 'SIGNATURE_INVALID',
      message: 'no signature verifies with a trusted key: the payload or its type was changed after signing',
    });
  }
  const ids = env.signatures.map((s) => (s.keyid ?? '').slice(0, 16)).join(', ');
  return new PolicyError({ code: 'UNKNOWN_KEY', message: `signed only by keys this agent does not trust (${ids}…)` });
}

export function parsePayload(payload: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch (e) {
    throw new PolicyError({ code: 'PAYLOAD_PARSE', message: 'payload is not UTF-8', cause: e });
  }
  // parseSource (not bare JSON.parse): also refuses a repeated key, which two JSON
  // parsers could resolve differently.
  const parsed = parseSource(text, { format: 'json' });
  const first = parsed.errors[0];
  if (first) {
    throw new PolicyError({
      code: 'PAYLOAD_PARSE',
      message: `payload is not valid JSON: ${first.message} at ${first.position.line}:${first.position.column}`,
    });
  }
  return parsed.value;
}

function checkSchema(value: unknown): Allowlist {
  const issues = allowlistValidator.validate(value);
  if (issues.length === 0) {
    for (const s of semanticIssues(value as Allowlist))
      issues.push({ path: formatJsonPath(s.segments), segments: s.segments, message: s.message });
  }
  const first = issues[0];
  if (first) {
    const list = issues
      .slice(0, 10)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    throw new PolicyError({
      code: 'SCHEMA_INVALID',
      message: `allowlist is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${list}${issues.length > 10 ? '; …' : ''}`,
      jsonPath: first.path,
      issues,
    });
  }
  return value as Allowlist;
}
