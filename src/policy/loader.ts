// The agent's policy loader: which verified allowlist is in force right now.
//
//  - A candidate (allowlist.file's bytes, or what the URL poller fetched) that verifies
//    becomes the policy in force and the new last good (stored atomically).
//  - A candidate that is refused leaves the last good in force, re-verified from its
//    stored envelope against the CURRENT trust keys (a revoked key revokes its policies),
//    and the refusal is returned for the agent to report (policy.rejected).
//  - A policy in force that passes `expires` stays in force, flagged stale: never fall
//    back to deny-all or allow-all (DESIGN: fail safe).
//  - Nothing valid at all: no policy (the agent runs audit-only).
// TUF's note on the client workflow applies: a failed update must not leave the client
// unable to update later, hence nothing here ever deletes the last good state.
//
// Runs on every `mcp-warden exec` launch: one state read, one or two Ed25519 verifies, a
// precompiled schema check; writes only when something changed.
import type { LoadedConfig } from '../config/types';
import { isWardenError } from '../errors';
import { log } from '../log/logger';
import { readCapped } from '../util/fsio';
import { isPolicyError, PolicyError } from './errors';
import { envelopeBytes, readPolicyState, writePolicyState, type PolicyState } from './last-good';
import { DEFAULT_MAX_ENVELOPE_BYTES, verifyEnvelope, type VerifiedAllowlist, type VerifyOptions } from './verify';
import type { Policy } from './types';
import { resolveTrust, rootSummary, type RootSummary } from './trust';

export interface PolicyLoadResult {
  /** The policy in force: the newly accepted one, or the last good one; null = none (audit only). */
  policy: Policy | null;
  status: 'accepted' | 'unchanged' | 'kept-last-good' | 'none';
  /** Why the candidate was rejected (a PolicyError: code + message). */
  rejection?: { code: string; message: string };
  /** The policy in force is past its expiry (kept, reported as policy.stale). */
  stale?: boolean;
  /** Why the stored last good could not be used either (status 'none' after a rejection). */
  lastGoodRejection?: { code: string; message: string };
  /** The new last good could not be stored (the policy is still in force for this run). */
  stateError?: string;
  /**
   * The candidate is older than the last good, which came from ANOTHER source (allowlist.file
   * still holds version 4 while allowlist.url delivered version 5). Refused like any
   * rollback, but expected while MDM catches up: not a rejection to alarm about.
   */
  superseded?: { code: string; message: string; source: string };
  /** The trust root in force, when the agent config sets trust.root. */
  root?: RootSummary;
  /** A root offered but refused (trust stays at `root`), or why there is no root at all. */
  rootRejection?: { code: string; message: string };
}

export interface LoadPolicyOptions {
  config: LoadedConfig;
  /** Where last-good and rollback state live. */
  stateDir: string;
  now?: Date;
  /** Bytes fetched from allowlist.url; default: read allowlist.file. */
  candidate?: { bytes: Buffer; source: string };
  /** Verify only: never write the state (for `allowlist verify`). */
  readOnly?: boolean;
  /** Roots chain entries fetched from trust.root.chainUrl. */
  fetchedRoots?: readonly Buffer[];
}

type Candidate = { bytes: Buffer; source: string } | { error: PolicyError } | undefined;

function readCandidate(file: string | undefined, maxBytes: number): Candidate {
  if (file === undefined) return undefined;
  try {
    return { bytes: readCapped(file, maxBytes), source: file };
  } catch (e) {
    const code = isWardenError(e) ? e.code : undefined;
    if (code === 'FILE_TOO_LARGE') {
      return {
        error: new PolicyError({ code: 'ENVELOPE_TOO_LARGE', message: `${file}: over the ${maxBytes}-byte limit`, file, cause: e }),
      };
    }
    if (code === 'FILE_NOT_FOUND') {
      return { error: new PolicyError({ code: 'SOURCE_MISSING', message: `${file}: no such file`, file, cause: e }) };
    }
    return { error: new PolicyError({ code: 'SOURCE_UNREADABLE', message: (e as Error).message, file, cause: e }) };
  }
}

function toPolicy(v: VerifiedAllowlist, acceptedAt: string, source: string): Policy {
  return { allowlist: v.allowlist, digest: v.digest, keyIds: v.keyIds, acceptedAt, source };
}

function brief(e: PolicyError): { code: string; message: string } {
  return { code: e.code, message: e.message };
}

