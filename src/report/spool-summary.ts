// The record of what a full spool dropped: one `agent.events_dropped` event, so the
// collector (and the admin) learn about every drop. There is at most one such event
// pending: a new drop merges into it instead of adding another, and it only takes free
// space (it never pushes out an event), so a spool that stays full cannot fill up with
// summaries. Until it fits, the counts wait in state.json (`unreported`).
import type { EventFactory } from '../events/factory';
import type { DriftEvent } from '../events/types';
import { eventProblems } from '../events/validate';
import { appendLines, looksLikeEvent, readLines, rewriteLines, type SpoolPaths } from './spool-files';
import type { Counter, SpoolState } from './spool-state';

function merge(into: Counter, e: DriftEvent): void {
  const d = e.detail ?? {};
  into.total += typeof d.dropped === 'number' ? d.dropped : 0;
  const by = d.byKind;
  if (typeof by === 'object' && by !== null) {
    for (const [k, n] of Object.entries(by as Record<string, unknown>)) {
      if (typeof n === 'number') into.byKind[k] = (into.byKind[k] ?? 0) + n;
    }
  }
}

/** Under the spool lock. True when the unreported drops are now covered by a pending event. */
export function placeDropSummary(paths: SpoolPaths, maxBytes: number, state: SpoolState, factory: EventFactory): boolean {
  const { lines, corrupt } = readLines(paths.events, looksLikeEvent);
  const old = lines.filter((l) => l.value.kind === 'agent.events_dropped');
  const counts: Counter = { total: state.unreported.total, byKind: { ...state.unreported.byKind } };
  for (const o of old) merge(counts, o.value);
  const summary = factory({
    kind: 'agent.events_dropped',
    severity: 'medium',
    action: 'none',
    message: `the report spool was full: ${counts.total} event(s) dropped`,
    detail: { dropped: counts.total, byKind: counts.byKind, droppedTotal: state.dropped.total },
  });
  if (eventProblems(summary).length > 0) return false;
  const line = JSON.stringify(summary);
  const rest = lines.filter((l) => l.value.kind !== 'agent.events_dropped');
  const used = rest.reduce((n, l) => n + l.bytes, 0);
  if (used + Buffer.byteLength(line) + 1 > maxBytes) return false;
  if (old.length === 0 && corrupt === 0) {
    appendLines(paths.events, [line]);
  } else {
    rewriteLines(paths.events, [...rest.map((l) => JSON.stringify(l.value)), line]);
    state.corrupt += corrupt;
  }
  state.unreported = { total: 0, byKind: {} };
  return true;
}
