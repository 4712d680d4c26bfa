// The real CLI: `collector serve` as a process, agents reporting to it, and the admin
// commands an IT admin runs (`drift query`, `fleet status`), on SQLite and PostgreSQL.
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, spawnCli } from '../../helpers/cli';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { heartbeatEvent } from '../../../src/report';
import { agentSide, unapproved } from '../report/helpers';
import { dbTargets } from './db-targets';
import { ADMIN, ENROLL, request } from './harness';
import { postSignIn } from '../dashboard/client';

const env = { MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: ENROLL };

async function serve(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = env,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawnCli(['collector', 'serve', '--listen', '127.0.0.1:0', ...args], { env: extraEnv });
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (https?:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`collector exited ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe.each(dbTargets())('CLI with a collector on $name', (target) => {
  let running: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    running = await serve(['--db', await target.create()]);
    const laptop = agentSide(running.url, {}, 'laptop-1');
    laptop.spool.emit(unapproved('shady'));
    // Another client's entry: the event names it, and so does the finding's file.
    laptop.spool.emit({
      ...unapproved('cursed'),
      server: { name: 'cursed', scope: 'user', transport: 'stdio', argv: ['npx', 'cursed-mcp'], client: 'cursor' },
      file: '/home/u/.cursor/mcp.json',
    });
    laptop.spool.emit({
      ...unapproved('leaky', 'critical'),
      kind: 'credential.exposed',
      credential: { name: 'GITHUB_TOKEN', location: 'env', fingerprint: 'abcd1234' },
    });
    const desktop = agentSide(running.url, {}, 'desktop-2');
    desktop.spool.emit(heartbeatEvent({ compliant: true, policyVersion: 3, counts: { approved: 4 }, pending: 0 }));
    expect((await laptop.send()).outcome).toBe('ok');
    expect((await desktop.send()).outcome).toBe('ok');
  });
  afterAll(async () => {
    if (running) expect(await stop(running.child)).toBe(0);
    await target.dropAll();
    cleanupTmp();
  });

  it('answers "which devices have unapproved servers right now, and since when" in one command', () => {
    const r = runCli(['drift', 'query', '--collector', running.url, '--open', '--kind', 'server.unapproved', '--format', 'json'], { env });

    expect(r.status).toBe(0);
    const findings = JSON.parse(r.stdout);
    expect(findings).toEqual([
      expect.objectContaining({
        device: expect.objectContaining({ id: 'laptop-1' }),
        kind: 'server.unapproved',
        server: { name: 'shady', scope: 'user' },
        firstSeen: expect.any(String),
      }),
      expect.objectContaining({ kind: 'server.unapproved', server: { name: 'cursed', scope: 'user' }, file: '/home/u/.cursor/mcp.json' }),
    ]);
    const table = runCli(['drift', 'query', '--collector', running.url, '--open', '--kind', 'server.unapproved'], { env });
    expect(table.stdout).toMatch(/HOST\s+USER\s+KIND\s+CLIENT\s+SERVER\s+SINCE/);
    expect(table.stdout).toMatch(/server\.unapproved\s+claude-code\s+shady \(user\)/);
    expect(table.stdout).toMatch(/server\.unapproved\s+cursor\s+cursed \(user\)/);
    const csv = runCli(['drift', 'query', '--collector', running.url, '--open', '--format', 'csv'], { env });
    expect(csv.stdout.split('\r\n')[0]).toBe('since,lastSeen,device,hostname,user,kind,severity,server,scope,file,credential,client');
    expect(csv.stdout).toContain(',cursed,user,/home/u/.cursor/mcp.json,,cursor');
  });

  it('prints drift events as a JSON array, a CSV and a table, with filters', () => {
    const json = runCli(['drift', 'query', '--collector', running.url, '--since', '1h', '--format', 'json'], { env });
    expect(json.status).toBe(0);
    const events = JSON.parse(json.stdout);
    expect(Array.isArray(events)).toBe(true);
    expect(events).toHaveLength(4);

    const critical = JSON.parse(
      runCli(['drift', 'query', '--collector', running.url, '--severity', 'critical', '--format', 'json'], { env }).stdout,
    );
    expect(critical.map((e: { kind: string }) => e.kind)).toEqual(['credential.exposed']);
    const byDevice = JSON.parse(
      runCli(['drift', 'query', '--collector', running.url, '--device', 'desktop-2', '--format', 'json'], { env }).stdout,
    );
    expect(byDevice.map((e: { kind: string }) => e.kind)).toEqual(['agent.heartbeat']);

    const csv = runCli(['drift', 'query', '--collector', running.url, '--kind', 'server.unapproved', '--format', 'csv'], { env });
    expect(csv.stdout.split('\r\n')[0]).toBe('time,id,device,hostname,user,kind,severity,mode,action,server,scope,file,message,client');
    expect(csv.stdout).toContain(',server.unapproved,high,audit,none,shady,user,');
    expect(csv.stdout).toContain(',unapproved server cursed,cursor');
    const evTable = runCli(['drift', 'query', '--collector', running.url, '--kind', 'server.unapproved'], { env });
    expect(evTable.stdout).toMatch(/ACTION\s+CLIENT\s+SERVER/);
    expect(evTable.stdout).toMatch(/cursor\s+cursed/);

    const table = runCli(['drift', 'query', '--collector', running.url, '--limit', '1'], { env });
    expect(table.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('prints the fleet status as one JSON object', () => {
    const r = runCli(['fleet', 'status', '--collector', running.url, '--format', 'json'], { env });

    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.devices).toEqual({ total: 2, compliant: 1, nonCompliant: 1, unknown: 0, stale: 0 });
    expect(s.compliantShare).toBe(0.5);
    expect(s.nonCompliantDevices).toEqual([
      expect.objectContaining({
        id: 'laptop-1',
        openDrift: expect.arrayContaining([expect.objectContaining({ kind: 'server.unapproved', since: expect.any(String) })]),
        clients: ['claude-code', 'cursor'],
      }),
    ]);
    expect(s.findingsByClient).toEqual([
      { client: 'claude-code', findings: 2, devices: 1 },
      { client: 'cursor', findings: 1, devices: 1 },
    ]);
    expect(s.staleDevices).toEqual([]);
    expect(s.topDriftKinds.map((k: { kind: string }) => k.kind).sort()).toEqual(['credential.exposed', 'server.unapproved']);

    const text = runCli(['fleet', 'status', '--collector', running.url], { env });
    expect(text.stdout).toContain('compliant: 50.0%');
    expect(text.stdout).toMatch(/not compliant:\n.*server\.unapproved×2 since .*\[claude-code, cursor\]/);
    expect(text.stdout).toMatch(/open findings by client:\n {2}claude-code +1 device\(s\) +2 finding\(s\)\n {2}cursor/);
  });

  it('reads the admin token from a file, and refuses a wrong or missing one', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'admin.token');
    fs.writeFileSync(file, `# admin\n${ADMIN}\n`, { mode: 0o600 });
    const noEnv = { MCP_WARDEN_ADMIN_TOKEN: '' };

    expect(runCli(['fleet', 'status', '--collector', running.url, '--admin-token-file', file], { env: noEnv }).status).toBe(0);
    const missing = runCli(['fleet', 'status', '--collector', running.url], { env: noEnv });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('TOKEN_MISSING');
    const wrong = runCli(['drift', 'query', '--collector', running.url], { env: { MCP_WARDEN_ADMIN_TOKEN: 'wrong-token-000000000000' } });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('UNAUTHORIZED');
    expect(wrong.stderr).not.toContain('wrong-token-000000000000');
  });

  it('resets a device with `fleet reset-device`, after which its agent enrols again', async () => {
    const laptop = agentSide(running.url, {}, 'laptop-9');
    laptop.spool.emit(unapproved('x'));
    expect((await laptop.send()).outcome).toBe('ok');
    const clone = agentSide(running.url, {}, 'laptop-9');
    clone.spool.emit(unapproved('forged'));
    expect((await clone.send()).error).toContain('ALREADY_ENROLLED');

    const r = runCli(['fleet', 'reset-device', 'laptop-9', '--collector', running.url], { env });
    const again = runCli(['fleet', 'reset-device', 'laptop-9', '--collector', running.url], { env });
    const refused = runCli(['fleet', 'reset-device', 'laptop-9', '--collector', running.url], { env: { MCP_WARDEN_ADMIN_TOKEN: ENROLL } });

    expect([r.status, r.stdout.trim()]).toEqual([0, 'device laptop-9: credential forgotten; it may enrol again']);
    expect(again.stdout).toContain('was not enrolled');
    expect(refused.status).toBe(2);
    laptop.spool.emit(unapproved('y'));
    expect((await laptop.send()).outcome).toBe('ok');
  });

  it('has no flag that takes a token value', () => {
    const r = runCli(['drift', 'query', '--collector', running.url, '--admin-token', ADMIN], { env: { MCP_WARDEN_ADMIN_TOKEN: '' } });
    expect(r.status).toBe(2);
  });
});

