// The large-file edit path must produce exactly what applyOps() (jsonc-parser's modify on
// the whole document) produces, and the scanner must accept exactly what JSON.parse accepts.
// Both are checked on seeded random documents in every formatting style Claude Code and
// people write, and on a real-sized ~/.claude.json through editJsonFile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyOps, editJsonFile, type JsonEditOp } from '../../../src/fsedit/edit';
import { applyOpsLarge as applyOpsLargeRaw, LARGE_TEXT_CHARS, type LargeApplied } from '../../../src/fsedit/large';
import { verifyLarge } from '../../../src/fsedit/large-verify';
import { detectFormatting } from '../../../src/fsedit/format';
import { objectAt, scanJson } from '../../../src/fsedit/json-scan';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

/** The large path on a text known to be JSON: undefined when it declines the shape. */
function applyOpsLarge(text: string, ops: JsonEditOp[], fmt: ReturnType<typeof detectFormatting>): LargeApplied | undefined {
  const r = applyOpsLargeRaw(text, ops, fmt);
  if (r && 'invalid' in r) throw new Error(`not JSON: ${r.invalid}`);
  return r;
}

// Deterministic PRNG (mulberry32), so a failure names a seed that reproduces it.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

function randValue(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 3 || k < 0.35) {
    const pick = Math.floor(r() * 7);
    return [1, -2.5e3, 'x', 'with "quotes" and \\ and \u00e9', true, null, ''][pick];
  }
  if (k < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => randValue(r, depth + 1));
  return randObj(r, depth + 1);
}

function randObj(r: () => number, depth: number): Obj {
  const o: Obj = {};
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) o[`k${i}${r() < 0.1 ? ' sp' : ''}`] = randValue(r, depth);
  return o;
}

const STYLES: Array<(v: unknown) => string> = [
  (v) => JSON.stringify(v, null, 2) + '\n',
  (v) => JSON.stringify(v, null, 4),
  (v) => JSON.stringify(v, null, '\t') + '\n',
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2).replace(/\n/g, '\r\n') + '\r\n',
  // Mixed: compact objects inside an indented document, as hand edits leave them.
  (v) => JSON.stringify(v, null, 2).replace(/\{\n\s+("k0": (?:1|true|null|""))\n\s+\}/g, '{ $1 }'),
];

/** Every object path in `v` (objects only, not arrays). */
function objectPaths(v: unknown, at: string[] = []): string[][] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
  const out = [at];
  for (const [k, x] of Object.entries(v as Obj)) out.push(...objectPaths(x, [...at, k]));
  return out;
}

function randomOps(r: () => number, doc: Obj): JsonEditOp[] {
  const parents = objectPaths(doc);
  const ops: JsonEditOp[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const parent = parents[Math.floor(r() * parents.length)];
    let holder: unknown = doc;
    for (const s of parent) holder = (holder as Obj)[s];
    const keys = Object.keys(holder as Obj);
    const roll = r();
    let op: JsonEditOp;
    if (roll < 0.45 && keys.length > 0) {
      const key = keys[Math.floor(r() * keys.length)];
      op = { path: [...parent, key], value: undefined };
    } else if (roll < 0.7 && keys.length > 0) {
      const key = keys[Math.floor(r() * keys.length)];
      op = { path: [...parent, key], value: randValue(r, 2) };
    } else {
      op = { path: [...parent, `new${i}`], value: r() < 0.5 ? { command: 'x', args: ['a', 'b'] } : randValue(r, 2) };
    }
    // Keep ops disjoint (the shapes the fast path takes); others fall back by design.
    if (
      ops.some((o) => o.path.join('\u0000').startsWith(op.path.join('\u0000')) || op.path.join('\u0000').startsWith(o.path.join('\u0000')))
    )
      continue;
    // Preconditions that hold, that fail, and groups that must apply together or not at all.
    const roll2 = r();
    if (roll2 < 0.2) op.expect = { value: (holder as Obj)[op.path[op.path.length - 1] as string] };
    else if (roll2 < 0.3) op.expect = { value: 'not what is there' };
    if (r() < 0.3) op.group = `g${Math.floor(r() * 2)}`;
    ops.push(op);
  }
  return ops;
}

