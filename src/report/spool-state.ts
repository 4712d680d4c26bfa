// `spool/state.json`: counters that must survive restarts (so a drop is never silent) and
// the outcome of the last send (for `mcp-warden status`). Read tolerantly: a damaged state
// file resets the counters but never blocks reporting.
import * as fs from 'node:fs';
import { writeFileAtomic } from '../util/fsio';
import { ioError } from './spool-files';

export interface Counter {
  total: number;
  byKind: Record<string, number>;
}

/** Outcome of one send pass. */
export type SendOutcome =
  /** Everything pending was delivered (or nothing was pending). */
  | 'ok'
  /** Some events were delivered; the deadline ran out before the rest. */
  | 'partial'
  /** The collector or the network failed in a way worth retrying later (5xx, 408, 429, timeout). */
  | 'retryable'
  /** The collector refused the request for good (401, 403, 404 …): fix the config; retried slowly. */
  | 'permanent'
  /** Another process is sending right now. */
  | 'busy'
  /** A previous Retry-After or a permanent failure says not yet. */
  | 'deferred'
  /** `report.url` is not set. */
  | 'not_configured';

export interface SendRecord {
  at: string;
  outcome: SendOutcome;
  /** Events acknowledged as new by the collector in this pass. */
  accepted: number;
  duplicates: number;
  /** Events the collector refused for good in this pass (moved to dead.jsonl). */
  rejected: number;
  /** Events still pending after the pass. */
  pending: number;
  httpStatus?: number;
  /** Short reason, no secrets (e.g. `HTTP 401 UNAUTHORIZED`, `network: ECONNREFUSED`). */
  error?: string;
  /** Error code when the pass failed before any request (e.g. ENDPOINT_INSECURE, TOKEN_MISSING, CA_UNREADABLE). */
  errorCode?: string;
  /** The network reason a request failed (src/net/errors.ts: PROXY_AUTH_REQUIRED, TLS_INTERCEPTED, …). */
  netCode?: string;
}

export interface SpoolState {
  version: 1;
  /** Events the full spool dropped (cumulative). */
  dropped: Counter;
  /** Dropped events not yet covered by an `agent.events_dropped` event. */
  unreported: Counter;
  /** Events refused because they did not match the schema (producer bugs), cumulative. */
  invalid: Counter;
  /** Damaged lines discarded at compaction (torn writes), cumulative. */
  corrupt: number;
  /** Dead letters discarded because dead.jsonl reached its cap, cumulative. */
  deadDiscarded: number;
  lastSend?: SendRecord;
  lastSuccessAt?: string;
  /** Do not send before this time (a Retry-After, or the slow retry after a permanent failure). */
  notBefore?: string;
  /** Fingerprint of the endpoint and token a permanent failure was about: a changed config retries at once. */
  notBeforeKey?: string;
}

export function emptyState(): SpoolState {
  return {
    version: 1,
    dropped: { total: 0, byKind: {} },
    unreported: { total: 0, byKind: {} },
    invalid: { total: 0, byKind: {} },
    corrupt: 0,
    deadDiscarded: 0,
  };
}

function isCounter(v: unknown): v is Counter {
  return typeof v === 'object' && v !== null && typeof (v as Counter).total === 'number' && typeof (v as Counter).byKind === 'object';
}

export function readState(file: string): SpoolState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return emptyState();
  }
  if (typeof raw !== 'object' || raw === null || (raw as SpoolState).version !== 1) return emptyState();
  const s = raw as SpoolState;
  const base = emptyState();
  return {
    ...base,
    ...s,
    dropped: isCounter(s.dropped) ? s.dropped : base.dropped,
    unreported: isCounter(s.unreported) ? s.unreported : base.unreported,
    invalid: isCounter(s.invalid) ? s.invalid : base.invalid,
    corrupt: typeof s.corrupt === 'number' ? s.corrupt : 0,
    deadDiscarded: typeof s.deadDiscarded === 'number' ? s.deadDiscarded : 0,
  };
}

/** Call under the spool lock. */
export function writeState(file: string, state: SpoolState): void {
  try {
    writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  } catch (e) {
    throw ioError(file, 'cannot write', e);
  }
}

export function bump(c: Counter, kind: string, n = 1): void {
  c.total += n;
  c.byKind[kind] = (c.byKind[kind] ?? 0) + n;
}
