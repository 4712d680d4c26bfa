// What plan() remembers between passes (kept by src/reconcile in the state folder): the
// removals we made, so an entry that comes back is recognised as flapping.
import * as crypto from 'node:crypto';
import type { ServerEntry } from '../inventory/types';
import { canonicalJson } from '../util/json-safe';

export interface RemovalRecord {
  /** Removals in the current run of flapping (1 = removed once, never came back). */
  count: number;
  /** ISO time of the first and the latest removal. */
  first: string;
  last: string;
  /** The quarantine record holding the entry, reused when it is removed again. */
  recordId?: string;
}

export interface PlanState {
  /** Random per state folder: fingerprints of entries are salted so they reveal nothing. */
  salt: string;
  /** By entry fingerprint. */
  removals: Record<string, RemovalRecord>;
}

export function emptyPlanState(salt: string): PlanState {
  return { salt, removals: {} };
}

// Iterative (src/util/json-safe.ts): an entry nested thousands of levels deep must not
// end the pass with a stack overflow.
export { canonicalJson };

/** Salted fingerprint of an entry where it lives and as it is (secret values included, hence the salt). */
export function entryFingerprint(salt: string, entry: ServerEntry): string {
  return crypto
    .createHash('sha256')
    .update(`${salt}\u0000${entry.file}\u0000${JSON.stringify(entry.jsonPath)}\u0000${canonicalJson(entry.raw)}`)
    .digest('hex')
    .slice(0, 32);
}
