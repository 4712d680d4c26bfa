// Verdicts an agent keeps between passes. An incremental pass re-reads only the changed
// files (src/discovery/incremental.ts); every other entry is the very record the last
// pass judged, so its verdict is reused rather than recomputed (judging a stdio entry
// hashes its binary). Keyed by the record itself (a WeakMap: records of files that went
// away are collected with them) and by the policy: a new policy starts afresh. A full
// pass judges everything again (a binary that changed under an approved entry is seen
// there), and refills this.
import type { ServerEntry } from '../inventory/types';
import type { Verdict } from '../judge/types';

export class JudgedEntries {
  private digest = '';
  private verdicts = new WeakMap<ServerEntry, Verdict>();

  /** The verdict from an earlier pass under the policy with this digest, if any. */
  get(entry: ServerEntry, digest: string): Verdict | undefined {
    return digest === this.digest ? this.verdicts.get(entry) : undefined;
  }

  set(entry: ServerEntry, digest: string, v: Verdict): void {
    if (digest !== this.digest) {
      this.digest = digest;
      this.verdicts = new WeakMap();
    }
    this.verdicts.set(entry, v);
  }
}
