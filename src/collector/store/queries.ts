// Admin queries. Every filter value is a bound parameter; pagination is keyset-based on
// indexed columns (see migrations.ts), so a page costs the same on the millionth event.
import type { DriftEvent } from '../../events/types';
import { placeholders, type Db, type SqlValue } from './db';
import { encodeCursor, type CursorKey } from './cursor';

export interface EventFilter {
  devices?: string[];
  kinds?: string[];
  /** Severity rank (info 0 … critical 4): events at least this severe. */
  minSeverity?: number;
  sinceMs?: number;
  /** Exclusive. */
  untilMs?: number;
  order: 'asc' | 'desc';
  limit: number;
  /** [time_ms, id] of the last row of the previous page. */
  after?: CursorKey;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

export async function queryEvents(db: Db, f: EventFilter): Promise<Page<DriftEvent>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.devices?.length) {
    where.push(`device_id IN (${placeholders(f.devices.length)})`);
    params.push(...f.devices);
  }
  if (f.kinds?.length) {
    where.push(`kind IN (${placeholders(f.kinds.length)})`);
    params.push(...f.kinds);
  }
  if (f.minSeverity !== undefined && f.minSeverity > 0) {
    where.push('severity_rank >= ?');
    params.push(f.minSeverity);
  }
  if (f.sinceMs !== undefined) {
    where.push('time_ms >= ?');
    params.push(f.sinceMs);
  }
  if (f.untilMs !== undefined) {
    where.push('time_ms < ?');
    params.push(f.untilMs);
  }
  const cmp = f.order === 'desc' ? '<' : '>';
  if (f.after) {
    // A row-value comparison: both engines use the (…, time_ms, id) index for it.
    where.push(`(time_ms, id) ${cmp} (?, ?)`);
    params.push(f.after[0] ?? 0, f.after[1] ?? '');
  }
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await db.all<{ body: string; time_ms: number; id: string }>(
    `SELECT body, time_ms, id FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY time_ms ${dir}, id ${dir} LIMIT ?`,
    [...params, f.limit + 1],
  );
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => JSON.parse(r.body) as DriftEvent),
    nextCursor: more && last ? encodeCursor([Number(last.time_ms), last.id]) : null,
  };
}

export type Compliance = 'compliant' | 'noncompliant' | 'unknown';

export interface DeviceFilter {
  status?: Compliance;
  /** Only devices with an open finding of one of these kinds. */
  driftKinds?: string[];
  /** Only devices not seen since this time. */
  staleBeforeMs?: number;
  limit: number;
  after?: CursorKey;
}

export interface DriftKindView {
  kind: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface DeviceView {
  id: string;
  hostname: string;
  os: string;
  user: string;
  agentVersion: string;
  firstSeen: string | null;
  lastSeen: string | null;
  lastEventTime: string | null;
  policy: { org: string; version: number; digest: string } | null;
  /** Effective: false with any open drift, else the latest heartbeat's word, null when never told. */
  compliant: boolean | null;
  posture: { time: string | null; detail: unknown } | null;
  openDrift: { total: number; kinds: DriftKindView[] };
}

interface DeviceRow {
  id: string;
  hostname: string;
  os: string;
  user_name: string;
  agent_version: string;
  first_seen_ms: number;
  last_seen_ms: number;
  last_event_ms: number;
  policy_org: string | null;
  policy_version: number | null;
  policy_digest: string | null;
  posture_ms: number | null;
  compliant: number | null;
  posture: string | null;
}

const HAS_DRIFT = 'EXISTS (SELECT 1 FROM findings f WHERE f.device_id = d.id)';

export async function listDevices(db: Db, f: DeviceFilter): Promise<Page<DeviceView>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status === 'noncompliant') where.push(`(d.compliant = 0 OR ${HAS_DRIFT})`);
  if (f.status === 'compliant') where.push(`(d.compliant = 1 AND NOT ${HAS_DRIFT})`);
  if (f.status === 'unknown') where.push(`(d.compliant IS NULL AND NOT ${HAS_DRIFT})`);
  if (f.driftKinds?.length) {
    where.push(`EXISTS (SELECT 1 FROM findings f WHERE f.device_id = d.id AND f.kind IN (${placeholders(f.driftKinds.length)}))`);
    params.push(...f.driftKinds);
  }
  if (f.staleBeforeMs !== undefined) {
    where.push('d.last_seen_ms < ?');
    params.push(f.staleBeforeMs);
  }
  if (f.after) {
    where.push('d.id > ?');
    params.push(f.after[0] ?? '');
  }
  const rows = await db.all<DeviceRow>(
    `SELECT d.* FROM devices d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id LIMIT ?`,
    [...params, f.limit + 1],
  );
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const drift = new Map<string, DriftKindView[]>();
  if (page.length > 0) {
    const agg = await db.all<{ device_id: string; kind: string; n: number; first: number; last: number }>(
      `SELECT device_id, kind, COUNT(*) AS n, MIN(first_seen_ms) AS first, MAX(last_seen_ms) AS last FROM findings
       WHERE device_id IN (${placeholders(page.length)}) GROUP BY device_id, kind ORDER BY device_id, kind`,
      page.map((r) => r.id),
    );
    for (const a of agg) {
      const list = drift.get(a.device_id) ?? [];
      list.push({ kind: a.kind, count: Number(a.n), firstSeen: iso(a.first), lastSeen: iso(a.last) });
      drift.set(a.device_id, list);
    }
  }
  const last = page[page.length - 1];
  return { items: page.map((r) => deviceView(r, drift.get(r.id) ?? [])), nextCursor: more && last ? encodeCursor([last.id]) : null };
}

function deviceView(r: DeviceRow, kinds: DriftKindView[]): DeviceView {
  const total = kinds.reduce((n, k) => n + k.count, 0);
  let detail: unknown = null;
  if (r.posture) {
    try {
      detail = JSON.parse(r.posture);
    } catch {
      detail = null;
    }
  }
  return {
    id: r.id,
    hostname: r.hostname,
    os: r.os,
    user: r.user_name,
    agentVersion: r.agent_version,
    firstSeen: iso(r.first_seen_ms),
    lastSeen: iso(r.last_seen_ms),
    lastEventTime: iso(r.last_event_ms),
    policy:
      r.policy_org !== null && r.policy_version !== null && r.policy_digest !== null
        ? { org: r.policy_org, version: Number(r.policy_version), digest: r.policy_digest }
        : null,
    compliant: total > 0 ? false : r.compliant === null ? null : Number(r.compliant) === 1,
    posture: r.posture_ms === null ? null : { time: iso(r.posture_ms), detail },
    openDrift: { total, kinds },
  };
}
