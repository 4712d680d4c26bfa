// Storing a batch of validated events: one transaction, idempotent on event id. Only the
// events that were new (RETURNING id) change devices' posture and open drift, so a batch
// sent twice changes nothing the second time. A batch costs a fixed handful of statements
// whatever it holds (events, devices, findings read, findings written, counts), each
// multi-row: on PostgreSQL every statement is a round trip (docs/collector.md, Capacity).
import { severityRank, type DriftEvent } from '../../events/types';
import { rfc3339Ms } from '../../util/time';
import { placeholders, valuesList, type Db, type SqlValue } from './db';
import { effectOf, postureOf } from './findings';
import { planDrift, type DeviceState, type DriftPlan, type FindingRow } from './drift';

/** Rows per multi-row INSERT (12 parameters each; far below both engines' limits). */
const INSERT_CHUNK = 250;

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/**
 * How far in the future an event time may be. A device whose clock runs ahead must not
 * freeze its posture (a heartbeat "from 2030" would make every later one look older) or
 * sit on top of every "latest events" page: later times are clamped to the receive time
 * plus this skew for ordering and queries. The stored event keeps the time it was sent with.
 */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export async function ingest(db: Db, events: readonly DriftEvent[], receivedMs: number): Promise<IngestResult> {
  const [r] = await ingestParts(db, [{ events, receivedMs }]);
  return r ?? { accepted: 0, duplicates: 0 };
}

/** One request's batch, for ingestParts. */
export interface IngestPart {
  events: readonly DriftEvent[];
  receivedMs: number;
}

/**
 * Several requests' batches in ONE transaction, each answered as if it had been stored
 * alone, in the order given (an id in two parts is accepted in the first). The caller
 * (ingest-queue.ts) never puts two parts with a device in common together: posture and
 * findings are per device, so the result is that of storing the parts one after another.
 */
export async function ingestParts(db: Db, parts: readonly IngestPart[]): Promise<IngestResult[]> {
  const events = parts.flatMap((p) => p.events);
  if (events.length === 0) return parts.map(() => ({ accepted: 0, duplicates: 0 }));
  const received = new Map<DriftEvent, number>();
  for (const p of parts) for (const e of p.events) received.set(e, p.receivedMs);
  const recv = (e: DriftEvent): number => received.get(e) ?? parts[0].receivedMs;
  // Strict RFC 3339 (a leap second is the next second's first instant); the route screened
  // every time, so rfc3339Ms throwing here would be a caller bug, not a device's input.
  const when = new Map<DriftEvent, number>(events.map((e) => [e, Math.min(rfc3339Ms(e.time, '$.time'), recv(e) + MAX_FUTURE_SKEW_MS)]));
  const ms = (e: DriftEvent): number => when.get(e) ?? rfc3339Ms(e.time, '$.time');
  return db.tx(async (t) => {
    const inserted = await insertEvents(t, events, recv, ms);
    const devices = await upsertDevices(t, events, recv, ms);
    // In event-time order, so an open followed by its remedy in one batch ends closed.
    const fresh = events.filter((e) => inserted.has(e.id)).sort((a, b) => ms(a) - ms(b));
    const superseded = supersededHeartbeats(fresh);
    const work = fresh.filter((e) => (e.kind === 'agent.heartbeat' ? !superseded.has(e) : effectOf(e).type !== 'none'));
    if (work.length > 0) {
      const ids = [...new Set(work.map((e) => e.device.id))].sort();
      const rows = await t.all<FindingRow>(
        `SELECT ${FINDING_COLUMNS.join(', ')} FROM findings WHERE device_id IN (${placeholders(ids.length)})`,
        ids,
      );
      await applyDrift(t, planDrift(work, devices, rows, ms));
    }
    await countEvents(t, fresh, ms);
    // A batch may repeat an id: each stored event is accepted once, in the first part that has it.
    const credited = new Set<string>();
    return parts.map((p) => {
      let accepted = 0;
      for (const e of p.events) {
        if (inserted.has(e.id) && !credited.has(e.id)) {
          credited.add(e.id);
          accepted++;
        }
      }
      return { accepted, duplicates: p.events.length - accepted };
    });
  });
}

