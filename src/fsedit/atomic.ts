// The final step of an edit: temp file + fsync + rename, keeping mode and owner, with a
// last check just before the rename. fsync can take tens of milliseconds; a writer that
// ignores the lock (Claude Code's fallback when it cannot take it) may save in that time,
// and renaming over its save would lose it. Checking after the fsync narrows that window
// to a stat and a rename. A symlinked file is written through the link (the link stays).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir } from '../util/fsio';

/** Where to write `file`: its target when it is a symlink, so the link is kept. */
export function writeTarget(file: string): string {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.realpathSync.native(file) : file;
  } catch {
    return file;
  }
}

/**
 * Write `data` to `file` atomically unless `stillCurrent()` turns false before the rename;
 * returns whether it wrote. Mode (and owner, when root) of an existing file are kept.
 */
export function writeAtomicChecked(file: string, data: Buffer, stillCurrent: () => boolean, newMode = 0o600): boolean {
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
  try {
    fs.writeFileSync(fd, data);
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
      return false;
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dir);
  return true;
}
