// The durable spool: drift events wait here until the collector acknowledged them.
// Append-only and fsync'd, bounded (when full, heartbeats go first, then low-priority
// events; every drop is counted and itself reported), crash-safe (a torn line is skipped),
// and shared by every process of the user (the agent, `reconcile --once`, `exec`) through
// one lock (spool-lock.ts). See docs/reporting.md.
import { log } from '../log/logger';
import { describeError } from '../errors';
import type { EventFactory } from '../events/factory';
import type { DriftEvent, DriftEventInput, EventSink } from '../events/types';
import { describeProblems, eventProblems } from '../events/validate';
import { planRoom } from './spool-evict';
import {
  appendLines,
  ensureSpoolDir,
  fileSize,
  looksLikeEvent,
  readLines,
  rewriteLines,
  spoolPaths,
  type Line,
  type SpoolPaths,
} from './spool-files';
export { readPending } from './spool-ops';
import { withSpoolLock } from './spool-lock';
import { bump, readState, writeState, type SpoolState } from './spool-state';
import type { DeadLetterInput } from './spool-dead';
import { ackIds, moveToDead, readPending } from './spool-ops';
import { spoolStatus, type SpoolStatus } from './spool-status';
import { placeDropSummary } from './spool-summary';

/** Default cap for events.jsonl (agent config `report.spoolMaxBytes`). */
export const DEFAULT_SPOOL_MAX_BYTES = 10 * 1024 * 1024;

export type EmitResult = 'spooled' | 'dropped' | 'invalid' | 'failed';

export interface SpoolOptions {
  /** Builds complete events (id, time, device, policy) from what producers supply. */
  factory: EventFactory;
  /** Byte cap for pending events. Default DEFAULT_SPOOL_MAX_BYTES. */
  maxBytes?: number;
}

export interface Spool extends EventSink {
  readonly dir: string;
  /** Never throws: a failure is logged and counted (a reporting problem must not stop a pass). */
  emit(input: DriftEventInput): void;
  /** Spool a complete event; says what happened to it. */
  emitEvent(event: DriftEvent): EmitResult;
  /**
   * A pass's events under one lock: when they all fit, one append and one fsync; otherwise
   * each is placed as emitEvent would (same cap, same eviction). Never throws.
   */
  emitMany(inputs: readonly DriftEventInput[]): void;
  /** emitMany of complete events; says what happened to each, in order. */
  emitEvents(events: readonly DriftEvent[]): EmitResult[];
  /** Events not yet acknowledged, oldest first. */
  pending(): DriftEvent[];
  /** Remove events the collector acknowledged. Returns how many left the spool. */
  ack(ids: readonly string[]): number;
  /** Move events the collector refused for good to dead.jsonl. Returns how many moved. */
  deadLetter(entries: readonly DeadLetterInput[]): number;
  status(): SpoolStatus;
}

export function openSpool(stateDir: string, opts: SpoolOptions): Spool {
  const paths = spoolPaths(stateDir);
  ensureSpoolDir(paths);
  const maxBytes = opts.maxBytes ?? DEFAULT_SPOOL_MAX_BYTES;
  const spool: Spool = {
    dir: paths.dir,
    emit(input) {
      let event: DriftEvent;
      try {
        event = opts.factory(input);
      } catch (e) {
        log().error('drift event could not be built', { kind: input.kind, error: describeError(e) });
        return;
      }
      spool.emitEvent(event);
    },
    emitEvent(event) {
      const problems = eventProblems(event);
      if (problems.length > 0) {
        // A producer bug: never spooled (the collector would refuse it anyway), but counted.
        log().error('invalid drift event refused by the spool', { kind: event.kind, problems: describeProblems(problems) });
        try {
          withSpoolLock(paths.dir, () => {
            const state = readState(paths.state);
            bump(state.invalid, String(event.kind));
            writeState(paths.state, state);
          });
        } catch (e) {
          log().error('spool state not updated', { error: describeError(e) });
        }
        return 'invalid';
      }
      try {
        return withSpoolLock(paths.dir, () => place(paths, maxBytes, event, opts.factory));
      } catch (e) {
        log().error('drift event could not be spooled', { kind: event.kind, id: event.id, error: describeError(e) });
        return 'failed';
      }
    },
    emitMany(inputs) {
      const events: DriftEvent[] = [];
      for (const input of inputs) {
        try {
          events.push(opts.factory(input));
        } catch (e) {
          log().error('drift event could not be built', { kind: input.kind, error: describeError(e) });
        }
      }
      spool.emitEvents(events);
    },
    emitEvents(events) {
      if (events.length === 0) return [];
      const problems = events.map((e) => eventProblems(e));
      for (const [i, p] of problems.entries()) {
        if (p.length > 0) log().error('invalid drift event refused by the spool', { kind: events[i].kind, problems: describeProblems(p) });
      }
      const valid = events.filter((_, i) => problems[i].length === 0);
      const invalid = events.filter((_, i) => problems[i].length > 0).map((e) => String(e.kind));
      try {
        const placed = withSpoolLock(paths.dir, () => placeAll(paths, maxBytes, valid, invalid, opts.factory));
        let next = 0;
        return problems.map((p) => (p.length > 0 ? 'invalid' : (placed[next++] ?? 'failed')));
      } catch (e) {
        log().error('drift events could not be spooled', { events: valid.length, error: describeError(e) });
        return problems.map((p) => (p.length > 0 ? 'invalid' : 'failed'));
      }
    },
    pending: () => readPending(paths),
    ack: (ids) => ackIds(paths, ids),
    deadLetter: (entries) => moveToDead(paths, entries),
    status: () => spoolStatus(stateDir),
  };
  return spool;
}

