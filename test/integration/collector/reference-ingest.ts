// The collector's ingest as it was before batching the derived tables (one statement per
// event for posture and findings), kept verbatim as the oracle the batched ingest must
// agree with: ingest-equivalence.test.ts replays random batches through both.
import { severityRank, type DriftEvent } from '../../../src/events/types';
import { rfc3339Ms } from '../../../src/util/time';
import { valuesList, type Db, type SqlValue } from '../../../src/collector/store/db';
import { DEFAULT_SEVERITY, effectOf, postureOf, subjectKey, type CloseScope, type FindingKey } from '../../../src/collector/store/findings';

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
  if (events.length === 0) return { accepted: 0, duplicates: 0 };
  // Strict RFC 3339 (a leap second is the next second's first instant); the route screened
  // every time, so rfc3339Ms throwing here would be a caller bug, not a device's input.
  const when = new Map<DriftEvent, number>(events.map((e) => [e, Math.min(rfc3339Ms(e.time, '$.time'), receivedMs + MAX_FUTURE_SKEW_MS)]));
  const ms = (e: DriftEvent): number => when.get(e) ?? rfc3339Ms(e.time, '$.time');
  return db.tx(async (t) => {
    const inserted = new Set<string>();
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      const chunk = events.slice(i, i + INSERT_CHUNK);
      const params: SqlValue[] = [];
      for (const e of chunk) {
        params.push(
          e.id,
          e.device.id,
          ms(e),
          receivedMs,
          e.kind,
          e.severity,
          severityRank(e.severity),
          e.action,
          e.mode,
          e.policy?.version ?? null,
          JSON.stringify(e),
        );
      }
      const rows = await t.all<{ id: string }>(
        `INSERT INTO events (id, device_id, time_ms, received_ms, kind, severity, severity_rank, action, mode, policy_version, body)
         VALUES ${valuesList(chunk.length, 11)} ON CONFLICT (id) DO NOTHING RETURNING id`,
        params,
      );
      for (const r of rows) inserted.add(r.id);
    }
    await upsertDevices(t, events, receivedMs, ms);
    // In event-time order, so an open followed by its remedy in one batch ends closed.
    const fresh = events.filter((e) => inserted.has(e.id)).sort((a, b) => ms(a) - ms(b));
    const superseded = supersededHeartbeats(fresh);
    for (const e of fresh) {
      if (e.kind === 'agent.heartbeat') {
        if (!superseded.has(e)) await applyHeartbeat(t, e, ms(e));
      } else await applyEffect(t, e, ms(e));
    }
    await countEvents(t, fresh, ms);
    // A batch may repeat an id; count each stored event once.
    return { accepted: inserted.size, duplicates: events.length - inserted.size };
  });
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