const EVENT_COLUMNS = 'id, device_id, time_ms, received_ms, kind, severity, severity_rank, action, mode, policy_version, body';
/** unnest's element types, in EVENT_COLUMNS order. */
const EVENT_ARRAY_TYPES = ['text', 'text', 'bigint', 'bigint', 'text', 'text', 'smallint', 'text', 'text', 'integer', 'text'];
/** Events per INSERT on PostgreSQL (11 arrays whatever the count; bounded for memory). */
const PG_EVENT_CHUNK = 2000;

/**
 * Store the events, skipping ids already stored; the ids that were new (a batch sent again
 * inserts none). PostgreSQL: one INSERT ... SELECT FROM unnest(11 arrays) per 2,000 events,
 * one round trip, and a constant statement text (a VALUES list of 11 parameters a row is
 * parsed anew for every length). SQLite: one prepared single-row statement, reused (no
 * round trips to save; a VALUES list per length would fill the statement cache).
 */
async function insertEvents(
  t: Db,
  events: readonly DriftEvent[],
  recv: (e: DriftEvent) => number,
  ms: (e: DriftEvent) => number,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  // In id order: two transactions inserting overlapping batches (a retry on another
  // PostgreSQL instance) then wait on each other's ids in one order, never in a cycle.
  const byId = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The columns before `body` (PostgreSQL's JSON form carries the event itself instead).
  const fields = (e: DriftEvent): SqlValue[] => [
    e.id,
    e.device.id,
    ms(e),
    recv(e),
    e.kind,
    e.severity,
    severityRank(e.severity),
    e.action,
    e.mode,
    e.policy?.version ?? null,
  ];
  const row = (e: DriftEvent): SqlValue[] => [...fields(e), JSON.stringify(e)];
  if (t.dialect === 'sqlite') {
    for (const e of byId) {
      if (inserted.has(e.id)) continue;
      const n = await t.run(
        `INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        row(e),
      );
      if (n > 0) inserted.add(e.id);
    }
    return inserted;
  }
  for (let i = 0; i < byId.length; i += PG_EVENT_CHUNK) {
    const chunk = byId.slice(i, i + PG_EVENT_CHUNK);
    for (const r of await insertPgChunk(t, chunk, fields, row)) inserted.add(r.id);
  }
  return inserted;
}

/** json_to_recordset's column list, in EVENT_COLUMNS order (`b json`: the event's own text, verbatim). */
const EVENT_RECORD = 'i text, d text, t bigint, r bigint, k text, s text, sr smallint, a text, m text, pv integer, b json';
/**
 * What PostgreSQL's JSON parser refuses to turn into text (json_to_recordset checks every
 * string): `\u0000` and a lone surrogate, which JSON.stringify writes as `\udXXX`. Tested on
 * the serialised batch; a false positive (an escaped backslash before `u0000`) only costs
 * the slower form.
 */
const PG_JSON_UNSAFE = /\\u(?:0000|d[89a-f])/i;

/**
 * One INSERT for up to PG_EVENT_CHUNK events. The rows go as ONE json parameter unpacked by
 * json_to_recordset: JSON.stringify is native, where pg's text[] encoding escapes every
 * element in JavaScript (most of the bytes are the bodies, so that was most of the
 * collector's time). A batch PostgreSQL's JSON parser would refuse goes as 11 text[]
 * arrays through unnest instead; both store the same rows.
 */
async function insertPgChunk(
  t: Db,
  chunk: readonly DriftEvent[],
  fields: (e: DriftEvent) => SqlValue[],
  row: (e: DriftEvent) => SqlValue[],
): Promise<Array<{ id: string }>> {
  const records = chunk.map((e) => {
    const [i, d, tm, r, k, s, sr, a, m, pv] = fields(e);
    return { i, d, t: tm, r, k, s, sr, a, m, pv, b: e };
  });
  const json = JSON.stringify(records);
  if (!PG_JSON_UNSAFE.test(json)) {
    return t.all<{ id: string }>(
      `INSERT INTO events (${EVENT_COLUMNS}) SELECT i, d, t, r, k, s, sr, a, m, pv, b::text FROM json_to_recordset(?::json) AS x(${EVENT_RECORD}) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [json],
    );
  }
  const unnest = `unnest(${EVENT_ARRAY_TYPES.map((ty) => `?::${ty}[]`).join(', ')})`;
  const columns: SqlValue[][] = EVENT_ARRAY_TYPES.map(() => []);
  for (const e of chunk) row(e).forEach((v, c) => columns[c].push(v));
  return t.all<{ id: string }>(
    `INSERT INTO events (${EVENT_COLUMNS}) SELECT * FROM ${unnest} ON CONFLICT (id) DO NOTHING RETURNING id`,
    columns,
  );
}

const FINDING_COLUMNS = [
  'device_id',
  'kind',
  'subject',
  'server_name',
  'scope',
  'file',
  'credential',
  'severity',
  'first_seen_ms',
  'last_seen_ms',
  'last_event_id',
] as const;

/** Write what planDrift worked out: a few multi-row statements, whatever the batch held. */
async function applyDrift(t: Db, plan: DriftPlan): Promise<void> {
  // VALUES columns are column1… in both engines; the casts type PostgreSQL's parameters.
  for (let i = 0; i < plan.devices.length; i += INSERT_CHUNK) {
    const chunk = plan.devices.slice(i, i + INSERT_CHUNK);
    const row = '(CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS SMALLINT), CAST(? AS TEXT), CAST(? AS BIGINT))';
    await t.run(
      `UPDATE devices SET posture_ms = v.column2, compliant = v.column3, posture = v.column4, clean_ms = v.column5
       FROM (VALUES ${chunk.map(() => row).join(', ')}) AS v WHERE devices.id = v.column1`,
      chunk.flatMap((d) => [d.id, d.posture_ms, d.compliant, d.posture, d.clean_ms]),
    );
  }
  for (let i = 0; i < plan.deletes.length; i += INSERT_CHUNK) {
    const chunk = plan.deletes.slice(i, i + INSERT_CHUNK);
    await t.run(
      `DELETE FROM findings WHERE (device_id, kind, subject) IN (VALUES ${valuesList(chunk.length, 3)})`,
      chunk.flatMap((r) => [r.device_id, r.kind, r.subject]),
    );
  }
  for (let i = 0; i < plan.upserts.length; i += INSERT_CHUNK) {
    const chunk = plan.upserts.slice(i, i + INSERT_CHUNK);
    await t.run(
      `INSERT INTO findings (${FINDING_COLUMNS.join(', ')}) VALUES ${valuesList(chunk.length, FINDING_COLUMNS.length)}
       ON CONFLICT (device_id, kind, subject) DO UPDATE SET
         ${FINDING_COLUMNS.slice(3)
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}`,
      chunk.flatMap((r) => FINDING_COLUMNS.map((c) => r[c])),
    );
  }
}

/**
 * Heartbeats of a batch whose effect a later heartbeat of the same device in the same batch
 * includes, so they need no statements (an agent back from days offline sends dozens).
 * A non-compliant heartbeat only sets the posture: any later one overrides it. A compliant
 * one also closes findings last seen before it: a later compliant one closes a superset.
 * Heartbeats that carry a findings list are always applied. `events` is in time order.
 */
export function supersededHeartbeats(events: readonly DriftEvent[]): Set<DriftEvent> {
  const out = new Set<DriftEvent>();
  const laterAny = new Set<string>();
  const laterCompliant = new Set<string>();
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind !== 'agent.heartbeat') continue;
    const p = postureOf(e);
    const dev = e.device.id;
    if (!p.findings && (p.compliant === true ? laterCompliant.has(dev) : laterAny.has(dev))) out.add(e);
    if (!p.findings) {
      laterAny.add(dev);
      if (p.compliant === true) laterCompliant.add(dev);
    }
  }
  return out;
}