describe('collector serve and the admin commands refuse bad setups', () => {
  afterAll(cleanupTmp);
  const db = () => `sqlite:${path.join(tmpDir(), 'c.db')}`;

  it.each([
    ['no enrollment token', { MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: '' }, 'TOKEN_MISSING'],
    ['a short token', { MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: 'short' }, 'TOKEN_WEAK'],
    ['the same token for both', { MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: ADMIN }, 'USAGE'],
    ['a token with surrounding whitespace', { MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: ` ${ENROLL}` }, 'TOKEN_WEAK'],
  ])('refuses to start with %s', (_l, e, code) => {
    const r = runCli(['collector', 'serve', '--db', db(), '--listen', '127.0.0.1:0'], { env: e, timeoutMs: 20000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(code);
  });

  it.each([
    [['--db', 'mysql://x'], 'DB_URL_INVALID'],
    [['--listen', 'nonsense'], 'LISTEN_INVALID'],
    [['--tls-cert', '/nonexistent.pem'], 'TLS_INVALID'],
  ])('refuses %j', (args, code) => {
    const r = runCli(['collector', 'serve', '--db', db(), '--listen', '127.0.0.1:0', ...args], { env, timeoutMs: 20000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(code);
  });

  it('refuses plain http:// to a collector that is not on loopback', () => {
    const r = runCli(['drift', 'query', '--collector', 'http://collector.example.com'], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ENDPOINT_INSECURE');
  });

  it('says the collector is unreachable with exit 3', () => {
    const r = runCli(['fleet', 'status', '--collector', 'http://127.0.0.1:9'], { env });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('QUERY_FAILED');
  });

  it('reads tokens from files and stops cleanly on SIGTERM', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'enroll'), `${ENROLL}\nenroll-token-next-rotation-01\n`);
    fs.writeFileSync(path.join(dir, 'admin'), `${ADMIN}\n`);
    const s = await serve(['--db', db(), '--enroll-token-file', path.join(dir, 'enroll'), '--admin-token-file', path.join(dir, 'admin')], {
      MCP_WARDEN_ADMIN_TOKEN: '',
      MCP_WARDEN_ENROLL_TOKEN: '',
    });
    const a = agentSide(s.url, { token: 'enroll-token-next-rotation-01' });
    a.spool.emit(unapproved('x'));
    expect((await a.send()).outcome).toBe('ok');
    expect(await stop(s.child)).toBe(0);
    expect(s.stderr()).not.toContain(ENROLL);
  });

  it('refuses a token file line with surrounding whitespace, naming the file and line', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'enroll'), `# rotation\n${ENROLL} \n`);
    const r = runCli(['collector', 'serve', '--db', db(), '--listen', '127.0.0.1:0', '--enroll-token-file', path.join(dir, 'enroll')], {
      env,
      timeoutMs: 20000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('TOKEN_WEAK');
    expect(r.stderr).toContain('line 2');
    expect(r.stderr).not.toContain(ENROLL);
  });

  it('serves the dashboard with --admin-secret-file and guards /metrics with --metrics-token-file', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'metrics'), 'metrics-token-0123456789\n');
    fs.writeFileSync(path.join(dir, 'secret'), '# dashboard\ndashboard-secret-0123456789\n');
    const s = await serve([
      '--db',
      db(),
      '--metrics-token-file',
      path.join(dir, 'metrics'),
      '--admin-secret-file',
      path.join(dir, 'secret'),
    ]);
    try {
      expect((await request(`${s.url}/metrics`)).status).toBe(401);
      expect((await request(`${s.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status).toBe(200);
      expect((await postSignIn(s.url, ADMIN)).status).toBe(401);
      expect((await postSignIn(s.url, 'dashboard-secret-0123456789')).status).toBe(303);
    } finally {
      expect(await stop(s.child)).toBe(0);
    }
    expect(s.stderr()).not.toContain('dashboard-secret-0123456789');
  });
});
