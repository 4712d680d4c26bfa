// discover() on real temp homes: every scope and file, config homes, projects from keys
// and roots, parent .mcp.json files, limits, symlinks, unreadable files, and the cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, DiscoveryCache } from '../../../src/discovery';
import { scanClaudeJson } from '../../../src/discovery/file-entries';
import { readConfigFile } from '../../../src/discovery/read';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const j = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

function home(): { root: string; home: string; proj: string } {
  const root = tmpDir();
  const h = path.join(root, 'home', 'dev');
  const proj = path.join(h, 'src', 'app');
  fs.mkdirSync(proj, { recursive: true });
  return { root, home: h, proj };
}

describe('discover', () => {
  it('finds user, local and project entries, settings, and keeps values as written', () => {
    const { home: h, proj } = home();
    writeFile(
      path.join(h, '.claude.json'),
      j({
        mcpServers: { u: { command: 'u-cmd', args: ['--x', '${HOME}'], env: { TOKEN: '${GH_TOKEN}' } }, ide: { type: 'sdk', name: 'ide' } },
        projects: {
          [proj]: { mcpServers: { l: { type: 'http', url: 'https://x/mcp', headers: { A: 'b' } } }, enabledMcpjsonServers: ['p'] },
          'C:/Users/x': {},
        },
      }),
    );
    writeFile(path.join(proj, '.mcp.json'), j({ mcpServers: { p: { type: 'sse', url: 'https://s' }, n: 42 } }));
    writeFile(path.join(proj, '.claude', 'settings.local.json'), j({ enableAllProjectMcpServers: true }));
    writeFile(path.join(proj, '.claude', 'settings.json'), j({ permissions: {} }));
    writeFile(path.join(h, '.claude', 'settings.json'), j({ enabledMcpjsonServers: [] }));
    const inv = discover({ home: h });
    const by = Object.fromEntries(inv.entries.map((e) => [e.name, e]));
    expect(by.u).toMatchObject({
      scope: 'user',
      transport: 'stdio',
      command: 'u-cmd',
      args: ['--x', '${HOME}'],
      env: { TOKEN: '${GH_TOKEN}' },
      jsonPath: ['mcpServers', 'u'],
      configHome: h,
    });
    expect(by.ide).toMatchObject({ transport: 'other', type: 'sdk' });
    expect(by.l).toMatchObject({
      scope: 'local',
      project: proj,
      transport: 'http',
      url: 'https://x/mcp',
      headers: { A: 'b' },
      jsonPath: ['projects', proj, 'mcpServers', 'l'],
    });
    expect(by.p).toMatchObject({ scope: 'project', project: proj, transport: 'sse', file: path.join(proj, '.mcp.json') });
    expect(by.n).toBeUndefined();
    expect(inv.settings.map((s) => s.kind).sort()).toEqual(['claude-json-project', 'local-settings', 'user-settings']);
    expect(inv.settings.find((s) => s.kind === 'claude-json-project')).toMatchObject({
      jsonPath: ['projects', proj],
      enabledMcpjsonServers: ['p'],
    });
    expect(inv.projects).toEqual([proj]);
    expect(inv.files).toEqual(expect.arrayContaining([path.join(h, '.claude.json'), path.join(proj, '.mcp.json')]));
    expect(inv.folders).toEqual(expect.arrayContaining([h, path.join(h, '.claude'), proj, path.join(proj, '.claude')]));
    expect(inv.unreadable).toEqual([]);
  });

  it('reads .mcp.json in every parent folder up to, not including, the root', () => {
    const { root, home: h, proj } = home();
    writeFile(path.join(h, '.claude.json'), j({ projects: { [proj]: {} } }));
    writeFile(path.join(h, 'src', '.mcp.json'), j({ mcpServers: { a: { command: 'a' } } }));
    writeFile(path.join(root, '.mcp.json'), j({ mcpServers: { b: { command: 'b' } } }));
    const inv = discover({ home: h });
    expect(inv.entries.map((e) => [e.name, e.project])).toEqual([
      ['a', path.join(h, 'src')],
      ['b', root],
    ]);
  });

  it('finds other config homes (CLAUDE_CONFIG_DIR folders) in the home and where told', () => {
    const { root, home: h } = home();
    writeFile(path.join(h, '.claude-work', '.claude.json'), j({ mcpServers: { w: { command: 'w' } } }));
    writeFile(path.join(h, '.claude-work', 'settings.json'), j({ enableAllProjectMcpServers: true }));
    writeFile(path.join(h, 'notahome', 'x.json'), '{}');
    writeFile(path.join(root, 'elsewhere', '.claude.json'), j({ mcpServers: { e: { command: 'e' } } }));
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(h, '.claude-linked'));
    const inv = discover({ home: h, configDirs: [path.join(root, 'elsewhere')] });
    // The default first, then the others in name order; the symlinked folder is not followed.
    expect(inv.configHomes).toEqual([h, path.join(root, 'elsewhere'), path.join(h, '.claude-work')]);
    expect(inv.entries.find((e) => e.name === 'w')).toMatchObject({ scope: 'user', configHome: path.join(h, '.claude-work') });
    expect(inv.settings.find((s) => s.file === path.join(h, '.claude-work', 'settings.json'))).toMatchObject({
      kind: 'user-settings',
      enableAllProjectMcpServers: true,
    });
  });

  it('scans discovery roots to maxDepth, never through symlinks or node_modules', () => {
    const { root, home: h } = home();
    const code = path.join(h, 'code');
    writeFile(path.join(code, 'a', '.mcp.json'), j({ mcpServers: { a: { command: 'a' } } }));
    writeFile(path.join(code, 'x', 'y', 'b', '.claude', 'settings.local.json'), j({ enabledMcpjsonServers: ['z'] }));
    writeFile(path.join(code, 'x', 'y', 'z', 'deep', '.mcp.json'), j({ mcpServers: { deep: { command: 'd' } } }));
    writeFile(path.join(code, 'node_modules', 'pkg', '.mcp.json'), j({ mcpServers: { nm: { command: 'n' } } }));
    writeFile(path.join(root, 'outside', 'proj', '.mcp.json'), j({ mcpServers: { out: { command: 'o' } } }));
    fs.symlinkSync(path.join(root, 'outside'), path.join(code, 'link'));
    const inv = discover({ home: h, roots: ['~/code'], maxDepth: 3 });
    expect(inv.projects.sort()).toEqual([path.join(code, 'a'), path.join(code, 'x', 'y', 'b')]);
    expect(inv.entries.map((e) => e.name)).toEqual(['a']);
    expect(inv.settings).toHaveLength(1);
    const deeper = discover({ home: h, roots: [code], maxDepth: 4 });
    expect(deeper.entries.map((e) => e.name).sort()).toEqual(['a', 'deep']);
  });

  it('stops at maxProjects and says so', () => {
    const { home: h } = home();
    const projects: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) {
      const p = path.join(h, 'p', String(i));
      fs.mkdirSync(p, { recursive: true });
      projects[p] = {};
    }
    writeFile(path.join(h, '.claude.json'), j({ projects }));
    const inv = discover({ home: h, maxProjects: 3 });
    expect(inv.projects).toHaveLength(3);
    expect(inv.truncated?.[0]).toContain('more than 3 projects');
  });

  it('reports unreadable files (not JSON, not an object, too large) and reads nothing from them', () => {
    const { home: h, proj } = home();
    writeFile(path.join(h, '.claude.json'), j({ projects: { [proj]: {}, [path.join(h, 'p2')]: {}, [path.join(h, 'p3')]: {} } }));
    writeFile(path.join(proj, '.mcp.json'), '{"mcpServers": {"secret": "ghp_' + 'a'.repeat(36) + '",}}');
    writeFile(path.join(h, 'p2', '.mcp.json'), '[1, 2]');
    writeFile(path.join(h, 'p3', '.mcp.json'), j({ pad: 'x'.repeat(2000), mcpServers: { big: { command: 'b' } } }));
    const inv = discover({ home: h, maxFileBytes: 1024 });
    const codes = Object.fromEntries(inv.unreadable.map((u) => [path.relative(h, u.file), u.code]));
    expect(codes).toEqual({ 'src/app/.mcp.json': 'PARSE_ERROR', 'p2/.mcp.json': 'NOT_AN_OBJECT', 'p3/.mcp.json': 'TOO_LARGE' });
    // A parse error is described by position, never by the text around it.
    expect(JSON.stringify(inv.unreadable)).not.toContain('ghp_');
    expect(inv.entries).toEqual([]);
  });

  it('never reads a config file whose symlink leaves the scanned folders', () => {
    const { root, home: h, proj } = home();
    writeFile(path.join(h, '.claude.json'), j({ projects: { [proj]: {} } }));
    writeFile(path.join(root, 'etc', 'mcp.json'), j({ mcpServers: { out: { command: 'o' } } }));
    fs.symlinkSync(path.join(root, 'etc', 'mcp.json'), path.join(proj, '.mcp.json'));
    writeFile(path.join(h, 'dotfiles', 'mcp.json'), j({ mcpServers: { dot: { command: 'd' } } }));
    fs.mkdirSync(path.join(h, 'src', 'b'));
    fs.symlinkSync(path.join(h, 'dotfiles', 'mcp.json'), path.join(h, 'src', 'b', '.mcp.json'));
    fs.writeFileSync(path.join(h, '.claude.json'), j({ projects: { [proj]: {}, [path.join(h, 'src', 'b')]: {} } }));
    const inv = discover({ home: h });
    expect(inv.unreadable).toEqual([expect.objectContaining({ file: path.join(proj, '.mcp.json'), code: 'SYMLINK_OUTSIDE_ROOT' })]);
    expect(inv.entries.map((e) => e.name)).toEqual(['dot']);
  });

  it('a project whose folder is gone still has its local entries, and no files', () => {
    const { home: h } = home();
    writeFile(path.join(h, '.claude.json'), j({ projects: { '/nowhere/gone': { mcpServers: { l: { command: 'l' } } } } }));
    const inv = discover({ home: h });
    expect(inv.entries.map((e) => e.name)).toEqual(['l']);
    expect(inv.projects).toEqual([]);
  });

  it('reuses what an unchanged file held, re-reads a changed one and one marked fresh', () => {
    const { home: h, proj } = home();
    const f = writeFile(path.join(h, '.claude.json'), j({ projects: { [proj]: {} }, mcpServers: { a: { command: 'a' } } }));
    const cache = new DiscoveryCache();
    const first = discover({ home: h, cache });
    const second = discover({ home: h, cache });
    expect(second.entries[0]?.raw).toBe(first.entries[0]?.raw);
    fs.rmSync(f);
    writeFile(f, j({ projects: { [proj]: {} }, mcpServers: { b: { command: 'b' } } }));
    expect(discover({ home: h, cache }).entries.map((e) => e.name)).toEqual(['b']);
    const cached = discover({ home: h, cache }).entries[0]?.raw;
    const fresh = discover({ home: h, cache, fresh: [f] }).entries[0]?.raw;
    expect(fresh).not.toBe(cached);
    expect(fresh).toEqual(cached);
  });
});