async function upsertDevices(
  t: Db,
  events: readonly DriftEvent[],
  recv: (e: DriftEvent) => number,
  ms: (e: DriftEvent) => number,
): Promise<Map<string, DeviceState>> {
  const latest = new Map<string, DriftEvent>();
  for (const e of events) {
    const cur = latest.get(e.device.id);
    if (!cur || ms(e) > ms(cur)) latest.set(e.device.id, e);
  }
  // Sorted, so concurrent transactions on PostgreSQL lock device rows in one order. The
  // rows stay locked to the commit: what planDrift reads next cannot change under it.
  const ids = [...latest.keys()].sort();
  const out = new Map<string, DeviceState>();
  const newer = (col: string) => `CASE WHEN excluded.last_event_ms >= devices.last_event_ms THEN excluded.${col} ELSE devices.${col} END`;
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    const chunk = ids.slice(i, i + INSERT_CHUNK);
    const params: SqlValue[] = [];
    for (const id of chunk) {
      const e = latest.get(id)!;
      params.push(
        id,
        e.device.hostname,
        e.device.os,
        e.device.user,
        e.agentVersion,
        recv(e),
        recv(e),
        ms(e),
        e.policy?.org ?? null,
        e.policy?.version ?? null,
        e.policy?.digest ?? null,
        e.mode,
      );
    }
    const rows = await t.all<DeviceState>(
      `INSERT INTO devices (id, hostname, os, user_name, agent_version, first_seen_ms, last_seen_ms, last_event_ms, policy_org, policy_version, policy_digest, policy_mode)
       VALUES ${valuesList(chunk.length, 12)}
       ON CONFLICT (id) DO UPDATE SET
         hostname = ${newer('hostname')}, os = ${newer('os')}, user_name = ${newer('user_name')},
         agent_version = ${newer('agent_version')}, policy_org = ${newer('policy_org')},
         policy_version = ${newer('policy_version')}, policy_digest = ${newer('policy_digest')}, policy_mode = ${newer('policy_mode')},
         last_seen_ms = CASE WHEN excluded.last_seen_ms > devices.last_seen_ms THEN excluded.last_seen_ms ELSE devices.last_seen_ms END,
         last_event_ms = CASE WHEN excluded.last_event_ms > devices.last_event_ms THEN excluded.last_event_ms ELSE devices.last_event_ms END
       RETURNING id, posture_ms, compliant, posture, clean_ms`,
      params,
    );
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

export const DAY_MS = 86_400_000;
const COUNT_SHARDS = 8;

/** Which of the COUNT_SHARDS rows of a day a device's events are counted in. */
export function countShard(deviceId: string): number {
  let h = 0;
  for (let i = 0; i < deviceId.length; i++) h = (h * 31 + deviceId.charCodeAt(i)) >>> 0;
  return h % COUNT_SHARDS;
}

/**
 * Add the new events to the daily counts (event_counts). Last in the transaction and in
 * key order: on PostgreSQL the counter rows stay locked only until the commit, and two
 * ingests never wait on each other in a cycle.
 */
async function countEvents(t: Db, fresh: readonly DriftEvent[], ms: (e: DriftEvent) => number): Promise<void> {
  const counts = new Map<string, number>();
  for (const e of fresh) {
    const key = JSON.stringify([Math.floor(ms(e) / DAY_MS) * DAY_MS, e.kind, e.severity, countShard(e.device.id)]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...counts.keys()].sort();
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    const chunk = keys.slice(i, i + INSERT_CHUNK);
    const params: SqlValue[] = chunk.flatMap((k) => [...(JSON.parse(k) as SqlValue[]), counts.get(k) ?? 0]);
    await t.run(
      `INSERT INTO event_counts (day_ms, kind, severity, shard, n) VALUES ${valuesList(chunk.length, 5)}
       ON CONFLICT (day_ms, kind, severity, shard) DO UPDATE SET n = event_counts.n + excluded.n`,
      params,
    );
  }
}
