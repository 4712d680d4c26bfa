// Parser parity with Claude Code (issue 14, items 1 and 2). Every shape here was checked
// with the real CLI (node_modules/.bin/claude 2.1.330, HOME = a temp dir): it LOADS servers
// from a file with a UTF-8 BOM, with repeated keys (the last wins, also between
// `mcpServers` and `mcp\u0053ervers`), with a `__proto__` key, and with values nested
// 5,000 and 200,000 levels deep; it refuses a server NAMED `__proto__` ("reserved MCP
// server name") and files with comments or trailing commas. Each test first proves with
// `claude mcp list` that Claude Code loads the unapproved server, then runs a real pass and
// proves that the server is gone for Claude Code too, that everything else it reads is
// unchanged, and that no byte outside the removed entries moved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonEqual } from '../../../src/util/json-safe';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import {
  canary,
  claude,
  everythingRule,
  filesContaining,
  makeProject,
  makeWorld,
  readJson,
  warden,
  wardenJson,
  type Json,
  type World,
} from '../reconcile/world';

jest.setTimeout(300_000);
afterEach(cleanupTmp);

const ROGUE = (tag: string): string => JSON.stringify({ type: 'stdio', command: 'echo', args: [tag], env: {} });

interface Pass {
  actions: Array<{ kind: string; name?: string; status: string; file?: string }>;
  unreadable: Array<{ file: string; code: string }>;
  errors: unknown[];
}

/** What Claude Code lists, run where `cwd` says (it rewrites ~/.claude.json as it starts). */
function listed(w: World, cwd?: string): string {
  return claude(w, ['mcp', 'list'], cwd).stdout;
}

/** What Claude Code lists for a COPY of the world's ~/.claude.json: the original is not touched. */
function probe(w: World, args = ['mcp', 'list']): string {
  const home = tmpDir('mcpw-probe-');
  fs.copyFileSync(path.join(w.home, '.claude.json'), path.join(home, '.claude.json'));
  return claude({ ...w, home }, args).stdout;
}

function pass(w: World): { status: number | null; out: Pass } {
  const r = warden(w, ['reconcile', '--once', '--json']);
  return { status: r.status, out: JSON.parse(r.stdout) as Pass };
}

/** `before` with the byte ranges of `cuts` (in order) taken out. */
function without(before: Buffer, cuts: Array<[number, number]>): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (const [a, b] of cuts) {
    parts.push(before.subarray(pos, a));
    pos = b;
  }
  parts.push(before.subarray(pos));
  return Buffer.concat(parts);
}

describe('a bad file costs only itself', () => {
  it('a .mcp.json nested 5,000 deep no longer ends the pass: both files are judged and fixed (was exit 4)', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const p = makeProject(w, 'deep');
    writeFile(path.join(w.home, '.claude.json'), `{"projects": {${JSON.stringify(p)}: {}}, "mcpServers": {"rogue": ${ROGUE('user')}}}`);
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const mcp = writeFile(
      path.join(p, '.mcp.json'),
      `{"mcpServers": {"x": {"command": "echo", "args": ["deep"], "zz": ${deep}}, "keep": {"command": "echo", "zz": ${deep}}}}`,
    );
    expect(listed(w, p)).toMatch(/x: echo deep/);
    const r = pass(w);
    expect(r.status).toBe(0);
    expect(
      r.out.actions
        .filter((a) => a.kind === 'remove' && a.status === 'done')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['keep', 'rogue', 'x']);
    expect(readJson(mcp)).toEqual({ mcpServers: {} });
    expect(readJson(path.join(w.home, '.claude.json')).mcpServers).toEqual({});
    // Restorable: the deep entry comes back exactly.
    const rec = wardenJson<Json[]>(w, ['quarantine', 'list']).find((q) => q.name === 'x');
    expect(warden(w, ['quarantine', 'restore', rec.id]).status).toBe(0);
    // (jest's toEqual recurses: compared with the iterative jsonEqual.)
    expect(jsonEqual(JSON.parse(fs.readFileSync(mcp, 'utf8')).mcpServers.x.zz, JSON.parse(deep))).toBe(true);
  });

  it('takes a value nested 50,000 deep, as Claude Code does (it loads 200,000)', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const f = writeFile(path.join(w.home, '.claude.json'), `{"cache": ${deep}, "mcpServers": {"rogue": ${ROGUE('deep')}}}`);
    expect(probe(w)).toMatch(/rogue: echo deep/);
    expect(pass(w).status).toBe(0);
    const after = fs.readFileSync(f, 'utf8');
    expect(after).toBe(`{"cache": ${deep}, "mcpServers": {}}`);
  });
});

