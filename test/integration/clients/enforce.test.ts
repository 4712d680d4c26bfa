// Every other MCP client on one workstation, through the real CLI: a home holding the
// configs Cursor, VS Code, Claude Desktop, Windsurf, Gemini CLI and Codex CLI write (shapes
// from their docs, comments included), one signed allowlist. scan names each client and
// judges each entry as that client reads it; reconcile --once (enforce) removes exactly
// the unapproved ones, keeping comments and layout; events name the client; every removal
// restores.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTmp, writeFile } from '../../helpers/tmp';
import { requireKeyring } from '../credentials/keyring-env';
import { parseJsonc, parseToml } from '../../../src/fsedit/parse';
import {
  canary,
  filesContaining,
  makeProject,
  makeWorld,
  sha256File,
  spooled,
  warden,
  wardenJson,
  type Json,
  type World,
} from '../reconcile/world';

jest.setTimeout(300_000);
beforeAll(() => requireKeyring());
afterAll(cleanupTmp);

interface Home {
  w: World;
  project: string;
  token: string;
  files: Record<string, string>;
}

function build(): Home {
  const token = canary();
  const scratch = makeWorld();
  const tool = writeFile(path.join(scratch.root, 'tools', 'tool.js'), 'process.exit(0);\n');
  const other = writeFile(path.join(scratch.root, 'tools', 'other.js'), 'process.exit(1);\n');
  const w = makeWorld(
    {
      mode: 'enforce',
      servers: [
        { id: 'tool', transport: 'stdio', command: 'node', args: [tool], sha256: sha256File(tool) },
        { id: 'docs', transport: 'http', url: 'https://mcp.example.com/*' },
        { id: 'cursor-only', transport: 'stdio', command: 'node', args: [other], sha256: sha256File(other), clients: ['cursor'] },
      ],
    },
    { discovery: { roots: ['~/src'] } },
  );
  const project = makeProject(w, 'app');
  const h = w.home;
  const files = {
    cursor: writeFile(
      path.join(h, '.cursor', 'mcp.json'),
      JSON.stringify(
        {
          mcpServers: {
            tool: { command: 'node', args: [tool] },
            evil: { command: 'npx', args: ['-y', 'evil-mcp-server'] },
            docs: { url: 'https://mcp.example.com/mcp' },
          },
        },
        null,
        2,
      ) + '\n',
    ),
    cursorProject: writeFile(
      path.join(project, '.cursor', 'mcp.json'),
      JSON.stringify({ mcpServers: { mine: { command: 'node', args: [other] } } }, null, 2) + '\n',
    ),
    vscode: writeFile(
      path.join(h, '.config', 'Code', 'User', 'mcp.json'),
      `// My MCP servers
{
  "inputs": [{ "type": "promptString", "id": "api-key", "description": "API key", "password": true }],
  "servers": {
    "tool": { "type": "stdio", "command": "node", "args": [${JSON.stringify(tool)}] },
    // only approved for Cursor
    "mine": { "type": "stdio", "command": "node", "args": [${JSON.stringify(other)}] },
    "leak": { "type": "http", "url": "https://evil.example.net/mcp", "headers": { "Authorization": "Bearer \${input:api-key}" } },
  },
}
`,
    ),
    vscodeProject: writeFile(
      path.join(project, '.vscode', 'mcp.json'),
      `{\n  // workspace\n  "servers": {\n    "docs": { "type": "http", "url": "https://mcp.example.com/mcp" },\n    "evil": { "type": "stdio", "command": "npx", "args": ["evil-mcp-server"] }\n  }\n}\n`,
    ),
    desktop: writeFile(
      path.join(h, '.config', 'Claude', 'claude_desktop_config.json'),
      JSON.stringify(
        {
          mcpServers: {
            tool: { command: 'node', args: [tool] },
            evil: { command: 'npx', args: ['-y', 'evil-mcp-server'], env: { API_TOKEN: token } },
          },
          globalShortcut: 'Ctrl+Space',
        },
        null,
        2,
      ) + '\n',
    ),
    windsurf: writeFile(
      path.join(h, '.codeium', 'windsurf', 'mcp_config.json'),
      JSON.stringify(
        {
          mcpServers: {
            docs: { serverUrl: 'https://mcp.example.com/mcp' },
            evil: { serverUrl: 'https://evil.example.net/mcp', disabled: false },
          },
        },
        null,
        2,
      ) + '\n',
    ),
    gemini: writeFile(
      path.join(h, '.gemini', 'settings.json'),
      `{\n  "theme": "GitHub",\n  // servers\n  "mcpServers": {\n    "docs": { "httpUrl": "https://mcp.example.com/mcp", "timeout": 5000 },\n    "docs-sse": { "url": "https://mcp.example.com/sse", "type": "sse" }\n  }\n}\n`,
    ),
    codex: writeFile(
      path.join(h, '.codex', 'config.toml'),
      `# Codex CLI\nmodel = "o4-mini"\n\n[mcp_servers.tool]\ncommand = "node" # ours\nargs = [${JSON.stringify(tool)}]\n\n[mcp_servers.evil]\ncommand = "npx"\nargs = ["-y", "evil-mcp-server"]\n\n[mcp_servers.evil.env]\nAPI_TOKEN = "${token}"\n`,
    ),
  };
  return { w, project, token, files };
}

