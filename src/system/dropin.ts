// Our one file under <managed dir>/managed-settings.d/. Only this module touches it, and it
// never touches any other managed file. Writes are atomic (temp in the same folder, fsync,
// rename, fsync folder) with mode 0644 (every user's Claude Code must read it) and, as root,
// owner root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir, readCapped } from '../util/fsio';
import { isWardenError } from '../errors';
import { SystemError } from './errors';

export const DEFAULT_DROPIN_NAME = '50-mcp-warden.json';
export const DROPIN_DIR = 'managed-settings.d';
export const DROPIN_MODE = 0o644;
/** Far above any real drop-in (tens of KB for thousands of rules); bounds what status reads. */
export const MAX_DROPIN_BYTES = 16 * 1024 * 1024;

/** Claude Code reads `managed-settings.d/*.json` in alphabetical order; hidden files are not ours to use. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,250}\.json$/;

export function checkDropInName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new SystemError({
      code: 'DROPIN_NAME_INVALID',
      message: `system.dropInName "${name}" must be a plain file name ending in .json (letters, digits, . _ -), e.g. ${DEFAULT_DROPIN_NAME}`,
    });
  }
  return name;
}

export function dropInPath(managedDir: string, name: string): string {
  return path.join(managedDir, DROPIN_DIR, checkDropInName(name));
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * As root, refuse to write into (or trust state from) a folder another user could have
 * planted or can change: it must be a real directory (not a symlink), owned by root, and
 * writable by nobody else. Not checked on Windows (ACLs) or when not root (tests, dry runs
 * by an admin: the OS then stops a write anyway).
 */
export function assertSafeDir(dir: string): void {
  if (process.platform === 'win32' || !isRoot()) return;
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (e) {
    throw new SystemError({
      code: 'UNSAFE_PATH',
      message: `${dir}: cannot inspect (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      file: dir,
      cause: e,
    });
  }
  const problem = st.isSymbolicLink()
    ? 'is a symbolic link'
    : !st.isDirectory()
      ? 'is not a directory'
      : st.uid !== 0
        ? `is owned by uid ${st.uid}, not root`
        : (st.mode & 0o022) !== 0
          ? `is writable by group or others (mode ${(st.mode & 0o777).toString(8)})`
          : undefined;
  if (problem) {
    throw new SystemError({ code: 'UNSAFE_PATH', message: `${dir} ${problem}: refusing to use it as root`, file: dir });
  }
}

/** assertSafeDir for a folder that may not exist yet (read-only callers create nothing). */
export function assertSafeDirIfPresent(dir: string): void {
  if (fs.existsSync(dir)) assertSafeDir(dir);
}

/** Create `dir` (and parents) with `mode` if missing, then check it. */
export function ensureSafeDir(dir: string, mode: number): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode });
  } catch (e) {
    throw new SystemError({
      code: 'WRITE_FAILED',
      message: `${dir}: cannot create (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      file: dir,
      cause: e,
    });
  }
  assertSafeDir(dir);
}

export interface ExistingDropIn {
  text: string;
  mode: number;
  uid: number;
}

/** Our drop-in as it is on disk, or undefined when absent. */
export function readDropIn(file: string): ExistingDropIn | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SystemError({ code: 'DROPIN_UNREADABLE', message: `${file}: cannot inspect`, file, cause: e });
  }
  if (!st.isFile()) {
    throw new SystemError({ code: 'DROPIN_UNREADABLE', message: `${file}: not a regular file (a symlink or folder is never ours)`, file });
  }
  try {
    return { text: readCapped(file, MAX_DROPIN_BYTES).toString('utf8'), mode: st.mode & 0o7777, uid: st.uid };
  } catch (e) {
    if (isWardenError(e)) throw new SystemError({ code: 'DROPIN_UNREADABLE', message: e.message, file, cause: e });
    throw e;
  }
}

/** True when the file on disk is byte-identical to `text` and has the mode (and owner) we write. */
export function isCurrent(existing: ExistingDropIn | undefined, text: string): boolean {
  if (!existing || existing.text !== text || existing.mode !== DROPIN_MODE) return false;
  return !isRoot() || process.platform === 'win32' || existing.uid === 0;
}

/** Atomically replace `file` with `text` (mode 0644, owner root:0 when root). */
export function writeDropIn(file: string, text: string): void {
  const dir = path.dirname(file);
  ensureSafeDir(path.dirname(dir), 0o755);
  ensureSafeDir(dir, 0o755);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp.${process.pid}.${Date.now()}`);
  try {
    // 'wx': never follow or reuse something planted at the temp name.
    const fd = fs.openSync(tmp, 'wx', DROPIN_MODE);
    try {
      fs.writeFileSync(fd, text);
      fs.fchmodSync(fd, DROPIN_MODE);
      if (isRoot()) fs.fchownSync(fd, 0, 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(dir);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new SystemError({
      code: 'WRITE_FAILED',
      message: `${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      file,
      cause: e,
    });
  }
}

/** Remove our drop-in (audit mode after enforce). Returns false when it was not there. */
export function removeDropIn(file: string): boolean {
  assertSafeDir(path.dirname(path.dirname(file)));
  assertSafeDir(path.dirname(file));
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new SystemError({
      code: 'WRITE_FAILED',
      message: `${file}: cannot remove (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      file,
      cause: e,
    });
  }
  fsyncDir(path.dirname(file));
  return true;
}
