// The spool's cross-process lock. The agent, `reconcile --once` and every `exec` launch of
// the same user may write the spool at the same moment; every change to a spool file
// (append, acknowledge, dead-letter, state) happens while holding `spool/.lock`.
//
// proper-lockfile's lock is a directory made with mkdir (atomic on every local file system),
// refreshed while held and considered stale after STALE_MS without refresh, so a process
// that crashed while holding it blocks the others for at most STALE_MS. Holders keep it
// for milliseconds (one append + fsync, or one rewrite of a capped file).
//
// Producers emit synchronously (EventSink.emit returns void), so waiting for the lock is
// a short synchronous sleep loop rather than an async retry.
import * as lockfile from 'proper-lockfile';
import * as path from 'node:path';
import { ReportError } from './errors';

const STALE_MS = 10_000;
/** Longer than STALE_MS, so a lock left by a crashed process is always taken over in time. */
export const LOCK_WAIT_MS = 15_000;
const POLL_MS = 5;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function withSpoolLock<T>(dir: string, fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const lockPath = path.join(dir, '.lock');
  const deadline = Date.now() + waitMs;
  let release: (() => void) | undefined;
  for (;;) {
    try {
      // proper-lockfile tracks its locks by the first argument: give each lock its own.
      release = lockfile.lockSync(path.join(dir, 'spool'), {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        // A compromised lock (someone removed it) must not throw from a timer and kill the
        // agent; the write it protected has either completed or will be retried.
        onCompromised: () => undefined,
      });
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') {
        throw new ReportError({ code: 'SPOOL_IO', message: `${lockPath}: cannot take the spool lock (${code ?? 'error'})`, file: lockPath, cause: e });
      }
      if (Date.now() >= deadline) {
        throw new ReportError({ code: 'SPOOL_LOCKED', message: `${lockPath}: held by another process for over ${waitMs} ms`, file: lockPath });
      }
      sleepSync(POLL_MS);
    }
  }
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // Already released or taken over as stale: nothing left to undo.
    }
  }
}

/**
 * The send lock: only one process sends the spool at a time (duplicates would be harmless,
 * the collector deduplicates, but wasteful). Returns undefined when another process holds it.
 */
export async function trySendLock(dir: string): Promise<(() => Promise<void>) | undefined> {
  try {
    return await lockfile.lock(path.join(dir, 'send'), {
      lockfilePath: path.join(dir, '.send.lock'),
      realpath: false,
      stale: STALE_MS,
      retries: 0,
      onCompromised: () => undefined,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw new ReportError({ code: 'SPOOL_IO', message: `${dir}: cannot take the send lock`, file: dir, cause: e });
  }
}
