// The agent's policy loader. OWNED BY the signed-allowlist work (issue 2): replaced there.
import type { LoadedConfig } from '../config/types';
import type { Policy } from './types';

export interface PolicyLoadResult {
  /** The policy in force: the newly accepted one, or the last good one; null = none (audit only). */
  policy: Policy | null;
  status: 'accepted' | 'unchanged' | 'kept-last-good' | 'none';
  /** Why the candidate was rejected (a PolicyError: code + message). */
  rejection?: { code: string; message: string };
  /** The policy in force is past its expiry (kept, reported as policy.stale). */
  stale?: boolean;
}

export interface LoadPolicyOptions {
  config: LoadedConfig;
  /** Where last-good and rollback state live. */
  stateDir: string;
  now?: Date;
  /** Bytes fetched from allowlist.url; default: read allowlist.file. */
  candidate?: { bytes: Buffer; source: string };
}

export function loadPolicy(_opts: LoadPolicyOptions): PolicyLoadResult {
  throw new Error('loadPolicy: not implemented yet');
}