export function loadPolicy(opts: LoadPolicyOptions): PolicyLoadResult {
  // TUF §5.1: one fixed time for the whole verification.
  const now = opts.now ?? new Date();
  // TUF §5.3 before §5.4: the root decides which keys may sign the allowlist.
  const trust = resolveTrust({
    config: opts.config,
    stateDir: opts.stateDir,
    now,
    fetchedRoots: opts.fetchedRoots,
    readOnly: opts.readOnly,
  });
  const rootProblem = trust.fatal ?? trust.rootRejection;
  const rootInfo = {
    ...(trust.root ? { root: rootSummary(trust.root, now) } : {}),
    ...(rootProblem ? { rootRejection: brief(rootProblem) } : {}),
  };
  const r = loadWithKeys(opts, now, trust.trustKeys, trust.threshold, trust.fatal ?? trust.frozen);
  return { ...r, ...rootInfo };
}

function loadWithKeys(
  opts: LoadPolicyOptions,
  now: Date,
  trustKeys: VerifyOptions['trustKeys'],
  threshold: number,
  refuseCandidates?: PolicyError,
): PolicyLoadResult {
  const cfg = opts.config.config;
  const maxBytes = cfg.allowlist.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  const base: VerifyOptions = { trustKeys, threshold, org: cfg.org, now, maxBytes };

  const stored = readPolicyState(opts.stateDir);
  if (stored.corrupt) log().warn('policy state unreadable; treating as no last good', { reason: stored.corrupt });
  const state = stored.state;
  const last = state ? { version: state.version, digest: state.digest } : undefined;
  const storedBytes = state ? envelopeBytes(state) : undefined;

  const candidate = opts.candidate ?? readCandidate(cfg.allowlist.file, maxBytes);
  let rejection: PolicyError | undefined;
  let superseded: PolicyLoadResult['superseded'];
  if (refuseCandidates) {
    // No usable root, or a frozen one: nothing new is accepted; the last good is kept
    // if the root's keys still vouch for it.
    rejection = refuseCandidates;
  } else if (candidate && 'bytes' in candidate) {
    try {
      const v = verifyEnvelope(candidate.bytes, { ...base, last });
      return accept(v, candidate, state, now, opts);
    } catch (e) {
      if (!isPolicyError(e)) throw e;
      if (e.code === 'ROLLBACK' && state && state.source !== candidate.source) {
        superseded = { code: e.code, message: e.message, source: candidate.source };
      } else {
        rejection = e;
      }
      // The candidate IS the stored envelope: re-verifying it would fail the same way.
      if (storedBytes?.equals(candidate.bytes)) {
        return { policy: null, status: 'none', rejection: brief(e), lastGoodRejection: brief(e) };
      }
    }
  } else if (candidate) {
    rejection = candidate.error;
  }

  if (!state || !storedBytes) {
    return rejection ? { policy: null, status: 'none', rejection: brief(rejection) } : { policy: null, status: 'none' };
  }
  try {
    const kept = verifyEnvelope(storedBytes, { ...base, maxBytes: Math.max(maxBytes, storedBytes.length), last });
    return {
      policy: toPolicy(kept, state.acceptedAt, state.source),
      status: rejection ? 'kept-last-good' : 'unchanged',
      ...(rejection ? { rejection: brief(rejection) } : {}),
      ...(superseded ? { superseded } : {}),
      stale: kept.stale,
    };
  } catch (e) {
    if (!isPolicyError(e)) throw e;
    const lastGoodRejection = brief(e);
    // Without a usable last good, an older candidate is no longer "superseded": report it.
    const refused = rejection ?? (superseded ? new PolicyError({ code: 'ROLLBACK', message: superseded.message }) : undefined);
    return refused
      ? { policy: null, status: 'none', rejection: brief(refused), lastGoodRejection }
      : { policy: null, status: 'none', lastGoodRejection };
  }
}

function accept(
  v: VerifiedAllowlist,
  candidate: { bytes: Buffer; source: string },
  state: PolicyState | undefined,
  now: Date,
  opts: LoadPolicyOptions,
): PolicyLoadResult {
  const same = state !== undefined && state.digest === v.digest;
  const acceptedAt = same ? state.acceptedAt : now.toISOString();
  const result: PolicyLoadResult = {
    policy: toPolicy(v, acceptedAt, candidate.source),
    status: same ? 'unchanged' : 'accepted',
    stale: v.stale,
  };
  const envelope = candidate.bytes.toString('base64');
  // Same payload and same envelope bytes: nothing to store (the common exec path).
  if (opts.readOnly || (same && state.envelope === envelope)) return result;
  try {
    writePolicyState(opts.stateDir, {
      format: 1,
      version: v.allowlist.version,
      digest: v.digest,
      acceptedAt,
      source: candidate.source,
      keyIds: v.keyIds,
      envelope,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log().warn('cannot store the accepted policy', { stateDir: opts.stateDir, error: message });
    result.stateError = message;
  }
  return result;
}
