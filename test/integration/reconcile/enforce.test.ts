// A realistic home written by the real `claude mcp add` (user, local and project scopes;
// stdio and http; approved, unapproved and pin-mismatched entries, secrets included):
// scan tells the truth, reconcile --once in enforce mode leaves only approved servers with
// every other byte intact, Claude Code still reads every file, and every removal restores.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTmp, writeFile } from '../../helpers/tmp';
import { requireKeyring } from '../credentials/keyring-env';
import {
  EVERYTHING,
  canary,
  type Json,
  claude,
  everythingRule,
  filesContaining,
  isOneCut,
  makeProject,
  makeWorld,
  readJson,
  sha256File,
  spooled,
  warden,
  wardenJson,
  type World,
} from './world';

jest.setTimeout(300_000);
beforeAll(() => requireKeyring());
afterAll(cleanupTmp);

interface Home {
  w: World;
  project: string;
  tool: string;
  token: string;
  bearer: string;
  claudeJson: string;
  mcpJson: string;
}

function build(mode: 'audit' | 'enforce'): Home {
  const token = canary();
  const bearer = canary();
  // The pinned script is created first (its hash goes into the rule), then changed.
  const scratch = makeWorld({ mode, servers: [] });
  const tool = writeFile(path.join(scratch.root, 'tools', 'tool.js'), 'process.exit(0);\n');
  const pinned = sha256File(tool);
  const w = makeWorld({
    mode,
    servers: [
      everythingRule(),
      { id: 'tool', transport: 'stdio', command: 'node', args: [tool], sha256: pinned },
      { id: 'docs', transport: 'http', url: 'https://mcp.example.com/*' },
      { id: 'events', transport: 'sse', url: 'https://events.example.com/sse' },
    ],
  });
  const project = makeProject(w, 'app');
  claude(w, ['mcp', 'add', '--scope', 'user', 'everything', '--', 'node', EVERYTHING, 'stdio']);
  claude(w, ['mcp', 'add', '--scope', 'user', 'evil', '-e', `API_TOKEN=${token}`, '--', 'npx', '-y', 'evil-mcp-server']);
  claude(w, ['mcp', 'add', '--scope', 'local', 'tool', '--', 'node', tool], project);
  claude(w, ['mcp', 'add', '--scope', 'project', '--transport', 'http', 'docs', 'https://mcp.example.com/mcp'], project);
  claude(w, ['mcp', 'add', '--scope', 'user', '--transport', 'sse', 'events', 'https://events.example.com/sse']);
  claude(
    w,
    [
      'mcp',
      'add',
      '--scope',
      'project',
      '--transport',
      'http',
      'leak',
      'https://evil.example.net/mcp',
      '--header',
      `Authorization: Bearer ${bearer}`,
    ],
    project,
  );
  fs.appendFileSync(tool, '// swapped\n');
  return { w, project, tool, token, bearer, claudeJson: path.join(w.home, '.claude.json'), mcpJson: path.join(project, '.mcp.json') };
}

function names(file: string, at: string[]): string[] {
  let v: Json = readJson(file);
  for (const k of at) v = v?.[k];
  return Object.keys(v ?? {}).sort();
}

