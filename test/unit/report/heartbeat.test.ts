import { createEventFactory } from '../../../src/events/factory';
import { eventProblems } from '../../../src/events/validate';
import { heartbeatEvent, MAX_HEARTBEAT_FINDINGS } from '../../../src/report';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

afterEach(cleanupTmp);

describe('#heartbeatEvent', () => {
  it('carries the posture in a valid event', () => {
    const input = heartbeatEvent({
      compliant: false,
      policyVersion: 7,
      counts: { approved: 3, unapproved: 1, ignored: 2 },
      pending: 4,
      dropped: 0,
      findings: [{ kind: 'server.unapproved', server: { name: 'gh', scope: 'user', argv: ['npx', 'x'] }, file: '/h/.claude.json' }],
    });
    const e = createEventFactory({ stateDir: tmpDir(), policy: null, mode: 'audit' })(input);

    expect(eventProblems(e)).toEqual([]);
    expect(e).toMatchObject({ kind: 'agent.heartbeat', severity: 'info', action: 'none', message: 'not compliant: 1 unapproved' });
    expect(e.detail).toEqual({
      compliant: false,
      policyVersion: 7,
      counts: { approved: 3, unapproved: 1, ignored: 2 },
      pending: 4,
      dropped: 0,
      findings: [{ kind: 'server.unapproved', server: { name: 'gh', scope: 'user' }, file: '/h/.claude.json' }],
    });
  });

  it('caps the findings it carries and says so', () => {
    const findings = Array.from({ length: MAX_HEARTBEAT_FINDINGS + 5 }, (_, i) => ({
      kind: 'credential.exposed' as const,
      credential: `V${i}`,
    }));
    const d = heartbeatEvent({ compliant: false, policyVersion: null, counts: {}, pending: 0, findings }).detail!;
    expect((d.findings as unknown[]).length).toBe(MAX_HEARTBEAT_FINDINGS);
    expect(d.findingsTruncated).toBe(true);
  });

  it('says compliant plainly', () => {
    expect(heartbeatEvent({ compliant: true, policyVersion: 1, counts: { approved: 2 }, pending: 0 }).message).toBe('compliant');
  });
});