describe('applyOpsLarge', () => {
  it('produces byte for byte what applyOps produces, on 3000 random documents and op batches', () => {
    let compared = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      const doc = randObj(r, 0);
      doc.mcpServers = { a: { command: 'x' }, b: { type: 'http', url: 'https://e' } };
      const text = STYLES[seed % STYLES.length](doc);
      const ops = randomOps(r, doc);
      const slow = applyOps(text, ops);
      const fast = applyOpsLarge(text, ops, detectFormatting(text));
      if (!fast) continue;
      compared++;
      if (fast.text !== slow.text)
        throw new Error(
          `seed ${seed}: differs\n--- text\n${text}\n--- ops ${JSON.stringify(ops)}\n--- slow\n${slow.text}\n--- fast\n${fast.text}`,
        );
      expect(fast.applied.length).toBe(slow.applied.length);
      expect(fast.skipped.map((x) => x.reason)).toEqual(slow.skipped.map((x) => x.reason));
      if (fast.applied.length > 0) expect(verifyLarge(text, fast.text, fast)).toBe(true);
    }
    expect(compared).toBeGreaterThan(2500);
  });

  it('honours preconditions as applyOps does', () => {
    const text = JSON.stringify({ mcpServers: { a: { command: 'x' } } }, null, 2);
    const r = applyOpsLarge(
      text,
      [{ path: ['mcpServers', 'a'], value: undefined, expect: { value: { command: 'y' } } }],
      detectFormatting(text),
    );
    expect(r?.text).toBe(text);
    expect(r?.skipped[0]?.reason).toBe('changed');
  });

  it('applies a group of ops together or not at all, as applyOps does', () => {
    const text = JSON.stringify({ mcpServers: { gh: { command: 'x' }, other: { command: 'o' } } }, null, 2);
    const rename = (expectFrom: unknown): JsonEditOp[] => [
      { path: ['mcpServers', 'github'], value: { command: 'x' }, expect: { value: undefined }, group: 'r' },
      { path: ['mcpServers', 'gh'], value: undefined, expect: { value: expectFrom }, group: 'r' },
    ];
    for (const apply of [
      (t: string, o: JsonEditOp[]) => applyOps(t, o),
      (t: string, o: JsonEditOp[]) => applyOpsLarge(t, o, detectFormatting(t)) as LargeApplied,
    ]) {
      const ok = apply(text, rename({ command: 'x' }));
      expect(Object.keys(JSON.parse(ok.text).mcpServers)).toEqual(['other', 'github']);
      const changed = apply(text, rename({ command: 'changed meanwhile' }));
      expect(changed.text).toBe(text);
      expect(changed.skipped.map((x) => x.reason)).toEqual(['changed', 'changed']);
    }
  });

  it('says when the text is not JSON', () => {
    expect(applyOpsLargeRaw('{"a": [1,}', [{ path: ['a'], value: undefined }], detectFormatting(''))).toEqual({
      invalid: expect.stringContaining('offset'),
    });
  });

  it('declines shapes it does not handle (array paths, nested ops)', () => {
    const text = JSON.stringify({ a: { b: [1, 2] } });
    expect(applyOpsLarge(text, [{ path: ['a', 'b', 0], value: undefined }], detectFormatting(text))).toBeUndefined();
    expect(
      applyOpsLarge(
        text,
        [
          { path: ['a'], value: 1 },
          { path: ['a', 'b'], value: 2 },
        ],
        detectFormatting(text),
      ),
    ).toBeUndefined();
  });

  it('verification catches a result that changed something outside the edited object', () => {
    const text = JSON.stringify({ keep: 'yes', mcpServers: { a: { command: 'x' }, b: { command: 'y' } } }, null, 2);
    const r = applyOpsLarge(text, [{ path: ['mcpServers', 'a'], value: undefined }], detectFormatting(text));
    expect(r).toBeDefined();
    expect(verifyLarge(text, r!.text.replace('"yes"', '"no"'), r!)).toBe(false);
    expect(verifyLarge(text, r!.text.replace('"y"', '"z"'), r!)).toBe(false);
    expect(verifyLarge(text, r!.text + 'x', r!)).toBe(false);
  });
});

