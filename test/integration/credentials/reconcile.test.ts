// The "done when", through the real CLI: a home with plaintext tokens in env
// (user scope), in an argument (local scope) and in a header (a project's .mcp.json), plus an
// unapproved server holding one; `reconcile --once` in enforce mode leaves no secret value in
// any file of the home or the state folder (configs, logs, spool, quarantine records), and the
// launch path (`exec`, `headers`) still delivers each secret. With the keychain unavailable the
// same pass changes nothing and does not crash.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../helpers/cli';
import type { ServerRule } from '../../../src/policy/types';
import { requireKeyring } from './keyring-env';
import {
  canary,
  cleanupWorlds,
  filesContaining,
  makeWorld,
  plainCanary,
  resign,
  sha256File,
  spooled,
  writeEchoServer,
  writeJson,
  type World,
} from './world';

beforeAll(() => requireKeyring());
afterEach(cleanupWorlds);

const URL = 'https://mcp.example.com/mcp';

function setup() {
  const w = makeWorld([]);
  const script = writeEchoServer(path.join(w.root, 'srv'));
  const project = path.join(w.home, 'src', 'acme');
  fs.mkdirSync(project, { recursive: true });
  const rules: ServerRule[] = [
    {
      id: 'echo',
      transport: 'stdio',
      command: process.execPath,
      args: [script],
      sha256: sha256File(script),
      env: { secrets: ['ECHO_TOKEN'] },
    },
    {
      id: 'echo-db',
      transport: 'stdio',
      command: process.execPath,
      args: [script, 'postgres://app:{{secret:PG_PASSWORD}}@db/app'],
      sha256: sha256File(script),
    },
    { id: 'api', transport: 'http', url: URL },
  ];
  resign(w, rules, 1);
  const t = { env: canary(), arg: plainCanary(), header: canary(), rogue: canary() };
  writeJson(path.join(w.home, '.claude.json'), {
    mcpServers: {
      echo: { type: 'stdio', command: process.execPath, args: [script], env: { ECHO_TOKEN: t.env, OTHER: 'kept' } },
      rogue: { type: 'stdio', command: process.execPath, args: ['-e', 'process.exit(0)'], env: { API_KEY: t.rogue } },
    },
    projects: {
      [project]: {
        mcpServers: { db: { type: 'stdio', command: process.execPath, args: [script, `postgres://app:${t.arg}@db/app`], env: {} } },
      },
    },
  });
  writeJson(path.join(project, '.mcp.json'), {
    mcpServers: { api: { type: 'http', url: URL, headers: { Authorization: `Bearer ${t.header}` } } },
  });
  return { w, script, project, t };
}

function reconcile(w: World, env: NodeJS.ProcessEnv = {}) {
  return runCli(['reconcile', '--once', '--json'], { env: { ...w.env, ...env }, cwd: w.home });
}

describe('reconcile --once moves every plaintext secret', () => {
  it('leaves no secret in any file and exec/headers still deliver them', () => {
    const { w, project, t } = setup();
    const r = reconcile(w);
    expect(r.stderr).toBe('');
    for (const v of Object.values(t)) {
      expect(filesContaining(w.home, v)).toEqual([]);
      expect(filesContaining(w.stateDir, v)).toEqual([]);
    }
    const doc = JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8'));
    expect(doc.mcpServers.rogue).toBeUndefined();
    expect(doc.mcpServers.echo.args.slice(0, 6)).toEqual(['exec', '--server', 'echo', '--scope', 'user', '--']);
    expect(spooled(w).filter((e) => e.kind === 'credential.migrated')).toHaveLength(3);
    expect(spooled(w).map((e) => e.kind)).toContain('server.unapproved');

    // stdio, user scope: env secret.
    const out = path.join(w.root, 'out.json');
    const run = (entry: { args: string[]; env?: Record<string, string> }, cwdProject: string) =>
      runCli(entry.args, { env: { ...w.env, ...entry.env, ECHO_OUT: out, CLAUDE_PROJECT_DIR: cwdProject } });
    expect(run(doc.mcpServers.echo, w.home).status).toBe(7);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).env).toMatchObject({ ECHO_TOKEN: t.env, OTHER: 'kept' });
    // stdio, local scope: argument secret.
    expect(run(doc.projects[project].mcpServers.db, project).status).toBe(7);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).argv).toEqual([`postgres://app:${t.arg}@db/app`]);
    // http, project scope: header from the helper.
    const api = JSON.parse(fs.readFileSync(path.join(project, '.mcp.json'), 'utf8')).mcpServers.api;
    const h = spawnSync('/bin/sh', ['-c', api.headersHelper], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ...w.env, CLAUDE_CODE_MCP_SERVER_URL: URL, CLAUDE_CODE_MCP_SERVER_NAME: 'api' },
    });
    expect(JSON.parse(h.stdout)).toEqual({ Authorization: `Bearer ${t.header}` });
    fs.rmSync(out);
  });

  it('migrates nothing when the keychain is unavailable, and reports it; the unapproved server still goes (sealed)', () => {
    const { w, project, t } = setup();
    const read = (): Array<Record<string, unknown>> =>
      [path.join(w.home, '.claude.json'), path.join(project, '.mcp.json')].map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
    const before = read();
    const r = reconcile(w, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(r.status).toBe(1);
    const after = read();
    // Approved entries keep their plaintext (migration needs the keychain)…
    const user = before[0].mcpServers as Record<string, unknown>;
    expect(Object.keys(user)).toContain('rogue');
    delete user.rogue;
    // …and removing the unapproved one did not need it (issue 14 item 4).
    expect(after).toEqual(before);
    expect(spooled(w).some((e) => e.kind === 'credential.exposed')).toBe(true);
    for (const v of Object.values(t)) expect(filesContaining(w.stateDir, v)).toEqual([]);
  });
});
