// The adapters' facts: where each client keeps its servers on each OS, and how it reads
// an entry's transport (docs/clients.md cites the sources).
import * as path from 'node:path';
import { ADAPTERS, OTHER_CLIENTS, shownUrl } from '../../../src/clients/adapters';
import { CLIENT_IDS } from '../../../src/clients/types';
import allowlistSchema from '../../../schemas/allowlist.schema.json';
import eventSchema from '../../../schemas/drift-event.schema.json';

const home = '/home/dev';

describe('#userFiles', () => {
  it.each([
    ['linux', 'vscode', [`${home}/.config/Code/User/mcp.json`, `${home}/.config/Code - Insiders/User/mcp.json`]],
    [
      'darwin',
      'vscode',
      [`${home}/Library/Application Support/Code/User/mcp.json`, `${home}/Library/Application Support/Code - Insiders/User/mcp.json`],
    ],
    ['darwin', 'claude-desktop', [`${home}/Library/Application Support/Claude/claude_desktop_config.json`]],
    ['linux', 'claude-desktop', [`${home}/.config/Claude/claude_desktop_config.json`]],
    ['linux', 'cursor', [`${home}/.cursor/mcp.json`]],
    ['linux', 'windsurf', [`${home}/.codeium/windsurf/mcp_config.json`]],
    ['linux', 'gemini-cli', [`${home}/.gemini/settings.json`]],
    ['linux', 'codex', [`${home}/.codex/config.toml`]],
  ] as const)('on %s, %s reads %j', (platform, id, files) => {
    expect(ADAPTERS[id].userFiles({ home, platform })).toEqual(files);
  });

  it('uses %APPDATA% on Windows', () => {
    const appData = 'C:\\Users\\dev\\AppData\\Roaming';
    expect(ADAPTERS['claude-desktop'].userFiles({ home, platform: 'win32', appData })).toEqual([
      path.join(appData, 'Claude', 'claude_desktop_config.json'),
    ]);
    expect(ADAPTERS.vscode.userFiles({ home, platform: 'win32', appData })[0]).toBe(path.join(appData, 'Code', 'User', 'mcp.json'));
  });
});

describe('#projectFiles', () => {
  it('names each client project file; user-only clients have none', () => {
    const p = '/src/app';
    expect(ADAPTERS.cursor.projectFiles(p)).toEqual(['/src/app/.cursor/mcp.json']);
    expect(ADAPTERS.vscode.projectFiles(p)).toEqual(['/src/app/.vscode/mcp.json']);
    expect(ADAPTERS['gemini-cli'].projectFiles(p)).toEqual(['/src/app/.gemini/settings.json']);
    expect(ADAPTERS.codex.projectFiles(p)).toEqual(['/src/app/.codex/config.toml']);
    expect(ADAPTERS.windsurf.projectFiles(p)).toEqual([]);
    expect(ADAPTERS['claude-desktop'].projectFiles(p)).toEqual([]);
  });
});

describe('#transportOf', () => {
  it.each([
    ['gemini-cli', { httpUrl: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['gemini-cli', { url: 'https://a/sse', type: 'sse' }, 'sse', 'https://a/sse'],
    ['gemini-cli', { url: 'https://a/mcp', type: 'http' }, 'http', 'https://a/mcp'],
    ['gemini-cli', { url: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['gemini-cli', { url: 'https://a/mcp', command: 'node' }, 'http', 'https://a/mcp'],
    ['gemini-cli', { command: 'node' }, 'stdio', undefined],
    ['windsurf', { serverUrl: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['windsurf', { url: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['vscode', { type: 'stdio', command: 'node' }, 'stdio', undefined],
    ['vscode', { type: 'sse', url: 'https://a/sse' }, 'sse', 'https://a/sse'],
    ['vscode', { type: 'http', url: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['vscode', { type: 'sdk' }, 'other', undefined],
    ['cursor', { url: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['cursor', { type: 'sse', url: 'https://a/sse' }, 'sse', 'https://a/sse'],
    ['codex', { url: 'https://a/mcp' }, 'http', 'https://a/mcp'],
    ['codex', { command: 'npx', args: [] }, 'stdio', undefined],
    ['claude-desktop', { command: 'npx' }, 'stdio', undefined],
  ] as const)('%s reads %j as %s', (id, raw, transport, url) => {
    const t = ADAPTERS[id].transportOf(raw);
    expect(t.transport).toBe(transport);
    expect(t.url).toBe(url);
  });

  it('shows the URL under the key the client reads', () => {
    const raw = { serverUrl: 'https://a/mcp' };
    expect(shownUrl('windsurf', raw, raw)).toBe('https://a/mcp');
    expect(shownUrl(undefined, raw, raw)).toBeUndefined();
  });
});

describe('#wrap', () => {
  it('launches through mcp-warden exec; VS Code keeps its required type', () => {
    const argv = ['/usr/local/bin/mcp-warden', 'exec', '--server', 'gh', '--scope', 'user', '--', 'npx', 'x'];
    expect(ADAPTERS.vscode.wrap({ type: 'stdio', command: 'npx', args: ['x'], env: { A: '1' } }, argv)).toEqual({
      type: 'stdio',
      command: argv[0],
      args: argv.slice(1),
      env: { A: '1' },
    });
    expect(ADAPTERS.codex.wrap({ command: 'npx', startup_timeout_sec: 20 }, argv)).toEqual({
      command: argv[0],
      args: argv.slice(1),
      startup_timeout_sec: 20,
    });
  });
});

describe('client ids', () => {
  it('are the same in the code, the allowlist schema and the event schema', () => {
    const rule = (allowlistSchema as { definitions: { server: { properties: { clients: { items: { enum: string[] } } } } } }).definitions
      .server.properties.clients;
    expect(rule.items.enum).toEqual([...CLIENT_IDS]);
    const ev = (eventSchema as { properties: { server: { properties: { client: { enum: string[] } } } } }).properties.server.properties
      .client;
    expect(ev.enum).toEqual([...CLIENT_IDS]);
    expect(OTHER_CLIENTS.map((a) => a.id)).toEqual(CLIENT_IDS.filter((c) => c !== 'claude-code'));
  });
});
