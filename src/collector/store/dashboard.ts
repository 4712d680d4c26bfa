// The dashboard's queries. Every table it shows is filtered, sorted and paged here, in SQL:
// sort keys come from a fixed map (never from the request), values are bound parameters,
// offsets are bounded (MAX_OFFSET), and each query reads an index or a small table
// (devices: one row per device; event_counts: one row per day, kind, severity and shard).
import { placeholders, type Db, type SqlValue } from './db';

/** Deepest row an offset page may start at: past it, narrow the filter (or export CSV). */
export const MAX_OFFSET = 10_000;

export type Dir = 'asc' | 'desc';

export interface Window {
  offset: number;
  limit: number;
  sort: string;
  dir: Dir;
}

export interface Rows<T> {
  items: T[];
  /** Rows matching the filter (for "n of m" and the pager). */
  total: number;
}

/** `ORDER BY` from a fixed map of sort keys; the tie-breaker keeps pages stable. */
function orderBy(map: Record<string, string>, w: Window, tie: string): string {
  const col = map[w.sort] ?? Object.values(map)[0] ?? tie;
  const d = w.dir === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${col} ${d}, ${tie} ${d}`;
}

const like = (q: string): string => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const num = (v: unknown): number => Number(v ?? 0);
const HAS_DRIFT = 'EXISTS (SELECT 1 FROM findings f WHERE f.device_id = d.id)';

export interface RolloutRow {
  org: string | null;
  version: number | null;
  digest: string | null;
  mode: string | null;
  devices: number;
  compliant: number;
  nonCompliant: number;
  stale: number;
  lastSeenMs: number;
}

export interface PolicyFilter {
  mode?: string;
}

/** Devices per policy (org, version, digest) and mode: the audit → enforce rollout. */
export async function policies(db: Db, f: PolicyFilter, w: Window, staleBeforeMs: number): Promise<Rows<RolloutRow>> {
  const where = f.mode ? 'WHERE d.policy_mode = ?' : '';
  const params: SqlValue[] = f.mode ? [f.mode] : [];
  const group = 'd.policy_org, d.policy_version, d.policy_digest, d.policy_mode';
  const rows = await db.all<Record<string, unknown>>(
    // One pass over the devices joined to the (few) devices with open drift, as summary() does.
    `SELECT d.policy_org AS org, d.policy_version AS version, d.policy_digest AS digest, d.policy_mode AS mode, COUNT(*) AS devices,
       SUM(CASE WHEN o.device_id IS NULL AND d.compliant = 1 THEN 1 ELSE 0 END) AS compliant,
       SUM(CASE WHEN o.device_id IS NOT NULL OR d.compliant = 0 THEN 1 ELSE 0 END) AS noncompliant,
       SUM(CASE WHEN d.last_seen_ms < ? THEN 1 ELSE 0 END) AS stale, MAX(d.last_seen_ms) AS last_seen
     FROM devices d LEFT JOIN (SELECT DISTINCT device_id FROM findings) o ON o.device_id = d.id ${where} GROUP BY ${group}
     ${orderBy({ version: 'd.policy_version', devices: 'COUNT(*)', mode: 'd.policy_mode', lastSeen: 'MAX(d.last_seen_ms)' }, w, 'd.policy_digest')}
     LIMIT ? OFFSET ?`,
    [staleBeforeMs, ...params, w.limit, w.offset],
  );
  const [t] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM devices d ${where} GROUP BY ${group}) g`, params);
  return {
    total: num(t?.n),
    items: rows.map((r) => ({
      org: (r.org as string | null) ?? null,
      version: r.version === null ? null : num(r.version),
      digest: (r.digest as string | null) ?? null,
      mode: (r.mode as string | null) ?? null,
      devices: num(r.devices),
      compliant: num(r.compliant),
      nonCompliant: num(r.noncompliant),
      stale: num(r.stale),
      lastSeenMs: num(r.last_seen),
    })),
  };
}

export interface DriftFilter {
  sinceMs: number;
  untilMs: number;
  kinds?: string[];
  /** Kinds left out when `kinds` is empty (heartbeats: they are not drift). */
  exceptKinds?: string[];
  severities?: string[];
}

export interface CountRow {
  dayMs: number;
  kind: string;
  severity: string;
  events: number;
}