describe('what Claude Code loads, we judge and remove', () => {
  it('a UTF-8 BOM: the file is read, the server removed, the BOM kept', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const text = `\ufeff{\n  "mcpServers": {\n    "rogue": ${ROGUE('bom')}\n  },\n  "numStartups": 3\n}\n`;
    const f = writeFile(path.join(w.home, '.claude.json'), text);
    expect(probe(w)).toMatch(/rogue: echo bom/);
    expect(pass(w).status).toBe(0);
    expect(fs.readFileSync(f, 'utf8')).toBe('\ufeff{\n  "mcpServers": {\n  },\n  "numStartups": 3\n}\n');
    expect(listed(w)).not.toMatch(/rogue/);
  });

  it('a BOM in a project .mcp.json too', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const p = makeProject(w, 'bom');
    writeFile(path.join(w.home, '.claude.json'), `{"projects": {${JSON.stringify(p)}: {}}}`);
    const f = writeFile(path.join(p, '.mcp.json'), `\ufeff{"mcpServers": {"pbom": ${ROGUE('pbom')}}}`);
    expect(listed(w, p)).toMatch(/pbom: echo pbom/);
    expect(pass(w).status).toBe(0);
    expect(fs.readFileSync(f, 'utf8')).toBe('\ufeff{"mcpServers": {}}');
  });

  it('repeated keys: every occurrence of the removed name goes (else the earlier one would come back), and the secret never leaks', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const secret = canary();
    const first = JSON.stringify({ command: 'echo', args: ['first'] });
    const last = JSON.stringify({ command: 'echo', args: ['last'], env: { GITHUB_TOKEN: secret } });
    // Claude Code reads the LAST `mcpServers` (and `mcp\u0053ervers` is the same key).
    const text = `{"mcpServers": {"stale": ${ROGUE('stale')}}, "mcp\\u0053ervers": {"dup": ${first}, "ok": {"type": "http", "url": "https://x.example/mcp"}, "dup": ${last}}}`;
    const f = writeFile(path.join(w.home, '.claude.json'), text);
    expect(probe(w, ['mcp', 'get', 'dup'])).toMatch(/Args: last/);
    expect(probe(w)).not.toMatch(/stale/);
    const r = pass(w);
    expect(r.status).toBe(0);
    expect(
      r.out.actions
        .filter((a) => a.kind === 'remove')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['dup', 'ok']);
    // The shadowed first `mcpServers` is not read by Claude Code: left as it was.
    expect(fs.readFileSync(f, 'utf8')).toBe(`{"mcpServers": {"stale": ${ROGUE('stale')}}, "mcp\\u0053ervers": {}}`);
    expect(listed(w)).not.toMatch(/dup|ok:/);
    expect(filesContaining(w.root, secret).filter((x) => !x.includes(`${path.sep}home${path.sep}`))).toEqual([]);
  });

  it('a `__proto__` key: kept as data, the unapproved server next to it removed; a server named `constructor` is a server', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const text = `{"__proto__": {"mcpServers": {"x": 1}}, "mcpServers": {"constructor": ${ROGUE('ctor')}, "rogue": {"command": "echo", "args": ["p"], "env": {"__proto__": "v"}}}}`;
    const f = writeFile(path.join(w.home, '.claude.json'), text);
    const l = probe(w);
    expect(l).toMatch(/constructor: echo ctor/);
    expect(l).toMatch(/rogue: echo p/);
    const r = pass(w);
    expect(r.status).toBe(0);
    expect(
      r.out.actions
        .filter((a) => a.kind === 'remove' && a.status === 'done')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['constructor', 'rogue']);
    expect(fs.readFileSync(f, 'utf8')).toBe('{"__proto__": {"mcpServers": {"x": 1}}, "mcpServers": {}}');
    // Restored exactly, `__proto__` in env included.
    const rec = wardenJson<Json[]>(w, ['quarantine', 'list']).find((q) => q.name === 'rogue');
    expect(warden(w, ['quarantine', 'restore', rec.id]).status).toBe(0);
    const env = JSON.parse(fs.readFileSync(f, 'utf8')).mcpServers.rogue.env;
    expect(Object.prototype.hasOwnProperty.call(env, '__proto__')).toBe(true);
    expect(env.__proto__).toBe('v');
  });

  it('invalid UTF-8 outside the removed entry survives byte for byte', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const head = Buffer.from('{"history": ["caf');
    const bad = Buffer.from([0xe9, 0xff, 0xc3]); // latin1 é, a stray 0xFF, a truncated sequence
    const mid = Buffer.from(
      `"], "mcpServers": {"rogue": ${ROGUE('utf')}, "n\u00e9": {"type": "http", "url": "https://ok.example/\u00e9"}}, "tail": "`,
    );
    const tail = Buffer.from([0x80, 0x22, 0x7d, 0x0a]); // a lone continuation byte, then "}\n
    const before = Buffer.concat([head, bad, mid, tail]);
    const f = path.join(w.home, '.claude.json');
    fs.writeFileSync(f, before);
    expect(probe(w)).toMatch(/rogue: echo utf/);
    const r = pass(w);
    expect(r.status).toBe(0);
    const after = fs.readFileSync(f);
    const start = before.indexOf('"rogue"');
    const end = before.indexOf('"n\u00e9"');
    // Both servers are unapproved: the one with a non-ASCII name too.
    const close = before.indexOf('}}, "tail"') + 1;
    expect(after.equals(without(before, [[start, close]]))).toBe(true);
    expect(end).toBeGreaterThan(start);
    expect(listed(w)).not.toMatch(/rogue|n\u00e9/);
  });
});
