// What `mcp-warden status` shows about reporting: read-only, no lock (files are replaced
// atomically, so a reader sees a whole old or a whole new version).
import { readDeadLetters } from './spool-dead';
import { looksLikeEvent, readLines, spoolPaths } from './spool-files';
import { readState, type SendRecord } from './spool-state';

export interface SpoolStatus {
  /** Events waiting for the collector. */
  pending: number;
  pendingBytes: number;
  /** Time of the oldest pending event. */
  oldestPending?: string;
  /** Events the full spool dropped (cumulative), and how many are not yet reported. */
  dropped: { total: number; byKind: Record<string, number>; unreported: number };
  /** Events refused as invalid before spooling (producer bugs), cumulative. */
  invalid: number;
  /** Events the collector refused for good, kept aside in dead.jsonl. */
  deadLetters: number;
  deadLetterReasons: Record<string, number>;
  /** Damaged lines discarded (torn writes), cumulative. */
  corrupt: number;
  lastSend?: SendRecord;
  lastSuccessAt?: string;
  /** The sender will not try before this time (Retry-After, or after a permanent failure). */
  notBefore?: string;
}

export function spoolStatus(stateDir: string): SpoolStatus {
  const paths = spoolPaths(stateDir);
  const { lines } = readLines(paths.events, looksLikeEvent);
  const state = readState(paths.state);
  const dead = readDeadLetters(paths);
  const reasons: Record<string, number> = {};
  for (const d of dead) reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
  let oldest: string | undefined;
  for (const l of lines) if (oldest === undefined || l.value.time < oldest) oldest = l.value.time;
  return {
    pending: lines.length,
    pendingBytes: lines.reduce((n, l) => n + l.bytes, 0),
    ...(oldest === undefined ? {} : { oldestPending: oldest }),
    dropped: { total: state.dropped.total, byKind: state.dropped.byKind, unreported: state.unreported.total },
    invalid: state.invalid.total,
    deadLetters: dead.length,
    deadLetterReasons: reasons,
    corrupt: state.corrupt,
    ...(state.lastSend ? { lastSend: state.lastSend } : {}),
    ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    ...(state.notBefore ? { notBefore: state.notBefore } : {}),
  };
}
