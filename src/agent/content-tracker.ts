// Recognising our own writes (and spurious events) by CONTENT, not by timing: after each
// pass we remember the hash of every file it judged; an event for a file whose content
// still has that hash needs no pass. This also backs the trailing re-check that makes up
// for chokidar dropping the last `change` of a burst.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

/** Hash of a file's bytes; 'missing' when absent, 'unreadable' on any other error. */
export function contentHash(file: string): string {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

export class ContentTracker {
  private readonly known = new Map<string, string>();

  /**
   * Hashes of `files` taken BEFORE a pass reads them. Recording these (not hashes taken
   * after the pass) means a write that lands while the pass runs is never mistaken for
   * content the pass already judged: the trailing re-check sees it and passes again.
   */
  snapshot(files: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of files) out.set(f, contentHash(f));
    return out;
  }

  /** The files whose content differs from what the last pass saw, with their current hashes. */
  changed(files: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of files) {
      const h = contentHash(f);
      if (this.known.get(f) !== h) out.set(f, h);
    }
    return out;
  }

  /** Whether a pass has judged `file` before. */
  knows(file: string): boolean {
    return this.known.has(file);
  }

  set(file: string, hash: string): void {
    this.known.set(file, hash);
  }

  /** After a pass: what was judged (pre-pass hashes), then what we wrote (our bytes). */
  recordPass(judged: Map<string, string>, written: Iterable<{ file: string; sha256: string }>): void {
    for (const [f, h] of judged) this.known.set(f, h);
    for (const w of written) this.known.set(w.file, w.sha256);
  }
}
