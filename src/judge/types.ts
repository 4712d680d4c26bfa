// The judge's verdict on one entry: pure data, read by the plan and everything after it.

export type VerdictKind =
  | 'approved'
  | 'unapproved'
  | 'pin_mismatch'
  | 'denied'
  | 'unverifiable'
  /** Types we do not govern (sdk, internal), managed servers, plugin servers: inventoried only. */
  | 'ignored';

export interface Verdict {
  entryKey: string;
  verdict: VerdictKind;
  /** The allowlist rule that approved (or nearly matched) the entry. */
  ruleId?: string;
  /** Human-readable, no secrets. */
  reason: string;
  /** Extra facts worth showing (e.g. a pinned package npx has not installed yet). No secrets. */
  notes?: string[];
}
