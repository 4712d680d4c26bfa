// Recognising our own writes (and spurious events) by CONTENT, not by timing: after each
// pass we remember the hash of every file it judged; an event for a file whose content
// still has that hash needs no pass. This also backs the trailing re-check that makes up
// for chokidar dropping the last `change` of a burst.
//
// Memory: only hashes are kept, never contents. A file is hashed in 1 MiB chunks (a 20 MB
// ~/.claude.json never sits in memory whole for this), and a file whose stat signature
// (device, inode, size, mtime, ctime: what the discovery cache trusts) is the one it had
// when last hashed is not read again: a full pass or a catch-up over thousands of
// unchanged files costs a stat each. A signature is trusted only when the file was already
// older than RACY_MS when hashed (as git does with racily clean files): any later write
// sets its ctime to a later time (a writer can set mtime back, never ctime), so the
// signature differs even when the size is the same and the inode number was reused.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

const CHUNK = 1024 * 1024;
/** Past any file system's timestamp granularity (2 s on FAT) with room to spare. */
const RACY_MS = 3000;

/** Hash of a file's bytes; 'missing' when absent, 'unreadable' on any other error. */
export function contentHash(file: string): string {
  return hashWithSig(file).hash;
}

function sigOf(st: fs.Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The hash and the stat signature it was taken at (the signature of the open file). */
function hashWithSig(file: string, buf?: Buffer): { hash: string; sig?: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    return { hash: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const at = Date.now();
    const before = fs.fstatSync(fd);
    const h = crypto.createHash('sha256');
    const chunk = buf ?? Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, before.size)));
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      h.update(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    // Changed while being read, or too recently to tell a later write by its times:
    // hashed, but no signature to trust it by later.
    const after = fs.fstatSync(fd);
    const settled = Math.max(after.mtimeMs, after.ctimeMs) < at - RACY_MS;
    const sig = settled && sigOf(before) === sigOf(after) ? sigOf(after) : undefined;
    return { hash: h.digest('hex'), sig };
  } catch {
    return { hash: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

export class ContentTracker {
  private readonly known = new Map<string, string>();
  /** Per file: the last hash taken and the stat signature it was taken at. */
  private readonly hashed = new Map<string, { sig: string; hash: string }>();
  private chunk: Buffer | undefined;

  /** The file's hash now; not read again when its stat signature is the one last hashed. */
  private hashOf(file: string): string {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    if (st === undefined) {
      this.hashed.delete(file);
      return contentHash(file);
    }
    const prev = this.hashed.get(file);
    if (prev && prev.sig === sigOf(st)) return prev.hash;
    this.chunk ??= Buffer.allocUnsafe(CHUNK);
    const r = hashWithSig(file, this.chunk);
    if (r.sig) this.hashed.set(file, { sig: r.sig, hash: r.hash });
    else this.hashed.delete(file);
    return r.hash;
  }

  /**
   * Hashes of `files` taken BEFORE a pass reads them. Recording these (not hashes taken
   * after the pass) means a write that lands while the pass runs is never mistaken for
   * content the pass already judged: the trailing re-check sees it and passes again.
   */
  snapshot(files: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of files) out.set(f, this.hashOf(f));
    return out;
  }

  /** The files whose content differs from what the last pass saw, with their current hashes. */
  changed(files: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of files) {
      const h = this.hashOf(f);
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
