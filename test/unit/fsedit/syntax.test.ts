// Edits of JSON-with-comments and TOML files (other clients' configs): the removed entry
// goes, comments and layout elsewhere stay, preconditions hold, unparseable texts are
// never rewritten.
import { computeSyntaxEdit } from '../../../src/fsedit/syntax';
import { FileEditError } from '../../../src/fsedit/errors';
import { parseJsonc, parseToml } from '../../../src/fsedit/parse';

const VSCODE = `// Workspace MCP servers (https://code.visualstudio.com/docs/copilot/chat/mcp-servers)
{
  "inputs": [
    { "type": "promptString", "id": "gh-token", "description": "GitHub token", "password": true },
  ],
  "servers": {
    // The team's server
    "github": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${input:gh-token}" },
    },
    /* someone's experiment */
    "evil": { "type": "http", "url": "https://evil.example.net/mcp" },
  },
}
`;

const CODEX = `# Codex CLI config (https://github.com/openai/codex/blob/main/docs/config.md)
model = "o4-mini"

[mcp_servers.docs]
command = "npx"   # pinned below
args = ["-y", "mcp-docs@1.2.3"]
startup_timeout_sec = 20

# added by a tutorial
[mcp_servers.evil]
command = "npx"
args = ["-y", "evil-mcp-server"]

[mcp_servers.evil.env]
API_TOKEN = "ghp_canary"

[profiles.fast]
model = "gpt-5"
`;

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof FileEditError ? e.code : 'OTHER';
  }
  return undefined;
}

describe('computeSyntaxEdit (jsonc)', () => {
  const evil = { type: 'http', url: 'https://evil.example.net/mcp' };

  it('removes one server and keeps every comment, the inputs and the other server', () => {
    const c = computeSyntaxEdit('mcp.json', 'jsonc', VSCODE, [{ path: ['servers', 'evil'], value: undefined, expect: { value: evil } }]);
    expect(c.applied).toHaveLength(1);
    expect(c.next).not.toContain('evil.example.net');
    for (const kept of ['// Workspace MCP servers', "// The team's server", '"inputs"', '${input:gh-token}', '"github"'])
      expect(c.next).toContain(kept);
    const after = parseJsonc(c.next);
    expect(after.ok && Object.keys((after.value as { servers: object }).servers)).toEqual(['github']);
  });

  it('skips a server that changed since it was judged', () => {
    const c = computeSyntaxEdit('mcp.json', 'jsonc', VSCODE, [
      { path: ['servers', 'evil'], value: undefined, expect: { value: { ...evil, url: 'https://other' } } },
    ]);
    expect(c.applied).toEqual([]);
    expect(c.skipped.map((s) => s.reason)).toEqual(['changed']);
    expect(c.next).toBe(VSCODE);
  });

  it("inserts a server back (restore) in the file's indentation", () => {
    const removed = computeSyntaxEdit('mcp.json', 'jsonc', VSCODE, [
      { path: ['servers', 'evil'], value: undefined, expect: { value: evil } },
    ]).next;
    const c = computeSyntaxEdit('mcp.json', 'jsonc', removed, [{ path: ['servers', 'evil'], value: evil, expect: { value: undefined } }]);
    const v = parseJsonc(c.next);
    expect(v.ok && (v.value as { servers: Record<string, unknown> }).servers.evil).toEqual(evil);
    expect(c.next).toContain('\n    "evil": {');
  });

  it('never rewrites a text that does not parse, and names no text in the error', () => {
    const bad = VSCODE.replace('"servers": {', '"servers": { "ghp_secretvalue" ');
    expect(code(() => computeSyntaxEdit('mcp.json', 'jsonc', bad, [{ path: ['servers', 'evil'], value: undefined }]))).toBe('PARSE_ERROR');
    const p = parseJsonc(bad);
    expect(!p.ok && p.problem).toMatch(/at offset \d+/);
    expect(JSON.stringify(p)).not.toContain('ghp_secretvalue');
  });

  it('reads `__proto__` as an ordinary server name', () => {
    const p = parseJsonc('{ "servers": { "__proto__": { "command": "x" } } }');
    expect(p.ok && Object.keys((p.value as { servers: object }).servers)).toEqual(['__proto__']);
  });
});

describe('computeSyntaxEdit (toml)', () => {
  const parsed = parseToml(CODEX);
  const evil = parsed.ok ? (parsed.value as { mcp_servers: Record<string, unknown> }).mcp_servers.evil : undefined;

  it('removes one [mcp_servers.NAME] table (and its sub-tables), keeping comments and layout', () => {
    expect(evil).toEqual({ command: 'npx', args: ['-y', 'evil-mcp-server'], env: { API_TOKEN: 'ghp_canary' } });
    const c = computeSyntaxEdit('config.toml', 'toml', CODEX, [
      { path: ['mcp_servers', 'evil'], value: undefined, expect: { value: evil } },
    ]);
    expect(c.applied).toHaveLength(1);
    expect(c.next).not.toContain('evil-mcp-server');
    expect(c.next).not.toContain('ghp_canary');
    for (const kept of [
      '# Codex CLI config',
      'command = "npx"   # pinned below',
      'startup_timeout_sec = 20',
      '[profiles.fast]',
      'model = "o4-mini"',
    ])
      expect(c.next).toContain(kept);
    const after = parseToml(c.next);
    expect(after.ok && Object.keys((after.value as { mcp_servers: object }).mcp_servers)).toEqual(['docs']);
  });

  it('puts a removed server back', () => {
    const removed = computeSyntaxEdit('config.toml', 'toml', CODEX, [
      { path: ['mcp_servers', 'evil'], value: undefined, expect: { value: evil } },
    ]).next;
    const c = computeSyntaxEdit('config.toml', 'toml', removed, [
      { path: ['mcp_servers', 'evil'], value: evil, expect: { value: undefined } },
    ]);
    const v = parseToml(c.next);
    expect(v.ok && (v.value as { mcp_servers: Record<string, unknown> }).mcp_servers.evil).toEqual(evil);
    expect(c.next).toContain('# Codex CLI config');
  });

  it('keeps integers beyond 2^53 exactly', () => {
    const text = `big = 12345678901234567890\n[mcp_servers.x]\ncommand = "a"\n`;
    const c = computeSyntaxEdit('config.toml', 'toml', text, [
      { path: ['mcp_servers', 'x'], value: undefined, expect: { value: { command: 'a' } } },
    ]);
    expect(c.next).toContain('big = 12345678901234567890');
  });

  it('keeps TOML date-times as written', () => {
    const text = `when = 1979-05-27T07:32:00Z\n[mcp_servers.x]\ncommand = "a"\n[mcp_servers.y]\ncommand = "b"\n`;
    const c = computeSyntaxEdit('config.toml', 'toml', text, [
      { path: ['mcp_servers', 'x'], value: undefined, expect: { value: { command: 'a' } } },
    ]);
    expect(c.next).toBe(`when = 1979-05-27T07:32:00Z\n[mcp_servers.y]\ncommand = "b"\n`);
  });

  it('never rewrites invalid TOML, and the problem names a position only', () => {
    const bad = `${CODEX}\n[mcp_servers.broken\nsecret = "ghp_x"\n`;
    expect(code(() => computeSyntaxEdit('config.toml', 'toml', bad, [{ path: ['mcp_servers', 'evil'], value: undefined }]))).toBe(
      'PARSE_ERROR',
    );
    const p = parseToml(bad);
    expect(!p.ok && p.problem).toMatch(/^line \d+, column \d+$/);
  });
});
