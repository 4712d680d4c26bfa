// The built single executable (dist/packages/linux-x64/mcp-warden, Node 24 inside) end to
// end, as a workstation runs it: no node_modules, no Node on the way, native addons only
// from the sidecar files beside it. Runs against the private gnome-keyring
// (scripts/with-keyring.sh), real files in a temp home, a real collector on 127.0.0.1.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { BUILD_TIMEOUT_MS, ensurePackages, type Artefacts } from './artefacts';
import { makeAllowlist, makeKey, signAllowlist, writeAgentConfig, writeSignedAllowlist } from '../../helpers/policy';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { openSecretStore } from '../../../src/vault/keychain/open';
import { requireKeyring } from '../credentials/keyring-env';
import type { ServerRule } from '../../../src/policy/types';

let pkg: Artefacts;
beforeAll(() => {
  requireKeyring();
  pkg = ensurePackages();
}, BUILD_TIMEOUT_MS);

const roots: string[] = [];
afterEach(async () => {
  // Keychain items of this file's worlds (their accounts name the temp home).
  const store = openSecretStore('napi');
  for (const a of await store.list()) if (roots.some((r) => a.includes(r))) await store.delete(a);
  roots.splice(0);
  cleanupTmp();
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run an executable from `/` (not the repo), with `env` over the test's environment. */
function run(exe: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Run {
  const r = spawnSync(exe, args, { cwd: '/', encoding: 'utf8', env: { ...process.env, ...env }, input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const canary = (): string => 'ghp_' + crypto.randomBytes(27).toString('base64url').slice(0, 36);
const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A copy of the install folder in a temp dir: the executable hard-linked (it is 100 MB), the rest copied. */
function installCopy(opts: { keyring?: boolean } = {}): string {
  const dir = path.join(tmpDir('mcpw-sea-inst-'), 'lib');
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  try {
    fs.linkSync(pkg.exe, path.join(dir, 'mcp-warden'));
  } catch {
    fs.copyFileSync(pkg.exe, path.join(dir, 'mcp-warden'));
    fs.chmodSync(path.join(dir, 'mcp-warden'), 0o755);
  }
  if (opts.keyring !== false) fs.copyFileSync(path.join(pkg.installDir, 'keyring.node'), path.join(dir, 'keyring.node'));
  fs.copyFileSync(path.join(pkg.installDir, 'better_sqlite3.node'), path.join(dir, 'better_sqlite3.node'));
  return dir;
}

interface World {
  root: string;
  home: string;
  env: NodeJS.ProcessEnv;
  configFile: string;
  envelope: string;
  script: string;
  out: string;
}

/**
 * A workstation: an approved echo server (pinned by sha256, its token in plaintext in
 * ~/.claude.json), an unapproved one, an enforce-mode allowlist, and an agent config whose
 * exec.path is the executable under test.
 */
function makeWorld(exe: string): World {
  const root = tmpDir('mcpw-sea-');
  roots.push(root);
  const home = path.join(root, 'home');
  const script = writeFile(
    path.join(root, 'srv', 'echo.js'),
    "require('fs').writeFileSync(process.env.ECHO_OUT, JSON.stringify({ token: process.env.ECHO_TOKEN, argv: process.argv.slice(2) }));\nprocess.exit(7);\n",
  );
  const rules: ServerRule[] = [
    { id: 'echo', transport: 'stdio', command: process.execPath, args: [script], sha256: sha256(script), env: { secrets: ['ECHO_TOKEN'] } },
  ];
  const key = makeKey();
  const envelope = writeSignedAllowlist(path.join(root, 'etc', 'allowlist.dsse.json'), makeAllowlist({ mode: 'enforce', servers: rules }), [
    key,
  ]);
  const configFile = writeAgentConfig(path.join(root, 'etc'), { keys: [key], envelopeFile: envelope, extra: { exec: { path: exe } } });
  const env = {
    MCP_WARDEN_HOME: home,
    MCP_WARDEN_STATE_DIR: path.join(root, 'state'),
    MCP_WARDEN_CONFIG: configFile,
    CLAUDE_CONFIG_DIR: '',
  };
  return { root, home, env, configFile, envelope, script, out: path.join(root, 'out.json') };
}

function claudeJson(w: World): { mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }> } {
  return JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8'));
}

describe('the single executable', () => {
  it('is a Node 24 single executable that prints the package version from any folder', () => {
    const r = run(pkg.exe, ['--version']);
    expect(r).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    // NODE_OPTIONS is ignored (execArgvExtension none): a server entry's env cannot inject code.
    const probe = writeFile(path.join(tmpDir(), 'probe.js'), "process.stdout.write('INJECTED'); process.exit(9);\n");
    const injected = run(pkg.exe, ['--version'], { NODE_OPTIONS: `--require ${probe}` });
    expect(injected.stdout).toBe(`${pkg.version}\n`);
    expect(injected.status).toBe(0);
  });

  it('verifies a signed allowlist (allowlist verify --json) and rejects a tampered one', () => {
    const w = makeWorld(pkg.exe);
    const ok = run(pkg.exe, ['allowlist', 'verify', w.envelope, '--config', w.configFile, '--json'], {
      MCP_WARDEN_STATE_DIR: path.join(w.root, 'state'),
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.stringify(JSON.parse(ok.stdout))).toContain('"version":1');
    const env = JSON.parse(fs.readFileSync(w.envelope, 'utf8')) as { payload: string };
    const tampered = writeFile(
      path.join(w.root, 'tampered.json'),
      JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(makeAllowlist({ version: 9 }))).toString('base64') }),
    );
    const bad = run(pkg.exe, ['allowlist', 'verify', tampered, '--config', w.configFile, '--json']);
    expect(bad.status).toBe(1);
    // A well-formed envelope signed by a key the config does not trust: rejected too.
    const stranger = writeFile(path.join(w.root, 'stranger.json'), JSON.stringify(signAllowlist(makeAllowlist(), [makeKey()])));
    expect(run(pkg.exe, ['allowlist', 'verify', stranger, '--config', w.configFile]).status).toBe(1);
  });

  it('reconciles a temp home (reconcile --once --json): removes the unapproved server and moves the token into the real keychain; exec then runs the server with it', () => {
    const w = makeWorld(pkg.exe);
    const token = canary();
    writeFile(
      path.join(w.home, '.claude.json'),
      JSON.stringify(
        {
          mcpServers: {
            echo: { type: 'stdio', command: process.execPath, args: [w.script], env: { ECHO_TOKEN: token } },
            rogue: { type: 'stdio', command: 'npx', args: ['-y', 'some-unvetted-server'] },
          },
        },
        null,
        2,
      ),
    );
    const pass = run(pkg.exe, ['reconcile', '--once', '--json'], w.env);
    expect(pass.stderr).toBe('');
    expect(pass.status).toBe(0);
    expect(pass.stdout).not.toContain(token);
    JSON.parse(pass.stdout);

    const servers = claudeJson(w).mcpServers;
    expect(Object.keys(servers)).toEqual(['echo']);
    expect(servers.echo.command).toBe(pkg.exe);
    expect(servers.echo.args).toEqual(['exec', '--server', 'echo', '--scope', 'user', '--', process.execPath, w.script]);
    expect(JSON.stringify(servers)).not.toContain(token);

    // What Claude Code does: run the entry's command with its args and env.
    const e = servers.echo;
    const launched = run(e.command, e.args, { ...w.env, ...(e.env ?? {}), ECHO_OUT: w.out, CLAUDE_PROJECT_DIR: w.home });
    expect(launched.stderr).toBe('');
    expect(launched.status).toBe(7);
    expect(JSON.parse(fs.readFileSync(w.out, 'utf8'))).toEqual({ token, argv: [] });
  });

  it('takes the keychain addon from beside its real path (symlinked, like /usr/bin/mcp-warden)', () => {
    const dir = installCopy();
    const bin = path.join(tmpDir('mcpw-sea-bin-'), 'mcp-warden');
    fs.symlinkSync(path.join(dir, 'mcp-warden'), bin);
    const w = makeWorld(bin);
    const r = run(bin, ['credentials', 'list', '--json'], w.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports a missing keychain addon as KEYCHAIN_UNAVAILABLE, and refuses one others can replace', () => {
    const w = makeWorld(pkg.exe);
    const missing = installCopy({ keyring: false });
    const r = run(path.join(missing, 'mcp-warden'), ['credentials', 'list'], w.env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('keyring.node is not installed next to the executable');

    const unsafe = installCopy();
    fs.chmodSync(path.join(unsafe, 'keyring.node'), 0o666);
    const u = run(path.join(unsafe, 'mcp-warden'), ['credentials', 'list'], w.env);
    expect(u.status).toBe(3);
    expect(u.stderr).toContain('writable by other users');
  });

  it('serves the collector on SQLite through the better-sqlite3 sidecar', async () => {
    const dir = tmpDir('mcpw-sea-col-');
    const port = await freePort();
    const child = spawn(pkg.exe, ['collector', 'serve', '--db', `sqlite:${path.join(dir, 'fleet.db')}`, '--listen', `127.0.0.1:${port}`], {
      cwd: '/',
      env: {
        ...process.env,
        MCP_WARDEN_ADMIN_TOKEN: crypto.randomBytes(24).toString('hex'),
        MCP_WARDEN_ENROLL_TOKEN: crypto.randomBytes(24).toString('hex'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const status = await pollHealth(port, exited);
      expect(status).toBe(200);
      expect(stderr).not.toContain('Error');
      expect(fs.existsSync(path.join(dir, 'fleet.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** GET /healthz until it answers (bounded: 100 tries, 100 ms apart), or the process exits. */
async function pollHealth(port: number, exited: Promise<number | null>): Promise<number> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) {
    const status = await new Promise<number | undefined>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', () => resolve(undefined));
      req.on('timeout', () => req.destroy());
    });
    if (status !== undefined) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the collector did not answer on 127.0.0.1:${port}`);
}
