// Seeded randomness for the fuzz suite: one generator per input, derived from the run's
// seed, the file kind and the input's index, so `--seed S --index I --kind K` rebuilds
// exactly the input that failed.
import * as crypto from 'node:crypto';

export interface Rng {
  (): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

// mulberry32: small, fast, good enough to spread inputs.
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rngFor(seed: number, kind: string, index: number): Rng {
  const h = crypto.createHash('sha256').update(`${seed}/${kind}/${index}`).digest();
  const f = mulberry(h.readUInt32LE(0)) as Rng;
  f.int = (n) => Math.floor(f() * n);
  f.pick = (xs) => xs[f.int(xs.length)];
  f.chance = (p) => f() < p;
  return f;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function word(r: Rng, n = 1 + r.int(8)): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[r.int(ALNUM.length)];
  return s;
}

/** A GitHub-token-shaped canary: if it shows up in an output, a secret leaked. */
export function canary(r: Rng): string {
  return 'ghp_' + word(r, 36);
}
