// Reading files from outside with a byte cap, and writing files we own atomically.
// (Files we do NOT own go through src/fsedit, which adds the lock and format-preserving edits.)
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, InputError, WardenError, type ErrorOptions } from '../errors';

/** A write refused because the path leads somewhere we did not judge (issue 14 item 5). */
export class LinkError extends WardenError<'UNEXPECTED_SYMLINK'> {
  constructor(opts: Omit<ErrorOptions<'UNEXPECTED_SYMLINK'>, 'code'>) {
    super({ exitCode: ExitCode.CHECK_FAILED, code: 'UNEXPECTED_SYMLINK', ...opts });
  }
}

/**
 * The real path a write to `file` lands on. With `expectReal` (the real path that was
 * read and judged), the path must still lead exactly there; without it, `file` itself
 * must not be a symlink (links in the folders above it are fine: the write lands on the
 * same file either way). A dangling link is never written through. Throws LinkError.
 */
export function resolveWriteTarget(file: string, expectReal?: string): string {
  const lst = fs.lstatSync(file, { throwIfNoEntry: false });
  let real: string;
  if (lst === undefined) {
    // A file to create: where its folder really is.
    try {
      real = path.join(fs.realpathSync.native(path.dirname(file)), path.basename(file));
    } catch {
      // No folder either: the write fails on its own; never redirect it elsewhere.
      real = path.resolve(file);
    }
  } else {
    try {
      real = fs.realpathSync.native(file);
    } catch {
      throw new LinkError({ message: `${file} is a symlink that leads nowhere; not written through`, file });
    }
  }
  if (expectReal !== undefined) {
    if (real !== expectReal)
      throw new LinkError({ message: `${file} now leads to ${real}, not to ${expectReal} that was checked; not written through`, file });
  } else if (lst?.isSymbolicLink()) {
    throw new LinkError({ message: `${file} is a symlink (to ${real}) where none was expected; not written through`, file });
  }
  return real;
}

/** Read at most `maxBytes`; larger files are refused without being read whole. */
export function readCapped(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new InputError({ code: 'FILE_NOT_FOUND', message: `${file}: no such file`, file, cause: e });
    }
    throw new InputError({ code: 'FILE_UNREADABLE', message: `${file}: cannot open (${code ?? 'error'})`, file, cause: e });
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      throw new InputError({ code: 'FILE_UNREADABLE', message: `${file}: not a regular file`, file });
    }
    if (st.size > maxBytes) {
      throw new InputError({
        code: 'FILE_TOO_LARGE',
        message: `${file}: ${st.size} bytes is over the ${maxBytes}-byte limit`,
        file,
      });
    }
    // Read up to cap+1 so a file that grew after fstat is still caught. Not zero-filled
    // (20 MB of memset for nothing): only the bytes read are ever returned (subarray below).
    const buf = Buffer.allocUnsafeSlow(Math.min(st.size, maxBytes) + 1);
    let off = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
      if (off >= buf.length) break;
    }
    if (off > maxBytes) {
      throw new InputError({ code: 'FILE_TOO_LARGE', message: `${file}: over the ${maxBytes}-byte limit`, file });
    }
    return buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}

export interface AtomicWriteOptions {
  /** File mode for a new file; an existing file keeps its own mode. */
  mode?: number;
  /**
   * Checked just before the rename (after the fsync): when it returns false nothing is
   * replaced. Narrows the window in which a writer that ignores our lock could lose a save.
   */
  stillCurrent?: () => boolean;
  /** Write through a symlink to its target, so the link stays a link. */
  followSymlink?: boolean;
  /**
   * With followSymlink: the real path the write must land on (resolveWriteTarget); checked
   * before the temp file is made and again just before the rename.
   */
  expectRealPath?: string;
  /**
   * The folder fsync after the rename is left to the caller, who fsyncs it once for several
   * files (fsyncDir) before anything depends on them being durable.
   */
  deferDirSync?: boolean;
}

export interface AtomicWriteResult {
  wrote: boolean;
  /** SHA-256 (hex) of the bytes written. */
  sha256?: string;
}

// Text is encoded and written a megabyte at a time: a 20 MB file never exists a second
// time in memory as one Buffer.
const CHUNK_CHARS = 1024 * 1024;

function writeAll(fd: number, buf: Buffer, hash: crypto.Hash): void {
  for (let off = 0; off < buf.length;) off += fs.writeSync(fd, buf, off, buf.length - off);
  hash.update(buf);
}

function writeData(fd: number, data: string | Buffer, hash: crypto.Hash): void {
  if (Buffer.isBuffer(data)) return writeAll(fd, data, hash);
  // One scratch buffer for every chunk (a UTF-16 unit is at most 3 UTF-8 bytes): a fresh
  // Buffer per chunk would leave 20 MB of native garbage behind until the next full GC.
  const scratch = Buffer.allocUnsafe(Math.min(data.length, CHUNK_CHARS) * 3);
  for (let i = 0; i < data.length;) {
    let end = Math.min(data.length, i + CHUNK_CHARS);
    // Never split a surrogate pair between two chunks.
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    const n = scratch.write(data.slice(i, end), 0, 'utf8');
    writeAll(fd, scratch.subarray(0, n), hash);
    i = end;
  }
}

/** Where to write `file`: its target when it is a symlink, so the link is kept. */
export function writeTarget(file: string): string {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.realpathSync.native(file) : file;
  } catch {
    return file;
  }
}

/**
 * Write `data` to `file` so that readers see either the old or the new content, never
 * a mix: temp file in the same folder, fsync, rename, fsync the folder. Keeps the mode
 * (and, when running as root, the owner) of an existing file.
 */
export function writeFileAtomic(file: string, data: string | Buffer, opts: AtomicWriteOptions = {}): AtomicWriteResult {
  // Our own files (followSymlink unset) are never written through a link: the temp file
  // is created O_EXCL and the rename replaces the name itself.
  const target = opts.followSymlink ? resolveWriteTarget(file, opts.expectRealPath) : file;
  const dir = path.dirname(target);
  let mode = opts.mode ?? 0o600;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = fs.statSync(target);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch {
    // new file
  }
  const tmp = path.join(dir, `.${path.basename(target)}.tmp.${process.pid}.${Date.now()}.${crypto.randomBytes(3).toString('hex')}`);
  const fd = fs.openSync(tmp, 'wx', mode);
  const hash = crypto.createHash('sha256');
  try {
    writeData(fd, data, hash);
    fs.fchmodSync(fd, mode);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) {
      fs.fchownSync(fd, owner.uid, owner.gid);
    }
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    if (opts.stillCurrent && !opts.stillCurrent()) {
      fs.rmSync(tmp, { force: true });
      return { wrote: false };
    }
    // The link may have been swapped while we wrote: it must still lead to `target`.
    if (opts.followSymlink) resolveWriteTarget(file, target);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  if (!opts.deferDirSync) fsyncDir(dir);
  return { wrote: true, sha256: hash.digest('hex') };
}

export function fsyncDir(dir: string): void {
  // Not supported on Windows; the rename is still atomic there.
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Create a private folder (0700) if missing. With `noLink`, refuse a folder that is a
 * symlink (our own subfolders: a planted link would send records or keys elsewhere).
 */
export function ensurePrivateDir(dir: string, opts: { noLink?: boolean } = {}): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (opts.noLink && fs.lstatSync(dir).isSymbolicLink()) {
    throw new LinkError({ message: `${dir} is a symlink; mcp-warden keeps its own files only in real folders`, file: dir });
  }
}
