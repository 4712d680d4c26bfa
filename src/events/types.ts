// Drift events: what the agent found and did. Mirrors schemas/drift-event.schema.json.
// An event NEVER carries a secret value: at most a variable's name and a short fingerprint.
import type { Mode, Scope } from '../policy/types';
import type { ClientId } from '../policy/client-ids';

export type EventKind =
  | 'server.unapproved'
  | 'server.pin_mismatch'
  | 'server.denied'
  | 'server.unverifiable'
  | 'server.removed'
  | 'server.restored'
  | 'server.renamed'
  | 'server.flapping'
  | 'server.exec_refused'
  /** exec could not start the rule's sandbox (detail.code says why): refused (required) or started unconfined (preferred). */
  | 'server.sandbox_unavailable'
  /** A tool, prompt or resource template differs from its pin (detail: names and digests, never descriptions). */
  | 'server.tools_changed'
  /** TOFU: what the server offered at its first launch on this device is now pinned here. */
  | 'server.tools_pinned'
  /** A plugin's server is not approved (detail: plugin, marketplace, server). */
  | 'plugin.server_unapproved'
  | 'plugin.server_pin_mismatch'
  | 'plugin.server_denied'
  | 'plugin.server_unverifiable'
  /** A plugin was turned off in a settings file (`enabledPlugins[id]: false`). */
  | 'plugin.disabled'
  | 'plugin.restored'
  /** A marketplace this user added is not in `marketplaces.allowed` (or is blocked). */
  | 'plugin.marketplace_unapproved'
  | 'plugin.marketplace_denied'
  | 'credential.exposed'
  | 'credential.migrated'
  | 'credential.missing'
  | 'settings.drift'
  | 'settings.fixed'
  | 'policy.accepted'
  | 'policy.rejected'
  | 'policy.stale'
  | 'policy.missing'
  | 'config.unreadable'
  | 'write.failed'
  | 'managed.applied'
  | 'managed.rejected'
  | 'agent.started'
  | 'agent.stopped'
  | 'agent.heartbeat'
  /** The spool was full and dropped events; `detail` says how many, by kind. */
  | 'agent.events_dropped';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** What the agent did about a finding. `none` in audit mode (with `wouldDo` saying what enforce would do). */
export type ActionTaken = 'none' | 'removed' | 'quarantined' | 'migrated' | 'fixed' | 'renamed' | 'restored' | 'refused' | 'failed';

export interface DeviceInfo {
  id: string;
  hostname: string;
  os: string;
  user: string;
}

export interface PolicyRef {
  org: string;
  version: number;
  digest: string;
}

/** The identity of a server: never the name alone. */
export interface ServerRef {
  name: string;
  scope?: Scope | 'managed' | 'plugin' | 'agent';
  transport?: string;
  /** argv for stdio (secrets masked), absent for remote. */
  argv?: string[];
  url?: string;
  ruleId?: string;
  /** The MCP client whose config holds it (src/clients); absent for Claude Code. */
  client?: ClientId;
}

export interface DriftEvent {
  id: string;
  time: string;
  device: DeviceInfo;
  agentVersion: string;
  policy: PolicyRef | null;
  kind: EventKind;
  severity: Severity;
  mode: Mode;
  action: ActionTaken;
  /** For audit mode: what enforce would have done. */
  wouldDo?: ActionTaken;
  /** Human-readable, one line, no secrets. */
  message: string;
  server?: ServerRef;
  file?: string;
  /** JSON path inside `file`. */
  jsonPath?: string;
  /** For credential events: the variable or header name and a short fingerprint of the value. */
  credential?: { name: string; location: 'env' | 'args' | 'headers' | 'url'; fingerprint?: string };
  /** Extra structured detail (counts for heartbeats, reasons). Never secret values. */
  detail?: Record<string, unknown>;
}

/** The fields a producer supplies; the sink's factory fills id, time, device, agent, policy. */
export type DriftEventInput = Omit<DriftEvent, 'id' | 'time' | 'device' | 'agentVersion' | 'policy' | 'mode'> & {
  mode?: Mode;
};

/** Where producers send events. The spool implements it; tests use an in-memory one. */
export interface EventSink {
  emit(event: DriftEventInput): void;
  /** Several events at once (a pass's): the spool writes them in one durable append. */
  emitMany?(events: readonly DriftEventInput[]): void;
}

/** Collects events in memory (tests, `--dry-run`, and as a buffer before the spool opens). */
export class MemorySink implements EventSink {
  readonly events: DriftEventInput[] = [];
  emit(event: DriftEventInput): void {
    this.events.push(event);
  }
}

/** Every event kind, in schema order (the schema's enum is checked against it in tests). */
export const EVENT_KINDS: readonly EventKind[] = [
  'server.unapproved',
  'server.pin_mismatch',
  'server.denied',
  'server.unverifiable',
  'server.removed',
  'server.restored',
  'server.renamed',
  'server.flapping',
  'server.exec_refused',
  'server.sandbox_unavailable',
  'server.tools_changed',
  'server.tools_pinned',
  'plugin.server_unapproved',
  'plugin.server_pin_mismatch',
  'plugin.server_denied',
  'plugin.server_unverifiable',
  'plugin.disabled',
  'plugin.restored',
  'plugin.marketplace_unapproved',
  'plugin.marketplace_denied',
  'credential.exposed',
  'credential.migrated',
  'credential.missing',
  'settings.drift',
  'settings.fixed',
  'policy.accepted',
  'policy.rejected',
  'policy.stale',
  'policy.missing',
  'config.unreadable',
  'write.failed',
  'managed.applied',
  'managed.rejected',
  'agent.started',
  'agent.stopped',
  'agent.heartbeat',
  'agent.events_dropped',
];

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Ordinal of a severity (info = 0 … critical = 4), for "at least" filters. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
