// The sandbox for real (Linux, bubblewrap): a hostile little MCP server launched through
// the production argv of a migrated entry (`mcp-warden exec … -- node server.js`) cannot
// read a canary key in ~/.ssh, write outside the workspace or reach a 127.0.0.1 port, while
// it still writes in the workspace and sees the secret exec injected. The same server
// started directly does all of that (the control run), so the failures are the sandbox's.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { SandboxPolicy, ServerRule } from '../../../src/policy/types';
import { cliBundle, runCli } from '../../helpers/cli';
import { requireKeyring } from '../credentials/keyring-env';
import { canary, cleanupWorlds, makeWorld, migrate, resign, sha256File, spooled, writeJson, type World } from '../credentials/world';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'sandbox', 'probe-server.js');
const haveBwrap = process.platform === 'linux' && spawnSync('/usr/bin/bwrap', ['--ro-bind', '/', '/', 'true']).status === 0;
const linux = haveBwrap ? describe : describe.skip;

beforeAll(() => requireKeyring());
afterEach(cleanupWorlds);

interface Probe {
  read?: { ok: boolean; code?: string };
  writeOutside?: { ok: boolean; code?: string };
  writeInside?: { ok: boolean; code?: string };
  writeTmp?: { ok: boolean; code?: string };
  connect?: { ok: boolean; code?: string };
  secret: string | null;
  tmpdir: string;
}

interface Setup {
  w: World;
  script: string;
  project: string;
  keyFile: string;
  /** What the key file holds (a canary), to prove the host file is untouched. */
  keyText: string;
  outside: string;
  token: string;
}

/** A world whose `probe` rule is sandboxed, with its migrated (wrapped) entry in ~/.claude.json. */
async function setup(sandbox: SandboxPolicy, opts: { projectIsHome?: boolean } = {}): Promise<Setup> {
  const w = makeWorld([]);
  const pkg = path.join(w.root, 'pkg');
  fs.mkdirSync(pkg, { recursive: true });
  const script = path.join(pkg, 'server.js');
  fs.copyFileSync(FIXTURE, script);
  writeJson(path.join(pkg, 'package.json'), { name: 'probe-server', version: '1.0.0' });
  const project = opts.projectIsHome ? w.home : path.join(w.root, 'proj');
  fs.mkdirSync(project, { recursive: true });
  const keyFile = path.join(w.home, '.ssh', 'id_ed25519');
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  // Only the canary matters (the server must not be able to read it): no key-shaped text is committed.
  const keyText = `${canary()}\n`;
  fs.writeFileSync(keyFile, keyText, { mode: 0o600 });
  const outside = path.join(w.root, 'outside');
  fs.mkdirSync(outside);
  const token = canary();
  const rule: ServerRule = {
    id: 'probe',
    transport: 'stdio',
    command: process.execPath,
    args: [script],
    sha256: sha256File(script),
    env: { secrets: ['PROBE_TOKEN'] },
    sandbox,
  };
  resign(w, [rule], 1);
  writeJson(path.join(w.home, '.claude.json'), {
    mcpServers: { probe: { type: 'stdio', command: process.execPath, args: [script], env: { PROBE_TOKEN: token } } },
  });
  const m = await migrate(w);
  expect(m.results.map((r) => r.status)).toEqual(['migrated']);
  return { w, script, project, keyFile, keyText, outside, token };
}

function entry(w: World): { command: string; args: string[]; env: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8')).mcpServers.probe;
}

async function listener(): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

