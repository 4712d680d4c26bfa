// The `<file>.lock` directory around an edit, the protocol Claude Code uses (a directory
// made with mkdir, proper-lockfile's; verified-notes.md), plus one thing it cannot tell on
// its own: whether a lock was left by one of OUR processes that died. A pass killed while
// holding the lock left the directory behind, and everyone waited for the 10 s stale time.
//
// So each lock we take is registered in the state folder (`<stateDir>/locks/<hash>.json`:
// pid, lock path, the directory's inode). A lock found held whose registration names a
// dead pid and the very same directory (same inode: nobody re-took it) is ours and
// abandoned: removed at once. Any other lock — Claude Code's, another user's, ours but
// alive — is waited for, and treated as stale only after staleMs, as before. Nothing is
// ever put inside the lock directory: Claude Code removes a stale one with rmdir, which
// must keep working.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { FileEditError } from './errors';

export interface EditLockOptions {
  staleMs: number;
  waitMs: number;
  /** Where our locks are registered (`<stateDir>/locks`); without it, stale time only. */
  ownersDir?: string;
}

interface OwnerRecord {
  pid: number;
  lock: string;
  ino: number;
  at: string;
}

function ownerFile(ownersDir: string, lockPath: string): string {
  return path.join(ownersDir, `${crypto.createHash('sha256').update(lockPath).digest('hex').slice(0, 32)}.json`);
}

/** Is `pid` a live process? EPERM means alive (someone else's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): OwnerRecord | undefined {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > 4096) return undefined;
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as OwnerRecord;
    return typeof v.pid === 'number' && typeof v.lock === 'string' && typeof v.ino === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remove `lockPath` when the registration `file` proves it is an abandoned lock of ours
 * (dead pid, same directory). True when it was removed, or was already gone.
 */
export function reclaimIfAbandoned(file: string, lockPath?: string): boolean {
  const rec = readOwner(file);
  if (!rec || (lockPath !== undefined && rec.lock !== lockPath) || rec.pid === process.pid || pidAlive(rec.pid)) return false;
  const st = fs.lstatSync(rec.lock, { throwIfNoEntry: false });
  if (st !== undefined) {
    if (!st.isDirectory() || st.ino !== rec.ino) {
      // Someone else holds a lock there now: only our registration is stale.
      fs.rmSync(file, { force: true });
      return false;
    }
    try {
      fs.rmdirSync(rec.lock);
    } catch {
      return false;
    }
  }
  fs.rmSync(file, { force: true });
  return true;
}

function register(ownersDir: string, lockPath: string): string | undefined {
  try {
    fs.mkdirSync(ownersDir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(lockPath);
    const file = ownerFile(ownersDir, lockPath);
    const rec: OwnerRecord = { pid: process.pid, lock: lockPath, ino: st.ino, at: new Date().toISOString() };
    // No fsync: a registration lost in a crash only means waiting the stale time, as before.
    fs.writeFileSync(file, JSON.stringify(rec) + '\n', { mode: 0o600 });
    return file;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Take `<file>.lock`; resolves to the release function. Throws FileEditError LOCK_TIMEOUT. */
export async function acquireEditLock(file: string, opts: EditLockOptions): Promise<() => Promise<void>> {
  const lockPath = `${file}.lock`;
  const deadline = Date.now() + opts.waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(file, {
        realpath: false,
        stale: opts.staleMs,
        update: Math.max(1000, Math.floor(opts.staleMs / 2)),
        retries: 0,
      });
      const reg = opts.ownersDir !== undefined ? register(opts.ownersDir, lockPath) : undefined;
      // Release first, then forget: killed in between leaves a registration whose lock is
      // gone (harmless), never a lock without its registration.
      return async () => {
        try {
          await release();
        } finally {
          if (reg !== undefined) fs.rmSync(reg, { force: true });
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new FileEditError({ code: 'LOCK_TIMEOUT', message: `${file}: could not take ${lockPath}`, file, cause: e });
      }
      if (opts.ownersDir !== undefined && reclaimIfAbandoned(ownerFile(opts.ownersDir, lockPath), lockPath)) continue;
      if (Date.now() >= deadline) {
        throw new FileEditError({ code: 'LOCK_TIMEOUT', message: `${file}: could not take ${lockPath}`, file, cause: e });
      }
      await sleep(Math.min(250, 20 * 1.2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/** Remove every abandoned lock registered in `ownersDir` (pass start). Returns how many. */
export function reclaimAbandonedLocks(ownersDir: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(ownersDir);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    if (!/^[0-9a-f]{32}\.json$/.test(name)) continue;
    const file = path.join(ownersDir, name);
    const rec = readOwner(file);
    const existed = rec !== undefined && fs.existsSync(rec.lock);
    if (reclaimIfAbandoned(file) && existed) n++;
  }
  return n;
}
