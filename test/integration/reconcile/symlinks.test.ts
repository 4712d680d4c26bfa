// Symlinks (issue 14 item 5), with the real Claude Code CLI writing the configs: a file
// is judged by its real path and real scope (a repo's `.mcp.json -> ../../.claude.json`
// is the user's file, reported, not judged as project scope), and nothing is written
// through a link that does not lead to the file that was judged — not by a pass, not by
// `quarantine restore`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTmp } from '../../helpers/tmp';
import { claude, EVERYTHING, everythingRule, makeProject, makeWorld, readJson, spooled, warden, wardenJson, writeJson } from './world';

jest.setTimeout(240_000);
afterEach(cleanupTmp);

interface Scan {
  entries: Array<{ name: string; file: string; scope: string; verdict: string }>;
  unreadable: Array<{ file: string; code: string }>;
}
interface Pass {
  actions: Array<{ kind: string; name?: string; status: string; quarantineId?: string }>;
}

const ROGUE = { type: 'stdio', command: 'npx', args: ['-y', 'rogue-mcp'], env: {} };

describe('symlinks', () => {
  it("a repo's .mcp.json -> ../../.claude.json is the user's file: an approved user-scope server stays", () => {
    const w = makeWorld(
      { servers: [everythingRule('everything', { scopes: ['user'] })] },
      { discovery: { roots: ['~/src'], maxDepth: 2 } },
    );
    claude(w, ['mcp', 'add', '--scope', 'user', 'everything', '--', 'node', EVERYTHING, 'stdio']);
    const repo = makeProject(w, 'repo');
    fs.symlinkSync('../../.claude.json', path.join(repo, '.mcp.json'));
    const s = wardenJson<Scan>(w, ['scan']);
    expect(s.entries.filter((e) => e.name === 'everything').map((e) => [e.scope, e.verdict])).toEqual([['user', 'approved']]);
    expect(s.unreadable).toEqual([expect.objectContaining({ file: path.join(repo, '.mcp.json'), code: 'SYMLINK_ALIAS' })]);
    wardenJson<Pass>(w, ['reconcile', '--once']);
    expect(Object.keys(readJson(path.join(w.home, '.claude.json')).mcpServers)).toEqual(['everything']);
    expect(fs.lstatSync(path.join(repo, '.mcp.json')).isSymbolicLink()).toBe(true);
    expect(
      spooled(w)
        .filter((e) => e.kind === 'config.unreadable')
        .map((e) => e.detail.code),
    ).toEqual(['SYMLINK_ALIAS']);
    // Claude Code still reads and starts it.
    expect(claude(w, ['mcp', 'list']).stdout).toMatch(/everything: .*Connected/);
  });

  it('quarantine restore refuses a .mcp.json swapped for a link out of the home, and a dangling one', () => {
    const w = makeWorld({ servers: [everythingRule()] }, { discovery: { roots: ['~/src'], maxDepth: 2 } });
    const repo = makeProject(w, 'repo');
    const mcp = writeJson(path.join(repo, '.mcp.json'), { mcpServers: { rogue: ROGUE } });
    const p = wardenJson<Pass>(w, ['reconcile', '--once']);
    const id = p.actions.find((a) => a.name === 'rogue')?.quarantineId ?? '';
    expect(id).toMatch(/^q-/);
    // The repo is updated: its .mcp.json is now a link to a JSON file outside the home.
    const victim = writeJson(path.join(w.root, 'outside', 'victim.json'), { keep: true });
    const before = fs.readFileSync(victim);
    fs.rmSync(mcp);
    fs.symlinkSync(victim, mcp);
    const r = warden(w, ['quarantine', 'restore', id]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/UNEXPECTED_SYMLINK|not written through/);
    expect(fs.readFileSync(victim).equals(before)).toBe(true);
    // A link to a file that does not exist yet: never created through the link.
    fs.rmSync(mcp);
    const ghost = path.join(w.root, 'outside', 'ghost.json');
    fs.symlinkSync(ghost, mcp);
    expect(warden(w, ['quarantine', 'restore', id]).status).not.toBe(0);
    expect(fs.existsSync(ghost)).toBe(false);
    // Put back as a real file, restore works and the record is used up.
    fs.rmSync(mcp);
    const ok = warden(w, ['quarantine', 'restore', id]);
    expect([ok.status, ok.stderr]).toEqual([0, expect.any(String)]);
    expect(readJson(mcp).mcpServers.rogue).toEqual(ROGUE);
  });
});
