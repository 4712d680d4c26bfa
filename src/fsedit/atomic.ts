// The final step of an edit: temp file + fsync + rename, keeping mode and owner, with a
// last check just before the rename. fsync can take tens of milliseconds; a writer that
// ignores the lock (Claude Code's fallback when it cannot take it) may save in that time,
// and renaming over its save would lose it. Checking after the fsync narrows that window
// to a stat and a rename. A symlinked file is written through the link (the link stays).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fsyncDir } from '../util/fsio';

/** Where to write `file`: its target when it is a symlink, so the link is kept. */
export function writeTarget(file: string): string {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.realpathSync.native(file) : file;
  } catch {
    return file;
  }
}

// Text is encoded and written a megabyte at a time: a 20 MB file never exists a second time
// in memory as one Buffer.
const CHUNK_CHARS = 1024 * 1024;

function writeText(fd: number, text: string, hash: crypto.Hash): void {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + CHUNK_CHARS);
    // Never split a surrogate pair between two chunks.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const buf = Buffer.from(text.slice(i, end), 'utf8');
    for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off, buf.length - off);
    hash.update(buf);
    i = end;
  }
}

/** Does `file` hold exactly the UTF-8 encoding of `text`? Compared a chunk at a time. */
export function fileHoldsText(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let pos = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      const piece = n > 0 ? decoder.write(chunk.subarray(0, n)) : decoder.end();
      if (text.slice(pos, pos + piece.length) !== piece) return false;
      pos += piece.length;
      if (n === 0) return pos === text.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

export interface CheckedWrite {
  wrote: boolean;
  /** SHA-256 (hex) of the bytes written. */
  sha256?: string;
}

/**
 * Write `data` to `file` atomically unless `stillCurrent()` turns false before the rename.
 * Mode (and owner, when root) of an existing file are kept.
 */
export function writeAtomicChecked(file: string, data: string, stillCurrent: () => boolean, newMode = 0o600): CheckedWrite {
  const target = writeTarget(file);
  const dir = path.dirname(target);
  let mode = newMode;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = fs.statSync(target);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch {
    // a new file
  }
  const tmp = path.join(dir, `.${path.basename(target)}.tmp.${process.pid}.${Date.now()}.${Math.random().toString(16).slice(2, 8)}`);
  const fd = fs.openSync(tmp, 'wx', mode);
  const hash = crypto.createHash('sha256');
  try {
    writeText(fd, data, hash);
    fs.fchmodSync(fd, mode);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) fs.fchownSync(fd, owner.uid, owner.gid);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    if (!stillCurrent()) {
      fs.rmSync(tmp, { force: true });
      return { wrote: false };
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dir);
  return { wrote: true, sha256: hash.digest('hex') };
}
