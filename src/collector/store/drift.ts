// Posture and open drift of a batch, worked out in memory: the batch's devices and their
// findings are read once, the new events applied to that copy in time order (the rules of
// findings.ts), and only the difference written back, in a few multi-row statements.
// Applying each event as its own statement cost ~40 statements per batch of 100, each a
// round trip on PostgreSQL.
//
// Correct only because nothing else writes these rows meanwhile: ingest locks the batch's
// device rows first (the devices upsert) and every writer of findings goes through ingest,
// so on PostgreSQL a concurrent batch for the same device waits for this one to commit and
// then reads its result. On SQLite the write transaction is exclusive.
import type { DriftEvent } from '../../events/types';
import { DEFAULT_SEVERITY, effectOf, postureOf, subjectKey, type CloseScope, type FindingKey, type Subject } from './findings';

/** The posture columns of a device row, as read (and, when `changed`, to be written). */
export interface DeviceState {
  id: string;
  posture_ms: number | null;
  compliant: number | null;
  posture: string | null;
  clean_ms: number | null;
}

/** One findings row, with the column names of the table. */
export interface FindingRow {
  device_id: string;
  kind: string;
  subject: string;
  server_name: string;
  scope: string;
  file: string;
  credential: string;
  severity: string;
  first_seen_ms: number;
  last_seen_ms: number;
  last_event_id: string;
}

export interface DriftPlan {
  /** Devices whose posture columns changed (their new values). */
  devices: DeviceState[];
  /** Findings rows to delete, by primary key. */
  deletes: Pick<FindingRow, 'device_id' | 'kind' | 'subject'>[];
  /** Findings rows to write whole (inserted or overwritten), in key order. */
  upserts: FindingRow[];
}

const rowKey = (device: string, kind: string, subject: string): string => `${device}\u0000${kind}\u0000${subject}`;

/**
 * What the `events` (new, in event-time order) do to the devices and findings as read.
 * Pure. Mirrors, statement for statement, what the rules say one event at a time: a
 * heartbeat newer than the posture replaces it (and closes or replaces findings), an
 * opening event inserts or refreshes its finding unless the device was clean after it,
 * a remedy deletes what it covers that was last seen at or before it.
 */
export function planDrift(
  events: readonly DriftEvent[],
  devices: ReadonlyMap<string, DeviceState>,
  rows: readonly FindingRow[],
  at: (e: DriftEvent) => number,
): DriftPlan {
  const state = new Map<string, DeviceState>();
  for (const [id, d] of devices) state.set(id, { ...d });
  const changed = new Set<string>();
  const original = new Map<string, FindingRow>();
  for (const r of rows) original.set(rowKey(r.device_id, r.kind, r.subject), r);
  const current = new Map(original);
  const touched = new Set<string>();

  const deviceOf = (id: string): DeviceState => {
    let d = state.get(id);
    // Cannot happen (ingest upserts every device of the batch first); a fresh row then.
    if (!d) state.set(id, (d = { id, posture_ms: null, compliant: null, posture: null, clean_ms: null }));
    return d;
  };
  const remove = (keep: (r: FindingRow) => boolean, device: string, when: number): void => {
    for (const [k, r] of current) {
      if (r.device_id === device && r.last_seen_ms <= when && !keep(r)) {
        current.delete(k);
        touched.add(k);
      }
    }
  };
  const open = (e: DriftEvent, when: number, kind: string, s: Subject, severity: string, fromEvent: boolean): void => {
    const d = deviceOf(e.device.id);
    // An event older than the latest compliant heartbeat opens nothing.
    if (d.clean_ms !== null && d.clean_ms >= when) return;
    const subject = subjectKey(s);
    const k = rowKey(d.id, kind, subject);
    const cur = current.get(k);
    touched.add(k);
    if (!cur) {
      current.set(k, {
        device_id: d.id,
        kind,
        subject,
        server_name: s.serverName,
        scope: s.scope,
        file: s.file,
        credential: s.credential,
        severity,
        first_seen_ms: when,
        last_seen_ms: when,
        last_event_id: e.id,
      });
      return;
    }
    // The severity of a finding comes from drift events, not from heartbeat lists.
    current.set(k, {
      ...cur,
      first_seen_ms: Math.min(cur.first_seen_ms, when),
      last_seen_ms: Math.max(cur.last_seen_ms, when),
      last_event_id: fromEvent && when >= cur.last_seen_ms ? e.id : cur.last_event_id,
      severity: fromEvent ? severity : cur.severity,
    });
  };
  const close = (device: string, when: number, scope: CloseScope): void => {
    switch (scope.type) {
      case 'entry': {
        const s = scope.subject;
        remove((r) => !(r.file === s.file && r.scope === s.scope && r.server_name === s.serverName), device, when);
        return;
      }
      case 'exact': {
        const subject = subjectKey(scope.subject);
        remove((r) => !(r.kind === scope.kind && r.subject === subject), device, when);
        return;
      }
      case 'file':
        remove((r) => !(r.kind === scope.kind && r.file === scope.file), device, when);
        return;
    }
  };
  const heartbeat = (e: DriftEvent, when: number): void => {
    const d = deviceOf(e.device.id);
    // Only the newest heartbeat sets the posture; a late, older one is history only.
    if (d.posture_ms !== null && d.posture_ms >= when) return;
    const posture = postureOf(e);
    const compliant = posture.compliant === null ? null : posture.compliant ? 1 : 0;
    d.posture_ms = when;
    d.compliant = compliant;
    d.posture = JSON.stringify(e.detail ?? {});
    if (compliant === 1 && (d.clean_ms === null || d.clean_ms < when)) d.clean_ms = when;
    changed.add(d.id);
    if (posture.findings) replace(e, posture.findings, when);
    else if (posture.compliant === true) remove(() => false, d.id, when);
  };
  const replace = (e: DriftEvent, list: readonly FindingKey[], when: number): void => {
    const wanted = new Set(list.map((f) => `${f.kind}\u0000${subjectKey(f)}`));
    remove((r) => wanted.has(`${r.kind}\u0000${r.subject}`), e.device.id, when);
    for (const f of list) open(e, when, f.kind, f, DEFAULT_SEVERITY[f.kind] ?? 'medium', false);
  };

  for (const e of events) {
    const when = at(e);
    if (e.kind === 'agent.heartbeat') {
      heartbeat(e, when);
      continue;
    }
    const eff = effectOf(e);
    if (eff.type === 'open') open(e, when, eff.kind, eff.subject, e.severity, true);
    else if (eff.type === 'close') close(e.device.id, when, eff.scope);
  }

  const deletes: DriftPlan['deletes'] = [];
  const upserts: FindingRow[] = [];
  for (const k of [...touched].sort()) {
    const now = current.get(k);
    const was = original.get(k);
    if (!now) {
      if (was) deletes.push({ device_id: was.device_id, kind: was.kind, subject: was.subject });
    } else if (!was || !sameRow(was, now)) upserts.push(now);
  }
  return { devices: [...changed].sort().map((id) => state.get(id)!), deletes, upserts };
}

function sameRow(a: FindingRow, b: FindingRow): boolean {
  return (
    a.severity === b.severity &&
    a.first_seen_ms === b.first_seen_ms &&
    a.last_seen_ms === b.last_seen_ms &&
    a.last_event_id === b.last_event_id &&
    a.server_name === b.server_name &&
    a.scope === b.scope &&
    a.file === b.file &&
    a.credential === b.credential
  );
}
