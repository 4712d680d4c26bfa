// The real Gemini CLI and Codex CLI write their configs (`gemini mcp add`, `codex mcp add`);
// reconcile --once removes what the allowlist does not approve; the clients read back what
// we leave (`mcp list`), and a restore brings an entry back the client sees again.
// The clients are not devDependencies (Codex is 424 MB with its native binary, Gemini CLI
// 96 MB): install them anywhere and point MCP_WARDEN_REAL_CLIENTS at that folder:
//   npm install --prefix /opt/real-clients @google/gemini-cli@0.61.0 @openai/codex@0.171.0
//   MCP_WARDEN_REAL_CLIENTS=/opt/real-clients dbus-run-session -- bash scripts/with-keyring.sh \
//     npx jest -w 1 test/integration/clients/real-clients.test.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cleanupTmp } from '../../helpers/tmp';
import { requireKeyring } from '../credentials/keyring-env';
import { canary, makeProject, makeWorld, warden, wardenJson, type Json, type World } from '../reconcile/world';

jest.setTimeout(300_000);
afterAll(cleanupTmp);

const dir = process.env.MCP_WARDEN_REAL_CLIENTS;
const bin = (name: string): string => path.join(dir ?? '', 'node_modules', '.bin', name);

function run(w: World, name: string, args: string[], cwd: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: w.home, NO_COLOR: '1' };
  delete env.CODEX_HOME;
  delete env.GEMINI_CLI_SYSTEM_SETTINGS_PATH;
  const r = spawnSync(bin(name), args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `gemini mcp list` prints its list on stderr. */
function geminiList(w: World, cwd: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: w.home, NO_COLOR: '1' };
  const r = spawnSync(bin('gemini'), ['mcp', 'list'], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`gemini mcp list: exit ${r.status}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

(dir ? describe : describe.skip)('real gemini and codex CLIs (MCP_WARDEN_REAL_CLIENTS)', () => {
  let w: World;
  let project: string;
  const token = canary();

  beforeAll(() => {
    requireKeyring();
    w = makeWorld({ mode: 'enforce', servers: [{ id: 'docs', transport: 'http', url: 'https://mcp.example.com/*' }] });
    project = makeProject(w, 'app');
    run(w, 'gemini', ['mcp', 'add', '-s', 'user', 'evil', 'npx', '-y', 'evil-mcp-server'], project);
    run(w, 'gemini', ['mcp', 'add', '-s', 'user', '--transport', 'http', 'docs', 'https://mcp.example.com/mcp'], project);
    run(w, 'gemini', ['mcp', 'add', '-s', 'user', '--transport', 'sse', 'events', 'https://mcp.example.com/sse'], project);
    run(w, 'codex', ['mcp', 'add', 'evil', '--env', `API_TOKEN=${token}`, '--', 'npx', '-y', 'evil-mcp-server'], project);
    run(w, 'codex', ['mcp', 'add', 'docs', '--url', 'https://mcp.example.com/mcp'], project);
  });

  it('scan reads what the clients wrote, as they read it', () => {
    const s = wardenJson<Json>(w, ['scan']);
    const v = (client: string, name: string): Json => s.entries.find((e: Json) => e.client === client && e.name === name);
    expect(v('gemini-cli', 'docs')).toMatchObject({ verdict: 'approved', transport: 'http' });
    expect(v('gemini-cli', 'events')).toMatchObject({ verdict: 'unapproved', transport: 'sse' });
    expect(v('gemini-cli', 'evil')).toMatchObject({ verdict: 'unapproved', transport: 'stdio' });
    expect(v('codex', 'docs')).toMatchObject({ verdict: 'approved', transport: 'http' });
    expect(v('codex', 'evil')).toMatchObject({ verdict: 'unapproved', env: { API_TOKEN: '{{secret:API_TOKEN}}' } });
  });

  it('enforce leaves configs the clients still read, with only the approved servers', () => {
    const r = warden(w, ['reconcile', '--once', '--json']);
    expect(r.status).toBe(0);
    const removed = JSON.parse(r.stdout).actions.filter((a: Json) => a.kind === 'remove' && a.status === 'done');
    expect(removed).toHaveLength(3);
    const gemini = geminiList(w, project);
    expect(gemini).toContain('docs');
    expect(gemini).not.toContain('evil');
    expect(gemini).not.toContain('events');
    const codex = JSON.parse(run(w, 'codex', ['mcp', 'list', '--json'], project)) as Json[];
    expect(codex.map((s) => s.name)).toEqual(['docs']);
    expect(fs.readFileSync(path.join(w.home, '.codex', 'config.toml'), 'utf8')).not.toContain(token);
  });

  it('a restored Codex server is listed by codex again, its secret back in place', () => {
    const rec = wardenJson<Json[]>(w, ['quarantine', 'list']).find((r) => r.name === 'evil' && String(r.file).endsWith('config.toml'));
    expect(warden(w, ['quarantine', 'restore', rec.id]).status).toBe(0);
    const codex = JSON.parse(run(w, 'codex', ['mcp', 'list', '--json'], project)) as Json[];
    expect(codex.map((s) => s.name).sort()).toEqual(['docs', 'evil']);
    expect(codex.find((s) => s.name === 'evil').transport).toMatchObject({
      type: 'stdio',
      command: 'npx',
      args: ['-y', 'evil-mcp-server'],
      env: { API_TOKEN: token },
    });
  });
});
