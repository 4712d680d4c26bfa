// What `drift query` and `fleet status` print: pure functions from API answers to rows
// and to the fleet status object.
import type { DriftEvent } from '../../events/types';
import type { DeviceView, FindingView, Summary } from '../store';
import { ago, shortTime } from './format';

export const EVENT_COLUMNS = ['time', 'id', 'device', 'hostname', 'user', 'kind', 'severity', 'mode', 'action', 'server', 'scope', 'file', 'message'] as const;

export function eventRow(e: DriftEvent): string[] {
  return [e.time, e.id, e.device.id, e.device.hostname, e.device.user, e.kind, e.severity, e.mode, e.action, e.server?.name ?? '', e.server?.scope ?? '', e.file ?? '', e.message];
}

export function eventTableRow(e: DriftEvent): string[] {
  const action = e.action === 'none' && e.wouldDo ? `none (would ${e.wouldDo})` : e.action;
  return [shortTime(e.time), e.device.hostname, e.device.user, e.kind, e.severity, action, e.server?.name ?? '', e.message];
}
export const EVENT_TABLE = ['TIME', 'HOST', 'USER', 'KIND', 'SEVERITY', 'ACTION', 'SERVER', 'MESSAGE'];

export const FINDING_COLUMNS = ['since', 'lastSeen', 'device', 'hostname', 'user', 'kind', 'severity', 'server', 'scope', 'file', 'credential'] as const;

export function findingRow(f: FindingView): string[] {
  return [f.firstSeen, f.lastSeen, f.device.id, f.device.hostname, f.device.user, f.kind, f.severity, f.server?.name ?? '', f.server?.scope ?? '', f.file ?? '', f.credential ?? ''];
}

export function findingTableRow(f: FindingView, now: number): string[] {
  const server = f.server ? `${f.server.name}${f.server.scope ? ` (${f.server.scope})` : ''}` : f.credential ?? '';
  return [f.device.hostname || f.device.id, f.device.user, f.kind, server, `${shortTime(f.firstSeen)} (${ago(f.firstSeen, now)})`, f.file ?? ''];
}
export const FINDING_TABLE = ['HOST', 'USER', 'KIND', 'SERVER', 'SINCE', 'FILE'];

export interface FleetStatus {
  collector: string;
  generatedAt: string;
  staleAfterSeconds: number;
  devices: Summary['devices'];
  /** compliant / total, null without devices. */
  compliantShare: number | null;
  openFindings: number;
  topDriftKinds: Summary['topDriftKinds'];
  policyVersions: Summary['policyVersions'];
  nonCompliantDevices: {
    id: string;
    hostname: string;
    user: string;
    lastSeen: string | null;
    policyVersion: number | null;
    openDrift: { kind: string; count: number; since: string | null }[];
  }[];
  staleDevices: { id: string; hostname: string; user: string; lastSeen: string | null }[];
  /** True when a device list was cut at the maximum. */
  truncated: boolean;
}

export function fleetStatus(collector: string, s: Summary, nonCompliant: DeviceView[], stale: DeviceView[], truncated: boolean): FleetStatus {
  return {
    collector,
    generatedAt: s.generatedAt,
    staleAfterSeconds: s.staleAfterSeconds,
    devices: s.devices,
    compliantShare: s.compliantShare,
    openFindings: s.openFindings,
    topDriftKinds: s.topDriftKinds,
    policyVersions: s.policyVersions,
    nonCompliantDevices: nonCompliant.map((d) => ({
      id: d.id,
      hostname: d.hostname,
      user: d.user,
      lastSeen: d.lastSeen,
      policyVersion: d.policy?.version ?? null,
      openDrift: d.openDrift.kinds.map((k) => ({ kind: k.kind, count: k.count, since: k.firstSeen })),
    })),
    staleDevices: stale.map((d) => ({ id: d.id, hostname: d.hostname, user: d.user, lastSeen: d.lastSeen })),
    truncated,
  };
}

export function fleetText(f: FleetStatus, now: number): string[] {
  const pct = f.compliantShare === null ? '-' : `${(f.compliantShare * 100).toFixed(1)}%`;
  const lines = [
    `collector: ${f.collector}`,
    `devices:   ${f.devices.total} (compliant ${f.devices.compliant}, not compliant ${f.devices.nonCompliant}, unknown ${f.devices.unknown})`,
    `compliant: ${pct}`,
    `stale:     ${f.devices.stale} (no check-in for ${Math.round(f.staleAfterSeconds / 3600)}h)`,
    `open drift: ${f.openFindings} finding(s)`,
  ];
  if (f.topDriftKinds.length) {
    lines.push('', 'top drift kinds:');
    for (const k of f.topDriftKinds) lines.push(`  ${k.kind.padEnd(22)} ${String(k.devices).padStart(5)} device(s)  ${String(k.findings).padStart(6)} finding(s)`);
  }
  if (f.nonCompliantDevices.length) {
    lines.push('', 'not compliant:');
    for (const d of f.nonCompliantDevices) {
      const drift = d.openDrift.map((k) => `${k.kind}×${k.count} since ${shortTime(k.since)}`).join(', ') || 'heartbeat says not compliant';
      lines.push(`  ${(d.hostname || d.id).padEnd(24)} ${d.user.padEnd(12)} seen ${ago(d.lastSeen, now).padEnd(9)} ${drift}`);
    }
  }
  if (f.staleDevices.length) {
    lines.push('', 'stale:');
    for (const d of f.staleDevices) lines.push(`  ${(d.hostname || d.id).padEnd(24)} ${d.user.padEnd(12)} last seen ${shortTime(d.lastSeen)} (${ago(d.lastSeen, now)})`);
  }
  if (f.truncated) lines.push('', '(lists truncated: use --format json with --max-devices for more)');
  return lines;
}
