// What `drift query` and `fleet status` print: pure functions from API answers to rows
// and to the fleet status object.
import type { DriftEvent } from '../../events/types';
import type { DeviceView, FindingView, Summary } from '../store';
import { ago, shortTime } from './format';
import { clientOf } from '../../clients/of-file';

// `client` is the last CSV column (scripts reading the older columns by position keep
// working); it is empty for events about no server entry (policy, heartbeat, settings).
export const EVENT_COLUMNS = [
  'time',
  'id',
  'device',
  'hostname',
  'user',
  'kind',
  'severity',
  'mode',
  'action',
  'server',
  'scope',
  'file',
  'message',
  'client',
] as const;

/** The client of a row about a server entry or a config file; '' otherwise. */
function clientCell(server: { name?: string; client?: string } | undefined, file: string | undefined): string {
  return server || file ? clientOf(server, file) : '';
}

export function eventRow(e: DriftEvent): string[] {
  return [
    e.time,
    e.id,
    e.device.id,
    e.device.hostname,
    e.device.user,
    e.kind,
    e.severity,
    e.mode,
    e.action,
    e.server?.name ?? '',
    e.server?.scope ?? '',
    e.file ?? '',
    e.message,
    clientCell(e.server, e.file),
  ];
}

export function eventTableRow(e: DriftEvent): string[] {
  const action = e.action === 'none' && e.wouldDo ? `none (would ${e.wouldDo})` : e.action;
  return [
    shortTime(e.time),
    e.device.hostname,
    e.device.user,
    e.kind,
    e.severity,
    action,
    clientCell(e.server, e.file),
    e.server?.name ?? '',
    e.message,
  ];
}
export const EVENT_TABLE = ['TIME', 'HOST', 'USER', 'KIND', 'SEVERITY', 'ACTION', 'CLIENT', 'SERVER', 'MESSAGE'];

export const FINDING_COLUMNS = [
  'since',
  'lastSeen',
  'device',
  'hostname',
  'user',
  'kind',
  'severity',
  'server',
  'scope',
  'file',
  'credential',
  'client',
] as const;

export function findingRow(f: FindingView): string[] {
  return [
    f.firstSeen,
    f.lastSeen,
    f.device.id,
    f.device.hostname,
    f.device.user,
    f.kind,
    f.severity,
    f.server?.name ?? '',
    f.server?.scope ?? '',
    f.file ?? '',
    f.credential ?? '',
    clientCell(f.server, f.file),
  ];
}

export function findingTableRow(f: FindingView, now: number): string[] {
  const server = f.server ? `${f.server.name}${f.server.scope ? ` (${f.server.scope})` : ''}` : (f.credential ?? '');
  return [
    f.device.hostname || f.device.id,
    f.device.user,
    f.kind,
    clientCell(f.server, f.file),
    server,
    `${shortTime(f.firstSeen)} (${ago(f.firstSeen, now)})`,
    f.file ?? '',
  ];
}
export const FINDING_TABLE = ['HOST', 'USER', 'KIND', 'CLIENT', 'SERVER', 'SINCE', 'FILE'];

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
    /** The clients whose files hold this device's open findings (from the findings' files). */
    clients: string[];
  }[];
  /** Open findings per client, over the not-compliant devices listed (see `truncated`). */
  findingsByClient: { client: string; findings: number; devices: number }[];
  staleDevices: { id: string; hostname: string; user: string; lastSeen: string | null }[];
  /** True when a device list was cut at the maximum. */
  truncated: boolean;
}

function byClient(findings: readonly FindingView[]): { perDevice: Map<string, string[]>; totals: FleetStatus['findingsByClient'] } {
  const perDevice = new Map<string, string[]>();
  const totals = new Map<string, { findings: number; devices: Set<string> }>();
  for (const f of findings) {
    if (!f.server && !f.file) continue;
    const c = clientOf(f.server, f.file);
    const list = perDevice.get(f.device.id) ?? [];
    if (!list.includes(c)) list.push(c);
    perDevice.set(f.device.id, list);
    const t = totals.get(c) ?? { findings: 0, devices: new Set<string>() };
    t.findings++;
    t.devices.add(f.device.id);
    totals.set(c, t);
  }
  const rows = [...totals].map(([client, t]) => ({ client, findings: t.findings, devices: t.devices.size }));
  rows.sort((a, b) => b.findings - a.findings || a.client.localeCompare(b.client));
  for (const l of perDevice.values()) l.sort();
  return { perDevice, totals: rows };
}

export function fleetStatus(
  collector: string,
  s: Summary,
  nonCompliant: DeviceView[],
  stale: DeviceView[],
  truncated: boolean,
  findings: readonly FindingView[] = [],
): FleetStatus {
  const c = byClient(findings);
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
      clients: c.perDevice.get(d.id) ?? [],
    })),
    findingsByClient: c.totals,
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
    for (const k of f.topDriftKinds)
      lines.push(`  ${k.kind.padEnd(22)} ${String(k.devices).padStart(5)} device(s)  ${String(k.findings).padStart(6)} finding(s)`);
  }
  if (f.findingsByClient.length) {
    lines.push('', 'open findings by client:');
    for (const c of f.findingsByClient)
      lines.push(`  ${c.client.padEnd(22)} ${String(c.devices).padStart(5)} device(s)  ${String(c.findings).padStart(6)} finding(s)`);
  }
  if (f.nonCompliantDevices.length) {
    lines.push('', 'not compliant:');
    for (const d of f.nonCompliantDevices) {
      const drift = d.openDrift.map((k) => `${k.kind}×${k.count} since ${shortTime(k.since)}`).join(', ') || 'heartbeat says not compliant';
      const clients = d.clients.length ? ` [${d.clients.join(', ')}]` : '';
      lines.push(`  ${(d.hostname || d.id).padEnd(24)} ${d.user.padEnd(12)} seen ${ago(d.lastSeen, now).padEnd(9)} ${drift}${clients}`);
    }
  }
  if (f.staleDevices.length) {
    lines.push('', 'stale:');
    for (const d of f.staleDevices)
      lines.push(`  ${(d.hostname || d.id).padEnd(24)} ${d.user.padEnd(12)} last seen ${shortTime(d.lastSeen)} (${ago(d.lastSeen, now)})`);
  }
  if (f.truncated) lines.push('', '(lists truncated: use --format json with --max-devices for more)');
  return lines;
}