describe('scanJson', () => {
  const valid = ['{}', '[]', '0', '-0.5e+10', '"a\\u00e9\\n"', 'true', ' null ', '{"a":[1,{"b":null}],"c":"d"}', '{"a":1,"a":2}'];
  const invalid = [
    '',
    '{',
    '{"a":1,}',
    '[1,]',
    '01',
    '1.',
    '.5',
    '"\\x"',
    '"a\tb"',
    '{"a" 1}',
    '{a:1}',
    'tru',
    '{} {}',
    '\ufeff',
    '\ufeff\ufeff{}',
    ' \ufeff{}',
    '// c\n{}',
    "'a'",
    'NaN',
    '"\\u12g4"',
    '-',
    '1e',
    '[1 2]',
  ];

  it.each(valid)('accepts %j as JSON.parse does', (t) => {
    expect(scanJson(t, () => 'skip').ok).toBe(true);
  });

  it.each(invalid)('refuses %j as JSON.parse does', (t) => {
    expect(() => JSON.parse(t.startsWith('\ufeff') ? t.slice(1) : t)).toThrow();
    expect(scanJson(t, () => 'skip').ok).toBe(false);
  });

  it('agrees with JSON.parse on 2000 random documents and their mutilations', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      const text = STYLES[seed % STYLES.length](randObj(r, 0));
      expect(scanJson(text, () => 'skip').ok).toBe(true);
      const at = Math.floor(r() * text.length);
      const mutants = [
        text.slice(0, at),
        text.slice(0, at) + text.slice(at + 1),
        text.slice(0, at) + ',' + text.slice(at),
        text.slice(0, at) + '"' + text.slice(at),
      ];
      for (const m of mutants) {
        let ok = true;
        try {
          JSON.parse(m);
        } catch {
          ok = false;
        }
        expect(scanJson(m, () => 'skip').ok).toBe(ok);
      }
    }
  });

  it('captures offsets of the values asked for, the last of duplicate keys', () => {
    const text = '{"projects": {"/p": {"mcpServers": {"x": 1}, "history": [1,2]}, "/p": {"mcpServers": {"y": 2}}}, "mcpServers": {}}';
    const r = scanJson(text, (p) =>
      (p.length === 1 && p[0] === 'projects') || p.length === 2
        ? 'descend'
        : p[2] === 'mcpServers' || (p.length === 1 && p[0] === 'mcpServers')
          ? 'capture'
          : 'skip',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cap = (k: unknown[]) => {
      const c = r.captures.get(JSON.stringify(k));
      return c ? JSON.parse(text.slice(c.start, c.end)) : undefined;
    };
    expect(cap(['projects', '/p', 'mcpServers'])).toEqual({ y: 2 });
    expect(cap(['mcpServers'])).toEqual({});
  });

  it('objectAt reports the properties of the object at an offset', () => {
    const text = 'x = {"a": 1, "b" : [2]}';
    const o = objectAt(text, 4);
    expect(o?.props.map((p) => [p.key, text.slice(p.valueStart, p.valueEnd)])).toEqual([
      ['a', '1'],
      ['b', '[2]'],
    ]);
    expect(o?.end).toBe(text.length);
  });

  // Claude Code 2.1.330 loads both (test/integration/hostile/parity.test.ts), so we must read them.
  it('accepts one leading byte order mark, as Claude Code does', () => {
    expect(scanJson('\ufeff{"a":1}', () => 'skip').ok).toBe(true);
  });

  it('validates documents nested 200,000 deep without recursion, and still finds errors in them', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(scanJson(deep, () => 'skip').ok).toBe(true);
    expect(scanJson(`{"a":${deep},"b":1}`, (p) => (p[0] === 'b' ? 'capture' : 'skip')).ok).toBe(true);
    expect(scanJson(deep.slice(0, -1), () => 'skip').ok).toBe(false);
    expect(scanJson('['.repeat(50_000) + '{"a" 1}' + ']'.repeat(50_000), () => 'skip').ok).toBe(false);
  });
});

