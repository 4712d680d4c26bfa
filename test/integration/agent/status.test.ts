// `mcp-warden status`: what an admin at the keyboard sees, and putting refused events back.
import * as path from 'node:path';
import { tmpDir, cleanupTmp } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli';
import { openSpool, spoolStatus } from '../../../src/report';
import { createEventFactory } from '../../../src/events/factory';

afterEach(cleanupTmp);

describe('mcp-warden status', () => {
  it('exits 1 when no agent runs, and says so', () => {
    const dir = tmpDir();
    const r = runCli(['--home', path.join(dir, 'home'), '--state-dir', path.join(dir, 'state'), 'status', '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ running: false, agent: null });
  });

  it('--requeue-dead-letters puts events the collector refused back in the spool', () => {
    const dir = tmpDir();
    const stateDir = path.join(dir, 'state');
    const spool = openSpool(stateDir, { factory: createEventFactory({ stateDir, policy: null, mode: 'audit' }) });
    spool.emit({ kind: 'server.unapproved', severity: 'medium', action: 'none', message: 'x' });
    const [ev] = spool.pending();
    spool.deadLetter([{ id: ev.id, reason: 'SCHEMA_INVALID' }]);
    expect(spoolStatus(stateDir)).toMatchObject({ pending: 0, deadLetters: 1 });
    const r = runCli(['--home', path.join(dir, 'home'), '--state-dir', stateDir, 'status', '--json', '--requeue-dead-letters']);
    expect(JSON.parse(r.stdout)).toMatchObject({ requeued: 1, reports: { pending: 1, deadLetters: 0 } });
  });
});
