// Query-string parsing for the admin API: pure, strict (an unknown parameter or a value
// that cannot match anything is a 400 naming it, so typos do not silently return
// everything), and bounded (lists, lengths, limits).
import { EVENT_KINDS, SEVERITIES, severityRank, type EventKind, type Severity } from '../events/types';
import { HttpError } from './errors';
import { decodeCursor } from './store/cursor';
import type { Compliance, DeviceFilter, EventFilter } from './store/queries';
import type { FindingFilter } from './store/fleet';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const MAX_LIST = 50;
const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function bad(message: string): HttpError {
  return new HttpError(400, 'INVALID_FILTER', message);
}

function only(q: URLSearchParams, allowed: readonly string[]): void {
  for (const k of q.keys()) if (!allowed.includes(k)) throw bad(`unknown parameter "${k.slice(0, 64)}" (allowed: ${allowed.join(', ')})`);
}

/** Repeated or comma-separated values. */
function list(q: URLSearchParams, name: string): string[] | undefined {
  const vals = q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (vals.length === 0) return undefined;
  if (vals.length > MAX_LIST) throw bad(`${name}: at most ${MAX_LIST} values`);
  return [...new Set(vals)];
}

function devices(q: URLSearchParams): string[] | undefined {
  const v = list(q, 'device');
  for (const d of v ?? []) if (!DEVICE_ID.test(d)) throw bad('device: not a device id (letters, digits, . _ : -)');
  return v;
}

function kinds(q: URLSearchParams): string[] | undefined {
  const v = list(q, 'kind');
  for (const k of v ?? []) if (!EVENT_KINDS.includes(k as EventKind)) throw bad(`kind: unknown kind (one of ${EVENT_KINDS.join(', ')})`);
  return v;
}

function time(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const t = Date.parse(v);
  if (!RFC3339.test(v) || Number.isNaN(t)) throw bad(`${name}: expected an RFC 3339 time such as 2024-05-01T10:00:00Z`);
  return t;
}

function limit(q: URLSearchParams): number {
  const v = q.get('limit');
  if (v === null) return DEFAULT_LIMIT;
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1 || Number(v) > MAX_LIMIT) throw bad(`limit: an integer from 1 to ${MAX_LIMIT}`);
  return Number(v);
}

function seconds(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^\d{1,10}$/.test(v)) throw bad(`${name}: a number of seconds`);
  return Number(v);
}

export function eventFilter(q: URLSearchParams): EventFilter {
  only(q, ['device', 'kind', 'severity', 'since', 'until', 'limit', 'cursor', 'order']);
  const sev = q.get('severity');
  if (sev !== null && !SEVERITIES.includes(sev as Severity)) throw bad(`severity: one of ${SEVERITIES.join(', ')} (the minimum)`);
  const order = q.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw bad('order: asc or desc');
  const cursor = q.get('cursor');
  return {
    devices: devices(q),
    kinds: kinds(q),
    minSeverity: sev === null ? undefined : severityRank(sev as Severity),
    sinceMs: time(q, 'since'),
    untilMs: time(q, 'until'),
    order,
    limit: limit(q),
    after: cursor === null ? undefined : decodeCursor(cursor, 'ns'),
  };
}

export function deviceFilter(q: URLSearchParams, now: number): DeviceFilter {
  only(q, ['status', 'kind', 'staleAfter', 'limit', 'cursor']);
  const status = q.get('status');
  if (status !== null && !['compliant', 'noncompliant', 'unknown'].includes(status))
    throw bad('status: compliant, noncompliant or unknown');
  const stale = seconds(q, 'staleAfter');
  const cursor = q.get('cursor');
  return {
    status: (status ?? undefined) as Compliance | undefined,
    driftKinds: kinds(q),
    staleBeforeMs: stale === undefined ? undefined : now - stale * 1000,
    limit: limit(q),
    after: cursor === null ? undefined : decodeCursor(cursor, 's'),
  };
}

export function findingFilter(q: URLSearchParams): FindingFilter {
  only(q, ['device', 'kind', 'limit', 'cursor']);
  const cursor = q.get('cursor');
  return { devices: devices(q), kinds: kinds(q), limit: limit(q), after: cursor === null ? undefined : decodeCursor(cursor, 'nsss') };
}

export const DEFAULT_STALE_AFTER_S = 24 * 3600;

export function summaryParams(q: URLSearchParams): { staleAfterMs: number } {
  only(q, ['staleAfter']);
  return { staleAfterMs: (seconds(q, 'staleAfter') ?? DEFAULT_STALE_AFTER_S) * 1000 };
}