/** Under the lock: report earlier drops if there are any, then place `event`. */
function place(paths: SpoolPaths, maxBytes: number, event: DriftEvent, factory: EventFactory): EmitResult {
  const state = readState(paths.state);
  const summarized = state.unreported.total > 0 && placeDropSummary(paths, maxBytes, state, factory);
  const before = state.dropped.total + state.corrupt;
  const result = placeOne(paths, maxBytes, event, state);
  if (summarized || state.dropped.total + state.corrupt !== before) writeState(paths.state, state);
  if (result === 'dropped') log().warn('spool full: drift event dropped', { kind: event.kind, id: event.id });
  return result;
}

/**
 * Under the lock: `place` for several events. Earlier drops are reported first, as for one
 * event; then, when everything fits under the cap, the lines go in one append (one write,
 * one fsync). A crash during it can only tear its last line, which readers skip.
 */
function placeAll(
  paths: SpoolPaths,
  maxBytes: number,
  events: readonly DriftEvent[],
  invalid: readonly string[],
  factory: EventFactory,
): EmitResult[] {
  const state = readState(paths.state);
  for (const k of invalid) bump(state.invalid, k);
  const summarized = state.unreported.total > 0 && placeDropSummary(paths, maxBytes, state, factory);
  const before = state.dropped.total + state.corrupt;
  const lines = events.map((e) => JSON.stringify(e));
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  let results: EmitResult[];
  if (events.length > 0 && fileSize(paths.events) + bytes <= maxBytes) {
    appendLines(paths.events, lines);
    results = events.map(() => 'spooled');
  } else {
    results = events.map((e) => placeOne(paths, maxBytes, e, state));
  }
  if (invalid.length > 0 || summarized || state.dropped.total + state.corrupt !== before) writeState(paths.state, state);
  for (const [i, r] of results.entries()) {
    if (r === 'dropped') log().warn('spool full: drift event dropped', { kind: events[i].kind, id: events[i].id });
  }
  return results;
}

function placeOne(paths: SpoolPaths, maxBytes: number, event: DriftEvent, state: SpoolState): EmitResult {
  const line = JSON.stringify(event);
  const bytes = Buffer.byteLength(line) + 1;
  if (fileSize(paths.events) + bytes <= maxBytes) {
    appendLines(paths.events, [line]);
    return 'spooled';
  }
  // Full: decide what (if anything) gives way; this reads the whole capped file.
  const { lines, corrupt } = readLines(paths.events, looksLikeEvent);
  const items = lines.map((l) => ({ kind: l.value.kind, severity: l.value.severity, bytes: l.bytes }));
  const plan = planRoom(items, { kind: event.kind, severity: event.severity, bytes }, maxBytes);
  if (!plan.accept) {
    bump(state.dropped, event.kind);
    bump(state.unreported, event.kind);
    if (corrupt > 0) compact(paths, lines, new Set(), state, corrupt);
    return 'dropped';
  }
  const evict = new Set(plan.evict);
  for (const i of evict) {
    const k = lines[i]?.value.kind ?? 'unknown';
    bump(state.dropped, k);
    bump(state.unreported, k);
  }
  compact(paths, lines, evict, state, corrupt, line);
  return 'spooled';
}

function compact(
  paths: SpoolPaths,
  lines: Line<DriftEvent>[],
  drop: Set<number>,
  state: SpoolState,
  corrupt: number,
  extra?: string,
): void {
  const keep = lines.filter((_, i) => !drop.has(i)).map((l) => JSON.stringify(l.value));
  if (extra !== undefined) keep.push(extra);
  rewriteLines(paths.events, keep);
  state.corrupt += corrupt;
}
