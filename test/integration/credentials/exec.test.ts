// `exec` for real: a migrated stdio entry's argv launches a small server script through
// the CLI; the script sees its secrets; a swapped script, a wrong server id, a missing
// secret and a locked keychain are refused with one stderr line, exit 126 and a drift event.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { openSecretStore } from '../../../src/vault/keychain/open';
import { secretAccount } from '../../../src/vault/account';
import type { ServerRule } from '../../../src/policy/types';
import { requireKeyring } from './keyring-env';
import {
  cleanupWorlds,
  resign,
  canary,
  filesContaining,
  makeWorld,
  migrate,
  plainCanary,
  sha256File,
  spooled,
  writeEchoServer,
  writeJson,
  type World,
} from './world';

beforeAll(() => requireKeyring());
afterEach(cleanupWorlds);

interface Setup {
  w: World;
  script: string;
  token: string;
  password: string;
  out: string;
}

async function setup(): Promise<Setup> {
  const token = canary();
  const password = plainCanary();
  // The script's folder must exist before the rule can pin it; create the world first.
  const w = makeWorld([]);
  const script = writeEchoServer(path.join(w.root, 'srv'));
  const rule: ServerRule = {
    id: 'echo',
    transport: 'stdio',
    command: process.execPath,
    args: [script, '--password={{secret:PW}}'],
    sha256: sha256File(script),
    env: { secrets: ['ECHO_TOKEN'] },
  };
  resign(w, [rule], 1);
  writeJson(path.join(w.home, '.claude.json'), {
    mcpServers: {
      echo: {
        type: 'stdio',
        command: process.execPath,
        args: [script, `--password=${password}`],
        env: { ECHO_TOKEN: token, OTHER: 'kept' },
      },
    },
  });
  const m = await migrate(w);
  expect(m.results.map((r) => r.status)).toEqual(['migrated']);
  return { w, script, token, password, out: path.join(w.root, 'out.json') };
}

function migratedArgv(w: World): { command: string; args: string[]; env: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8')).mcpServers.echo;
}

function execEntry(s: Setup, env: NodeJS.ProcessEnv = {}) {
  const e = migratedArgv(s.w);
  // Claude Code runs `command args…` with the entry's env merged in; the CLI bundle stands in for `command`.
  return runCli(e.args, { env: { ...s.w.env, ...e.env, ECHO_OUT: s.out, CLAUDE_PROJECT_DIR: s.w.home, ...env } });
}

describe('mcp-warden exec', () => {
  it('launches the migrated server with its secrets and exits with its code', async () => {
    const s = await setup();
    const e = migratedArgv(s.w);
    expect(e.command).toBe(s.w.execPath);
    expect(e.args).toEqual(['exec', '--server', 'echo', '--scope', 'user', '--', process.execPath, s.script, '--password={{secret:PW}}']);
    expect(e.env).toEqual({ OTHER: 'kept' });
    const r = execEntry(s);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(7);
    const seen = JSON.parse(fs.readFileSync(s.out, 'utf8'));
    expect(seen).toEqual({ argv: [`--password=${s.password}`], env: { ECHO_TOKEN: s.token, OTHER: 'kept' } });
    // The canaries are nowhere in the home or the state folder (configs, logs, spool).
    fs.rmSync(s.out);
    for (const c of [s.token, s.password]) {
      expect(filesContaining(s.w.home, c)).toEqual([]);
      if (fs.existsSync(s.w.stateDir)) expect(filesContaining(s.w.stateDir, c)).toEqual([]);
    }
  });

  it('refuses a swapped script (sha256 pin checked at launch)', async () => {
    const s = await setup();
    fs.appendFileSync(s.script, '// swapped\n');
    const r = execEntry(s);
    expect(r.status).toBe(126);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^mcp-warden: echo: not approved/);
    expect(fs.existsSync(s.out)).toBe(false);
    expect(spooled(s.w).map((e) => [e.kind, e.action])).toEqual([['server.exec_refused', 'refused']]);
  });

  it('refuses to hand a server id secrets for another command', async () => {
    const s = await setup();
    const r = runCli(['exec', '--server', 'echo', '--scope', 'user', '--', process.execPath, '-e', 'console.log(process.env.ECHO_TOKEN)'], {
      env: { ...s.w.env, CLAUDE_PROJECT_DIR: s.w.home },
    });
    expect(r.status).toBe(126);
    expect(r.stdout).not.toContain(s.token);
  });

  it('refuses when a secret is missing and says how to store it', async () => {
    const s = await setup();
    await openSecretStore('napi').delete(secretAccount({ scope: 'user', configHome: s.w.home, serverId: 'echo' }, 'env', 'ECHO_TOKEN'));
    const r = execEntry(s);
    expect(r.status).toBe(126);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing from the keychain: ECHO_TOKEN');
    expect(r.stderr).toContain('mcp-warden credentials set --server echo --scope user ECHO_TOKEN');
    expect(spooled(s.w).map((e) => e.kind)).toEqual(['credential.missing']);
  });

  it('refuses with KEYCHAIN_UNAVAILABLE when there is no Secret Service', async () => {
    const s = await setup();
    const e = migratedArgv(s.w);
    // runCli merges over process.env, so point the bus somewhere that does not exist.
    const r = runCli(e.args, {
      env: { ...s.w.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', ECHO_OUT: s.out, CLAUDE_PROJECT_DIR: s.w.home },
    });
    expect(r.status).toBe(126);
    expect(r.stderr).toContain('keychain is unavailable');
    expect(fs.existsSync(s.out)).toBe(false);
  });

  it('without any policy, runs the command the secrets were moved for and nothing else', async () => {
    const s = await setup();
    const noConfig = { MCP_WARDEN_CONFIG: path.join(s.w.root, 'absent.yaml') };
    const ok = execEntry(s, noConfig);
    expect(ok.status).toBe(7);
    expect(JSON.parse(fs.readFileSync(s.out, 'utf8')).env.ECHO_TOKEN).toBe(s.token);
    const other = runCli(
      ['exec', '--server', 'echo', '--scope', 'user', '--', process.execPath, '-e', 'console.log(process.env.ECHO_TOKEN)'],
      {
        env: { ...s.w.env, ...noConfig, CLAUDE_PROJECT_DIR: s.w.home },
      },
    );
    expect(other.status).toBe(126);
    expect(other.stdout).not.toContain(s.token);
  });

  it('forwards SIGTERM to the server and exits with 128+15', async () => {
    const s = await setup();
    const { spawn } = await import('node:child_process');
    const { cliBundle } = await import('../../helpers/cli');
    const sleeper = path.join(s.w.root, 'sleeper.js');
    fs.writeFileSync(sleeper, "process.stdout.write('ready\\n'); setInterval(() => {}, 1000);\n");
    resign(
      s.w,
      [...s.w.rules, { id: 'sleep', transport: 'stdio', command: process.execPath, args: [sleeper], sha256: sha256File(sleeper) }],
      3,
    );
    const child = spawn(process.execPath, [cliBundle(), 'exec', '--server', 'sleep', '--scope', 'user', '--', process.execPath, sleeper], {
      env: { ...process.env, ...s.w.env, CLAUDE_PROJECT_DIR: s.w.home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(128 + 15);
  });
});