/** A real HTTP server on 127.0.0.1 answering every request with `body`; counts what reaches it. */
async function httpServer(body: string): Promise<{ port: number; hits: number; close: () => void }> {
  const state = { port: 0, hits: 0, close: () => undefined as void };
  const server = http.createServer((_req, res) => {
    state.hits++;
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.close = () => {
    server.closeAllConnections();
    server.close();
  };
  return state;
}

/** A raw TCP listener that greets every connection (what a database port looks like). */
async function greeter(text: string): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((s) => s.end(`${text}\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

function probeEnv(s: Setup, port: number): NodeJS.ProcessEnv {
  return {
    PROBE_OUT: path.join(s.project, 'probe.json'),
    PROBE_READ: s.keyFile,
    PROBE_WRITE_OUTSIDE: path.join(s.outside, 'pwned'),
    PROBE_WRITE_INSIDE: path.join(s.project, 'allowed.txt'),
    PROBE_PORT: String(port),
  };
}

function readProbe(s: Setup): Probe {
  return JSON.parse(fs.readFileSync(path.join(s.project, 'probe.json'), 'utf8')) as Probe;
}

/** Claude Code's launch: the entry's argv and env, in the project folder. */
function launch(s: Setup, env: NodeJS.ProcessEnv) {
  const e = entry(s.w);
  return runCli(e.args, { env: { ...s.w.env, ...e.env, CLAUDE_PROJECT_DIR: s.project, ...env }, cwd: s.project, input: '' });
}

/** As launch, without blocking this process: the test's own servers must answer meanwhile. */
function launchAsync(s: Setup, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  const e = entry(s.w);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBundle(), ...e.args], {
      env: { ...process.env, ...s.w.env, ...e.env, CLAUDE_PROJECT_DIR: s.project, ...env },
      cwd: s.project,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

linux('exec in a bubblewrap sandbox', () => {
  it('the control run (no sandbox) reads, writes and connects', async () => {
    const s = await setup({ mode: 'required' });
    const l = await listener();
    try {
      const r = spawnSync(process.execPath, [s.script], {
        env: { ...process.env, ...probeEnv(s, l.port), PROBE_TOKEN: s.token },
        input: '',
      });
      expect(r.status).toBe(0);
    } finally {
      l.close();
    }
    const p = readProbe(s);
    expect([p.read?.ok, p.writeOutside?.ok, p.writeInside?.ok, p.connect?.ok]).toEqual([true, true, true, true]);
  });

  it('blocks the canary, the outside write and the port; allows the workspace; injects the secret', async () => {
    const s = await setup({ mode: 'required' });
    const l = await listener();
    let r;
    try {
      r = launch(s, probeEnv(s, l.port));
    } finally {
      l.close();
    }
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const p = readProbe(s);
    expect(p.read).toEqual({ ok: false, code: 'ENOENT' });
    expect(p.writeOutside?.ok).toBe(false);
    expect(fs.existsSync(path.join(s.outside, 'pwned'))).toBe(false);
    expect(p.connect?.ok).toBe(false);
    expect(p.writeInside).toEqual({ ok: true });
    expect(fs.readFileSync(path.join(s.project, 'allowed.txt'), 'utf8')).toBe('x');
    expect(p.writeTmp).toEqual({ ok: true });
    expect(p.secret).toBe(s.token);
  });

  it('masks ~/.ssh even when the workspace is the home itself', async () => {
    const s = await setup({ mode: 'required' }, { projectIsHome: true });
    const r = launch(s, { PROBE_OUT: path.join(s.project, 'probe.json'), PROBE_READ: s.keyFile });
    expect(r.status).toBe(0);
    expect(readProbe(s).read).toEqual({ ok: false, code: 'ENOENT' });
    expect(fs.readFileSync(s.keyFile, 'utf8')).toBe(s.keyText);
  });

  it('opens a path for one server with allowRead / allowWrite', async () => {
    const s = await setup({ mode: 'required', filesystem: { allowRead: ['~/.ssh'], allowWrite: [] } });
    const r = launch(s, { PROBE_OUT: path.join(s.project, 'probe.json'), PROBE_READ: s.keyFile });
    expect(r.status).toBe(0);
    expect(readProbe(s).read?.ok).toBe(true);
  });

  it('allowed domains: through the egress proxy only; other hosts get 403, only named 127.0.0.1 ports are forwarded', async () => {
    const allowed = await httpServer('allowed');
    const other = await httpServer('other');
    const raw = await greeter('raw');
    const rawOther = await greeter('raw-other');
    const s = await setup({ mode: 'required', network: { allowedDomains: [`localhost:${allowed.port}`, `127.0.0.1:${raw.port}`] } });
    let r;
    try {
      r = await launchAsync(s, {
        PROBE_OUT: path.join(s.project, 'probe.json'),
        PROBE_READ: s.keyFile,
        PROBE_CONNECTS: [`localhost:${allowed.port}`, `localhost:${other.port}`, `127.0.0.1:${allowed.port}`, 'example.invalid:443'].join(
          ',',
        ),
        PROBE_GETS: [`http://localhost:${allowed.port}/x?token=${s.token}`, `http://localhost:${other.port}/y?token=${s.token}`].join(','),
        PROBE_PORTS: [raw.port, rawOther.port, allowed.port].join(','),
        // Claude Code's environment may name a proxy bypass: the sandbox has no network to bypass to.
        NO_PROXY: 'localhost,127.0.0.1',
      });
    } finally {
      for (const x of [allowed, other, raw, rawOther]) x.close();
    }
    expect(r.status).toBe(0);
    const p = readProbe(s) as Probe & {
      connects: Record<string, { status: unknown; body: string }>;
      gets: Record<string, { status: unknown; body: string }>;
      ports: Record<string, { ok: boolean; greeting?: string; code?: string }>;
      proxy: string;
    };
    expect(p.proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.read).toEqual({ ok: false, code: 'ENOENT' });
    expect(p.secret).toBe(s.token);
    // CONNECT and plain HTTP to the host named exactly (localhost → 127.0.0.1, resolved outside).
    expect(p.connects[`localhost:${allowed.port}`]).toEqual({ status: 200, body: 'allowed' });
    expect(p.gets[`http://localhost:${allowed.port}/x?token=${s.token}`]).toEqual({ status: 200, body: 'allowed' });
    // Another port of the same host, the IP literal of an allowed name, an unknown name: refused.
    expect(p.connects[`localhost:${other.port}`]?.status).toBe(403);
    expect(p.connects[`127.0.0.1:${allowed.port}`]?.status).toBe(403);
    expect(p.connects['example.invalid:443']?.status).toBe(403);
    expect(p.gets[`http://localhost:${other.port}/y?token=${s.token}`]?.status).toBe(403);
    // Raw 127.0.0.1: the named port reaches the host's listener, any other port nothing.
    expect(p.ports[String(raw.port)]).toEqual({ ok: true, greeting: 'raw' });
    expect(p.ports[String(rawOther.port)]).toEqual({ ok: false, code: 'ECONNREFUSED' });
    expect(p.ports[String(allowed.port)]).toEqual({ ok: false, code: 'ECONNREFUSED' });
    expect(other.hits).toBe(0);
    // Reported once per host:port, without the path or query (the token).
    const refusedLines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes('network refused'));
    expect(refusedLines).toHaveLength(3);
    expect(refusedLines.join('\n')).toContain(`localhost:${other.port} is not in this server's allowedDomains`);
    expect(r.stderr).not.toContain(s.token);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.includes('network refused')),
    ).toEqual([]);
  });

  /** exec on a machine without bubblewrap: the CLI run in a mount namespace where /usr/bin/bwrap is /dev/null. */
  function launchWithoutBwrap(s: Setup, env: NodeJS.ProcessEnv) {
    const e = entry(s.w);
    const r = spawnSync(
      '/usr/bin/bwrap',
      [
        '--dev-bind',
        '/',
        '/',
        '--ro-bind',
        '/dev/null',
        '/usr/bin/bwrap',
        '--chdir',
        s.project,
        '--',
        process.execPath,
        cliBundle(),
        ...e.args,
      ],
      {
        env: { ...process.env, ...s.w.env, ...e.env, CLAUDE_PROJECT_DIR: s.project, ...env },
        input: '',
        encoding: 'utf8',
      },
    );
    return { status: r.status, stderr: r.stderr };
  }

  it('required + no bubblewrap: refuses with exit 126, one stderr line and a spooled event', async () => {
    const s = await setup({ mode: 'required' });
    const r = launchWithoutBwrap(s, { PROBE_OUT: path.join(s.project, 'probe.json') });
    expect(r.status).toBe(126);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('SANDBOX_MISSING');
    expect(fs.existsSync(path.join(s.project, 'probe.json'))).toBe(false);
    expect(
      spooled(s.w)
        .filter((e) => e.kind === 'server.sandbox_unavailable')
        .map((e) => e.action),
    ).toEqual(['refused']);
  });

  it('preferred + no bubblewrap: starts the server unconfined and reports it', async () => {
    const s = await setup({ mode: 'preferred' });
    const r = launchWithoutBwrap(s, { PROBE_OUT: path.join(s.project, 'probe.json'), PROBE_READ: s.keyFile });
    expect(r.status).toBe(0);
    expect(readProbe(s)).toMatchObject({ read: { ok: true }, secret: s.token });
    expect(
      spooled(s.w)
        .filter((e) => e.kind === 'server.sandbox_unavailable')
        .map((e) => e.action),
    ).toEqual(['none']);
  });

  it('records nothing when the sandbox starts', async () => {
    const s = await setup({ mode: 'required' });
    launch(s, { PROBE_OUT: path.join(s.project, 'probe.json') });
    expect(spooled(s.w).filter((e) => e.kind === 'server.sandbox_unavailable')).toEqual([]);
  });
});