describe('reconcile --once on a home written by claude mcp add', () => {
  let h: Home;
  let before: { claudeJson: string; mcpJson: string };
  let pass: Record<string, Json>;

  beforeAll(() => {
    h = build('enforce');
    before = { claudeJson: fs.readFileSync(h.claudeJson, 'utf8'), mcpJson: fs.readFileSync(h.mcpJson, 'utf8') };
  });

  it('scan shows every entry with the right verdict and the policy in force, changing nothing', () => {
    const s = wardenJson<Json>(h.w, ['scan']);
    expect(s.policy).toMatchObject({ org: 'acme', version: 1, mode: 'enforce' });
    const byName = Object.fromEntries(s.entries.map((e: Json) => [e.name, e]));
    expect(byName.everything).toMatchObject({ verdict: 'approved', scope: 'user', transport: 'stdio', ruleId: 'everything' });
    expect(byName.evil).toMatchObject({ verdict: 'unapproved', scope: 'user' });
    expect(byName.tool).toMatchObject({ verdict: 'pin_mismatch', scope: 'local', project: h.project, ruleId: 'tool' });
    expect(byName.docs).toMatchObject({ verdict: 'approved', scope: 'project', transport: 'http' });
    expect(byName.leak).toMatchObject({ verdict: 'unapproved', scope: 'project', transport: 'http' });
    expect(byName.events).toMatchObject({ verdict: 'approved', scope: 'user', transport: 'sse', ruleId: 'events' });
    // Secret values are shown as placeholders, never as themselves.
    expect(s.stdout).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain(h.token);
    expect(JSON.stringify(s)).not.toContain(h.bearer);
    expect(byName.evil.env).toEqual({ API_TOKEN: '{{secret:API_TOKEN}}' });
    expect(fs.readFileSync(h.claudeJson, 'utf8')).toBe(before.claudeJson);
    expect(fs.readFileSync(h.mcpJson, 'utf8')).toBe(before.mcpJson);
  });

  it('enforce removes exactly the unapproved and pin-mismatched entries, byte-minimally', () => {
    const r = warden(h.w, ['reconcile', '--once', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    pass = JSON.parse(r.stdout);
    const removed = pass.actions.filter((a: Json) => a.kind === 'remove');
    expect(removed.map((a: Json) => [a.name, a.status]).sort()).toEqual([
      ['evil', 'done'],
      ['leak', 'done'],
      ['tool', 'done'],
    ]);
    expect(names(h.claudeJson, ['mcpServers'])).toEqual(['events', 'everything']);
    expect(names(h.claudeJson, ['projects', h.project, 'mcpServers'])).toEqual([]);
    expect(names(h.mcpJson, ['mcpServers'])).toEqual(['docs']);
    // .mcp.json lost one contiguous run of bytes: the `leak` entry and its comma.
    const cutMcp = isOneCut(before.mcpJson, fs.readFileSync(h.mcpJson, 'utf8'));
    expect(cutMcp.ok).toBe(true);
    expect(cutMcp.removed).toContain('"leak"');
    // .claude.json: two cuts (evil, tool); putting each back in turn proves the rest is untouched.
    const after = readJson(h.claudeJson);
    const orig = JSON.parse(before.claudeJson);
    delete orig.mcpServers.evil;
    delete orig.projects[h.project].mcpServers.tool;
    expect(after).toEqual(orig);
    expect(pass.written.map((x: Json) => x.file).sort()).toEqual([h.claudeJson, h.mcpJson].sort());
    // Mode and owner kept.
    expect(fs.statSync(h.claudeJson).mode & 0o777).toBe(0o600);
  });

  it('leaves files Claude Code still reads: claude mcp list connects the approved server; the removed ones are gone', () => {
    const list = claude(h.w, ['mcp', 'list'], h.project).stdout;
    expect(list).toMatch(/everything: .*Connected/);
    expect(list).toContain('docs');
    expect(list).not.toContain('evil');
    expect(list).not.toContain('leak');
    expect(() => claude(h.w, ['mcp', 'get', 'evil'], h.project)).toThrow();
  });

  it('quarantines every removal without a secret value, and reports it', () => {
    const list = wardenJson<Json[]>(h.w, ['quarantine', 'list']);
    expect(list.map((r) => r.name).sort()).toEqual(['evil', 'leak', 'tool']);
    for (const r of list) {
      expect(r).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^q-/),
          file: expect.any(String),
          name: expect.any(String),
          reason: expect.any(String),
          time: expect.any(String),
        }),
      );
    }
    const evil = list.find((r) => r.name === 'evil');
    expect(evil.entry.env).toEqual({ API_TOKEN: '{{secret:API_TOKEN}}' });
    const leak = list.find((r) => r.name === 'leak');
    expect(leak.entry.headers.Authorization).toMatch(/\{\{secret:Authorization\}\}$/);
    for (const c of [h.token, h.bearer]) {
      expect(filesContaining(h.w.stateDir, c)).toEqual([]);
      expect(filesContaining(h.w.home, c)).toEqual([]);
    }
    const kinds = spooled(h.w).map((e) => `${e.kind}:${e.action}`);
    expect(kinds).toEqual(expect.arrayContaining(['server.unapproved:removed', 'server.pin_mismatch:removed']));
  });

  it('a second pass finds nothing to do', () => {
    const r = warden(h.w, ['reconcile', '--once', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).actions).toEqual([]);
  });

  it('restores every removal losslessly, secrets back from the keychain', () => {
    for (const rec of wardenJson<Json[]>(h.w, ['quarantine', 'list'])) {
      const r = warden(h.w, ['quarantine', 'restore', rec.id]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`restored ${rec.name}`);
      // Restoring something the policy still refuses says so: the next pass removes it again.
      expect(r.stderr).toContain('warning: the policy still does not approve it');
    }
    // (Claude Code itself added keys of its own since: compare the server maps.)
    const now = readJson(h.claudeJson);
    const orig = JSON.parse(before.claudeJson);
    expect(now.mcpServers).toEqual(orig.mcpServers);
    expect(now.projects[h.project].mcpServers).toEqual(orig.projects[h.project].mcpServers);
    expect(readJson(h.mcpJson)).toEqual(JSON.parse(before.mcpJson));
    expect(claude(h.w, ['mcp', 'get', 'evil'], h.project).stdout).toContain('npx');
    expect(wardenJson<Json[]>(h.w, ['quarantine', 'list'])).toEqual([]);
    expect(wardenJson<Json[]>(h.w, ['quarantine', 'list', '--all'])).toHaveLength(3);
    expect(spooled(h.w).filter((e) => e.kind === 'server.restored')).toHaveLength(3);
  });

  it('refuses to restore over a different entry with the same name (exit 1)', () => {
    warden(h.w, ['reconcile', '--once']);
    const rec = wardenJson<Json[]>(h.w, ['quarantine', 'list']).find((r) => r.name === 'evil');
    claude(h.w, ['mcp', 'add', '--scope', 'user', 'evil', '--', 'node', EVERYTHING, 'stdio']);
    const snap = fs.readFileSync(h.claudeJson);
    const r = warden(h.w, ['quarantine', 'restore', rec.id]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('NAME_TAKEN');
    expect(fs.readFileSync(h.claudeJson).equals(snap)).toBe(true);
  });
});

describe('reconcile --once in audit mode', () => {
  it('changes no byte and reports what enforce would do', () => {
    const h = build('audit');
    const files = [h.claudeJson, h.mcpJson].map((f) => [f, fs.readFileSync(f)] as const);
    const r = warden(h.w, ['reconcile', '--once', '--json']);
    expect(r.status).toBe(0);
    const pass = JSON.parse(r.stdout);
    expect(pass.mode).toBe('audit');
    expect(pass.actions.filter((a: Json) => a.kind === 'remove').every((a: Json) => a.status === 'not-run')).toBe(true);
    for (const [f, b] of files) expect(fs.readFileSync(f).equals(b)).toBe(true);
    expect(fs.existsSync(path.join(h.w.stateDir, 'quarantine'))).toBe(false);
    const events = spooled(h.w).filter((e) => e.kind === 'server.unapproved');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.action === 'none' && e.wouldDo === 'removed')).toBe(true);
  });
});
