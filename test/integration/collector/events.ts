// Valid drift events for collector tests, with any field overridden.
import * as crypto from 'node:crypto';
import type { DriftEvent } from '../../../src/events/types';

export const DIGEST = 'b'.repeat(64);

export function makeEvent(over: Partial<DriftEvent> = {}, device = 'dev-a'): DriftEvent {
  return {
    id: crypto.randomUUID(),
    time: new Date().toISOString(),
    device: { id: device, hostname: `${device}.corp`, os: 'linux-6.1', user: 'alice' },
    agentVersion: '0.1.0',
    policy: { org: 'acme', version: 3, digest: DIGEST },
    kind: 'server.unapproved',
    severity: 'high',
    mode: 'audit',
    action: 'none',
    wouldDo: 'removed',
    message: 'unapproved server github',
    server: { name: 'github', scope: 'user', transport: 'stdio', argv: ['npx', '-y', 'gh-mcp'] },
    file: '/home/alice/.claude.json',
    jsonPath: '$.mcpServers.github',
    ...over,
  };
}

export function heartbeat(device: string, time: Date, compliant: boolean, findings?: unknown[]): DriftEvent {
  return makeEvent(
    {
      kind: 'agent.heartbeat',
      severity: 'info',
      action: 'none',
      wouldDo: undefined,
      server: undefined,
      file: undefined,
      jsonPath: undefined,
      message: compliant ? 'compliant' : 'not compliant',
      time: time.toISOString(),
      detail: { compliant, policyVersion: 3, counts: { approved: 2 }, pending: 0, ...(findings ? { findings } : {}) },
    },
    device,
  );
}

/** `n` minutes after `base`. */
export function at(base: Date, minutes: number): Date {
  return new Date(base.getTime() + minutes * 60_000);
}
