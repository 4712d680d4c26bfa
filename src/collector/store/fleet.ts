// Fleet-wide views: open findings (which device has what, since when) and the summary.
import { placeholders, type Db, type SqlValue } from './db';
import { encodeCursor, type CursorKey } from './cursor';
import type { Page } from './queries';

export interface FindingFilter {
  devices?: string[];
  kinds?: string[];
  limit: number;
  /** [first_seen_ms, device_id, kind, subject] of the last row of the previous page. */
  after?: CursorKey;
}

export interface FindingView {
  device: { id: string; hostname: string; user: string };
  kind: string;
  severity: string;
  server?: { name: string; scope?: string };
  file?: string;
  credential?: string;
  /** When this drift was first reported: "since when". */
  firstSeen: string;
  lastSeen: string;
  /** The event that last reported it. */
  eventId: string;
}

interface FindingRow {
  device_id: string;
  hostname: string | null;
  user_name: string | null;
  kind: string;
  subject: string;
  severity: string;
  server_name: string;
  scope: string;
  file: string;
  credential: string;
  first_seen_ms: number;
  last_seen_ms: number;
  last_event_id: string;
}

export async function listFindings(db: Db, f: FindingFilter): Promise<Page<FindingView>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.devices?.length) {
    where.push(`f.device_id IN (${placeholders(f.devices.length)})`);
    params.push(...f.devices);
  }
  if (f.kinds?.length) {
    where.push(`f.kind IN (${placeholders(f.kinds.length)})`);
    params.push(...f.kinds);
  }
  if (f.after) {
    where.push('(f.first_seen_ms, f.device_id, f.kind, f.subject) > (?, ?, ?, ?)');
    params.push(...(f.after as SqlValue[]));
  }
  const rows = await db.all<FindingRow>(
    `SELECT f.*, d.hostname, d.user_name FROM findings f LEFT JOIN devices d ON d.id = f.device_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY f.first_seen_ms, f.device_id, f.kind, f.subject LIMIT ?`,
    [...params, f.limit + 1],
  );
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      device: { id: r.device_id, hostname: r.hostname ?? '', user: r.user_name ?? '' },
      kind: r.kind,
      severity: r.severity,
      ...(r.server_name ? { server: { name: r.server_name, ...(r.scope ? { scope: r.scope } : {}) } } : {}),
      ...(r.file ? { file: r.file } : {}),
      ...(r.credential ? { credential: r.credential } : {}),
      firstSeen: new Date(Number(r.first_seen_ms)).toISOString(),
      lastSeen: new Date(Number(r.last_seen_ms)).toISOString(),
      eventId: r.last_event_id,
    })),
    nextCursor: more && last ? encodeCursor([Number(last.first_seen_ms), last.device_id, last.kind, last.subject]) : null,
  };
}

export interface Summary {
  generatedAt: string;
  staleAfterSeconds: number;
  devices: { total: number; compliant: number; nonCompliant: number; unknown: number; stale: number };
  /** compliant / total; null with no devices. Devices that never sent a heartbeat count as not compliant. */
  compliantShare: number | null;
  openFindings: number;
  /** Open drift by kind: how many devices have it, and how many findings. */
  topDriftKinds: { kind: string; devices: number; findings: number }[];
  policyVersions: { version: number | null; devices: number }[];
}

export async function summary(db: Db, staleAfterMs: number, now: number): Promise<Summary> {
  const [c] = await db.all<Record<string, number | null>>(
    `SELECT COUNT(*) AS total,
       SUM(CASE WHEN o.device_id IS NULL AND d.compliant = 1 THEN 1 ELSE 0 END) AS compliant,
       SUM(CASE WHEN o.device_id IS NOT NULL OR d.compliant = 0 THEN 1 ELSE 0 END) AS noncompliant,
       SUM(CASE WHEN o.device_id IS NULL AND d.compliant IS NULL THEN 1 ELSE 0 END) AS unknown,
       SUM(CASE WHEN d.last_seen_ms < ? THEN 1 ELSE 0 END) AS stale
     FROM devices d LEFT JOIN (SELECT DISTINCT device_id FROM findings) o ON o.device_id = d.id`,
    [now - staleAfterMs],
  );
  const kinds = await db.all<{ kind: string; devices: number; findings: number }>(
    'SELECT kind, COUNT(DISTINCT device_id) AS devices, COUNT(*) AS findings FROM findings GROUP BY kind ORDER BY devices DESC, findings DESC, kind LIMIT 20',
  );
  const versions = await db.all<{ version: number | null; devices: number }>(
    'SELECT policy_version AS version, COUNT(*) AS devices FROM devices GROUP BY policy_version ORDER BY policy_version DESC',
  );
  const n = (v: number | null | undefined) => Number(v ?? 0);
  const total = n(c?.total);
  return {
    generatedAt: new Date(now).toISOString(),
    staleAfterSeconds: Math.round(staleAfterMs / 1000),
    devices: { total, compliant: n(c?.compliant), nonCompliant: n(c?.noncompliant), unknown: n(c?.unknown), stale: n(c?.stale) },
    compliantShare: total === 0 ? null : n(c?.compliant) / total,
    openFindings: kinds.reduce((s, k) => s + n(k.findings), 0),
    topDriftKinds: kinds.map((k) => ({ kind: k.kind, devices: n(k.devices), findings: n(k.findings) })),
    policyVersions: versions.map((v) => ({ version: v.version === null ? null : n(v.version), devices: n(v.devices) })),
  };
}
