// An agent's reporting side in a temp state folder: a spool and a sender pointed at `url`.
import type { AgentConfig } from '../../../src/config/types';
import { createEventFactory } from '../../../src/events/factory';
import type { DriftEventInput } from '../../../src/events/types';
import { openSpool, sendPending, type SendOptions } from '../../../src/report';
import { ENROLL } from '../collector/harness';
import { tmpDir } from '../../helpers/tmp';

export function agentSide(url: string, report: Partial<NonNullable<AgentConfig['report']>> = {}, deviceId = 'dev-test') {
  const stateDir = tmpDir('mcpw-rep-');
  const config: AgentConfig = {
    org: 'acme',
    trust: { keys: [], threshold: 1 },
    allowlist: { file: '/nonexistent/allowlist.json' },
    exec: { path: '/nonexistent/bin/mcp-warden' },
    report: { url, token: ENROLL, deviceId, ...report },
  };
  const factory = createEventFactory({ stateDir, config, policy: null, mode: 'audit' });
  const spool = openSpool(stateDir, { factory, maxBytes: config.report?.spoolMaxBytes });
  return {
    stateDir,
    config,
    spool,
    send: (o: Partial<SendOptions> = {}) => sendPending({ stateDir, config, deadlineMs: 10_000, ...o }),
  };
}

export const unapproved = (name: string, severity: DriftEventInput['severity'] = 'high'): DriftEventInput => ({
  kind: 'server.unapproved',
  severity,
  action: 'none',
  wouldDo: 'removed',
  message: `unapproved server ${name}`,
  server: { name, scope: 'user', transport: 'stdio', argv: ['npx', '-y', `${name}-mcp`] },
  file: '/home/u/.claude.json',
});
