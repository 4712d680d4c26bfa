// The periodic check-in: the device's posture in one event. The collector takes
// `compliant` from the latest heartbeat and, when `findings` is present, replaces the
// device's open drift with exactly that list (so drift that vanished without an event,
// e.g. a server the user removed by hand, closes too). See docs/collector.md.
import type { VerdictKind } from '../judge/types';
import type { DriftEventInput, EventKind, ServerRef } from '../events/types';

/** Most findings carried by one heartbeat; beyond it `findingsTruncated` is set. */
export const MAX_HEARTBEAT_FINDINGS = 200;

/** One piece of drift still present on the device. */
export interface PostureFinding {
  kind: Extract<
    EventKind,
    | 'server.unapproved'
    | 'server.pin_mismatch'
    | 'server.denied'
    | 'server.unverifiable'
    | 'plugin.server_unapproved'
    | 'plugin.server_pin_mismatch'
    | 'plugin.server_denied'
    | 'plugin.server_unverifiable'
    | 'plugin.marketplace_unapproved'
    | 'plugin.marketplace_denied'
    | 'credential.exposed'
    | 'settings.drift'
  >;
  server?: ServerRef;
  file?: string;
  /** For credential.exposed: the variable or header name. */
  credential?: string;
}

export interface HeartbeatPosture {
  /** True when the last pass found nothing outside the policy (nothing unapproved, no exposed secret). */
  compliant: boolean;
  /** Version of the policy in force, null when there is none (audit only). */
  policyVersion: number | null;
  /** Server entries by verdict in the last pass. */
  counts: Partial<Record<VerdictKind, number>>;
  /** Events waiting in the spool. */
  pending: number;
  /** The drift still present, when the caller knows it (recommended). */
  findings?: PostureFinding[];
  /** Events the spool dropped since it was created (cumulative), when known. */
  dropped?: number;
}

export function heartbeatEvent(posture: HeartbeatPosture): DriftEventInput {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(posture.counts)) if (typeof v === 'number') counts[k] = v;
  const detail: Record<string, unknown> = {
    compliant: posture.compliant,
    policyVersion: posture.policyVersion,
    counts,
    pending: posture.pending,
  };
  if (posture.dropped !== undefined) detail.dropped = posture.dropped;
  if (posture.findings) {
    detail.findings = posture.findings.slice(0, MAX_HEARTBEAT_FINDINGS).map((f) => ({
      kind: f.kind,
      ...(f.server ? { server: { name: f.server.name, ...(f.server.scope ? { scope: f.server.scope } : {}) } } : {}),
      ...(f.file ? { file: f.file } : {}),
      ...(f.credential ? { credential: f.credential } : {}),
    }));
    if (posture.findings.length > MAX_HEARTBEAT_FINDINGS) detail.findingsTruncated = true;
  }
  const open = Object.entries(counts)
    .filter(([k, n]) => k !== 'approved' && k !== 'ignored' && n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return {
    kind: 'agent.heartbeat',
    severity: 'info',
    action: 'none',
    message: posture.compliant ? 'compliant' : `not compliant${open.length ? `: ${open.join(', ')}` : ''}`,
    detail,
  };
}
