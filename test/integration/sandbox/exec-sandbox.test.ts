// The sandbox for real (Linux, bubblewrap): a hostile little MCP server launched through
// the production argv of a migrated entry (`mcp-warden exec … -- node server.js`) cannot
// read a canary key in ~/.ssh, write outside the workspace or reach a 127.0.0.1 port, while
// it still writes in the workspace and sees the secret exec injected. The same server
// started directly does all of that (the control run), so the failures are the sandbox's.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
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
  const rule: ServerRule = { id: 'probe', transport: 'stdio', command: process.execPath, args: [script], sha256: sha256File(script), env: { secrets: ['PROBE_TOKEN'] }, sandbox };
  resign(w, [rule], 1);
  writeJson(path.join(w.home, '.claude.json'), { mcpServers: { probe: { type: 'stdio', command: process.execPath, args: [script], env: { PROBE_TOKEN: token } } } });
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

linux('exec in a bubblewrap sandbox', () => {
  it('the control run (no sandbox) reads, writes and connects', async () => {
    const s = await setup({ mode: 'required' });
    const l = await listener();
    try {
      const r = spawnSync(process.execPath, [s.script], { env: { ...process.env, ...probeEnv(s, l.port), PROBE_TOKEN: s.token }, input: '' });
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

  it('gives the host network when domains are allowed (documented limit: no domain filtering)', async () => {
    const s = await setup({ mode: 'required', network: { allowedDomains: ['example.com'] } });
    const l = await listener();
    try {
      const r = launch(s, { PROBE_OUT: path.join(s.project, 'probe.json'), PROBE_PORT: String(l.port) });
      expect(r.status).toBe(0);
    } finally {
      l.close();
    }
    expect(readProbe(s).connect?.ok).toBe(true);
  });

  /** exec on a machine without bubblewrap: the CLI run in a mount namespace where /usr/bin/bwrap is /dev/null. */
  function launchWithoutBwrap(s: Setup, env: NodeJS.ProcessEnv) {
    const e = entry(s.w);
    const r = spawnSync('/usr/bin/bwrap', ['--dev-bind', '/', '/', '--ro-bind', '/dev/null', '/usr/bin/bwrap', '--chdir', s.project, '--', process.execPath, cliBundle(), ...e.args], {
      env: { ...process.env, ...s.w.env, ...e.env, CLAUDE_PROJECT_DIR: s.project, ...env },
      input: '',
      encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  }

  it('required + no bubblewrap: refuses with exit 126, one stderr line and a spooled event', async () => {
    const s = await setup({ mode: 'required' });
    const r = launchWithoutBwrap(s, { PROBE_OUT: path.join(s.project, 'probe.json') });
    expect(r.status).toBe(126);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('SANDBOX_MISSING');
    expect(fs.existsSync(path.join(s.project, 'probe.json'))).toBe(false);
    expect(spooled(s.w).filter((e) => e.kind === 'server.sandbox_unavailable').map((e) => e.action)).toEqual(['refused']);
  });

  it('preferred + no bubblewrap: starts the server unconfined and reports it', async () => {
    const s = await setup({ mode: 'preferred' });
    const r = launchWithoutBwrap(s, { PROBE_OUT: path.join(s.project, 'probe.json'), PROBE_READ: s.keyFile });
    expect(r.status).toBe(0);
    expect(readProbe(s)).toMatchObject({ read: { ok: true }, secret: s.token });
    expect(spooled(s.w).filter((e) => e.kind === 'server.sandbox_unavailable').map((e) => e.action)).toEqual(['none']);
  });

  it('records nothing when the sandbox starts', async () => {
    const s = await setup({ mode: 'required' });
    launch(s, { PROBE_OUT: path.join(s.project, 'probe.json') });
    expect(spooled(s.w).filter((e) => e.kind === 'server.sandbox_unavailable')).toEqual([]);
  });
});
