// Approval requests (issue 19): one live request per server (store key from
// src/approval/request-shape.ts), one row per device that asked, with a count of asks.
// Written through db.tx like every write (SQLite group commit). Times are epoch ms.
import * as crypto from 'node:crypto';
import type { ApprovalRequestBody, RequestSecret } from '../../events/approval-request';
import type { Db, SqlValue } from './db';

export type RequestStatus = 'open' | 'approved' | 'denied';

export interface RequestInput extends ApprovalRequestBody {
  deviceId: string;
  /** Computed by the caller from the scrubbed entry. */
  serverKey: string;
}

export interface RequestDeviceView {
  deviceId: string;
  user: string;
  hostname: string;
  scope: string;
  client: string;
  quarantineId: string | null;
  reason: string;
  removedBecause: string;
  asks: number;
  firstAt: string;
  lastAt: string;
  restoredAt: string | null;
}

export interface RequestView {
  id: string;
  serverKey: string;
  name: string;
  transport: string;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decisionReason: string;
  ruleId: string;
  entry: Record<string, unknown>;
  secrets: RequestSecret[];
  /** Devices that asked, asks in all, devices where the entry is back. */
  devices: number;
  asks: number;
  restored: number;
  /** Only on a single request (GET /v1/requests/{id}) or a device's own view. */
  deviceList?: RequestDeviceView[];
}

export interface RequestFilter {
  status?: RequestStatus[];
  /** Only requests this device asked for (a device's own view). */
  device?: string;
  limit: number;
}

interface Row {
  id: string;
  server_key: string;
  name: string;
  transport: string;
  shape: string;
  status: string;
  created_ms: number | string;
  updated_ms: number | string;
  decided_ms: number | string | null;
  decision_reason: string;
  rule_id: string;
  devices: number | string;
  asks: number | string;
  restored: number | string;
}

interface DeviceRow {
  device_id: string;
  quarantine_id: string;
  user_name: string;
  hostname: string;
  scope: string;
  client: string;
  reason: string;
  asks: number | string;
  first_ms: number | string;
  last_ms: number | string;
  restored_ms: number | string | null;
}

const iso = (ms: number | string | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

/** Shape column: the entry and its secrets' places, and why the agent removed it (per device, latest). */
interface Shape {
  entry: Record<string, unknown>;
  secrets: RequestSecret[];
  removedBecause?: Record<string, string>;
}

const SELECT = `SELECT r.id, r.server_key, r.name, r.transport, r.shape, r.status, r.created_ms, r.updated_ms, r.decided_ms,
  r.decision_reason, r.rule_id,
  (SELECT COUNT(*) FROM approval_request_devices d WHERE d.request_id = r.id) AS devices,
  (SELECT COALESCE(SUM(d.asks), 0) FROM approval_request_devices d WHERE d.request_id = r.id) AS asks,
  (SELECT COUNT(*) FROM approval_request_devices d WHERE d.request_id = r.id AND d.restored_ms IS NOT NULL) AS restored
  FROM approval_requests r`;

function toView(r: Row): RequestView {
  const shape = JSON.parse(r.shape) as Shape;
  return {
    id: r.id,
    serverKey: r.server_key,
    name: r.name,
    transport: r.transport,
    status: r.status as RequestStatus,
    createdAt: iso(r.created_ms)!,
    updatedAt: iso(r.updated_ms)!,
    decidedAt: iso(r.decided_ms),
    decisionReason: r.decision_reason,
    ruleId: r.rule_id,
    entry: shape.entry,
    secrets: shape.secrets,
    devices: Number(r.devices),
    asks: Number(r.asks),
    restored: Number(r.restored),
  };
}

function toDevice(d: DeviceRow, removedBecause: Record<string, string> | undefined): RequestDeviceView {
  return {
    deviceId: d.device_id,
    user: d.user_name,
    hostname: d.hostname,
    scope: d.scope,
    client: d.client,
    quarantineId: d.quarantine_id || null,
    reason: d.reason,
    removedBecause: removedBecause?.[d.device_id] ?? '',
    asks: Number(d.asks),
    firstAt: iso(d.first_ms)!,
    lastAt: iso(d.last_ms)!,
    restoredAt: iso(d.restored_ms),
  };
}

export function newRequestId(): string {
  return `r-${crypto.randomBytes(8).toString('hex')}`;
}

/**
 * File a request: merged into the live request for the same server (a second ask from the
 * same device bumps its count; another device joins the group), else a new open one.
 */
export function submitRequest(db: Db, input: RequestInput, now: number): Promise<{ request: RequestView; merged: boolean }> {
  return db.tx(async (t) => {
    const shape: Shape = { entry: input.entry, secrets: input.secrets ?? [] };
    const created = await t.all<{ id: string }>(
      `INSERT INTO approval_requests (id, server_key, live_key, name, transport, shape, status, created_ms, updated_ms, decided_ms, decision_reason, rule_id)
       VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, NULL, '', '') ON CONFLICT (live_key) DO NOTHING RETURNING id`,
      [newRequestId(), input.serverKey, input.serverKey, input.name, input.transport, JSON.stringify(shape), now, now],
    );
    const rows = await t.all<{ id: string; shape: string }>('SELECT id, shape FROM approval_requests WHERE live_key = ?', [
      input.serverKey,
    ]);
    const live = rows[0];
    if (live === undefined) throw new Error('approval request vanished inside its transaction');
    const id = live.id;
    // Why each device's agent removed it: kept in the shape (one small map), the latest wins.
    const kept = JSON.parse(live.shape) as Shape;
    if (input.removedBecause) {
      kept.removedBecause = { ...kept.removedBecause, [input.deviceId]: input.removedBecause };
      await t.run('UPDATE approval_requests SET shape = ? WHERE id = ?', [JSON.stringify(kept), id]);
    }
    const values: SqlValue[] = [
      id,
      input.deviceId,
      input.quarantineId ?? '',
      input.user ?? '',
      input.hostname ?? '',
      input.scope,
      input.client ?? '',
      input.reason ?? '',
      now,
      now,
    ];
    await t.run(
      `INSERT INTO approval_request_devices (request_id, device_id, quarantine_id, user_name, hostname, scope, client, reason, asks, first_ms, last_ms, restored_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL)
       ON CONFLICT (request_id, device_id) DO UPDATE SET asks = approval_request_devices.asks + 1, last_ms = excluded.last_ms,
         quarantine_id = CASE WHEN excluded.quarantine_id = '' THEN approval_request_devices.quarantine_id ELSE excluded.quarantine_id END,
         reason = CASE WHEN excluded.reason = '' THEN approval_request_devices.reason ELSE excluded.reason END,
         user_name = excluded.user_name, hostname = excluded.hostname, scope = excluded.scope, client = excluded.client,
         restored_ms = CASE WHEN excluded.quarantine_id <> '' AND excluded.quarantine_id <> approval_request_devices.quarantine_id THEN NULL ELSE approval_request_devices.restored_ms END`,
      values,
    );
    await t.run('UPDATE approval_requests SET updated_ms = ? WHERE id = ?', [now, id]);
    const request = (await getRequestIn(t, id))!;
    return { request, merged: created.length === 0 };
  });
}

async function getRequestIn(db: Db, id: string, device?: string): Promise<RequestView | undefined> {
  const [row] = await db.all<Row>(`${SELECT} WHERE r.id = ?`, [id]);
  if (!row) return undefined;
  const view = toView(row);
  const removedBecause = (JSON.parse(row.shape) as Shape).removedBecause;
  const params: SqlValue[] = [id];
  if (device !== undefined) params.push(device);
  const devices = await db.all<DeviceRow>(
    `SELECT device_id, quarantine_id, user_name, hostname, scope, client, reason, asks, first_ms, last_ms, restored_ms
     FROM approval_request_devices WHERE request_id = ?${device !== undefined ? ' AND device_id = ?' : ''} ORDER BY first_ms, device_id`,
    params,
  );
  if (device !== undefined && devices.length === 0) return undefined;
  view.deviceList = devices.map((d) => toDevice(d, removedBecause));
  return view;
}

/** One request with its devices; with `device`, only if that device asked (and only its row). */
export function getRequest(db: Db, id: string, device?: string): Promise<RequestView | undefined> {
  return getRequestIn(db, id, device);
}

/** Newest first. */
export async function listRequests(db: Db, f: RequestFilter): Promise<RequestView[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status?.length) {
    where.push(`r.status IN (${f.status.map(() => '?').join(', ')})`);
    params.push(...f.status);
  }
  if (f.device !== undefined) {
    where.push('EXISTS (SELECT 1 FROM approval_request_devices d WHERE d.request_id = r.id AND d.device_id = ?)');
    params.push(f.device);
  }
  const rows = await db.all<Row>(
    `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.updated_ms DESC, r.id DESC LIMIT ?`,
    [...params, f.limit],
  );
  const views = rows.map(toView);
  if (f.device !== undefined) {
    // A device sees its own row of each request (its quarantine id, restored or not), never the others'.
    for (const v of views) v.deviceList = (await getRequestIn(db, v.id, f.device))?.deviceList ?? [];
  }
  return views;
}

