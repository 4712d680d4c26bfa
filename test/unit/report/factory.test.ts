import schema from '../../../schemas/drift-event.schema.json';
import { createEventFactory } from '../../../src/events/factory';
import { EVENT_KINDS, type DriftEventInput } from '../../../src/events/types';
import { eventProblems, MAX_EVENT_BYTES } from '../../../src/events/validate';
import { redactor } from '../../../src/log/redact';
import type { Policy } from '../../../src/policy/types';
import { VERSION } from '../../../src/version';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

const policy: Policy = {
  allowlist: { org: 'acme', version: 7, expires: '2099-01-01T00:00:00Z', mode: 'enforce', servers: [] },
  digest: 'a'.repeat(64),
  keyIds: [],
  acceptedAt: '2024-01-01T00:00:00Z',
  source: 'test',
};

const input: DriftEventInput = {
  kind: 'server.unapproved',
  severity: 'high',
  action: 'removed',
  message: 'removed github (not in the allowlist)',
  server: { name: 'github', scope: 'user', transport: 'stdio', argv: ['npx', '-y', 'gh-mcp'] },
  file: '/home/u/.claude.json',
  jsonPath: '$.mcpServers.github',
};

afterEach(cleanupTmp);

describe('drift-event schema', () => {
  it('lists exactly the kinds the TypeScript type knows', () => {
    expect(schema.properties.kind.enum).toEqual([...EVENT_KINDS]);
  });
});

describe('#createEventFactory', () => {
  it('fills id, time, device, agent version, policy and mode', () => {
    const stateDir = tmpDir();
    const make = createEventFactory({ stateDir, policy, mode: 'enforce', now: () => new Date('2024-05-01T10:00:00Z') });

    const e = make(input);

    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.time).toBe('2024-05-01T10:00:00.000Z');
    expect(e.agentVersion).toBe(VERSION);
    expect(e.policy).toEqual({ org: 'acme', version: 7, digest: 'a'.repeat(64) });
    expect(e.mode).toBe('enforce');
    expect(e.device.id.length).toBeGreaterThan(0);
    expect(eventProblems(e)).toEqual([]);
  });

  it('gives every event a fresh id', () => {
    const make = createEventFactory({ stateDir: tmpDir(), policy: null, mode: 'audit' });
    const ids = new Set(Array.from({ length: 100 }, () => make(input).id));
    expect(ids.size).toBe(100);
  });

  it('uses the configured device id and a null policy when there is none', () => {
    const make = createEventFactory({
      stateDir: tmpDir(),
      config: { org: 'acme', trust: { keys: [], threshold: 1 }, allowlist: {}, report: { url: 'https://x', deviceId: 'dev-123' } },
      policy: null,
      mode: 'audit',
    });
    const e = make(input);
    expect(e.device.id).toBe('dev-123');
    expect(e.policy).toBeNull();
    expect(e.mode).toBe('audit');
  });

  it('reads the policy and mode through getters when given functions', () => {
    let current: Policy | null = null;
    const make = createEventFactory({ stateDir: tmpDir(), policy: () => current, mode: () => (current ? 'enforce' : 'audit') });
    expect(make(input).policy).toBeNull();
    current = policy;
    expect(make(input).policy?.version).toBe(7);
    expect(make(input).mode).toBe('enforce');
  });

  it('masks learned secrets and token shapes in every string', () => {
    const canary = 'canary-secret-value-8c1f';
    redactor.learn(canary);
    const make = createEventFactory({ stateDir: tmpDir(), policy: null, mode: 'audit' });
    const e = make({
      ...input,
      message: `saw ${canary}`,
      server: { name: 'x', argv: ['run', `--token=${canary}`, 'ghp_' + 'a'.repeat(36)] },
    });
    expect(JSON.stringify(e)).not.toContain(canary);
    expect(JSON.stringify(e)).not.toContain('ghp_aaaa');
  });

  it('cuts an over-long message instead of producing an invalid event', () => {
    const make = createEventFactory({ stateDir: tmpDir(), policy: null, mode: 'audit' });
    const e = make({ ...input, message: 'x'.repeat(5000) });
    expect(e.message.length).toBe(2048);
    expect(eventProblems(e)).toEqual([]);
  });
});

describe('#eventProblems', () => {
  const make = () => createEventFactory({ stateDir: tmpDir(), policy, mode: 'enforce' })(input);

  it('names every problem with its JSON path', () => {
    const e = { ...make(), kind: 'server.bogus', extra: 1, device: { id: '', hostname: 'h', os: 'o', user: 'u' } };
    const paths = eventProblems(e).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.kind', '$.extra', '$.device.id']));
  });

  it('refuses an event over the size cap', () => {
    const e = { ...make(), detail: { blob: 'x'.repeat(MAX_EVENT_BYTES) } };
    expect(eventProblems(e)).toEqual([{ path: '$', message: expect.stringContaining('limit') }]);
  });

  it('refuses a time without a time zone and a bad digest', () => {
    const e = { ...make(), time: '2024-05-01T10:00:00', policy: { org: 'a', version: 1, digest: 'nothex' } };
    const paths = eventProblems(e).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.time', '$.policy']));
  });
});
