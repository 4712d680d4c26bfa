// The agent's automatic restore (issue 19) on real files: only in enforce mode, only what
// the policy approves as it will be written (secrets in), once per record and policy, and
// reported with the request id. Plus the denial poll against a real collector.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { restoreApproved } from '../../../src/agent/restore-approved';
import { pollRequests } from '../../../src/agent/request-poll';
import { rememberRequest, readLocalRequests } from '../../../src/approval/local-requests';
import { MemorySink } from '../../../src/events/types';
import { MemorySecretStore } from '../../../src/vault/keychain/store';
import type { Mode, Policy } from '../../../src/policy/types';
import type { QuarantineRecord } from '../../../src/quarantine/record';
import { activeRecordExists, writeRecord } from '../../../src/quarantine/store';
import { echoAllowlist, ECHO } from '../../helpers/agent';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { credentialFor, ADMIN, request, startCollector } from '../collector/harness';
import { saveCredential } from '../../../src/report/credential';
import { deviceInfo } from '../../../src/events/device';

afterAll(() => cleanupTmp());

function policy(mode: Mode): Policy {
  return {
    allowlist: echoAllowlist({ mode, version: 7 }),
    digest: `${mode}-digest`,
    keyIds: [],
    acceptedAt: new Date().toISOString(),
    source: 'test',
  };
}

function world(args: string[], secrets: QuarantineRecord['secrets'] = []) {
  const root = tmpDir('mcpw-restore-');
  const home = path.join(root, 'home');
  const stateDir = path.join(root, 'state');
  fs.mkdirSync(home, { recursive: true });
  const file = path.join(home, '.claude.json');
  fs.writeFileSync(file, JSON.stringify({ mcpServers: {} }, null, 2));
  const record: QuarantineRecord = {
    version: 1,
    id: 'q-20261203T120000Z-0123abcd',
    time: new Date().toISOString(),
    file,
    scope: 'user',
    configHome: home,
    jsonPath: ['mcpServers', 'echo'],
    name: 'echo',
    transport: 'stdio',
    verdict: 'unapproved',
    reason: 'matches no approved server',
    policy: null,
    entry: { type: 'stdio', command: ECHO, args },
    secrets,
  };
  writeRecord(stateDir, record);
  const store = new MemorySecretStore();
  const sink = new MemorySink();
  const attempted = new Set<string>();
  const run = (mode: Mode) =>
    restoreApproved({
      stateDir,
      home,
      policy: policy(mode),
      execPath: '/usr/local/bin/mcp-warden',
      env: process.env,
      secretStore: () => Promise.resolve(store),
      sink,
      attempted,
    });
  const servers = () => Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: object }).mcpServers);
  return { stateDir, home, file, record, store, sink, run, servers };
}

describe('restoreApproved', () => {
  it('restores what the policy approves, once, and reports it with the request id', async () => {
    const w = world(['approved']);
    rememberRequest(w.stateDir, {
      requestId: 'r-0123456789abcdef',
      name: 'echo',
      quarantineId: w.record.id,
      sentAt: new Date().toISOString(),
      status: 'open',
    });
    const done = await w.run('enforce');
    expect(done).toEqual([{ name: 'echo', file: w.file, quarantineId: w.record.id, requestId: 'r-0123456789abcdef' }]);
    expect(w.servers()).toEqual(['echo']);
    expect(activeRecordExists(w.stateDir, w.record.id)).toBe(false);
    expect(w.sink.events).toEqual([
      expect.objectContaining({
        kind: 'server.restored',
        action: 'restored',
        detail: { quarantineId: w.record.id, automatic: true, requestId: 'r-0123456789abcdef' },
      }),
    ]);
    expect(readLocalRequests(w.stateDir)[0]).toMatchObject({ told: 'restored', status: 'approved' });
    expect(await w.run('enforce')).toEqual([]);
  });

  it('does nothing in audit mode (nothing was removed there) nor for what is still not approved', async () => {
    const a = world(['approved']);
    expect(await a.run('audit')).toEqual([]);
    expect(a.servers()).toEqual([]);
    const b = world(['something-else']);
    expect(await b.run('enforce')).toEqual([]);
    expect(b.servers()).toEqual([]);
    expect(activeRecordExists(b.stateDir, b.record.id)).toBe(true);
  });

  it('judges the entry as it will be written: a stored copy that looks approved but is not stays out', async () => {
    // The stored copy says `approved`; the value in the keychain (what would be written) does not.
    const w = world(['approved'], [{ path: ['args', 0], name: 'A', account: 'acct-a' }]);
    await w.store.set('acct-a', 'not-approved');
    expect(await w.run('enforce')).toEqual([]);
    expect(w.servers()).toEqual([]);
    expect(activeRecordExists(w.stateDir, w.record.id)).toBe(true);
    expect(w.sink.events).toEqual([]);
  });
});

describe('pollRequests (real collector on SQLite)', () => {
  it('tells a denial once, with its reason; asks nothing when no request is open', async () => {
    const c = await startCollector(`sqlite:${path.join(tmpDir('mcpw-poll-'), 'c.db')}`);
    try {
      const stateDir = tmpDir('mcpw-poll-state-');
      const loaded = {
        config: { report: { url: c.url, token: 'enroll-token-4f9a0c2b7d1e6f38', deviceId: 'dev-poll' } },
        source: 'test',
        baseDir: stateDir,
      } as never;
      expect(await pollRequests(stateDir, loaded)).toEqual([]);
      const cred = await credentialFor(c.url, 'dev-poll');
      saveCredential(stateDir, deviceInfo(stateDir, 'dev-poll').id, cred, Date.now());
      const filed = await request(`${c.url}/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cred}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'blog',
          transport: 'stdio',
          scope: 'user',
          entry: { command: 'npx', args: ['-y', 'blog-mcp@0.0.1'] },
        }),
      });
      const id = filed.json.request.id as string;
      rememberRequest(stateDir, { requestId: id, name: 'blog', sentAt: new Date().toISOString(), status: 'open' });
      expect(await pollRequests(stateDir, loaded)).toEqual([]);
      await request(`${c.url}/v1/requests/${id}/deny`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'not needed' }),
      });
      expect(await pollRequests(stateDir, loaded)).toEqual([{ name: 'blog', requestId: id, reason: 'not needed' }]);
      expect(await pollRequests(stateDir, loaded)).toEqual([]);
    } finally {
      await c.stop();
    }
  });
});