describe('reading .claude.json without building it', () => {
  it('finds exactly what a full parse finds', () => {
    const { home: h } = home();
    const doc = {
      history: [{ display: 'x'.repeat(100) }],
      mcpServers: { a: { command: 'a', env: { K: 'v' } }, 'we"ird': { url: 'https://x', type: 'http' } },
      projects: {
        '/p/1': { mcpServers: { l: { command: 'l' } }, history: [1, 2], enabledMcpjsonServers: ['x'], enableAllProjectMcpServers: true },
        '/p/\u00e9\\2': { disabledMcpjsonServers: ['y'] },
        '/p/3': null,
        '/p/4': { mcpServers: { dup: { command: 'first' } }, other: 1 },
      },
      oauthAccount: { emailAddress: 'a@b' },
    };
    const text = JSON.stringify(doc, null, 2).replace('"other": 1', '"other": 1, "mcpServers": {"dup": {"command": "second"}}');
    const f = writeFile(path.join(h, '.claude.json'), text);
    const lite = readConfigFile(f, 1 << 20, [h], 'claude-json');
    const full = readConfigFile(f, 1 << 20, [h], 'json');
    expect(lite.kind).toBe('ok');
    expect(full.kind).toBe('ok');
    if (lite.kind !== 'ok' || full.kind !== 'ok') return;
    expect(scanClaudeJson(f, h, lite.value)).toEqual(scanClaudeJson(f, h, full.value));
    expect(scanClaudeJson(f, h, lite.value).entries.find((e) => e.name === 'dup')?.command).toBe('second');
  });

  it('reports a .claude.json that is not an object or not JSON', () => {
    const { home: h } = home();
    const f = writeFile(path.join(h, '.claude.json'), '[]');
    expect(readConfigFile(f, 1 << 20, [h], 'claude-json')).toMatchObject({ kind: 'unreadable', problem: { code: 'NOT_AN_OBJECT' } });
    fs.writeFileSync(f, '{"a": }');
    expect(readConfigFile(f, 1 << 20, [h], 'claude-json')).toMatchObject({ kind: 'unreadable', problem: { code: 'PARSE_ERROR' } });
  });
});
