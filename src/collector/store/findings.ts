// "Open drift": what is wrong on a device right now, kept per (device, kind, subject).
// Pure rules here; ingest.ts applies them in the same transaction that stores the events.
//
// A finding OPENS when an event of an open kind arrives with action `none` (audit mode,
// or nothing could be done) or `failed`. It CLOSES when
//   - an event for the same subject says it was remedied: the same kind with action
//     removed / quarantined / migrated / fixed, or `server.removed` (closes every finding
//     of that server entry), `credential.migrated` (its credential.exposed), `settings.fixed`
//     (settings.drift in that file);
//   - a heartbeat reports the device compliant (closes every finding not seen after it);
//   - a heartbeat lists the drift still present (`detail.findings`): findings not listed
//     close, listed ones open if they were not.
// Closing only touches findings last seen at or before the closing event's time, and an
// event older than the device's latest compliant heartbeat opens nothing, so events that
// arrive late (a device back from a week offline) do not reopen what is already fixed.
import * as crypto from 'node:crypto';
import type { DriftEvent, EventKind } from '../../events/types';

export const OPEN_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'server.unapproved',
  'server.pin_mismatch',
  'server.denied',
  'server.unverifiable',
  'plugin.server_unapproved',
  'plugin.server_pin_mismatch',
  'plugin.server_denied',
  'plugin.server_unverifiable',
  'plugin.marketplace_unapproved',
  'plugin.marketplace_denied',
  'credential.exposed',
  'settings.drift',
]);
/** Severity of a finding that only a heartbeat reported (drift events carry their own). */
export const DEFAULT_SEVERITY: Readonly<Record<string, string>> = {
  'server.unapproved': 'high',
  'server.pin_mismatch': 'high',
  'server.denied': 'high',
  'server.unverifiable': 'medium',
  'plugin.server_unapproved': 'high',
  'plugin.server_pin_mismatch': 'high',
  'plugin.server_denied': 'high',
  'plugin.server_unverifiable': 'medium',
  'plugin.marketplace_unapproved': 'medium',
  'plugin.marketplace_denied': 'high',
  'credential.exposed': 'high',
  'settings.drift': 'medium',
};
const OPENING_ACTIONS = new Set(['none', 'failed']);
const REMEDY_ACTIONS = new Set(['removed', 'quarantined', 'migrated', 'fixed']);

/** Where a finding is: the server entry (file, scope, name) and, for credentials, the variable. */
export interface Subject {
  file: string;
  scope: string;
  serverName: string;
  credential: string;
}

export interface FindingKey extends Subject {
  kind: string;
}

/** Fixed-length key for the primary key (paths can be long). */
export function subjectKey(s: Subject): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([s.file, s.scope, s.serverName, s.credential]))
    .digest('hex')
    .slice(0, 32);
}

export function subjectOf(e: Pick<DriftEvent, 'file' | 'server' | 'credential'>): Subject {
  return { file: e.file ?? '', scope: e.server?.scope ?? '', serverName: e.server?.name ?? '', credential: e.credential?.name ?? '' };
}

export type CloseScope =
  /** Every finding of this server entry, whatever the kind. */
  | { type: 'entry'; subject: Subject }
  /** One kind at one subject. */
  | { type: 'exact'; kind: string; subject: Subject }
  /** Every finding of this kind in this file (settings). */
  | { type: 'file'; kind: string; file: string };

export type Effect = { type: 'open'; kind: string; subject: Subject } | { type: 'close'; scope: CloseScope } | { type: 'none' };

export function effectOf(e: Pick<DriftEvent, 'kind' | 'action' | 'file' | 'server' | 'credential'>): Effect {
  const subject = subjectOf(e);
  if (OPEN_KINDS.has(e.kind)) {
    if (OPENING_ACTIONS.has(e.action)) return { type: 'open', kind: e.kind, subject };
    if (REMEDY_ACTIONS.has(e.action)) {
      if (e.action === 'removed' || e.action === 'quarantined') return { type: 'close', scope: { type: 'entry', subject } };
      return { type: 'close', scope: { type: 'exact', kind: e.kind, subject } };
    }
    return { type: 'none' };
  }
  switch (e.kind) {
    case 'server.removed':
      return { type: 'close', scope: { type: 'entry', subject } };
    case 'credential.migrated':
      return { type: 'close', scope: { type: 'exact', kind: 'credential.exposed', subject } };
    case 'settings.fixed':
      return { type: 'close', scope: { type: 'file', kind: 'settings.drift', file: subject.file } };
    default:
      return { type: 'none' };
  }
}

/** The heartbeat's posture as the collector reads it (fields validated loosely: it is `detail`). */
export interface Posture {
  compliant: boolean | null;
  findings?: FindingKey[];
}

export function postureOf(e: Pick<DriftEvent, 'detail'>): Posture {
  const d = e.detail ?? {};
  const compliant = typeof d.compliant === 'boolean' ? d.compliant : null;
  if (!Array.isArray(d.findings)) return { compliant };
  const findings: FindingKey[] = [];
  for (const f of d.findings as unknown[]) {
    if (typeof f !== 'object' || f === null) continue;
    const o = f as { kind?: unknown; file?: unknown; credential?: unknown; server?: { name?: unknown; scope?: unknown } };
    if (typeof o.kind !== 'string' || !OPEN_KINDS.has(o.kind as EventKind)) continue;
    findings.push({
      kind: o.kind,
      file: typeof o.file === 'string' ? o.file : '',
      scope: typeof o.server?.scope === 'string' ? o.server.scope : '',
      serverName: typeof o.server?.name === 'string' ? o.server.name : '',
      credential: typeof o.credential === 'string' ? o.credential : '',
    });
  }
  return { compliant, findings };
}
