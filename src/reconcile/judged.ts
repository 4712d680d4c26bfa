// What an agent keeps between passes. An incremental pass re-reads only the changed files
// (src/discovery/incremental.ts); every other entry is the very record the last pass
// judged, so its verdict is reused rather than recomputed (judging a stdio entry hashes
// its binary), and the lookups by key that plan and events need are updated for the
// changed records only rather than rebuilt over every entry of the home. Verdicts are
// keyed by the record itself (a WeakMap: records of files that went away are collected
// with them) and by the policy: a new policy starts afresh. A full pass judges everything
// again (a binary that changed under an approved entry is seen there), and refills this.
import type { ServerEntry } from '../inventory/types';
import type { Verdict } from '../judge/types';
import { KeptIndex } from './kept-index';

export class JudgedEntries {
  private digest = '';
  private verdicts = new WeakMap<ServerEntry, Verdict>();
  private last: { entries: readonly ServerEntry[]; verdicts: readonly Verdict[] } | undefined;
  /** key → entry and key → verdict, over the last arrays asked for (plan, events, report). */
  readonly entryIndex = new KeptIndex<ServerEntry>((e) => e.key);
  readonly verdictIndex = new KeptIndex<Verdict>((v) => v.entryKey);

  /**
   * One verdict per entry, in order. With `reuse`, the records an earlier pass judged keep
   * their verdicts; the run of records shared with the last call (its start and its end,
   * by identity) is copied without a lookup each, so only the changed middle costs.
   * Without, every entry is judged again.
   */
  verdictsFor(entries: readonly ServerEntry[], digest: string, reuse: boolean, judge: (e: ServerEntry) => Verdict): Verdict[] {
    if (digest !== this.digest) {
      this.digest = digest;
      this.verdicts = new WeakMap();
      this.last = undefined;
    }
    const last = reuse ? this.last : undefined;
    const out = new Array<Verdict>(entries.length);
    let head = 0;
    let tail = 0;
    if (last) {
      const prev = last.entries;
      const max = Math.min(prev.length, entries.length);
      while (head < max && prev[head] === entries[head]) head++;
      while (tail < max - head && prev[prev.length - 1 - tail] === entries[entries.length - 1 - tail]) tail++;
      for (let i = 0; i < head; i++) out[i] = last.verdicts[i];
      for (let i = 1; i <= tail; i++) out[entries.length - i] = last.verdicts[prev.length - i];
    }
    for (let i = head; i < entries.length - tail; i++) {
      const e = entries[i];
      const kept = reuse ? this.verdicts.get(e) : undefined;
      if (kept) {
        out[i] = kept;
        continue;
      }
      const v = judge(e);
      this.verdicts.set(e, v);
      out[i] = v;
    }
    this.last = { entries, verdicts: out };
    return out;
  }
}