/** Approve or deny; undefined when there is no such request. Denying frees the server for a new request. */
export function decideRequest(
  db: Db,
  id: string,
  d: { status: 'approved' | 'denied'; reason: string; ruleId: string },
  now: number,
): Promise<RequestView | undefined> {
  return db.tx(async (t) => {
    const [row] = await t.all<{ server_key: string }>('SELECT server_key FROM approval_requests WHERE id = ?', [id]);
    if (!row) return undefined;
    if (d.status === 'approved') {
      // Re-approving a denied request makes it the live one again, unless a newer request
      // for the same server is live already (then that one is what devices join).
      const [other] = await t.all<{ id: string }>('SELECT id FROM approval_requests WHERE live_key = ? AND id <> ?', [row.server_key, id]);
      await t.run(
        'UPDATE approval_requests SET status = ?, decision_reason = ?, rule_id = ?, decided_ms = ?, updated_ms = ?, live_key = ? WHERE id = ?',
        ['approved', d.reason, d.ruleId, now, now, other ? null : row.server_key, id],
      );
    } else {
      await t.run(
        'UPDATE approval_requests SET status = ?, decision_reason = ?, rule_id = ?, decided_ms = ?, updated_ms = ?, live_key = NULL WHERE id = ?',
        ['denied', d.reason, d.ruleId, now, now, id],
      );
    }
    return getRequestIn(t, id);
  });
}

/**
 * A device reported an entry restored (a `server.restored` event): the device's row of the
 * request it belongs to (by request id, else by quarantine id) is marked. Returns rows marked.
 */
export function noteRestored(db: Db, deviceId: string, ref: { requestId?: string; quarantineId?: string }, atMs: number): Promise<number> {
  if (!ref.requestId && !ref.quarantineId) return Promise.resolve(0);
  return db.tx((t) =>
    t.run(
      'UPDATE approval_request_devices SET restored_ms = ? WHERE device_id = ? AND restored_ms IS NULL AND (request_id = ? OR (quarantine_id <> ? AND quarantine_id = ?))',
      [atMs, deviceId, ref.requestId ?? '', '', ref.quarantineId ?? ''],
    ),
  );
}
