import { backoffMs, flapDecision, pruneRemovals, recordRemoval, FLAP_MAX_MS } from '../../../src/plan/flapping';

const T0 = new Date('2026-06-01T00:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

describe('flapping backoff', () => {
  it('waits 0 before the second removal, then 2 s, 4 s … capped at 5 min', () => {
    expect([2, 3, 4, 5, 6, 30].map(backoffMs)).toEqual([0, 2000, 4000, 8000, 16000, FLAP_MAX_MS]);
  });

  it('records removals and decides from them', () => {
    const r1 = recordRemoval(undefined, T0, 'q-1');
    expect(r1).toEqual({ count: 1, first: T0.toISOString(), last: T0.toISOString(), recordId: 'q-1' });
    expect(flapDecision(r1, at(10))).toEqual({ kind: 'again', count: 2 });
    const r2 = recordRemoval(r1, at(10));
    expect(r2).toMatchObject({ count: 2, recordId: 'q-1', first: T0.toISOString() });
    expect(flapDecision(r2, at(1000))).toEqual({ kind: 'wait', count: 3, retryAt: at(2010) });
    expect(flapDecision(r2, at(2010))).toEqual({ kind: 'again', count: 3 });
    expect(flapDecision(r2, at(3_700_000))).toEqual({ kind: 'first' });
    expect(flapDecision(undefined, T0)).toEqual({ kind: 'first' });
  });

  it('prunes what an hour has not seen again', () => {
    const recent = recordRemoval(undefined, at(-1000));
    const old = recordRemoval(undefined, at(-3_700_000));
    expect(pruneRemovals({ a: recent, b: old }, T0)).toEqual({ a: recent });
  });
});
