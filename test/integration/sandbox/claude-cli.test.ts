// The real Claude Code CLI as the oracle: `claude mcp add` writes a plain entry for a
// server whose rule is sandboxed, `mcp-warden reconcile --once` rewrites it to run through
// `mcp-warden exec` (no secret involved), and `claude mcp list` starts it — inside
// bubblewrap — and reports it Connected.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import type { ServerRule } from '../../../src/policy/types';
import { runCli } from '../../helpers/cli';
import { cleanupWorlds, makeWorld, resign, sha256File, writeJson, type World } from '../credentials/world';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'sandbox', 'probe-server.js');
const haveBwrap = process.platform === 'linux' && spawnSync('/usr/bin/bwrap', ['--ro-bind', '/', '/', 'true']).status === 0;
const linux = haveBwrap ? describe : describe.skip;

afterEach(cleanupWorlds);

function claude(w: World, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(CLAUDE, args, {
      cwd,
      env: { ...process.env, ...w.env, HOME: w.home, CLAUDE_CONFIG_DIR: '', MCP_TIMEOUT: '30000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

linux('a sandboxed server under the real claude CLI', () => {
  it('is wrapped by reconcile and reported Connected by claude mcp list, running in the sandbox', async () => {
    const w = makeWorld([]);
    const pkg = path.join(w.root, 'pkg');
    fs.mkdirSync(pkg, { recursive: true });
    const script = path.join(pkg, 'server.js');
    fs.copyFileSync(FIXTURE, script);
    writeJson(path.join(pkg, 'package.json'), { name: 'probe-server', version: '1.0.0' });
    const project = path.join(w.root, 'proj');
    fs.mkdirSync(project, { recursive: true });
    const rule: ServerRule = {
      id: 'probe',
      transport: 'stdio',
      command: 'node',
      args: [script],
      sha256: sha256File(script),
      sandbox: { mode: 'required' },
    };
    resign(w, [rule], 1);

    expect((await claude(w, project, ['mcp', 'add', '--scope', 'user', 'probe', '--', 'node', script])).status).toBe(0);
    const r = runCli(['reconcile', '--once', '--json'], { env: w.env, cwd: project });
    expect(r.status).toBe(0);
    const e = JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8')).mcpServers.probe;
    expect(e.command).toBe(w.execPath);
    expect(e.args).toEqual(['exec', '--server', 'probe', '--scope', 'user', '--', 'node', script]);

    // PROBE_OUT reaches the server through Claude Code's environment: the probe shows where it ran.
    const out = path.join(project, 'probe.json');
    const list = await claude(w, project, ['mcp', 'list'], { PROBE_OUT: out, PROBE_READ: path.join(w.root, 'etc', 'allowlist.dsse.json') });
    expect(list.out).toMatch(/probe: .*Connected/);
    const p = JSON.parse(fs.readFileSync(out, 'utf8')) as { read: { ok: boolean; code?: string }; tmpdir: string };
    expect(p.read).toEqual({ ok: false, code: 'ENOENT' });
    expect(p.tmpdir).toBe('/tmp');
  });

  it('with allowed domains and tool pinning: Connected, the proxy reaches the allowed host, others are refused', async () => {
    const w = makeWorld([]);
    const pkg = path.join(w.root, 'pkg');
    fs.mkdirSync(pkg, { recursive: true });
    const script = path.join(pkg, 'server.js');
    fs.copyFileSync(FIXTURE, script);
    writeJson(path.join(pkg, 'package.json'), { name: 'probe-server', version: '1.0.0' });
    const project = path.join(w.root, 'proj');
    fs.mkdirSync(project, { recursive: true });
    const api = http.createServer((_req, res) => res.end('api'));
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const port = (api.address() as AddressInfo).port;
    try {
      const rule: ServerRule = {
        id: 'probe',
        transport: 'stdio',
        command: 'node',
        args: [script],
        sha256: sha256File(script),
        toolPinning: 'tofu',
        sandbox: { mode: 'required', network: { allowedDomains: [`localhost:${port}`] } },
      };
      resign(w, [rule], 1);
      expect((await claude(w, project, ['mcp', 'add', '--scope', 'user', 'probe', '--', 'node', script])).status).toBe(0);
      expect(runCli(['reconcile', '--once', '--json'], { env: w.env, cwd: project }).status).toBe(0);
      const out = path.join(project, 'probe.json');
      const list = await claude(w, project, ['mcp', 'list'], { PROBE_OUT: out, PROBE_CONNECTS: `localhost:${port},localhost:${port + 1}` });
      expect(list.out).toMatch(/probe: .*Connected/);
      const p = JSON.parse(fs.readFileSync(out, 'utf8')) as { connects: Record<string, { status: unknown; body: string }>; tmpdir: string };
      expect(p.connects[`localhost:${port}`]).toEqual({ status: 200, body: 'api' });
      expect(p.connects[`localhost:${port + 1}`]?.status).toBe(403);
      expect(p.tmpdir).toBe('/tmp');
    } finally {
      api.close();
    }
  });
});
