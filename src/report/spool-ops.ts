// Spool operations used by the spool handle and the sender: read pending, acknowledge,
// move to dead letters. Each change is one atomic rewrite under the spool lock.
import type { DriftEvent } from '../events/types';
import { appendDeadLetters, type DeadLetterInput } from './spool-dead';
import { looksLikeEvent, readLines, rewriteLines, type SpoolPaths } from './spool-files';
import { withSpoolLock } from './spool-lock';
import { readState, writeState } from './spool-state';

/** Pending events, oldest first, each id once. No lock: files are replaced atomically. */
export function readPending(paths: SpoolPaths): DriftEvent[] {
  const seen = new Set<string>();
  const out: DriftEvent[] = [];
  for (const l of readLines(paths.events, looksLikeEvent).lines) {
    if (seen.has(l.value.id)) continue;
    seen.add(l.value.id);
    out.push(l.value);
  }
  return out;
}

export function ackIds(paths: SpoolPaths, ids: readonly string[]): number {
  if (ids.length === 0) return 0;
  const gone = new Set(ids);
  return withSpoolLock(paths.dir, () => {
    const { lines, corrupt } = readLines(paths.events, looksLikeEvent);
    const keep = lines.filter((l) => !gone.has(l.value.id));
    const removed = lines.length - keep.length;
    if (removed === 0 && corrupt === 0) return 0;
    rewriteLines(
      paths.events,
      keep.map((l) => JSON.stringify(l.value)),
    );
    if (corrupt > 0) {
      const state = readState(paths.state);
      state.corrupt += corrupt;
      writeState(paths.state, state);
    }
    return removed;
  });
}

export function moveToDead(paths: SpoolPaths, entries: readonly DeadLetterInput[]): number {
  if (entries.length === 0) return 0;
  const byId = new Map(entries.map((e) => [e.id, e]));
  return withSpoolLock(paths.dir, () => {
    const { lines } = readLines(paths.events, looksLikeEvent);
    const moving = lines.filter((l) => byId.has(l.value.id));
    if (moving.length === 0) return 0;
    const state = readState(paths.state);
    appendDeadLetters(
      paths,
      moving.map((l) => ({ event: l.value, ...byId.get(l.value.id)! })),
      state,
    );
    rewriteLines(
      paths.events,
      lines.filter((l) => !byId.has(l.value.id)).map((l) => JSON.stringify(l.value)),
    );
    writeState(paths.state, state);
    return moving.length;
  });
}
