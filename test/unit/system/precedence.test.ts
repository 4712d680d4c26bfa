import * as fs from 'node:fs';
import * as path from 'node:path';
import { assessSources } from '../../../src/system/precedence';
import { discoverSources, type ManagedSource } from '../../../src/system/sources';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const ours: ManagedSource = {
  kind: 'drop-in',
  location: '/m/managed-settings.d/50-mcp-warden.json',
  keys: ['allowedMcpServers'],
  ours: true,
};

describe('assessSources', () => {
  it('our drop-in alone is in effect', () => {
    const a = assessSources([ours]);
    expect(a).toMatchObject({ effective: 'file', dropInEffective: true, warnings: [] });
    expect(a.info.join('\n')).toMatch(/server-managed/);
  });

  it.each(['plist-device', 'plist-user', 'hklm'] as const)(
    'a %s source that delivers keys makes Claude Code ignore our drop-in',
    (kind) => {
      const a = assessSources([{ kind, location: 'X', keys: ['permissions'] }, ours]);
      expect(a.effective).toBe('mdm');
      expect(a.dropInEffective).toBe(false);
      expect(a.warnings[0]).toMatch(/ignores managed-settings.json and every managed-settings.d drop-in, ours included/);
    },
  );

  it('an unreadable MDM source is assumed to deliver keys', () => {
    expect(assessSources([{ kind: 'plist-device', location: 'X', problem: 'could not read the plist' }, ours]).dropInEffective).toBe(false);
  });

  it('an MDM source with no keys does not win', () => {
    expect(assessSources([{ kind: 'hklm', location: 'X', keys: [] }, ours]).dropInEffective).toBe(true);
  });

  it('warns when another file widens the allowlist (lists concatenate)', () => {
    const a = assessSources([{ kind: 'managed-settings.json', location: '/m/managed-settings.json', keys: ['allowedMcpServers'] }, ours]);
    expect(a.dropInEffective).toBe(true);
    expect(a.warnings.join('\n')).toMatch(/concatenated/);
  });

  it('warns when a drop-in sorting after ours overrides a scalar, not when one sorts before', () => {
    const before: ManagedSource = { kind: 'drop-in', location: '/m/managed-settings.d/10-a.json', keys: ['allowManagedMcpServersOnly'] };
    const after: ManagedSource = { kind: 'drop-in', location: '/m/managed-settings.d/90-z.json', keys: ['enableAllProjectMcpServers'] };
    const a = assessSources([before, ours, after]);
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/90-z.json sorts after our drop-in and sets enableAllProjectMcpServers/);
  });

  it('warns about managed-mcp.json (exclusive control)', () => {
    expect(
      assessSources([ours, { kind: 'managed-mcp.json', location: '/m/managed-mcp.json', keys: ['mcpServers'] }]).warnings.join('\n'),
    ).toMatch(/exclusive control/);
  });

  it('says when our drop-in is missing, and that HKCU is ignored under a file source', () => {
    const a = assessSources([
      { kind: 'managed-settings.json', location: '/m/managed-settings.json', keys: ['env'] },
      { kind: 'hkcu', location: 'HKCU\\…', keys: ['env'] },
    ]);
    expect(a.dropInEffective).toBe(false);
    expect(a.warnings.join('\n')).toMatch(/not present/);
    expect(a.info.join('\n')).toMatch(/HKCU.*ignored/);
  });
});

describe('discoverSources', () => {
  it('lists the managed files in precedence order, drop-ins alphabetically, ours marked', () => {
    const m = tmpDir();
    writeFile(path.join(m, 'managed-settings.json'), '{"env":{}}');
    writeFile(path.join(m, 'managed-settings.d', '90-z.json'), '{"permissions":{}}');
    writeFile(path.join(m, 'managed-settings.d', '50-mcp-warden.json'), '{"allowedMcpServers":[]}');
    writeFile(path.join(m, 'managed-settings.d', '10-a.json'), 'not json');
    writeFile(path.join(m, 'managed-settings.d', 'README.txt'), 'ignored');
    writeFile(path.join(m, 'managed-settings.d', '.50-mcp-warden.json.tmp.1.2'), '{}');
    writeFile(path.join(m, 'managed-mcp.json'), '{"mcpServers":{}}');
    const s = discoverSources({ platform: 'linux', managedDir: m, dropInName: '50-mcp-warden.json' });
    expect(s.map((x) => [x.kind, path.basename(x.location), x.keys ?? x.problem, x.ours ?? false])).toEqual([
      ['managed-settings.json', 'managed-settings.json', ['env'], false],
      ['drop-in', '10-a.json', 'not valid JSON', false],
      ['drop-in', '50-mcp-warden.json', ['allowedMcpServers'], true],
      ['drop-in', '90-z.json', ['permissions'], false],
      ['managed-mcp.json', 'managed-mcp.json', ['mcpServers'], false],
    ]);
  });

  it('finds device and per-user plists on macOS', () => {
    const m = tmpDir();
    const prefs = tmpDir();
    writeFile(path.join(prefs, 'com.anthropic.claudecode.plist'), '<plist/>');
    writeFile(path.join(prefs, 'alice', 'com.anthropic.claudecode.plist'), '<plist/>');
    fs.mkdirSync(path.join(prefs, 'bob'));
    const s = discoverSources({
      platform: 'darwin',
      managedDir: m,
      dropInName: '50-mcp-warden.json',
      managedPrefsDir: prefs,
      readPlist: (f) => (f.includes('alice') ? undefined : ['allowedMcpServers']),
    });
    expect(s.map((x) => [x.kind, path.relative(prefs, x.location), x.keys ?? x.problem])).toEqual([
      ['plist-device', 'com.anthropic.claudecode.plist', ['allowedMcpServers']],
      ['plist-user', path.join('alice', 'com.anthropic.claudecode.plist'), 'could not read the plist'],
    ]);
  });

  it('reads the HKLM and HKCU policy values on Windows', () => {
    const s = discoverSources({
      platform: 'win32',
      managedDir: tmpDir(),
      dropInName: '50-mcp-warden.json',
      readRegistry: (hive) => (hive === 'HKLM' ? '{"allowManagedMcpServersOnly":true}' : 'broken'),
    });
    expect(s.map((x) => [x.kind, x.keys ?? x.problem])).toEqual([
      ['hklm', ['allowManagedMcpServersOnly']],
      ['hkcu', 'not valid JSON'],
    ]);
  });
});
