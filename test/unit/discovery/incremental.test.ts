// discoverChanged(): the agent's incremental discovery must find exactly what a full
// discovery finds after the same change (same records, same order), re-reading only the
// changed files, and fall back to a full walk whenever a change could alter the walk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, discoverChanged, DiscoveryCache } from '../../../src/discovery';
import type { Inventory } from '../../../src/inventory/types';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const j = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

/** A home with three projects, two of them with a .mcp.json. */
function home(): { home: string; projects: string[] } {
  const h = path.join(tmpDir(), 'home');
  const projects = [0, 1, 2].map((i) => path.join(h, 'src', `p${i}`));
  for (const p of projects) fs.mkdirSync(path.join(p, '.claude'), { recursive: true });
  writeFile(
    path.join(h, '.claude.json'),
    j({
      mcpServers: { u: { command: 'u' } },
      projects: Object.fromEntries(projects.map((p, i) => [p, { mcpServers: { [`l${i}`]: { command: 'l' } } }])),
    }),
  );
  writeFile(path.join(projects[0], '.mcp.json'), j({ mcpServers: { a: { command: 'a' } } }));
  writeFile(path.join(projects[2], '.mcp.json'), j({ mcpServers: { c: { command: 'c' } } }));
  return { home: h, projects };
}

/** What a pass sees: records in order, without the object identities. */
function shape(inv: Inventory): unknown {
  return { ...inv, entries: inv.entries.map((e) => [e.key, e.file, e.name, e.raw]), settings: inv.settings.map((s) => [s.file, s.kind]) };
}

/** Incremental over a cache primed by a full discovery, compared with a fresh full one. */
function compare(h: string, change: () => string[]): { incremental: Inventory; full: Inventory; cache: DiscoveryCache } {
  const cache = new DiscoveryCache();
  discover({ home: h, cache });
  const fresh = change();
  const incremental = discoverChanged({ home: h, cache, fresh });
  const full = discover({ home: h });
  expect(shape(incremental)).toEqual(shape(full));
  return { incremental, full, cache };
}

describe('discoverChanged', () => {
  it('an edited .mcp.json: its entries replaced where they were, nothing else read', () => {
    const { home: h, projects } = home();
    const file = path.join(projects[0], '.mcp.json');
    const cache = new DiscoveryCache();
    const before = discover({ home: h, cache });
    writeFile(file, j({ mcpServers: { a: { command: 'a' }, rogue: { command: 'npx' } } }));
    // Another file changes without an event: an incremental pass does not look at it.
    writeFile(path.join(projects[2], '.mcp.json'), j({ mcpServers: { c2: { command: 'c' } } }));
    const inv = discoverChanged({ home: h, cache, fresh: [file] });
    expect(inv.entries.map((e) => e.name)).toEqual(['u', 'l0', 'l1', 'l2', 'a', 'rogue', 'c']);
    // Unchanged files keep their very records (their verdicts can be reused).
    const c = inv.entries.find((e) => e.name === 'c');
    expect(c).toBe(before.entries.find((e) => e.name === 'c'));
  });

  it('a .mcp.json created, emptied, deleted: the same inventory as a full discovery', () => {
    const { home: h, projects } = home();
    const created = path.join(projects[1], '.mcp.json');
    compare(h, () => {
      writeFile(created, j({ mcpServers: { b: { command: 'b' } } }));
      return [created];
    });
    const gone = path.join(projects[2], '.mcp.json');
    compare(h, () => {
      fs.rmSync(gone);
      return [gone];
    });
    const bad = path.join(projects[0], '.mcp.json');
    const { incremental } = compare(h, () => {
      writeFile(bad, '{ not json');
      return [bad];
    });
    expect(incremental.unreadable.map((u) => [u.file, u.code])).toEqual([[bad, 'PARSE_ERROR']]);
  });

  it('settings files and several files at once', () => {
    const { home: h, projects } = home();
    const local = path.join(projects[1], '.claude', 'settings.local.json');
    const mcp = path.join(projects[0], '.mcp.json');
    compare(h, () => {
      writeFile(local, j({ enabledMcpjsonServers: ['a'] }));
      writeFile(mcp, j({ mcpServers: {} }));
      return [local, mcp];
    });
  });

  it('many changes in a row, one cache: each inventory is what a full discovery finds', () => {
    // Later splices find a file's records by a binary search over the walk order the
    // earlier ones kept: creations, deletions, parse errors and settings, in any project.
    const { home: h, projects } = home();
    const cache = new DiscoveryCache();
    discover({ home: h, cache });
    const mcp = (i: number): string => path.join(projects[i], '.mcp.json');
    const local = (i: number): string => path.join(projects[i], '.claude', 'settings.local.json');
    const steps: Array<() => string[]> = [
      () => (writeFile(mcp(1), j({ mcpServers: { b: { command: 'b' } } })), [mcp(1)]),
      () => (writeFile(mcp(0), j({ mcpServers: { a: { command: 'a' }, a2: { command: 'a' } } })), [mcp(0)]),
      () => (fs.rmSync(mcp(2)), [mcp(2)]),
      () => (writeFile(local(2), j({ enabledMcpjsonServers: ['c'] })), [local(2)]),
      () => (writeFile(mcp(1), '{ not json'), [mcp(1)]),
      () => (writeFile(mcp(2), j({ mcpServers: { c: { command: 'c' } } })), [mcp(2)]),
      () => (writeFile(local(0), j({ enableAllProjectMcpServers: true })), [local(0)]),
      () => (writeFile(mcp(1), j({ mcpServers: {} })), [mcp(1)]),
      () => (fs.rmSync(local(2)), [local(2)]),
      () => (writeFile(mcp(0), j({ mcpServers: { z: { command: 'z' } } })), writeFile(mcp(2), j({})), [mcp(2), mcp(0)]),
    ];
    for (const step of steps) {
      const fresh = step();
      const incremental = discoverChanged({ home: h, cache, fresh });
      expect(shape(incremental)).toEqual(shape(discover({ home: h })));
    }
  });

  it('falls back to a full walk for ~/.claude.json, links, plugin enablements and unknown files', () => {
    const { home: h, projects } = home();
    const claudeJson = path.join(h, '.claude.json');
    const p3 = path.join(h, 'src', 'p3');
    fs.mkdirSync(p3, { recursive: true });
    // A new project: only a full walk finds it.
    const { incremental } = compare(h, () => {
      const doc = JSON.parse(fs.readFileSync(claudeJson, 'utf8')) as { projects: Record<string, unknown> };
      doc.projects[p3] = {};
      writeFile(path.join(p3, '.mcp.json'), j({ mcpServers: { d: { command: 'd' } } }));
      writeFile(claudeJson, j(doc));
      return [claudeJson];
    });
    expect(incremental.projects).toContain(p3);
    // A .mcp.json replaced by a link to ~/.claude.json: reported as an alias, as in full.
    const linked = path.join(projects[0], '.mcp.json');
    const r = compare(h, () => {
      fs.rmSync(linked);
      fs.symlinkSync(claudeJson, linked);
      return [linked];
    });
    expect(r.incremental.unreadable.map((u) => u.code)).toContain('SYMLINK_ALIAS');
    // Settings that turn a plugin on change what the plugin scan finds.
    const settings = path.join(projects[1], '.claude', 'settings.json');
    compare(h, () => {
      writeFile(settings, j({ enabledPlugins: { 'x@m': true } }));
      return [settings];
    });
    // A file the walk never asked for.
    const stray = path.join(h, 'src', 'stray.json');
    compare(h, () => {
      writeFile(stray, j({}));
      return [stray];
    });
  });
});
