// The agent's memory of the last good policy: `<stateDir>/policy/last-good.json`, one file
// holding the accepted envelope's exact bytes and what verification established
// (version, digest, when, from where). One file, written atomically, so the envelope and
// its rollback anchor can never disagree after a crash (TUF §5.4.5: persist the trusted
// metadata).
//
// Several processes may accept a policy at once (the agent, `reconcile`, every `exec`
// launch). Writes happen under a lock and only move forward: a process holding an older
// verification never overwrites a newer anchor.
import * as path from 'node:path';
import { withLockSync } from '../util/lock';
import { ensurePrivateDir, readCapped, writeFileAtomic } from '../util/fsio';

export interface PolicyState {
  /** Format of this file. */
  format: 1;
  version: number;
  /** SHA-256 hex of the payload bytes. */
  digest: string;
  /** When this agent first accepted this version (ISO). */
  acceptedAt: string;
  /** Where it came from (file path or URL). */
  source: string;
  keyIds: string[];
  /** The envelope bytes as received, base64. */
  envelope: string;
}

const STATE_FILE = 'last-good.json';
/** Bytes: the envelope cap (1 MiB by default, up to 64 MiB) in base64 plus a little. */
const MAX_STATE_BYTES = 96 * 1024 * 1024;
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 5;

export function policyStateDir(stateDir: string): string {
  return path.join(stateDir, 'policy');
}

export function policyStateFile(stateDir: string): string {
  return path.join(policyStateDir(stateDir), STATE_FILE);
}

function isState(v: unknown): v is PolicyState {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (
    s.format === 1 &&
    Number.isSafeInteger(s.version) &&
    typeof s.digest === 'string' &&
    /^[a-f0-9]{64}$/.test(s.digest) &&
    typeof s.acceptedAt === 'string' &&
    typeof s.source === 'string' &&
    Array.isArray(s.keyIds) &&
    typeof s.envelope === 'string'
  );
}

/**
 * The stored state, or undefined when there is none. A file that is unreadable or not
 * ours is reported as `corrupt` (never silently treated as absent by the caller: it
 * decides) and never rewritten except by a newer acceptance.
 */
export function readPolicyState(stateDir: string): { state?: PolicyState; corrupt?: string } {
  const file = policyStateFile(stateDir);
  let bytes: Buffer;
  try {
    bytes = readCapped(file, MAX_STATE_BYTES);
  } catch (e) {
    if ((e as { code?: string }).code === 'FILE_NOT_FOUND') return {};
    return { corrupt: (e as Error).message };
  }
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return isState(v) ? { state: v } : { corrupt: `${file}: not a policy state file` };
  } catch (e) {
    return { corrupt: `${file}: ${(e as Error).message}` };
  }
}

export function envelopeBytes(state: PolicyState): Buffer {
  return Buffer.from(state.envelope, 'base64');
}

/** Serialise writers of the policy state folder (`dir` = policyStateDir). */
export function withStateLock<T>(dir: string, fn: () => T): T {
  return withLockSync(
    dir,
    { lockfilePath: path.join(dir, '.lock'), staleMs: LOCK_STALE_MS, waitMs: LOCK_WAIT_MS, pollMs: LOCK_POLL_MS },
    fn,
  );
}

/**
 * Store `next` unless what is stored is already newer (a higher version, or the same
 * version with another digest). Returns whether it was written.
 */
export function writePolicyState(stateDir: string, next: PolicyState): boolean {
  const dir = policyStateDir(stateDir);
  ensurePrivateDir(dir);
  return withStateLock(dir, () => {
    const { state: current } = readPolicyState(stateDir);
    if (current && (current.version > next.version || (current.version === next.version && current.digest !== next.digest))) {
      return false;
    }
    if (current && current.digest === next.digest && current.envelope === next.envelope) return false;
    writeFileAtomic(policyStateFile(stateDir), JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
    return true;
  });
}
