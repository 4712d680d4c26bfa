// The final step of an edit: temp file + fsync + rename, keeping mode and owner, with a
// last check just before the rename. fsync can take tens of milliseconds; a writer that
// ignores the lock (Claude Code's fallback when it cannot take it) may save in that time,
// and renaming over its save would lose it. Checking after the fsync narrows that window
// to a stat and a rename. A symlinked file is written through the link (the link stays)
// only while it leads to the real file that was read and judged (resolveWriteTarget).
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LinkError, resolveWriteTarget, writeFileAtomic, writeTarget, type AtomicWriteResult } from '../util/fsio';
import { FileEditError } from './errors';

export { writeTarget };

/**
 * Does `file` hold exactly the UTF-8 encoding of `text` (with `bytes`: exactly the bytes
 * of which `text` is the latin1 view)? Compared a chunk at a time.
 */
export function fileHoldsText(file: string, text: string, bytes = false): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const decoder = new StringDecoder(bytes ? 'latin1' : 'utf8');
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

export type CheckedWrite = AtomicWriteResult;

/**
 * Write `data` to `file` atomically unless `stillCurrent()` turns false before the rename.
 * Mode (and owner, when root) of an existing file are kept; a symlink is written through.
 */
export function writeAtomicChecked(
  file: string,
  data: string | Buffer,
  stillCurrent: () => boolean,
  newMode = 0o600,
  expectRealPath?: string,
): CheckedWrite {
  try {
    return writeFileAtomic(file, data, { mode: newMode, stillCurrent, followSymlink: true, expectRealPath });
  } catch (e) {
    throw asEditError(e, file);
  }
}

function asEditError(e: unknown, file: string): unknown {
  return e instanceof LinkError ? new FileEditError({ code: 'UNEXPECTED_SYMLINK', message: e.message, file, cause: e }) : e;
}

/**
 * Where an edit of `file` may read and write: its real path, when any link on the way is
 * one we expect (see resolveWriteTarget). Throws FileEditError UNEXPECTED_SYMLINK.
 */
export function editTarget(file: string, expectRealPath?: string): string {
  try {
    return resolveWriteTarget(file, expectRealPath);
  } catch (e) {
    throw asEditError(e, file);
  }
}
