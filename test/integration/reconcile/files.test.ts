// The file cases around the pass: malformed files left byte-identical and reported,
// symlinks (through the link inside the home; never out of it), the size cap, formatting
// (tabs, CRLF) preserved outside the removed entry, settings drift, tool-rule renames, a
// second config home (CLAUDE_CONFIG_DIR), parent `.mcp.json`, projects under discovery
// roots, and an entry that keeps coming back (flapping, with backoff).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { signAllowlist, makeAllowlist, writeAgentConfig } from '../../helpers/policy';
import { cleanupTmp, writeFile } from '../../helpers/tmp';
import { spawnCli } from '../../helpers/cli';
import {
  EVERYTHING,
  claude,
  everythingRule,
  isOneCut,
  makeProject,
  makeWorld,
  readJson,
  spooled,
  warden,
  wardenJson,
  writeJson,
  type World,
} from './world';

jest.setTimeout(240_000);
afterEach(cleanupTmp);

const ROGUE = { type: 'stdio', command: 'npx', args: ['-y', 'rogue-mcp'], env: {} };
const GOOD = { type: 'stdio', command: 'node', args: [EVERYTHING, 'stdio'], env: {} };

interface Scan {
  entries: Array<{ name: string; file: string; scope: string; verdict: string; project?: string }>;
  unreadable: Array<{ file: string; code: string }>;
  settings: Array<{ file: string; key: string }>;
}

interface Pass {
  actions: Array<{ kind: string; name?: string; status: string; to?: unknown; key?: string }>;
  held: Array<{ name: string; retryAt?: string }>;
  flapping: Array<{ count: number }>;
  unreadable: Array<{ file: string; code: string }>;
}

