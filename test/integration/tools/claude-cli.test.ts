// The whole path with the real tools: `allowlist pin-tools` launches two real MCP servers (the
// SDK rug-pull fixture and @modelcontextprotocol/server-everything) and writes their digests
// into a YAML source; the signed allowlist carries them; `claude mcp add` writes plain entries;
// `reconcile --once` rewrites them to run through `mcp-warden exec` (no secrets involved);
// and the real `claude mcp list` connects to both through the proxy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import * as YAML from 'yaml';
import type { ServerRule } from '../../../src/policy/types';
import { runCli } from '../../helpers/cli';
import { EVERYTHING, ROOT, RUG_SERVER } from '../../helpers/mcp';
import { requireKeyring } from '../credentials/keyring-env';
import { cleanupWorlds, makeWorld, resign, sha256File, type World } from '../credentials/world';

const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');

beforeAll(() => requireKeyring());
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

const SOURCE = (rug: string, ev: string) => `# acme allowlist (kept in git, signed offline)
org: acme
version: 1
expires: 2099-01-01T00:00:00Z
mode: enforce
servers:
  # the test server that changes its tools
  - id: rug
    transport: stdio
    command: node
    args: [${JSON.stringify(RUG_SERVER)}]
    sha256: ${rug}
  - id: everything
    transport: stdio
    command: node
    args: [${JSON.stringify(EVERYTHING)}, stdio]
    sha256: ${ev}   # the reference server
`;

describe('tool pinning with the real claude CLI', () => {
  it('pin-tools writes the digests; reconcile routes the entries through exec; claude mcp list connects through the proxy', async () => {
    const w = makeWorld([]);
    const src = path.join(w.root, 'allowlist.yaml');
    const text = SOURCE(sha256File(RUG_SERVER), sha256File(EVERYTHING));
    fs.writeFileSync(src, text);
    for (const id of ['rug', 'everything']) {
      const r = runCli(['allowlist', 'pin-tools', src, '--server', id, '--timeout', '60000'], { env: w.env, timeoutMs: 120_000 });
      // The server's own stderr passes through (server-everything says it is starting).
      expect([id, r.status, r.stderr.replace('Starting default (STDIO) server...\n', '')]).toEqual([id, 0, '']);
      expect(r.stdout).toContain(`wrote toolPins into servers[${id === 'rug' ? 0 : 1}]`);
    }
    const pinned = fs.readFileSync(src, 'utf8');
    // Comments and the admin's layout survive; lint has nothing left to say about pins.
    expect(pinned.startsWith('# acme allowlist (kept in git, signed offline)\n')).toBe(true);
    expect(pinned).toContain('  # the test server that changes its tools\n');
    expect(pinned).toContain('# the reference server\n');
    const lint = runCli(['allowlist', 'lint', src]);
    expect(lint.status).toBe(0);
    expect(lint.stdout).not.toContain('no tool pins');
    const doc = YAML.parse(pinned) as { servers: ServerRule[] };
    expect(Object.keys(doc.servers[0]?.toolPins?.tools ?? {})).toEqual(['echo', 'arm']);
    expect(Object.keys(doc.servers[0]?.toolPins?.prompts ?? {})).toEqual(['greet']);
    expect(Object.keys(doc.servers[1]?.toolPins?.tools ?? {}).length).toBeGreaterThan(5);

    resign(w, doc.servers, 1);
    expect((await claude(w, w.home, ['mcp', 'add', '--scope', 'user', 'rug', '--', 'node', RUG_SERVER])).status).toBe(0);
    expect((await claude(w, w.home, ['mcp', 'add', '--scope', 'user', 'everything', '--', 'node', EVERYTHING, 'stdio'])).status).toBe(0);
    const pass = runCli(['reconcile', '--once', '--json'], { env: w.env, cwd: w.home, timeoutMs: 120_000 });
    expect(pass.status).toBe(0);
    const entries = JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8')).mcpServers;
    expect(entries.rug).toMatchObject({
      command: w.execPath,
      args: ['exec', '--server', 'rug', '--scope', 'user', '--', 'node', RUG_SERVER],
    });
    expect(entries.everything).toMatchObject({
      command: w.execPath,
      args: ['exec', '--server', 'everything', '--scope', 'user', '--', 'node', EVERYTHING, 'stdio'],
    });

    const list = await claude(w, w.home, ['mcp', 'list']);
    const line = (name: string) => list.out.split('\n').find((l) => l.startsWith(`${name}:`)) ?? `(no line for ${name})\n${list.out}`;
    expect(line('rug')).toContain('✔ Connected');
    expect(line('everything')).toContain('✔ Connected');
    // A server whose tools changed still connects: what changed is withheld, not the server.
    const changed = await claude(w, w.home, ['mcp', 'list'], { RUG_EXTRA_TOOL: '1' });
    expect(changed.out.split('\n').find((l) => l.startsWith('rug:'))).toContain('✔ Connected');
  }, 300_000);

  it("pin-tools refuses a server whose pin does not hold (exec's own check)", () => {
    const w = makeWorld([]);
    const src = path.join(w.root, 'allowlist.yaml');
    fs.writeFileSync(src, SOURCE('f'.repeat(64), sha256File(EVERYTHING)));
    const r = runCli(['allowlist', 'pin-tools', src, '--server', 'rug'], { env: w.env });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not launched: .*(sha256|pin)/i);
    expect(fs.readFileSync(src, 'utf8')).toBe(SOURCE('f'.repeat(64), sha256File(EVERYTHING)));
    // A rule that is not valid is not launched at all (64 zeros read as a YAML number).
    fs.writeFileSync(src, SOURCE('0'.repeat(64), sha256File(EVERYTHING)));
    const bad = runCli(['allowlist', 'pin-tools', src, '--server', 'rug'], { env: w.env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('$.servers[0].sha256');
  });
});
