// The real Claude Code CLI enforces what `system apply` renders: in a sandbox where our
// managed folder is /etc/claude-code, `claude mcp list` shows only the approved servers
// (plain and wrapped forms, remote by URL), `claude mcp get` of any other says it does not
// exist, and `claude doctor` finds nothing invalid in our drop-in.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { installWardenShim } from '../../helpers/cli';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../../helpers/policy';
import type { Allowlist } from '../../../src/policy/types';
import { execArgv } from '../../../src/inventory/wrapper';
import { bwrapProblem, CLAUDE_MANAGED, inSandbox } from './sandbox';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

jest.setTimeout(240_000);
afterAll(cleanupTmp);

const problem = bwrapProblem();
// Not a silent skip: on Linux (CI, this project's machine) bwrap is installed by
// scripts/setup-system.sh, and its absence fails the suite.
const linuxOnly = process.platform === 'linux' ? describe : describe.skip;

linuxOnly('Claude Code enforces the rendered drop-in', () => {
  const dir = tmpDir('mcpw-claude-');
  const home = path.join(dir, 'home');
  const managed = path.join(dir, 'managed');
  const project = path.join(dir, 'proj');
  let env: NodeJS.ProcessEnv;
  const realManagedExisted = fs.existsSync(CLAUDE_MANAGED);

  const claude = (args: string[], inside: boolean): { status: number | null; out: string } => {
    const r = inside
      ? inSandbox(managed, [CLAUDE, ...args], { env, cwd: project })
      : spawnSync(CLAUDE, args, { env, cwd: project, encoding: 'utf8', input: '', timeout: 90_000 });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
  };
  const listed = (out: string): string[] =>
    out
      .split('\n')
      .map((l) => /^([A-Za-z0-9_-]+): /.exec(l)?.[1])
      .filter((n): n is string => Boolean(n))
      .sort();

  beforeAll(() => {
    if (problem) throw new Error(problem);
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(project, { recursive: true });
    fs.mkdirSync(managed, { recursive: true });
    env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };
    // `mcp-warden exec` opens the keychain: under scripts/with-keyring.sh it reaches the test Secret Service.
    if (process.env.DBUS_SESSION_BUS_ADDRESS) env.DBUS_SESSION_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS;
    const execPath = installWardenShim(dir);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(EVERYTHING)).digest('hex');
    const allowlist: Allowlist = makeAllowlist({
      version: 1,
      servers: [
        {
          id: 'everything',
          transport: 'stdio',
          command: 'node',
          args: [EVERYTHING, 'stdio'],
          sha256: sha,
          scopes: ['user', 'local'],
          tools: { ask: ['echo'] },
        },
        { id: 'docs', transport: 'http', url: 'http://127.0.0.1:9/mcp' },
      ],
      deny: [{ name: 'blocked-by-name' }],
      settings: { allowManagedMcpServersOnly: true, enableAllProjectMcpServers: false },
    });
    const key = makeKey();
    const envelope = writeSignedAllowlist(path.join(dir, 'allowlist.dsse.json'), allowlist, [key]);
    const config = writeAgentConfig(path.join(dir, 'etc'), { keys: [key], envelopeFile: envelope, extra: { exec: { path: execPath } } });
    // What `mcp-warden exec` (the wrapped entry's command, started by Claude Code) reads.
    env.MCP_WARDEN_CONFIG = config;
    env.MCP_WARDEN_STATE_DIR = path.join(dir, 'user-state');

    const add = (args: string[]): void => {
      const r = claude(['mcp', 'add', '--scope', 'user', ...args], false);
      if (r.status !== 0) throw new Error(`claude mcp add ${args.join(' ')}: ${r.out}`);
    };
    add(['plain', '--', 'node', EVERYTHING, 'stdio']);
    const [cmd, ...rest] = execArgv(execPath, 'everything', 'user', ['node', EVERYTHING, 'stdio']);
    add(['wrapped', '--', cmd, ...rest]);
    // A wrapper for a scope the rule does not allow is not in the rendered allowlist.
    const [pcmd, ...prest] = execArgv(execPath, 'everything', 'project', ['node', EVERYTHING, 'stdio']);
    add(['wrong-scope', '--', pcmd, ...prest]);
    add(['rogue', '--', 'node', path.join(dir, 'rogue.js')]);
    add(['blocked-by-name', '--', 'node', EVERYTHING, 'stdio']);
    add(['--transport', 'http', 'docs', 'http://127.0.0.1:9/mcp']);
    add(['--transport', 'http', 'exfil', 'http://127.0.0.1:9/exfil']);

    const r = runCli(['--config', config, '--state-dir', path.join(dir, 'state'), 'system', 'apply', '--managed-dir', managed]);
    if (r.status !== 0) throw new Error(`system apply: ${r.stderr}`);
  });

  afterAll(() => {
    // The sandbox never creates or changes the real managed folder.
    expect(fs.existsSync(CLAUDE_MANAGED)).toBe(realManagedExisted);
  });

  it('without the drop-in, Claude Code lists every configured server (the control)', () => {
    const empty = path.join(dir, 'empty-managed');
    fs.mkdirSync(empty, { recursive: true });
    const r = inSandbox(empty, [CLAUDE, 'mcp', 'list'], { env, cwd: project });
    expect(listed(r.stdout)).toEqual(['blocked-by-name', 'docs', 'exfil', 'plain', 'rogue', 'wrapped', 'wrong-scope']);
  });

  it('with the drop-in, `claude mcp list` shows only the approved forms', () => {
    const r = claude(['mcp', 'list'], true);
    expect(r.status).toBe(0);
    expect(listed(r.out)).toEqual(['docs', 'plain', 'wrapped']);
    // The plain form really runs: the rendered argv is the one Claude Code starts.
    expect(r.out).toMatch(/^plain: .*✔ Connected/m);
    // The wrapped form starts through `mcp-warden exec`, which needs a Secret Service (npm test
    // runs under scripts/with-keyring.sh): then the rendered wrapper argv really serves MCP.
    if (process.env.MCP_WARDEN_TEST_KEYRING) expect(r.out).toMatch(/^wrapped: .*✔ Connected/m);
  });

  it.each(['rogue', 'exfil', 'wrong-scope', 'blocked-by-name'])('`claude mcp get %s` says it does not exist', (name) => {
    const r = claude(['mcp', 'get', name], true);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(new RegExp(`No MCP server named "${name}"`));
  });

  it('`claude mcp get plain` shows the approved server', () => {
    const r = claude(['mcp', 'get', 'plain'], true);
    expect(r.status).toBe(0);
    expect(r.out).toContain(EVERYTHING);
  });

  it('`claude doctor` flags an invalid drop-in (the oracle works)', () => {
    const bad = path.join(dir, 'bad-managed');
    fs.mkdirSync(path.join(bad, 'managed-settings.d'), { recursive: true });
    fs.writeFileSync(
      path.join(bad, 'managed-settings.d', '50-mcp-warden.json'),
      '{"allowedMcpServers":[{"serverCommand":[]}],"allowManagedMcpServersOnly":"yes"}',
    );
    const r = inSandbox(bad, [CLAUDE, 'doctor'], { env, cwd: project });
    expect(r.stdout + r.stderr).toMatch(/Invalid settings[\s\S]*managed-settings.d\/50-mcp-warden.json/);
  });

  it('`claude doctor` reports nothing invalid in our drop-in', () => {
    const r = claude(['doctor'], true);
    expect(r.out).toContain('Claude Code doctor');
    expect(r.out).not.toContain('managed-settings.d/50-mcp-warden.json');
    expect(r.out).not.toMatch(/Invalid settings/);
  });
});
