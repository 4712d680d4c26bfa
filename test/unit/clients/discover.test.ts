// Discovery of the other clients' files in real temp homes: scopes, projects, per-OS paths,
// files that do not parse (reported, never quoted), a home that is also a discovery root.
import * as path from 'node:path';
import { discover } from '../../../src/discovery';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

describe('discover (other clients)', () => {
  it('reads user and project files of each client with its scope and project', () => {
    const home = tmpDir();
    const project = path.join(home, 'src', 'app');
    writeFile(path.join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { "a": { "command": "x" } } }');
    writeFile(path.join(project, '.codex', 'config.toml'), '[mcp_servers.b]\ncommand = "y"\n');
    writeFile(path.join(project, '.gemini', 'settings.json'), '// c\n{ "mcpServers": { "c": { "httpUrl": "https://c/mcp" } } }');
    const inv = discover({ home, roots: ['~/src'], platform: 'linux' });
    const got = inv.entries.map((e) => [e.client, e.name, e.scope, e.project ?? null, e.transport, e.url ?? null]);
    expect(got).toEqual([
      ['cursor', 'a', 'user', null, 'stdio', null],
      ['gemini-cli', 'c', 'project', project, 'http', 'https://c/mcp'],
      ['codex', 'b', 'project', project, 'stdio', null],
    ]);
    expect(inv.projects).toEqual([project]);
    expect(inv.folders).toEqual(
      expect.arrayContaining([path.join(home, '.cursor'), path.join(project, '.codex'), path.join(project, '.gemini')]),
    );
    expect(inv.folders).not.toContain(path.join(project, '.vscode'));
  });

  it('uses the OS it is told: VS Code and Claude Desktop under Application Support on macOS', () => {
    const home = tmpDir();
    const support = path.join(home, 'Library', 'Application Support');
    writeFile(
      path.join(support, 'Code', 'User', 'mcp.json'),
      '{ "servers": { "v": { "type": "sse", "url": "https://v/sse" } }, "inputs": [] }',
    );
    writeFile(path.join(support, 'Claude', 'claude_desktop_config.json'), '{ "mcpServers": { "d": { "command": "z" } } }');
    expect(discover({ home, platform: 'linux' }).entries).toEqual([]);
    const inv = discover({ home, platform: 'darwin' });
    expect(inv.entries.map((e) => [e.client, e.name, e.transport])).toEqual([
      ['vscode', 'v', 'sse'],
      ['claude-desktop', 'd', 'stdio'],
    ]);
  });

  it('reports a file that does not parse by position only, and reads nothing from it', () => {
    const home = tmpDir();
    writeFile(path.join(home, '.codex', 'config.toml'), '[mcp_servers.x]\ncommand = "ghp_secretsecret\n');
    writeFile(
      path.join(home, '.config', 'Claude', 'claude_desktop_config.json'),
      '// a comment breaks Claude Desktop\n{ "mcpServers": {} }',
    );
    const inv = discover({ home, platform: 'linux' });
    expect(inv.entries).toEqual([]);
    expect(inv.unreadable.map((u) => [path.basename(u.file), u.code])).toEqual([
      ['claude_desktop_config.json', 'PARSE_ERROR'],
      ['config.toml', 'PARSE_ERROR'],
    ]);
    expect(JSON.stringify(inv.unreadable)).not.toContain('ghp_secretsecret');
  });

  it('keeps a user file in user scope when the home is also a discovery root', () => {
    const home = tmpDir();
    writeFile(path.join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { "a": { "command": "x" } } }');
    const inv = discover({ home, roots: ['~'], platform: 'linux' });
    expect(inv.projects).toContain(home);
    expect(inv.entries.map((e) => [e.client, e.scope])).toEqual([['cursor', 'user']]);
  });

  it('reads nothing of other clients when told not to', () => {
    const home = tmpDir();
    writeFile(path.join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { "a": { "command": "x" } } }');
    expect(discover({ home, otherClients: false }).entries).toEqual([]);
  });
});
