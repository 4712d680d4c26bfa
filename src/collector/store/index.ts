// The collector's storage: SQLite (`sqlite:PATH`) or PostgreSQL (`postgres://…`), the
// same schema, migrations and queries on both.
import { redactor } from '../../log/redact';
import { CollectorError } from '../errors';
import type { DriftEvent } from '../../events/types';
import type { Db } from './db';
import type { IngestResult } from './ingest';
import { ingestQueue } from './ingest-queue';
import { migrate } from './migrations';
import { deviceForCredential, enrolDevice, resetDevice, type EnrolResult } from './credentials';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import { listDevices, queryEvents, type DeviceFilter, type DeviceView, type EventFilter, type Page } from './queries';
import { listFindings, summary, type FindingFilter, type FindingView, type Summary } from './fleet';
import { deviceDetail, devicesPage, driftCounts, policies, serverFindings } from './dashboard';
import { sessionStore, type SessionStore } from './sessions';
import { decideRequest, getRequest, listRequests, noteRestored, submitRequest } from './requests';
import type { RequestDeviceView, RequestFilter, RequestInput, RequestStatus, RequestView } from './requests';

/** Approval requests (store/requests.ts). */
export interface RequestStore {
  submit: OmitDb<typeof submitRequest>;
  list: OmitDb<typeof listRequests>;
  get: OmitDb<typeof getRequest>;
  decide: OmitDb<typeof decideRequest>;
  noteRestored: OmitDb<typeof noteRestored>;
}

/** What the dashboard reads (store/dashboard.ts) and its sessions. */
export interface DashboardData {
  policies: OmitDb<typeof policies>;
  driftCounts: OmitDb<typeof driftCounts>;
  serverFindings: OmitDb<typeof serverFindings>;
  devicesPage: OmitDb<typeof devicesPage>;
  deviceDetail: OmitDb<typeof deviceDetail>;
  sessions: SessionStore;
}
type OmitDb<F> = F extends (db: Db, ...rest: infer A) => infer R ? (...rest: A) => R : never;

export interface Store {
  readonly dialect: Db['dialect'];
  /** What to print about the database (password masked). */
  readonly description: string;
  ingest(events: readonly DriftEvent[], receivedMs: number): Promise<IngestResult>;
  /** Store a device's credential digest (hex SHA-256) unless the device is enrolled already. */
  enrol(deviceId: string, digest: string, now: number): Promise<EnrolResult>;
  deviceForCredential(digest: string): Promise<string | undefined>;
  /** Forget a device's credential (admin reset); false when it had none. */
  resetDevice(deviceId: string): Promise<boolean>;
  queryEvents(f: EventFilter): Promise<Page<DriftEvent>>;
  listDevices(f: DeviceFilter): Promise<Page<DeviceView>>;
  listFindings(f: FindingFilter): Promise<Page<FindingView>>;
  summary(staleAfterMs: number, now: number): Promise<Summary>;
  readonly dashboard: DashboardData;
  readonly requests: RequestStore;
  /** Cheap liveness query for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DbLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function parseDbUrl(raw: string): DbLocation {
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file)
      throw new CollectorError({
        code: 'DB_URL_INVALID',
        message: '--db sqlite: needs a file path (sqlite:/var/lib/mcp-warden/collector.db)',
      });
    return { kind: 'sqlite', file };
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    try {
      const u = new URL(raw);
      if (u.password) redactor.learn(decodeURIComponent(u.password));
    } catch (e) {
      throw new CollectorError({ code: 'DB_URL_INVALID', message: '--db: not a valid PostgreSQL URL', cause: e });
    }
    return { kind: 'postgres', url: raw };
  }
  throw new CollectorError({ code: 'DB_URL_INVALID', message: '--db must be sqlite:PATH or postgres://USER@HOST:PORT/DB' });
}

export function describeDb(loc: DbLocation): string {
  if (loc.kind === 'sqlite') return `sqlite:${loc.file}`;
  const u = new URL(loc.url);
  if (u.password) u.password = '***';
  return u.href;
}

export async function openStore(raw: string, opts: { maxConnections?: number } = {}): Promise<Store> {
  const loc = parseDbUrl(raw);
  const db = loc.kind === 'sqlite' ? openSqlite(loc.file) : openPostgres(loc.url, opts);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    if (e instanceof CollectorError) throw e;
    throw new CollectorError({
      code: 'DB_UNAVAILABLE',
      message: `cannot prepare the database ${describeDb(loc)}: ${(e as Error).message}`,
      cause: e,
    });
  }
  // PostgreSQL: several groups at once, of moderate size, so that its backends work in
  // parallel (measured under load: groups of ~5 batches of 100, 4-8 at once, beat both one
  // batch per transaction and groups of 50; the pool keeps connections for reads and
  // enrolments). SQLite commits one
  // transaction at a time anyway, so one group at a time, as large as what queued up.
  const queue =
    db.dialect === 'postgres'
      ? ingestQueue(db, { concurrency: Math.max(1, Math.min(6, (opts.maxConnections ?? 10) - 2)), maxEvents: 1000 })
      : ingestQueue(db, { concurrency: 1, maxEvents: 5000 });
  return {
    dialect: db.dialect,
    description: describeDb(loc),
    ingest: (events, receivedMs) => queue.ingest(events, receivedMs),
    enrol: (deviceId, digest, now) => enrolDevice(db, deviceId, digest, now),
    deviceForCredential: (digest) => deviceForCredential(db, digest),
    resetDevice: (deviceId) => resetDevice(db, deviceId),
    queryEvents: (f) => queryEvents(db, f),
    listDevices: (f) => listDevices(db, f),
    listFindings: (f) => listFindings(db, f),
    summary: (staleAfterMs, now) => summary(db, staleAfterMs, now),
    dashboard: {
      policies: (...a) => policies(db, ...a),
      driftCounts: (...a) => driftCounts(db, ...a),
      serverFindings: (...a) => serverFindings(db, ...a),
      devicesPage: (...a) => devicesPage(db, ...a),
      deviceDetail: (...a) => deviceDetail(db, ...a),
      sessions: sessionStore(db),
    },
    requests: {
      submit: (...a) => submitRequest(db, ...a),
      list: (...a) => listRequests(db, ...a),
      get: (...a) => getRequest(db, ...a),
      decide: (...a) => decideRequest(db, ...a),
      noteRestored: (...a) => noteRestored(db, ...a),
    },
    async ping() {
      await db.all('SELECT 1 AS ok');
    },
    async close() {
      await queue.idle();
      await db.close();
    },
  };
}

export type { RequestDeviceView, RequestFilter, RequestInput, RequestStatus, RequestView };
export type { EnrolResult, EventFilter, DeviceFilter, FindingFilter, DeviceView, FindingView, Summary, Page, IngestResult };
