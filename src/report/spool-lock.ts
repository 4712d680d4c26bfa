// The spool's cross-process lock. The agent, `reconcile --once` and every `exec` launch of
// the same user may write the spool at the same moment; every change to a spool file
// (append, acknowledge, dead-letter, state) happens while holding `spool/.lock`.
// The lock itself is util/lock.ts (shared with the policy state).
import * as lockfile from 'proper-lockfile';
import * as path from 'node:path';
import { ReportError } from './errors';
import { withLockSync } from '../util/lock';

const STALE_MS = 10_000;
/** Longer than STALE_MS, so a lock left by a crashed process is always taken over in time. */
export const LOCK_WAIT_MS = 15_000;
const POLL_MS = 5;

export function withSpoolLock<T>(dir: string, fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const lockPath = path.join(dir, '.lock');
  return withLockSync(
    path.join(dir, 'spool'),
    {
      lockfilePath: lockPath,
      staleMs: STALE_MS,
      waitMs,
      pollMs: POLL_MS,
      busy: () =>
        new ReportError({ code: 'SPOOL_LOCKED', message: `${lockPath}: held by another process for over ${waitMs} ms`, file: lockPath }),
      failed: (code, cause) =>
        new ReportError({ code: 'SPOOL_IO', message: `${lockPath}: cannot take the spool lock (${code})`, file: lockPath, cause }),
    },
    fn,
  );
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
