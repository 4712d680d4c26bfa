// The approval loop end to end, through the real CLI, a real keychain, a real collector
// (SQLite) and npm against a recorded registry on 127.0.0.1: an unapproved server removed
// in enforce mode → `mcp-warden request` → `requests approve` writes the pinned rule →
// the admin signs → the running agent picks the policy up and restores the entry by itself
// → the collector shows the request approved → restored on 1 device. The developer's token
// never reaches the collector; a denial reaches the developer with its reason.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawnSync, type ChildProcess } from 'node:child_process';
import YAML from 'yaml';
import { tmpDir, cleanupTmp } from '../helpers/tmp';
import { runCli, spawnCli } from '../helpers/cli';
import { agentEnv, readAgentStatus, serversIn, startAgent, waitFor, type RunningAgent } from '../helpers/agent';
import { startFakeRegistry, integrityOf, type FakeRegistry } from '../helpers/registry';
import { echoAllowlist } from '../helpers/agent';

if (!process.env.MCP_WARDEN_TEST_KEYRING) {
  throw new Error('the end-to-end test needs a Secret Service: run it through `npm test` (scripts/with-keyring.sh)');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The CLI without blocking this process: the registry on 127.0.0.1 is served from it. */
function runAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawnCli(args, { env });
    let stdout = '';
    let stderr = '';
    c.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    c.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const DAY = 24 * 3600 * 1000;
const iso = (daysAgo: number): string => new Date(Date.now() - daysAgo * DAY).toISOString();

let agent: RunningAgent | undefined;
let collector: ChildProcess | undefined;
let reg: FakeRegistry | undefined;
afterAll(async () => {
  await agent?.stop('SIGKILL');
  collector?.kill('SIGKILL');
  await reg?.close();
  cleanupTmp();
});

jest.setTimeout(240000);

test('removed → request → approve → sign → restored by the agent → shown restored', async () => {
  const dir = tmpDir('mcpw-req-e2e-');
  reg = await startFakeRegistry();
  reg.add('@acme/mcp-thing', [
    { version: '1.0.0', published: iso(200), maintainers: ['alice'] },
    { version: '1.1.0', published: iso(100), maintainers: ['alice'], provenance: true },
  ]);
  const canary = `ghp_${crypto.randomBytes(24).toString('hex').slice(0, 36)}`;

  const port = await freePort();
  const adminToken = crypto.randomBytes(16).toString('hex');
  const enrollToken = crypto.randomBytes(16).toString('hex');
  const dbFile = path.join(dir, 'collector.db');
  collector = spawnCli(['collector', 'serve', '--db', `sqlite:${dbFile}`, '--listen', `127.0.0.1:${port}`], {
    env: { MCP_WARDEN_ADMIN_TOKEN: adminToken, MCP_WARDEN_ENROLL_TOKEN: enrollToken },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the collector',
    () =>
      spawnSync(process.execPath, [
        '-e',
        `require('http').get('${url}/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))`,
      ]).status === 0,
  );

  // The admin's allowlist source (v1) and its signed envelope in force on the device.
  const v1 = echoAllowlist({ version: 1, mode: 'enforce' });
  const env = agentEnv(path.join(dir, 'fleet'), v1, {
    report: { url, token: enrollToken, heartbeatSeconds: 3600 },
    agent: { notify: false, debounceMs: 20, fullPassSeconds: 600 },
  });
  const source = path.join(dir, 'admin', 'allowlist.yaml');
  fs.mkdirSync(path.dirname(source), { recursive: true });
  fs.writeFileSync(source, `# ACME allowlist\n${YAML.stringify(v1)}`);
  const keyFile = path.join(dir, 'admin', 'signing.key');
  fs.writeFileSync(keyFile, env.key.privatePem, { mode: 0o600 });

  // The developer's config: an npx server, with a token in plaintext.
  const claudeJson = path.join(env.home, '.claude.json');
  fs.writeFileSync(
    claudeJson,
    JSON.stringify(
      { mcpServers: { thing: { type: 'stdio', command: 'npx', args: ['-y', '@acme/mcp-thing@1.1.0'], env: { THING_TOKEN: canary } } } },
      null,
      2,
    ),
  );

  agent = await startAgent(env);
  await waitFor('the unapproved server removed', () => !serversIn(claudeJson).includes('thing'));
  const log = fs.readFileSync(path.join(env.stateDir, 'logs', 'mcp-warden.log'), 'utf8');
  expect(log).toMatch(/mcp-warden request q-\d{8}T\d{6}Z-[0-9a-f]{8}/);

  // The developer asks for it.
  const asked = runCli([...env.args(), 'request', 'thing', '--reason', 'needed for the release', '--json']);
  expect(asked.stderr).toBe('');
  expect(asked.status).toBe(0);
  const requestId = (JSON.parse(asked.stdout) as { request: string }).request;
  expect(requestId).toMatch(/^r-[0-9a-f]{16}$/);
  // Asking again merges (a count), it does not queue a second request.
  expect(JSON.parse(runCli([...env.args(), 'request', 'thing', '--json']).stdout)).toMatchObject({
    request: requestId,
    merged: true,
    asks: 2,
  });

  // The admin sees it and approves it: the rule is written from what the developer had.
  const admin = { MCP_WARDEN_ADMIN_TOKEN: adminToken };
  const listed = runCli(['requests', 'list', '--collector', url, '--format', 'json'], { env: admin });
  expect(listed.status).toBe(0);
  expect(JSON.parse(listed.stdout)).toEqual([
    expect.objectContaining({ id: requestId, name: 'thing', devices: 1, asks: 2, status: 'open' }),
  ]);
  const shown = runCli(['requests', 'show', requestId, '--collector', url], { env: admin });
  expect(shown.stdout).toContain('needed for the release');
  expect(shown.stdout).toContain('{{secret:THING_TOKEN}}');
  const npmEnv = {
    npm_config_registry: reg.url,
    npm_config_cache: path.join(dir, 'admin', 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  const approved = await runAsync(['requests', 'approve', requestId, '--allowlist', source, '--collector', url, '--no-tree', '--json'], {
    ...admin,
    ...npmEnv,
  });
  expect(approved.status).toBe(0);
  const res = JSON.parse(approved.stdout) as { status: string; written: boolean; rule: Record<string, unknown> };
  expect(res).toMatchObject({ status: 'approved', written: true });
  expect(res.rule).toMatchObject({
    id: 'thing',
    command: 'npx',
    args: ['-y', '@acme/mcp-thing@1.1.0'],
    package: { registry: 'npm', name: '@acme/mcp-thing', version: '1.1.0', integrity: integrityOf('@acme/mcp-thing', '1.1.0') },
    env: { secrets: ['THING_TOKEN'] },
  });
  const text = fs.readFileSync(source, 'utf8');
  expect(text.startsWith('# ACME allowlist\n')).toBe(true);
  // approve never signs: the envelope in force is still v1.
  expect(readAgentStatus(env.stateDir)?.policy?.version).toBe(1);

  // The admin raises the version and signs; the envelope reaches the device.
  fs.writeFileSync(source, text.replace(/^version: 1$/m, 'version: 2'));
  const signed = runCli(['allowlist', 'sign', source, '--key', keyFile, '--out', `${env.envelope}.tmp`]);
  expect(signed.status).toBe(0);
  fs.renameSync(`${env.envelope}.tmp`, env.envelope);

  await waitFor('v2 in force', () => readAgentStatus(env.stateDir)?.policy?.version === 2);
  await waitFor('the approved server restored by the agent', () => serversIn(claudeJson).includes('thing'));
  await waitFor('the request shown restored', () => {
    const s = runCli(['requests', 'show', requestId, '--collector', url, '--format', 'json'], { env: admin });
    return s.status === 0 && (JSON.parse(s.stdout) as { restored: number }).restored === 1;
  });
  const table = runCli(['requests', 'list', '--collector', url], { env: admin });
  expect(table.stdout).toContain('approved → restored on 1 of 1 device');
  const status = JSON.parse(runCli([...env.args(), 'request', '--status', '--json']).stdout) as Array<{
    id: string;
    status: string;
    restoredAt: string | null;
  }>;
  expect(status).toEqual([expect.objectContaining({ id: requestId, status: 'approved', restoredAt: expect.any(String) })]);
  // The restored entry stays: the passes after it approve it.
  await waitFor('a pass that approves the restored server', () => (readAgentStatus(env.stateDir)?.lastPass?.counts.approved ?? 0) >= 1);
  expect(serversIn(claudeJson)).toContain('thing');

  // A denial reaches the developer, with its reason.
  fs.writeFileSync(
    claudeJson,
    JSON.stringify(
      {
        ...JSON.parse(fs.readFileSync(claudeJson, 'utf8')),
        mcpServers: {
          ...(JSON.parse(fs.readFileSync(claudeJson, 'utf8')) as { mcpServers: object }).mcpServers,
          blog: { command: 'npx', args: ['-y', 'mcp-from-a-blog@0.0.1'] },
        },
      },
      null,
      2,
    ),
  );
  await waitFor('the second server removed', () => !serversIn(claudeJson).includes('blog'));
  const other = (JSON.parse(runCli([...env.args(), 'request', 'blog', '--json']).stdout) as { request: string }).request;
  expect(runCli(['requests', 'deny', other, '--collector', url, '--reason', 'use the approved GitHub server'], { env: admin }).status).toBe(
    0,
  );
  const told = runCli([...env.args(), 'request', '--status']);
  expect(told.stdout).toContain('denied: use the approved GitHub server');

  // The token never left the machine: not in the collector's database, nor in any answer.
  expect(
    spawnSync('grep', ['-rl', canary, path.dirname(dbFile)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((f) => f.startsWith(dbFile)),
  ).toEqual([]);
  expect(runCli(['requests', 'show', requestId, '--collector', url, '--format', 'json'], { env: admin }).stdout).not.toContain(canary);
});