function driftWhere(f: DriftFilter): { sql: string; params: SqlValue[] } {
  const where = ['day_ms >= ?', 'day_ms < ?'];
  const params: SqlValue[] = [f.sinceMs, f.untilMs];
  if (f.kinds?.length) {
    where.push(`kind IN (${placeholders(f.kinds.length)})`);
    params.push(...f.kinds);
  } else if (f.exceptKinds?.length) {
    where.push(`kind NOT IN (${placeholders(f.exceptKinds.length)})`);
    params.push(...f.exceptKinds);
  }
  if (f.severities?.length) {
    where.push(`severity IN (${placeholders(f.severities.length)})`);
    params.push(...f.severities);
  }
  return { sql: `WHERE ${where.join(' AND ')}`, params };
}

/** Events per day, kind and severity (from event_counts: a few hundred rows, not the events). */
export async function driftCounts(db: Db, f: DriftFilter, w: Window): Promise<Rows<CountRow>> {
  const { sql, params } = driftWhere(f);
  const rows = await db.all<{ day_ms: number; kind: string; severity: string; n: number }>(
    `SELECT day_ms, kind, severity, SUM(n) AS n FROM event_counts ${sql} GROUP BY day_ms, kind, severity
     ${orderBy({ day: 'day_ms', kind: 'kind', severity: 'severity', events: 'SUM(n)' }, w, 'day_ms, kind, severity')} LIMIT ? OFFSET ?`,
    [...params, w.limit, w.offset],
  );
  const [t] = await db.all<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM event_counts ${sql} GROUP BY day_ms, kind, severity) g`,
    params,
  );
  return { total: num(t?.n), items: rows.map((r) => ({ dayMs: num(r.day_ms), kind: r.kind, severity: r.severity, events: num(r.n) })) };
}

export interface ServerFilter {
  kinds: string[];
  /** Substring of the server name, case-insensitive. */
  q?: string;
}

export interface ServerRow {
  server: string;
  devices: number;
  findings: number;
  sinceMs: number;
  lastSeenMs: number;
}

/** Open findings grouped by server name: which unapproved servers are most common, and since when. */
export async function serverFindings(db: Db, f: ServerFilter, w: Window): Promise<Rows<ServerRow>> {
  const where = ["server_name <> ''", `kind IN (${placeholders(f.kinds.length)})`];
  const params: SqlValue[] = [...f.kinds];
  if (f.q) {
    where.push("LOWER(server_name) LIKE ? ESCAPE '\\'");
    params.push(like(f.q));
  }
  const sql = `WHERE ${where.join(' AND ')}`;
  const rows = await db.all<{ server_name: string; devices: number; findings: number; since: number; last: number }>(
    `SELECT server_name, COUNT(DISTINCT device_id) AS devices, COUNT(*) AS findings, MIN(first_seen_ms) AS since, MAX(last_seen_ms) AS last
     FROM findings ${sql} GROUP BY server_name
     ${orderBy({ devices: 'COUNT(DISTINCT device_id)', findings: 'COUNT(*)', since: 'MIN(first_seen_ms)', server: 'server_name' }, w, 'server_name')} LIMIT ? OFFSET ?`,
    [...params, w.limit, w.offset],
  );
  const [t] = await db.all<{ n: number }>(`SELECT COUNT(DISTINCT server_name) AS n FROM findings ${sql}`, params);
  return {
    total: num(t?.n),
    items: rows.map((r) => ({
      server: r.server_name,
      devices: num(r.devices),
      findings: num(r.findings),
      sinceMs: num(r.since),
      lastSeenMs: num(r.last),
    })),
  };
}

export interface DeviceListFilter {
  status?: 'compliant' | 'noncompliant' | 'unknown';
  /** Policy version; null: devices without a policy. */
  version?: number | null;
  mode?: string;
  /** Has an open finding of this kind. */
  kind?: string;
  /** Has an open finding for this server name. */
  server?: string;
  staleBeforeMs?: number;
  /** Substring of id, hostname or user, case-insensitive. */
  q?: string;
}

export interface DeviceRowView {
  id: string;
  hostname: string;
  user: string;
  os: string;
  agentVersion: string;
  lastSeenMs: number;
  policyVersion: number | null;
  mode: string | null;
  compliant: boolean | null;
  openFindings: number;
}

export async function devicesPage(db: Db, f: DeviceListFilter, w: Window): Promise<Rows<DeviceRowView>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status === 'noncompliant') where.push(`(d.compliant = 0 OR ${HAS_DRIFT})`);
  if (f.status === 'compliant') where.push(`(d.compliant = 1 AND NOT ${HAS_DRIFT})`);
  if (f.status === 'unknown') where.push(`(d.compliant IS NULL AND NOT ${HAS_DRIFT})`);
  if (f.version === null) where.push('d.policy_version IS NULL');
  else if (f.version !== undefined) {
    where.push('d.policy_version = ?');
    params.push(f.version);
  }
  if (f.mode) {
    where.push('d.policy_mode = ?');
    params.push(f.mode);
  }
  if (f.kind) {
    where.push('EXISTS (SELECT 1 FROM findings f WHERE f.device_id = d.id AND f.kind = ?)');
    params.push(f.kind);
  }
  if (f.server) {
    where.push('EXISTS (SELECT 1 FROM findings f WHERE f.server_name = ? AND f.device_id = d.id)');
    params.push(f.server);
  }
  if (f.staleBeforeMs !== undefined) {
    where.push('d.last_seen_ms < ?');
    params.push(f.staleBeforeMs);
  }
  if (f.q) {
    where.push("(LOWER(d.id) LIKE ? ESCAPE '\\' OR LOWER(d.hostname) LIKE ? ESCAPE '\\' OR LOWER(d.user_name) LIKE ? ESCAPE '\\')");
    params.push(like(f.q), like(f.q), like(f.q));
  }
  const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const open = '(SELECT COUNT(*) FROM findings f WHERE f.device_id = d.id)';
  const rows = await db.all<Record<string, unknown>>(
    `SELECT d.id, d.hostname, d.user_name, d.os, d.agent_version, d.last_seen_ms, d.policy_version, d.policy_mode, d.compliant, ${open} AS open
     FROM devices d ${sql}
     ${orderBy({ id: 'd.id', hostname: 'd.hostname', user: 'd.user_name', lastSeen: 'd.last_seen_ms', policy: 'd.policy_version', open }, w, 'd.id')}
     LIMIT ? OFFSET ?`,
    [...params, w.limit, w.offset],
  );
  const [t] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM devices d ${sql}`, params);
  return {
    total: num(t?.n),
    items: rows.map(deviceRowView),
  };
}

