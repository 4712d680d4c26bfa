// Validation of drift events against schemas/drift-event.schema.json. Used at both ends:
// the spool refuses an invalid event before it is written (a producer bug must not poison
// the spool), and the collector refuses one before it is stored.
import { validatorFrom } from '../schema/compile';
import { precompiled } from '../schema/validators';
import type { DriftEvent } from './types';

/** Serialized size cap for one event (bytes). Keeps one event from filling a spool or a batch. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface EventProblem {
  /** JSON path inside the event, e.g. `$.device.id`. */
  path: string;
  message: string;
}

// Precompiled from the schema with the project's shared ajv setup (src/schema/standalone.ts),
// every error with its path: the agent never loads ajv's compiler for its events.
const validator = validatorFrom<DriftEvent>(precompiled.driftEvent);

/** Every problem with `value` as a drift event; empty when it is valid. */
export function eventProblems(value: unknown): EventProblem[] {
  const issues = validator.validate(value);
  if (issues.length > 0) return issues.map((i) => ({ path: i.path, message: i.message }));
  const size = Buffer.byteLength(JSON.stringify(value));
  if (size > MAX_EVENT_BYTES) {
    return [{ path: '$', message: `${size} bytes is over the ${MAX_EVENT_BYTES}-byte limit for one event` }];
  }
  return [];
}

export function isDriftEvent(value: unknown): value is DriftEvent {
  return eventProblems(value).length === 0;
}

/** One line naming every problem, for logs and HTTP error bodies. */
export function describeProblems(problems: readonly EventProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