function servers(file: string, key: string, syntax: 'jsonc' | 'toml' = 'jsonc'): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const p = syntax === 'toml' ? parseToml(text) : parseJsonc(text);
  if (!p.ok) throw new Error(`${file}: ${p.problem}`);
  return Object.keys(((p.value as Json)[key] ?? {}) as object).sort();
}

describe('other MCP clients, end to end', () => {
  let h: Home;
  let before: Record<string, string>;

  beforeAll(() => {
    h = build();
    before = Object.fromEntries(Object.entries(h.files).map(([k, f]) => [k, fs.readFileSync(f, 'utf8')]));
  });

  it('scan names each client and judges each entry as its client reads it, changing nothing', () => {
    const s = wardenJson<Json>(h.w, ['scan']);
    const v = (client: string, name: string): Json => s.entries.find((e: Json) => e.client === client && e.name === name);
    expect(s.clients).toEqual({ cursor: 4, vscode: 5, 'claude-desktop': 2, windsurf: 2, 'gemini-cli': 2, codex: 2 });
    expect(v('cursor', 'tool')).toMatchObject({ verdict: 'approved', scope: 'user', transport: 'stdio', ruleId: 'tool' });
    expect(v('cursor', 'evil')).toMatchObject({ verdict: 'unapproved' });
    expect(v('cursor', 'docs')).toMatchObject({ verdict: 'approved', transport: 'http', url: 'https://mcp.example.com/mcp' });
    expect(v('cursor', 'mine')).toMatchObject({ verdict: 'approved', scope: 'project', project: h.project, ruleId: 'cursor-only' });
    // The same argv in VS Code: the rule is limited to Cursor.
    expect(v('vscode', 'mine')).toMatchObject({
      verdict: 'unapproved',
      ruleId: 'cursor-only',
      reason: expect.stringContaining('not approved in vscode'),
    });
    expect(v('vscode', 'tool')).toMatchObject({ verdict: 'approved' });
    expect(v('vscode', 'leak')).toMatchObject({ verdict: 'unapproved', transport: 'http' });
    expect(v('vscode', 'docs')).toMatchObject({ verdict: 'approved', scope: 'project' });
    expect(v('vscode', 'evil')).toMatchObject({ verdict: 'unapproved', scope: 'project' });
    expect(v('claude-desktop', 'tool')).toMatchObject({ verdict: 'approved' });
    expect(v('claude-desktop', 'evil')).toMatchObject({ verdict: 'unapproved', env: { API_TOKEN: '{{secret:API_TOKEN}}' } });
    // Windsurf's `serverUrl`; Gemini CLI's `httpUrl` (HTTP) and `url` + `type: "sse"` (the http rule does not cover it).
    expect(v('windsurf', 'docs')).toMatchObject({ verdict: 'approved', transport: 'http', url: 'https://mcp.example.com/mcp' });
    expect(v('windsurf', 'evil')).toMatchObject({ verdict: 'unapproved' });
    expect(v('gemini-cli', 'docs')).toMatchObject({ verdict: 'approved', transport: 'http' });
    expect(v('gemini-cli', 'docs-sse')).toMatchObject({ verdict: 'unapproved', transport: 'sse' });
    expect(v('codex', 'tool')).toMatchObject({ verdict: 'approved', jsonPath: '$.mcp_servers.tool' });
    expect(v('codex', 'evil')).toMatchObject({ verdict: 'unapproved', env: { API_TOKEN: '{{secret:API_TOKEN}}' } });
    expect(JSON.stringify(s)).not.toContain(h.token);
    for (const [k, f] of Object.entries(h.files)) expect(fs.readFileSync(f, 'utf8')).toBe(before[k]);
    const text = warden(h.w, ['scan']).stdout;
    expect(text).toContain('clients: ');
    expect(text).toMatch(/evil {2}\[codex user, stdio\]/);
  });

  it('enforce removes exactly the unapproved entries, keeping comments and layout', () => {
    const r = warden(h.w, ['reconcile', '--once', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pass = JSON.parse(r.stdout);
    const removed = pass.actions.filter((a: Json) => a.kind === 'remove');
    expect(removed.every((a: Json) => a.status === 'done')).toBe(true);
    expect(removed).toHaveLength(8);
    expect(servers(h.files.cursor, 'mcpServers')).toEqual(['docs', 'tool']);
    expect(servers(h.files.cursorProject, 'mcpServers')).toEqual(['mine']);
    expect(servers(h.files.vscode, 'servers')).toEqual(['tool']);
    expect(servers(h.files.vscodeProject, 'servers')).toEqual(['docs']);
    expect(servers(h.files.desktop, 'mcpServers')).toEqual(['tool']);
    expect(servers(h.files.windsurf, 'mcpServers')).toEqual(['docs']);
    expect(servers(h.files.gemini, 'mcpServers')).toEqual(['docs']);
    expect(servers(h.files.codex, 'mcp_servers', 'toml')).toEqual(['tool']);
    // What is not a server stays, comments included.
    const vs = fs.readFileSync(h.files.vscode, 'utf8');
    expect(vs).toContain('// My MCP servers');
    expect(vs).toContain('"inputs"');
    expect(fs.readFileSync(h.files.vscodeProject, 'utf8')).toContain('// workspace');
    expect(fs.readFileSync(h.files.gemini, 'utf8')).toContain('"theme": "GitHub"');
    expect(fs.readFileSync(h.files.gemini, 'utf8')).toContain('// servers');
    expect(JSON.parse(fs.readFileSync(h.files.desktop, 'utf8')).globalShortcut).toBe('Ctrl+Space');
    const codex = fs.readFileSync(h.files.codex, 'utf8');
    expect(codex).toContain('# Codex CLI\nmodel = "o4-mini"\n');
    expect(codex).toContain('command = "node" # ours');
    // Untouched files were not rewritten.
    expect(fs.readFileSync(h.files.cursorProject, 'utf8')).toBe(before.cursorProject);
    // The secret left the files and is nowhere on disk in the clear.
    expect(filesContaining(h.w.home, h.token)).toEqual([]);
    expect(filesContaining(h.w.stateDir, h.token)).toEqual([]);
  });

  it('events name the client (and only for other clients)', () => {
    const ev = spooled(h.w).filter((e) => e.kind === 'server.unapproved' && e.action === 'removed');
    expect(ev).toHaveLength(8);
    expect(ev.map((e) => e.server.client).sort()).toEqual([
      'claude-desktop',
      'codex',
      'cursor',
      'gemini-cli',
      'vscode',
      'vscode',
      'vscode',
      'windsurf',
    ]);
    const ws = ev.find((e) => e.server.client === 'windsurf');
    expect(ws?.server.url).toBe('https://evil.example.net/mcp');
    expect(ws?.message).toContain('windsurf');
    // Claude Code's events keep their old shape (no client key): older collectors accept them.
    expect(spooled(h.w).filter((e) => e.server && e.server.client === undefined && e.server.scope !== undefined)).toEqual([]);
  });

  it('a second pass finds nothing to do', () => {
    const pass = wardenJson<Json>(h.w, ['reconcile', '--once']);
    expect(pass.actions).toEqual([]);
  });

  it('quarantine restore puts each entry back where it was, secrets included', () => {
    const list = wardenJson<Json[]>(h.w, ['quarantine', 'list']);
    expect(list).toHaveLength(8);
    for (const id of [list.find((r) => r.file === h.files.codex).id, list.find((r) => r.file === h.files.vscode && r.name === 'leak').id]) {
      const r = warden(h.w, ['quarantine', 'restore', id]);
      expect(r.stderr).toContain('the policy still does not approve it');
      expect(r.status).toBe(0);
    }
    expect(servers(h.files.codex, 'mcp_servers', 'toml')).toEqual(['evil', 'tool']);
    const codex = parseToml(fs.readFileSync(h.files.codex, 'utf8'));
    expect(codex.ok && (codex.value as Json).mcp_servers.evil).toEqual({
      command: 'npx',
      args: ['-y', 'evil-mcp-server'],
      env: { API_TOKEN: h.token },
    });
    expect(fs.readFileSync(h.files.codex, 'utf8')).toContain('# Codex CLI');
    expect(servers(h.files.vscode, 'servers')).toEqual(['leak', 'tool']);
    expect(fs.readFileSync(h.files.vscode, 'utf8')).toContain('${input:api-key}');
  });
});
