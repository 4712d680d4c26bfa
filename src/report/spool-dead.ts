// dead.jsonl: events the collector refused for good (schema mismatch, a batch it cannot
// take), kept aside with the reason so an admin can see them in `status` and requeue them
// after fixing the cause, instead of being retried forever. Capped like the spool.
import type { DriftEvent } from '../events/types';
import { appendLines, fileSize, readLines, rewriteLines, looksLikeEvent, spoolPaths, type SpoolPaths } from './spool-files';
import type { SpoolState } from './spool-state';
import { withSpoolLock } from './spool-lock';

/** Cap for dead.jsonl in bytes; the oldest dead letters are discarded (and counted) beyond it. */
export const DEAD_MAX_BYTES = 1024 * 1024;

export interface DeadLetterInput {
  id: string;
  /** Why the collector refused it, no secrets. */
  reason: string;
  httpStatus?: number;
}

export interface DeadLetter {
  at: string;
  reason: string;
  httpStatus?: number;
  event: DriftEvent;
}

function isDeadLetter(v: unknown): v is DeadLetter {
  return typeof v === 'object' && v !== null && typeof (v as DeadLetter).reason === 'string' && looksLikeEvent((v as DeadLetter).event);
}

export function readDeadLetters(paths: SpoolPaths): DeadLetter[] {
  return readLines(paths.dead, isDeadLetter).lines.map((l) => l.value);
}

/** Under the spool lock. */
export function appendDeadLetters(
  paths: SpoolPaths,
  entries: readonly (DeadLetterInput & { event: DriftEvent })[],
  state: SpoolState,
): void {
  const at = new Date().toISOString();
  const lines = entries.map((e) =>
    JSON.stringify({
      at,
      reason: e.reason,
      ...(e.httpStatus === undefined ? {} : { httpStatus: e.httpStatus }),
      event: e.event,
    } satisfies DeadLetter),
  );
  const adding = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  if (fileSize(paths.dead) + adding <= DEAD_MAX_BYTES) {
    appendLines(paths.dead, lines);
    return;
  }
  const all = [...readLines(paths.dead, isDeadLetter).lines.map((l) => JSON.stringify(l.value)), ...lines];
  let total = all.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  let cut = 0;
  while (cut < all.length && total > DEAD_MAX_BYTES) {
    total -= Buffer.byteLength(all[cut] ?? '') + 1;
    cut++;
  }
  state.deadDiscarded += cut;
  rewriteLines(paths.dead, all.slice(cut));
}

/**
 * Put every dead letter back into the spool (after the cause was fixed, e.g. the collector
 * was upgraded). Returns how many were requeued. Ids are unchanged, so the collector still
 * deduplicates anything it already has. May take the spool over its cap by at most
 * DEAD_MAX_BYTES once.
 */
export function requeueDeadLetters(stateDir: string): number {
  const paths = spoolPaths(stateDir);
  return withSpoolLock(paths.dir, () => {
    const dead = readDeadLetters(paths);
    if (dead.length === 0) return 0;
    appendLines(
      paths.events,
      dead.map((d) => JSON.stringify(d.event)),
    );
    rewriteLines(paths.dead, []);
    return dead.length;
  });
}
