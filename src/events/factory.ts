// Turns what a producer knows (kind, severity, action, server, message) into a complete
// drift event: a fresh id, the time, the device, the agent version and the policy in force.
// Every string goes through the process redactor on the way, so a secret that a producer
// let slip into a message or an argv is masked before it can reach the spool.
import * as crypto from 'node:crypto';
import type { AgentConfig } from '../config/types';
import type { Mode, Policy } from '../policy/types';
import { redactor } from '../log/redact';
import { VERSION } from '../version';
import { deviceInfo } from './device';
import type { DeviceInfo, DriftEvent, DriftEventInput, PolicyRef } from './types';

/** Longest `message` kept (the schema's limit); longer messages are cut, not rejected. */
const MAX_MESSAGE_CHARS = 2048;

export interface EventFactoryOptions {
  stateDir: string;
  config?: AgentConfig;
  /** The policy in force, or a getter when it can change during the process's life (the agent). */
  policy: Policy | null | (() => Policy | null);
  /** The effective mode (`audit` when there is no policy); a getter works as for `policy`. */
  mode: Mode | (() => Mode);
  /** Clock, for tests. */
  now?: () => Date;
  /** Device, for tests; default: deviceInfo(stateDir, config.report.deviceId). */
  device?: DeviceInfo;
}

export type EventFactory = (input: DriftEventInput) => DriftEvent;

export function policyRef(policy: Policy | null): PolicyRef | null {
  if (!policy) return null;
  return { org: policy.allowlist.org, version: policy.allowlist.version, digest: policy.digest };
}

export function createEventFactory(opts: EventFactoryOptions): EventFactory {
  const now = opts.now ?? (() => new Date());
  let device = opts.device;
  return (input: DriftEventInput): DriftEvent => {
    // Resolved on first use: `exec` creates a factory on every launch but rarely emits.
    device ??= deviceInfo(opts.stateDir, opts.config?.report?.deviceId);
    const policy = typeof opts.policy === 'function' ? opts.policy() : opts.policy;
    const mode = typeof opts.mode === 'function' ? opts.mode() : opts.mode;
    const clean = redactor.redact(input);
    const message = clean.message.length > MAX_MESSAGE_CHARS ? `${clean.message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : clean.message;
    const event: DriftEvent = {
      ...clean,
      id: crypto.randomUUID(),
      time: now().toISOString(),
      device: { ...device },
      agentVersion: VERSION,
      policy: policyRef(policy),
      mode: clean.mode ?? mode,
      message,
    };
    return event;
  };
}
