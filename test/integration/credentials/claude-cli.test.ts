// The real Claude Code CLI as the oracle. It WRITES the configs with plaintext tokens
// (`claude mcp add -e …` in user, local and project scope, `--header` for a remote
// server); the credential pipeline moves them; then `claude mcp list` (which starts every
// stdio server and connects to every remote one) proves that the migrated entries still
// work: @modelcontextprotocol/server-everything connects through `mcp-warden exec`, and a
// local HTTP server receives the Authorization header from `mcp-warden headers`.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { ServerRule } from '../../../src/policy/types';
import { requireKeyring } from './keyring-env';
import { canary, cleanupWorlds, filesContaining, makeWorld, migrate, resign, sha256File, writeJson, type World } from './world';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

beforeAll(() => requireKeyring());
afterEach(cleanupWorlds);

/** Run the real claude CLI. Asynchronous: the recording HTTP server lives in this process. */
function claude(w: World, cwd: string, args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(CLAUDE, args, {
      cwd,
      // Claude Code passes its environment to the servers and helpers it starts: that is how
      // the test's MCP_WARDEN_* locations reach `mcp-warden exec` (the argv stays the production one).
      env: {
        ...process.env,
        ...w.env,
        HOME: w.home,
        CLAUDE_CONFIG_DIR: '',
        MCP_TIMEOUT: '30000',
        NO_PROXY: '127.0.0.1,localhost',
        no_proxy: '127.0.0.1,localhost',
      },
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

/** A remote "MCP server" that records the Authorization header of every request. */
async function recordingServer(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/mcp`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('migration under the real claude CLI', () => {
  it('leaves no token in any config, and every migrated server still connects', async () => {
    const remote = await recordingServer();
    try {
      const w = makeWorld([]);
      const project = path.join(w.home, 'src', 'acme');
      fs.mkdirSync(project, { recursive: true });
      const tokens = { user: canary(), local: canary(), project: canary(), header: canary() };
      const rules: ServerRule[] = [
        {
          id: 'everything',
          transport: 'stdio',
          command: 'node',
          args: [EVERYTHING, 'stdio'],
          sha256: sha256File(EVERYTHING),
          env: { secrets: ['API_TOKEN'] },
        },
        { id: 'remote', transport: 'http', url: remote.url },
      ];
      resign(w, rules, 1);

      const add = (scope: string, name: string, token: string) =>
        claude(w, project, ['mcp', 'add', '--scope', scope, name, '-e', `API_TOKEN=${token}`, '--', 'node', EVERYTHING, 'stdio']);
      expect((await add('user', 'ev-user', tokens.user)).status).toBe(0);
      expect((await add('local', 'ev-local', tokens.local)).status).toBe(0);
      expect((await add('project', 'ev-project', tokens.project)).status).toBe(0);
      expect(
        (
          await claude(w, project, [
            'mcp',
            'add',
            '--scope',
            'user',
            '--transport',
            'http',
            'remote',
            remote.url,
            '--header',
            `Authorization: Bearer ${tokens.header}`,
          ])
        ).status,
      ).toBe(0);

      // Trust the project and approve its .mcp.json server, as a developer would in the dialog.
      const cj = path.join(w.home, '.claude.json');
      const doc = JSON.parse(fs.readFileSync(cj, 'utf8'));
      doc.projects[project].hasTrustDialogAccepted = true;
      writeJson(cj, doc);
      writeJson(path.join(project, '.claude', 'settings.local.json'), { enabledMcpjsonServers: ['ev-project'] });
      for (const t of Object.values(tokens)) expect(filesContaining(w.home, t).length).toBeGreaterThan(0);

      const m = await migrate(w, { roots: [path.join(w.home, 'src')] });
      expect(m.results.map((r) => r.status)).toEqual(['migrated', 'migrated', 'migrated', 'migrated']);
      for (const t of Object.values(tokens)) expect(filesContaining(w.home, t)).toEqual([]);

      const mcpJson = JSON.parse(fs.readFileSync(path.join(project, '.mcp.json'), 'utf8'));
      expect(mcpJson.mcpServers['ev-project']).toEqual({
        type: 'stdio',
        command: w.execPath,
        args: ['exec', '--server', 'everything', '--scope', 'project', '--', 'node', EVERYTHING, 'stdio'],
        env: {},
      });

      const list = await claude(w, project, ['mcp', 'list']);
      const line = (name: string) => list.out.split('\n').find((l) => l.startsWith(`${name}:`)) ?? `(no line for ${name})\n${list.out}`;
      expect(line('ev-user')).toContain('✔ Connected');
      expect(line('ev-local')).toContain('✔ Connected');
      expect(line('ev-project')).toContain('✔ Connected');
      expect(remote.seen).toContain(`Bearer ${tokens.header}`);
      // claude itself writes to the home during `mcp list`: still no token anywhere.
      for (const t of Object.values(tokens)) {
        expect(filesContaining(w.home, t)).toEqual([]);
        if (fs.existsSync(w.stateDir)) expect(filesContaining(w.stateDir, t)).toEqual([]);
      }
    } finally {
      await remote.close();
    }
  }, 240_000);
});