async function upsertDevices(t: Db, events: readonly DriftEvent[], receivedMs: number, ms: (e: DriftEvent) => number): Promise<void> {
  const latest = new Map<string, DriftEvent>();
  for (const e of events) {
    const cur = latest.get(e.device.id);
    if (!cur || ms(e) > ms(cur)) latest.set(e.device.id, e);
  }
  // Sorted, so concurrent transactions on PostgreSQL lock device rows in one order.
  for (const id of [...latest.keys()].sort()) {
    const e = latest.get(id)!;
    const newer = (col: string) => `CASE WHEN excluded.last_event_ms >= devices.last_event_ms THEN excluded.${col} ELSE devices.${col} END`;
    await t.run(
      `INSERT INTO devices (id, hostname, os, user_name, agent_version, first_seen_ms, last_seen_ms, last_event_ms, policy_org, policy_version, policy_digest, policy_mode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         hostname = ${newer('hostname')}, os = ${newer('os')}, user_name = ${newer('user_name')},
         agent_version = ${newer('agent_version')}, policy_org = ${newer('policy_org')},
         policy_version = ${newer('policy_version')}, policy_digest = ${newer('policy_digest')}, policy_mode = ${newer('policy_mode')},
         last_seen_ms = CASE WHEN excluded.last_seen_ms > devices.last_seen_ms THEN excluded.last_seen_ms ELSE devices.last_seen_ms END,
         last_event_ms = CASE WHEN excluded.last_event_ms > devices.last_event_ms THEN excluded.last_event_ms ELSE devices.last_event_ms END`,
      [
        id,
        e.device.hostname,
        e.device.os,
        e.device.user,
        e.agentVersion,
        receivedMs,
        receivedMs,
        ms(e),
        e.policy?.org ?? null,
        e.policy?.version ?? null,
        e.policy?.digest ?? null,
        e.mode,
      ],
    );
  }
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

async function applyHeartbeat(t: Db, e: DriftEvent, at: number): Promise<void> {
  const posture = postureOf(e);
  const compliant = posture.compliant === null ? null : posture.compliant ? 1 : 0;
  // Only the newest heartbeat sets the posture; a late, older one is history only.
  const changed = await t.run(
    `UPDATE devices SET posture_ms = ?, compliant = ?, posture = ?,
       clean_ms = CASE WHEN ? = 1 AND (clean_ms IS NULL OR clean_ms < ?) THEN ? ELSE clean_ms END
     WHERE id = ? AND (posture_ms IS NULL OR posture_ms < ?)`,
    [at, compliant, JSON.stringify(e.detail ?? {}), compliant ?? 0, at, at, e.device.id, at],
  );
  if (changed === 0) return;
  if (posture.findings) {
    await replaceFindings(t, e, posture.findings, at);
  } else if (posture.compliant === true) {
    await t.run('DELETE FROM findings WHERE device_id = ? AND last_seen_ms <= ?', [e.device.id, at]);
  }
}

async function replaceFindings(t: Db, e: DriftEvent, list: readonly FindingKey[], at: number): Promise<void> {
  const keep = list.map((f) => `${f.kind}\u0000${subjectKey(f)}`);
  const rows = await t.all<{ kind: string; subject: string }>(
    'SELECT kind, subject FROM findings WHERE device_id = ? AND last_seen_ms <= ?',
    [e.device.id, at],
  );
  const wanted = new Set(keep);
  for (const r of rows) {
    if (!wanted.has(`${r.kind}\u0000${r.subject}`)) {
      await t.run('DELETE FROM findings WHERE device_id = ? AND kind = ? AND subject = ?', [e.device.id, r.kind, r.subject]);
    }
  }
  for (const f of list) await openFinding(t, e, at, f.kind, f, DEFAULT_SEVERITY[f.kind] ?? 'medium', false);
}

async function applyEffect(t: Db, e: DriftEvent, at: number): Promise<void> {
  const eff = effectOf(e);
  if (eff.type === 'open') await openFinding(t, e, at, eff.kind, eff.subject, e.severity, true);
  else if (eff.type === 'close') await closeFindings(t, e.device.id, at, eff.scope);
}

async function openFinding(
  t: Db,
  e: DriftEvent,
  at: number,
  kind: string,
  s: Omit<FindingKey, 'kind'>,
  severity: string,
  fromEvent: boolean,
): Promise<void> {
  // `WHERE NOT EXISTS`: an event older than the latest compliant heartbeat opens nothing.
  // The severity of a finding comes from drift events, not from heartbeat lists.
  await t.run(
    `INSERT INTO findings (device_id, kind, subject, server_name, scope, file, credential, severity, first_seen_ms, last_seen_ms, last_event_id)
     SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM devices WHERE id = ? AND clean_ms IS NOT NULL AND clean_ms >= ?)
     ON CONFLICT (device_id, kind, subject) DO UPDATE SET
       first_seen_ms = CASE WHEN excluded.first_seen_ms < findings.first_seen_ms THEN excluded.first_seen_ms ELSE findings.first_seen_ms END,
       last_seen_ms = CASE WHEN excluded.last_seen_ms > findings.last_seen_ms THEN excluded.last_seen_ms ELSE findings.last_seen_ms END,
       last_event_id = CASE WHEN ${fromEvent ? 1 : 0} = 1 AND excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.last_event_id ELSE findings.last_event_id END,
       severity = CASE WHEN ${fromEvent ? 1 : 0} = 1 THEN excluded.severity ELSE findings.severity END`,
    [e.device.id, kind, subjectKey(s), s.serverName, s.scope, s.file, s.credential, severity, at, at, e.id, e.device.id, at],
  );
}

async function closeFindings(t: Db, device: string, at: number, scope: CloseScope): Promise<void> {
  switch (scope.type) {
    case 'entry':
      await t.run('DELETE FROM findings WHERE device_id = ? AND file = ? AND scope = ? AND server_name = ? AND last_seen_ms <= ?', [
        device,
        scope.subject.file,
        scope.subject.scope,
        scope.subject.serverName,
        at,
      ]);
      return;
    case 'exact':
      await t.run('DELETE FROM findings WHERE device_id = ? AND kind = ? AND subject = ? AND last_seen_ms <= ?', [
        device,
        scope.kind,
        subjectKey(scope.subject),
        at,
      ]);
      return;
    case 'file':
      await t.run('DELETE FROM findings WHERE device_id = ? AND kind = ? AND file = ? AND last_seen_ms <= ?', [
        device,
        scope.kind,
        scope.file,
        at,
      ]);
      return;
  }
}