/** The CLI without blocking this process (which serves the allowlist over HTTP meanwhile). */
function runWith(flags: string[], args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawnCli([...flags, ...args], { env: { CLAUDE_CONFIG_DIR: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

function passJson(w: World): Pass {
  return wardenJson<Pass>(w, ['reconcile', '--once']);
}

describe('files reconcile must not damage', () => {
  it('leaves a malformed file byte-identical, reports it, and exits 1 in enforce mode', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const p = makeProject(w, 'broken');
    writeJson(path.join(w.home, '.claude.json'), { projects: { [p]: {} }, mcpServers: { rogue: ROGUE } });
    const bad = writeFile(path.join(p, '.mcp.json'), '{"mcpServers": {"x": {"command": "evil",}}}');
    const before = fs.readFileSync(bad);
    const r = warden(w, ['reconcile', '--once', '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as Pass;
    expect(out.unreadable).toEqual([expect.objectContaining({ file: bad, code: 'PARSE_ERROR' })]);
    expect(fs.readFileSync(bad).equals(before)).toBe(true);
    // The rest of the pass still happened.
    expect(Object.keys(readJson(path.join(w.home, '.claude.json')).mcpServers)).toEqual([]);
    expect(spooled(w).filter((e) => e.kind === 'config.unreadable')).toHaveLength(1);
    // Reported once, not on every pass.
    warden(w, ['reconcile', '--once']);
    expect(spooled(w).filter((e) => e.kind === 'config.unreadable')).toHaveLength(1);
  });

  it('keeps tabs, CRLF line ends and key order: only the removed entry goes', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const text = `{\r\n\t"zeta": 1,\r\n\t"mcpServers": {\r\n\t\t"everything": {"type": "stdio", "command": "node", "args": [${JSON.stringify(EVERYTHING)}, "stdio"]},\r\n\t\t"rogue": {\r\n\t\t\t"command": "npx", "args": ["-y", "rogue-mcp"]\r\n\t\t}\r\n\t},\r\n\t"alpha": [1,2,  3]\r\n}\r\n`;
    const f = writeFile(path.join(w.home, '.claude.json'), text, 0o640);
    expect(warden(w, ['reconcile', '--once']).status).toBe(0);
    const after = fs.readFileSync(f, 'utf8');
    const cut = isOneCut(text, after);
    expect(cut.ok).toBe(true);
    expect(cut.removed).toContain('"rogue"');
    expect(after).toContain('\t"alpha": [1,2,  3]\r\n');
    expect(fs.statSync(f).mode & 0o777).toBe(0o640);
  });

  it('edits a symlinked .mcp.json through the link, and never reads one that points out of the home', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const inside = makeProject(w, 'inside');
    const outside = makeProject(w, 'outside');
    const shared = writeJson(path.join(w.home, 'dotfiles', 'mcp.json'), { mcpServers: { rogue: ROGUE, everything: GOOD } });
    fs.symlinkSync(shared, path.join(inside, '.mcp.json'));
    const foreign = writeJson(path.join(w.root, 'elsewhere', 'mcp.json'), { mcpServers: { rogue: ROGUE } });
    fs.symlinkSync(foreign, path.join(outside, '.mcp.json'));
    writeJson(path.join(w.home, '.claude.json'), { projects: { [inside]: {}, [outside]: {} } });
    const foreignBytes = fs.readFileSync(foreign);
    const s = wardenJson<Scan>(w, ['scan']);
    expect(s.unreadable).toEqual([expect.objectContaining({ file: path.join(outside, '.mcp.json'), code: 'SYMLINK_OUTSIDE_ROOT' })]);
    passJson(w);
    expect(fs.lstatSync(path.join(inside, '.mcp.json')).isSymbolicLink()).toBe(true);
    expect(Object.keys(readJson(shared).mcpServers)).toEqual(['everything']);
    expect(fs.readFileSync(foreign).equals(foreignBytes)).toBe(true);
  });

  it('reports a file over discovery.maxFileBytes and never rewrites it', () => {
    const w = makeWorld({ servers: [everythingRule()] }, { discovery: { maxFileBytes: 65536 } });
    const big = writeJson(path.join(w.home, '.claude.json'), { pad: 'x'.repeat(70_000), mcpServers: { rogue: ROGUE } });
    const before = fs.readFileSync(big);
    const out = passJson(w);
    expect(out.unreadable).toEqual([expect.objectContaining({ file: big, code: 'TOO_LARGE' })]);
    expect(fs.readFileSync(big).equals(before)).toBe(true);
  });
});

describe('what else a pass governs', () => {
  it('turns off enableAllProjectMcpServers and drops approvals of servers that are not approved', () => {
    const w = makeWorld({ servers: [everythingRule(), { id: 'docs', transport: 'http', url: 'https://mcp.example.com/*' }] });
    const p = makeProject(w, 'app');
    writeJson(path.join(p, '.mcp.json'), {
      mcpServers: {
        docs: { type: 'http', url: 'https://mcp.example.com/mcp' },
        evil: { type: 'http', url: 'https://evil.example.net/mcp' },
      },
    });
    const local = writeJson(path.join(p, '.claude', 'settings.local.json'), {
      enableAllProjectMcpServers: true,
      enabledMcpjsonServers: ['docs', 'evil', 'preapproved'],
      permissions: { allow: [] },
    });
    writeJson(path.join(w.home, '.claude.json'), { projects: { [p]: { enabledMcpjsonServers: ['evil'] } } });
    const s = wardenJson<Scan>(w, ['scan']);
    expect(s.settings.map((x) => `${path.basename(x.file)}:${x.key}`).sort()).toEqual([
      '.claude.json:enabledMcpjsonServers',
      'settings.local.json:enableAllProjectMcpServers',
      'settings.local.json:enabledMcpjsonServers',
    ]);
    const out = passJson(w);
    expect(out.actions.filter((a) => a.kind === 'settings').every((a) => a.status === 'done')).toBe(true);
    expect(readJson(local)).toEqual({ enableAllProjectMcpServers: false, enabledMcpjsonServers: ['docs'], permissions: { allow: [] } });
    expect(readJson(path.join(w.home, '.claude.json')).projects[p].enabledMcpjsonServers).toEqual([]);
    expect(Object.keys(readJson(path.join(p, '.mcp.json')).mcpServers)).toEqual(['docs']);
    expect(spooled(w).filter((e) => e.kind === 'settings.drift' && e.action === 'fixed')).toHaveLength(3);
    // Claude Code still reads the files.
    expect(claude(w, ['mcp', 'get', 'docs'], p).stdout).toContain('mcp.example.com');
  });

  it('renames an approved server with tool rules to its allowlist id, and refuses when the name is taken', () => {
    const w = makeWorld({ servers: [everythingRule('everything', { tools: { ask: ['write_*'] } })] });
    const p = makeProject(w, 'app');
    claude(w, ['mcp', 'add', '--scope', 'user', 'ev', '--', 'node', EVERYTHING, 'stdio']);
    // In the project, the id is taken by another approved entry: `mine` cannot be renamed.
    claude(w, ['mcp', 'add', '--scope', 'local', 'everything', '--', 'node', EVERYTHING, 'stdio'], p);
    claude(w, ['mcp', 'add', '--scope', 'local', 'mine', '--', 'node', EVERYTHING, 'stdio'], p);
    const out = passJson(w);
    expect(out.actions.filter((a) => a.kind === 'rename')).toEqual([
      expect.objectContaining({ name: 'ev', to: 'everything', status: 'done' }),
    ]);
    expect(out.held).toEqual([expect.objectContaining({ name: 'mine', to: 'everything' })]);
    const doc = readJson(path.join(w.home, '.claude.json'));
    expect(Object.keys(doc.mcpServers)).toEqual(['everything']);
    expect(Object.keys(doc.projects[p].mcpServers)).toEqual(['everything', 'mine']);
    const refused = spooled(w).filter((e) => e.kind === 'server.renamed' && e.action === 'refused');
    expect(refused).toHaveLength(1);
    // Claude Code reads the renamed entry under its new name.
    expect(claude(w, ['mcp', 'get', 'everything']).stdout).toContain(EVERYTHING);
  });

  it('finds a second config home, parent .mcp.json files and projects under discovery roots', () => {
    const w = makeWorld({ servers: [everythingRule()] }, { discovery: { roots: ['~/code'], maxDepth: 3 } });
    writeJson(path.join(w.home, '.claude-work', '.claude.json'), { mcpServers: { workrogue: ROGUE, everything: GOOD } });
    const deep = path.join(w.home, 'code', 'team', 'svc');
    writeJson(path.join(deep, '.mcp.json'), { mcpServers: { rootrogue: ROGUE } });
    writeJson(path.join(w.home, 'code', '.mcp.json'), { mcpServers: { parentrogue: ROGUE } });
    const s = wardenJson<Scan>(w, ['scan']);
    const names = Object.fromEntries(s.entries.map((e) => [e.name, e]));
    expect(names.workrogue).toMatchObject({
      scope: 'user',
      verdict: 'unapproved',
      file: path.join(w.home, '.claude-work', '.claude.json'),
    });
    expect(names.rootrogue).toMatchObject({ scope: 'project', verdict: 'unapproved' });
    expect(names.parentrogue).toMatchObject({ scope: 'project', verdict: 'unapproved', project: path.join(w.home, 'code') });
    passJson(w);
    expect(Object.keys(readJson(path.join(w.home, '.claude-work', '.claude.json')).mcpServers)).toEqual(['everything']);
    expect(readJson(path.join(deep, '.mcp.json')).mcpServers).toEqual({});
    expect(readJson(path.join(w.home, 'code', '.mcp.json')).mcpServers).toEqual({});
  });

  it('takes the policy from allowlist.url (verified like a file) and keeps the last good one when the URL fails', async () => {
    const w = makeWorld({ servers: [] });
    const envelope = JSON.stringify(signAllowlist(makeAllowlist({ servers: [everythingRule()] }), [w.key]));
    let up = true;
    const server = http.createServer((_req, res) => {
      if (!up) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(envelope);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/allowlist.json`;
      const cfg = writeAgentConfig(path.join(w.root, 'etc-url'), {
        keys: [w.key],
        envelopeFile: w.envelope,
        extra: { allowlist: { url }, exec: { path: w.execPath } },
      });
      const flags = ['--home', w.home, '--state-dir', w.stateDir, '--config', cfg];
      writeJson(path.join(w.home, '.claude.json'), { mcpServers: { everything: GOOD, rogue: ROGUE } });
      const r = await runWith(flags, ['reconcile', '--once', '--json']);
      expect(r.status).toBe(0);
      expect(Object.keys(readJson(path.join(w.home, '.claude.json')).mcpServers)).toEqual(['everything']);
      up = false;
      writeJson(path.join(w.home, '.claude.json'), { mcpServers: { everything: GOOD, rogue2: ROGUE } });
      const again = await runWith(flags, ['reconcile', '--once', '--json']);
      const out = JSON.parse(again.stdout) as { notes: string[]; policy: { version: number } };
      expect(out.policy.version).toBe(1);
      expect(out.notes.join(' ')).toContain('allowlist.url could not be fetched');
      expect(Object.keys(readJson(path.join(w.home, '.claude.json')).mcpServers)).toEqual(['everything']);
    } finally {
      server.close();
    }
  });

  it('removes an entry that keeps coming back with backoff, and reports the flapping', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const f = path.join(w.home, '.claude.json');
    const put = (): void => void writeJson(f, { mcpServers: { rogue: ROGUE } });
    put();
    expect(passJson(w).actions).toEqual([expect.objectContaining({ kind: 'remove', status: 'done' })]);
    put();
    const second = passJson(w);
    expect(second.actions).toEqual([expect.objectContaining({ kind: 'remove', status: 'done' })]);
    expect(second.flapping).toEqual([expect.objectContaining({ count: 2 })]);
    // The third return waits 2 s after the second removal. Starting a CLI pass on a loaded
    // machine can take longer than that, so the second removal is dated a minute ahead.
    const stateFile = path.join(w.stateDir, 'reconcile-state.json');
    const state = readJson(stateFile) as { removals: Record<string, { last: string }> };
    expect(Object.keys(state.removals)).toHaveLength(1);
    for (const r of Object.values(state.removals)) r.last = new Date(Date.now() + 60_000).toISOString();
    fs.writeFileSync(stateFile, JSON.stringify(state));
    put();
    const third = warden(w, ['reconcile', '--once', '--json']);
    expect(third.status).toBe(1);
    const held = JSON.parse(third.stdout) as Pass;
    expect(held.actions).toEqual([]);
    expect(held.held).toEqual([expect.objectContaining({ name: 'rogue', retryAt: expect.any(String) })]);
    expect(Object.keys(readJson(f).mcpServers)).toEqual(['rogue']);
    expect(spooled(w).filter((e) => e.kind === 'server.flapping').length).toBeGreaterThanOrEqual(2);
    // One quarantine record for the three removals of the same entry.
    expect(wardenJson<unknown[]>(w, ['quarantine', 'list'])).toHaveLength(1);
  });
});
