// What the agent needs from one reconcile pass (adapter over src/reconcile in pass.ts).
import type { PostureFinding } from '../report/heartbeat';

export interface PassRequest {
  /** A full pass runs discovery everywhere; otherwise only `changed` files are re-judged. */
  full: boolean;
  changed?: string[];
}

export interface PassReport {
  /** Every config file discovery read (content is re-checked after the pass). */
  files: string[];
  /** Folders where config files may appear (watched at depth 0). */
  folders: string[];
  /** Entries by verdict. */
  counts: Record<string, number>;
  /** Entries by source (user, local, project, plugin, subagent). */
  sources: Record<string, number>;
  actions: number;
  failures: number;
  /** Entries removed from the developer's config in this pass (for the notification). */
  removed: Array<{ name: string; reason: string; file: string; quarantineId?: string }>;
  /** Quarantined entries the policy now approves, put back before this pass (issue 19). */
  restored?: Array<{ name: string; file: string; quarantineId: string; requestId?: string }>;
  /** Drift still present after the pass (for the heartbeat posture). */
  findings: PostureFinding[];
  /** Files this pass wrote, with the SHA-256 of the bytes it wrote (recognises our own writes). */
  written: Array<{ file: string; sha256: string }>;
  /** Nothing outside the policy remains. */
  compliant: boolean;
  /** A held action (flapping backoff) becomes due after this many ms: pass again then. */
  retryAfterMs?: number;
}
