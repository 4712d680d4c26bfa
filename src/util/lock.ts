// The one synchronous cross-process lock of the state folder (the policy state, the spool):
// proper-lockfile's lock, a directory made with mkdir (atomic on every local file system),
// refreshed while held and stale after `staleMs` without refresh, so a holder that crashed
// blocks the others for at most that long. Holders keep it for milliseconds.
//
// Synchronous on purpose: event producers emit synchronously (EventSink.emit returns void)
// and the policy state is written inside synchronous verification, so waiting is a short
// sleep loop (Atomics.wait), not an async retry.
import type * as Lockfile from 'proper-lockfile';
import { UnavailableError } from '../errors';

export interface SyncLockOptions {
  /** The lock directory proper-lockfile makes (e.g. `<dir>/.lock`). */
  lockfilePath: string;
  staleMs: number;
  /** Give up after this long; longer than staleMs, so a crashed holder's lock is always taken over. */
  waitMs: number;
  pollMs?: number;
  /** The error for "held by someone else for longer than waitMs" (default UnavailableError LOCK_TIMEOUT). */
  busy?: () => Error;
  /** The error for any other failure to take it (default UnavailableError LOCK_HELD). */
  failed?: (code: string, cause: unknown) => Error;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Run `fn` holding the lock on `target` (proper-lockfile tracks locks by it: one per lock). */
export function withLockSync<T>(target: string, o: SyncLockOptions, fn: () => T): T {
  // Loaded on first use: `exec` only reads state, and this is 3 MiB it never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lockfile = require('proper-lockfile') as typeof Lockfile;
  const deadline = Date.now() + o.waitMs;
  let release: () => void;
  for (;;) {
    try {
      release = lockfile.lockSync(target, {
        lockfilePath: o.lockfilePath,
        realpath: false,
        stale: o.staleMs,
        // A compromised lock (someone removed it) must not throw from a timer and kill the
        // process; the write it protected has completed or will be retried.
        onCompromised: () => undefined,
      });
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      if (code !== 'ELOCKED') {
        throw (
          o.failed?.(code, e) ??
          new UnavailableError({
            code: 'LOCK_HELD',
            message: `${o.lockfilePath}: cannot take the lock (${code})`,
            file: o.lockfilePath,
            cause: e,
          })
        );
      }
      if (Date.now() >= deadline) {
        throw (
          o.busy?.() ??
          new UnavailableError({
            code: 'LOCK_TIMEOUT',
            message: `${o.lockfilePath}: held by another process for over ${o.waitMs} ms`,
            file: o.lockfilePath,
          })
        );
      }
      Atomics.wait(sleeper, 0, 0, o.pollMs ?? 5);
    }
  }
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // Already released, or taken over as stale: nothing left to undo.
    }
  }
}