describe('editJsonFile on a large file', () => {
  it('removes entries and renames one in a multi-MB ~/.claude.json exactly as the small-file path would', async () => {
    const projects: Record<string, unknown> = {};
    for (let i = 0; i < 400; i++) {
      projects[`/home/u/src/p${i}`] = {
        history: Array.from({ length: 20 }, (_, k) => ({ display: `prompt ${i} ${k} `.repeat(10) })),
        mcpServers: { keep: { command: 'ok' }, [`bad${i}`]: { command: 'evil', args: [] } },
        enabledMcpjsonServers: [],
      };
    }
    const doc = { numStartups: 1, projects, mcpServers: { gh: { command: 'npx', args: ['-y', 'gh'] }, rogue: { command: 'rm' } } };
    const text = JSON.stringify(doc, null, 2) + '\n';
    expect(text.length).toBeGreaterThan(LARGE_TEXT_CHARS * 2);
    const f = writeFile(path.join(tmpDir(), '.claude.json'), text, 0o600);
    const ops: JsonEditOp[] = [
      { path: ['mcpServers', 'rogue'], value: undefined, expect: { value: { command: 'rm' } } },
      { path: ['mcpServers', 'github'], value: { command: 'npx', args: ['-y', 'gh'] }, expect: { value: undefined } },
      { path: ['mcpServers', 'gh'], value: undefined, expect: { value: { command: 'npx', args: ['-y', 'gh'] } } },
      ...Array.from({ length: 400 }, (_, i): JsonEditOp => ({
        path: ['projects', `/home/u/src/p${i}`, 'mcpServers', `bad${i}`],
        value: undefined,
        expect: { value: { command: 'evil', args: [] } },
      })),
      { path: ['projects', '/home/u/src/p7', 'enabledMcpjsonServers'], value: ['keep'], expect: { value: [] } },
    ];
    const want = applyOps(text, ops.slice(0, 6)).text;
    const r = await editJsonFile(f, ops);
    expect(r.changed).toBe(true);
    expect(r.applied).toHaveLength(ops.length);
    const out = fs.readFileSync(f, 'utf8');
    // The first ops through the small-file path: the large path's output has the same prefix edits.
    const first = applyOpsLarge(text, ops.slice(0, 6), detectFormatting(text));
    expect(first?.text).toBe(want);
    const after = JSON.parse(out);
    expect(Object.keys(after.mcpServers)).toEqual(['github']);
    expect(Object.keys(after.projects['/home/u/src/p3'].mcpServers)).toEqual(['keep']);
    expect(after.projects['/home/u/src/p7'].enabledMcpjsonServers).toEqual(['keep']);
    expect(r.after).toEqual(after);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });

  it('never rewrites a large file that does not parse', async () => {
    const text = JSON.stringify({ pad: 'x'.repeat(LARGE_TEXT_CHARS), mcpServers: { a: {} } }).slice(0, -1);
    const f = writeFile(path.join(tmpDir(), '.claude.json'), text);
    await expect(editJsonFile(f, [{ path: ['mcpServers', 'a'], value: undefined }])).rejects.toMatchObject({ code: 'PARSE_ERROR' });
    expect(fs.readFileSync(f, 'utf8')).toBe(text);
  });
});