/** One row of the devices query (and the base of a device's detail). */
function deviceRowView(r: Record<string, unknown>): DeviceRowView {
  const openFindings = num(r.open);
  return {
    id: r.id as string,
    hostname: r.hostname as string,
    user: r.user_name as string,
    os: r.os as string,
    agentVersion: r.agent_version as string,
    lastSeenMs: num(r.last_seen_ms),
    policyVersion: r.policy_version === null ? null : num(r.policy_version),
    mode: (r.policy_mode as string | null) ?? null,
    // A device with an open finding is not compliant, whatever its last heartbeat said.
    compliant: openFindings > 0 ? false : r.compliant === null ? null : num(r.compliant) === 1,
    openFindings,
  };
}

export interface DeviceDetail extends DeviceRowView {
  firstSeenMs: number;
  lastEventMs: number;
  policyOrg: string | null;
  policyDigest: string | null;
  postureMs: number | null;
  posture: unknown;
}

export async function deviceDetail(db: Db, id: string): Promise<DeviceDetail | undefined> {
  const [r] = await db.all<Record<string, unknown>>(
    'SELECT d.*, (SELECT COUNT(*) FROM findings f WHERE f.device_id = d.id) AS open FROM devices d WHERE d.id = ?',
    [id],
  );
  if (!r) return undefined;
  let posture: unknown = null;
  try {
    posture = typeof r.posture === 'string' ? JSON.parse(r.posture) : null;
  } catch {
    posture = null;
  }
  return {
    ...deviceRowView(r),
    firstSeenMs: num(r.first_seen_ms),
    lastEventMs: num(r.last_event_ms),
    policyOrg: (r.policy_org as string | null) ?? null,
    policyDigest: (r.policy_digest as string | null) ?? null,
    postureMs: r.posture_ms === null ? null : num(r.posture_ms),
    posture,
  };
}
