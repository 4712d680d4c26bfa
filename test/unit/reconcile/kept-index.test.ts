// KeptIndex and JudgedEntries.verdictsFor: what the agent keeps across passes must always
// equal what a fresh build gives (the maps plan and events look entries and verdicts up
// in, the verdicts of an incremental pass), whatever the next array shares with the last.
import { KeptIndex } from '../../../src/reconcile/kept-index';
import { JudgedEntries } from '../../../src/reconcile/judged';
import type { ServerEntry } from '../../../src/inventory/types';
import type { Verdict } from '../../../src/judge/types';

interface Item {
  key: string;
}

/** A small deterministic random generator (the same sequence on every run). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** The next array: the last one with a run replaced, records dropped, added, or a key held twice. */
function mutate(items: readonly Item[], rand: () => number, n: number): Item[] {
  const out = [...items];
  const at = Math.floor(rand() * (out.length + 1));
  const drop = Math.floor(rand() * 3);
  const fresh = Array.from({ length: Math.floor(rand() * 3) }, (_, i) => ({ key: `k${n}-${i}` }));
  // Now and then a new record under a key already there (two records of one key), or the same record again.
  if (rand() < 0.1 && out.length > 0) fresh.push({ key: out[Math.floor(rand() * out.length)].key });
  if (rand() < 0.05 && out.length > 0) fresh.push(out[Math.floor(rand() * out.length)]);
  out.splice(at, drop, ...fresh);
  return rand() < 0.05 ? [...out].reverse() : out;
}

describe('KeptIndex', () => {
  it('after any sequence of changes, is the map a fresh build gives (the last record of a key wins)', () => {
    const rand = rng(7);
    const index = new KeptIndex<Item>((x) => x.key);
    let items: Item[] = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}` }));
    for (let n = 0; n < 2000; n++) {
      items = mutate(items, rand, n);
      const got = index.of(items);
      const want = new Map(items.map((x) => [x.key, x]));
      const wrong = [...want].filter(([k, v]) => got.get(k) !== v).map(([k]) => k);
      if (got.size !== want.size || wrong.length > 0) expect({ n, size: got.size, wrong }).toEqual({ n, size: want.size, wrong: [] });
    }
  });

  it('the same array twice is the same map; an empty one is empty', () => {
    const index = new KeptIndex<Item>((x) => x.key);
    const items = [{ key: 'a' }, { key: 'b' }];
    expect(index.of(items)).toBe(index.of(items));
    expect(index.of([]).size).toBe(0);
  });
});

describe('JudgedEntries.verdictsFor', () => {
  const entry = (key: string): ServerEntry => ({ key, file: `/f/${key}` }) as ServerEntry;
  const verdictOf = (e: ServerEntry, tag: string): Verdict => ({ entryKey: e.key, verdict: 'approved', reason: tag });

  it('reuses the verdicts of the records it judged, and judges only new ones', () => {
    const rand = rng(11);
    const judged = new JudgedEntries();
    let entries = Array.from({ length: 30 }, (_, i) => entry(`e${i}`));
    const first = new Map<ServerEntry, Verdict>();
    const judge = (e: ServerEntry): Verdict => {
      const v = verdictOf(e, 'judged');
      first.set(e, v);
      return v;
    };
    judged.verdictsFor(entries, 'd1', false, judge);
    for (let n = 0; n < 500; n++) {
      entries = mutate(entries, rand, n) as ServerEntry[];
      const got = judged.verdictsFor(entries, 'd1', true, (e) => (first.has(e) ? verdictOf(e, 'again') : judge(e)));
      // Every record keeps the one verdict it was first given, in order.
      const wrong = entries.flatMap((e, i) => (got[i] === first.get(e) ? [] : [i]));
      if (got.length !== entries.length || wrong.length > 0)
        expect({ n, length: got.length, wrong }).toEqual({ n, length: entries.length, wrong: [] });
    }
  });

  it('judges everything again without reuse, and under a new policy', () => {
    const judged = new JudgedEntries();
    const entries = [entry('a'), entry('b')];
    judged.verdictsFor(entries, 'd1', false, (e) => verdictOf(e, 'one'));
    expect(judged.verdictsFor(entries, 'd1', true, (e) => verdictOf(e, 'two')).map((v) => v.reason)).toEqual(['one', 'one']);
    expect(judged.verdictsFor(entries, 'd1', false, (e) => verdictOf(e, 'three')).map((v) => v.reason)).toEqual(['three', 'three']);
    expect(judged.verdictsFor(entries, 'd2', true, (e) => verdictOf(e, 'four')).map((v) => v.reason)).toEqual(['four', 'four']);
  });
});
