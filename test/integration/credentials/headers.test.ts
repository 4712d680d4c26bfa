// `headers` run the way Claude Code runs a headersHelper (a shell command with
// CLAUDE_CODE_MCP_SERVER_NAME/URL), and `credentials list | set | delete` against the real keychain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../helpers/cli';
import type { ServerRule } from '../../../src/policy/types';
import { requireKeyring } from './keyring-env';
import { cleanupWorlds, canary, filesContaining, makeWorld, migrate, spooled, writeJson, type World } from './world';

beforeAll(() => requireKeyring());
afterEach(cleanupWorlds);

const URL = 'https://mcp.example.com/mcp';
const rules: ServerRule[] = [{ id: 'api', transport: 'http', url: URL, headers: { secrets: ['X-Tenant'] } }];

async function setup(): Promise<{ w: World; token: string; project: string }> {
  const w = makeWorld(rules);
  const token = canary();
  const project = path.join(w.home, 'src', 'acme');
  fs.mkdirSync(project, { recursive: true });
  writeJson(path.join(w.home, '.claude.json'), {
    mcpServers: {
      api: { type: 'http', url: URL, headers: { Authorization: `Bearer ${token}`, 'X-Tenant': 'acme-prod', Accept: 'application/json' } },
    },
    projects: { [project]: { mcpServers: { 'api-local': { type: 'http', url: URL, headers: { 'X-Api-Key': token } } } } },
  });
  const m = await migrate(w);
  expect(m.results.map((r) => r.status)).toEqual(['migrated', 'migrated']);
  return { w, token, project };
}

/** Run the entry's headersHelper as Claude Code does: through the shell, with its variables. */
function helper(w: World, entry: { headersHelper: string }, over: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('/bin/sh', ['-c', entry.headersHelper], {
    encoding: 'utf8',
    env: { ...process.env, ...w.env, CLAUDE_CODE_MCP_SERVER_NAME: 'api', CLAUDE_CODE_MCP_SERVER_URL: URL, ...over },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function entries(w: World) {
  const doc = JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8'));
  return { user: doc.mcpServers.api, local: Object.values(doc.projects)[0] as { mcpServers: Record<string, { headersHelper: string }> } };
}

describe('mcp-warden headers', () => {
  it('serves the moved headers for the approved URL', async () => {
    const { w, token, project } = await setup();
    const { user, local } = entries(w);
    expect(user).toEqual({
      type: 'http',
      url: URL,
      headers: { Accept: 'application/json' },
      headersHelper: `${w.execPath} headers --server api --scope user`,
    });
    const r = helper(w, user);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ Authorization: `Bearer ${token}`, 'X-Tenant': 'acme-prod' });
    // Local scope: found from the start folder (a subfolder of the project), as Claude Code runs it.
    const sub = path.join(project, 'pkg');
    fs.mkdirSync(sub);
    const l = spawnSync('/bin/sh', ['-c', local.mcpServers['api-local'].headersHelper], {
      encoding: 'utf8',
      cwd: sub,
      env: { ...process.env, ...w.env, CLAUDE_CODE_MCP_SERVER_NAME: 'api-local', CLAUDE_CODE_MCP_SERVER_URL: URL, CLAUDE_PROJECT_DIR: '' },
    });
    expect(l.status).toBe(0);
    expect(JSON.parse(l.stdout)).toEqual({ 'X-Api-Key': token });
    expect(filesContaining(w.home, token)).toEqual([]);
  });

  it('refuses a URL that is not approved for the server', async () => {
    const { w, token } = await setup();
    const r = helper(w, entries(w).user, { CLAUDE_CODE_MCP_SERVER_URL: 'https://evil.example.net/mcp' });
    expect(r.status).toBe(126);
    expect(r.stdout).not.toContain(token);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(spooled(w).map((e) => e.kind)).toEqual(['server.exec_refused']);
  });

  it('refuses without CLAUDE_CODE_MCP_SERVER_URL', async () => {
    const { w } = await setup();
    const r = helper(w, entries(w).user, { CLAUDE_CODE_MCP_SERVER_URL: '' });
    expect(r.status).toBe(126);
  });
});

describe('mcp-warden credentials', () => {
  it('lists what moved without values, rotates a value from stdin, deletes', async () => {
    const { w, token } = await setup();
    const list = runCli(['credentials', 'list', '--json'], { env: w.env });
    expect(list.status).toBe(0);
    expect(list.stdout).not.toContain(token);
    const moved = (
      JSON.parse(list.stdout) as Array<{
        serverId: string;
        scope: string;
        entryName: string;
        configHome: string;
        secrets: Array<{ name: string; present: boolean }>;
      }>
    ).filter((m) => m.entryName === 'api' && m.scope === 'user' && m.configHome === w.home);
    expect(moved).toHaveLength(1);
    expect(moved[0].secrets.map((s) => [s.name, s.present])).toEqual([
      ['Authorization', true],
      ['X-Tenant', true],
    ]);
    const human = runCli(['credentials', 'list'], { env: w.env });
    expect(human.stdout).toContain('Authorization');

    const fresh = canary();
    const set = runCli(['credentials', 'set', '--server', 'api', '--scope', 'user', 'authorization'], {
      env: w.env,
      input: `Bearer ${fresh}\n`,
    });
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).not.toContain(fresh);
    expect(JSON.parse(helper(w, entries(w).user).stdout).Authorization).toBe(`Bearer ${fresh}`);

    const unknown = runCli(['credentials', 'set', '--server', 'api', '--scope', 'user', 'NOPE'], { env: w.env, input: 'x\n' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('NOT_FOUND');

    const del = runCli(['credentials', 'delete', '--server', 'api', '--scope', 'user', 'X-Tenant'], { env: w.env });
    expect(del.status).toBe(0);
    const after = helper(w, entries(w).user);
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual({ Authorization: `Bearer ${fresh}` });

    expect(runCli(['credentials', 'delete', '--server', 'api', '--scope', 'user'], { env: w.env }).status).toBe(0);
    const gone = helper(w, entries(w).user);
    expect(gone.status).toBe(126);
    expect(gone.stderr).toContain('credentials set');
  });

  it('prints the fingerprint drift reports carry', async () => {
    const { w, token } = await setup();
    const m = await migrate(w);
    expect(m.results).toEqual([]);
    const r = runCli(['credentials', 'fingerprint'], { env: w.env, input: token });
    expect(r.stdout.trim()).toMatch(/^[0-9a-f]{8}$/);
    const { fingerprint } = await import('../../../src/secrets/detect');
    expect(r.stdout.trim()).toBe(fingerprint(token));
  });
});
