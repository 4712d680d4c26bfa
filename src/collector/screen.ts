// Per-event checks of a POSTed batch, pure: each event is accepted or rejected alone, with
// a code, so that one hostile event never costs the batch (nor answers 500). Order: depth
// first (iterative, before anything that recurses: ajv, JSON.stringify), then the schema,
// then the time, then the binding to the device that authenticated.
import type { DriftEvent } from '../events/types';
import { describeProblems, eventProblems } from '../events/validate';
import { parseRfc3339 } from '../util/time';

/** Deepest nesting accepted in one event (the event object is depth 1). Heartbeats need 5. */
export const MAX_EVENT_DEPTH = 32;

export type RejectCode =
  /** Not a drift event per schemas/drift-event.schema.json (or over the size cap). */
  | 'EVENT_INVALID'
  /** Nested deeper than MAX_EVENT_DEPTH (usually `detail`). */
  | 'EVENT_TOO_DEEP'
  /** `time` is not a strict RFC 3339 date-time with a time zone. */
  | 'TIME_INVALID'
  /** `device.id` is not the device whose credential sent the batch. */
  | 'DEVICE_MISMATCH';

export interface Rejected {
  index: number;
  id?: string;
  code: RejectCode;
  reason: string;
}

export interface Screened {
  good: DriftEvent[];
  rejected: Rejected[];
}

/** Whether anything in `value` is nested deeper than `max`. Iterative, no allocation per value. */
function deeperThan(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    if (Array.isArray(v)) {
      for (const x of v as unknown[]) {
        values.push(x);
        depths.push(depth + 1);
      }
    } else {
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        values.push((v as Record<string, unknown>)[k]);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * The JSON path of the first value nested deeper than `max`, or undefined. Iterative.
 * Paths are built only for a value that is too deep (the common case pays a plain walk).
 */
export function tooDeep(value: unknown, max: number): string | undefined {
  if (!deeperThan(value, max)) return undefined;
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '$' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return path;
    if (Array.isArray(v)) v.forEach((x: unknown, i) => stack.push({ v: x, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, depth: depth + 1, path: `${path}.${k.slice(0, 64)}` });
  }
  return undefined;
}

/**
 * Leap seconds: `23:59:60Z` is read as the first instant of the next second, as the agent
 * reads its allowlist's `expires` (src/util/time.ts), and the stored `time` says so in
 * canonical form (`Date.parse`, used by admin tools and API clients, cannot read `:60`).
 */
function normalisedTime(e: DriftEvent): DriftEvent | undefined {
  const ms = parseRfc3339(e.time);
  if (ms === undefined) return undefined;
  return Number.isNaN(Date.parse(e.time)) ? { ...e, time: new Date(ms).toISOString() } : e;
}

/**
 * Screen a batch. `device` is the id the credential belongs to; undefined only for a
 * shared-token caller the operator chose to let through (--allow-shared-token-events).
 */
export function screenEvents(events: readonly unknown[], device: string | undefined): Screened {
  const good: DriftEvent[] = [];
  const rejected: Rejected[] = [];
  events.forEach((e: unknown, index) => {
    const raw = (e as { id?: unknown } | null)?.id;
    const id = typeof raw === 'string' ? { id: raw.slice(0, 128) } : {};
    const reject = (code: RejectCode, reason: string) => rejected.push({ index, ...id, code, reason: reason.slice(0, 500) });
    const deep = tooDeep(e, MAX_EVENT_DEPTH);
    if (deep !== undefined) return reject('EVENT_TOO_DEEP', `${deep}: nested deeper than ${MAX_EVENT_DEPTH} levels`);
    const problems = eventProblems(e);
    if (problems.length > 0) return reject('EVENT_INVALID', describeProblems(problems.slice(0, 10)));
    const ev = normalisedTime(e as DriftEvent);
    if (!ev) return reject('TIME_INVALID', '$.time: not an RFC 3339 date-time with a time zone');
    if (device !== undefined && ev.device.id !== device) {
      return reject('DEVICE_MISMATCH', `$.device.id: this credential belongs to device ${device}, not ${ev.device.id}`);
    }
    good.push(ev);
    return undefined;
  });
  return { good, rejected };
}
