// The agent's memory of the trust root: `<stateDir>/policy/roots.json`, the chain of root
// envelopes from the bootstrap root to the newest one trusted (TUF §5.3.8: persist the
// new root). The chain, not just the newest root: the state folder belongs to the user,
// so nothing in it is trusted on its own; every load re-walks it from the root pinned in
// the MDM-delivered agent config, like last-good.json is re-verified against the keys.
// Written atomically, mode 0600, under the policy state lock, and only forward.
import * as path from 'node:path';
import { ensurePrivateDir, readCapped, writeFileAtomic } from '../util/fsio';
import { MAX_CHAIN_BYTES } from './root';
import { policyStateDir, withStateLock } from './last-good';

export interface RootState {
  format: 1;
  /** Version and payload digest of the newest root in `chain`. */
  version: number;
  digest: string;
  /** Root envelopes, base64, oldest first. */
  chain: string[];
}

export function rootStateFile(stateDir: string): string {
  return path.join(policyStateDir(stateDir), 'roots.json');
}

function isRootState(v: unknown): v is RootState {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (
    s.format === 1 &&
    Number.isSafeInteger(s.version) &&
    typeof s.digest === 'string' &&
    Array.isArray(s.chain) &&
    s.chain.every((c) => typeof c === 'string')
  );
}

/** The stored chain; `corrupt` when a file is there but not ours (treated as no chain, never rewritten except forward). */
export function readRootState(stateDir: string): { state?: RootState; corrupt?: string } {
  const file = rootStateFile(stateDir);
  let bytes: Buffer;
  try {
    bytes = readCapped(file, MAX_CHAIN_BYTES * 2);
  } catch (e) {
    if ((e as { code?: string }).code === 'FILE_NOT_FOUND') return {};
    return { corrupt: (e as Error).message };
  }
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return isRootState(v) ? { state: v } : { corrupt: `${file}: not a roots state file` };
  } catch (e) {
    return { corrupt: `${file}: ${(e as Error).message}` };
  }
}

export function chainBytes(state: RootState | undefined): Buffer[] {
  return (state?.chain ?? []).map((c) => Buffer.from(c, 'base64'));
}

/** Store `next` unless what is stored already reaches a higher version. Returns whether it was written. */
export function writeRootState(stateDir: string, next: RootState): boolean {
  const dir = policyStateDir(stateDir);
  ensurePrivateDir(dir);
  return withStateLock(dir, () => {
    const { state: current } = readRootState(stateDir);
    if (current && (current.version > next.version || (current.version === next.version && current.digest === next.digest))) return false;
    writeFileAtomic(rootStateFile(stateDir), JSON.stringify(next) + '\n', { mode: 0o600 });
    return true;
  });
}
