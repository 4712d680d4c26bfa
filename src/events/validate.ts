// Validation of drift events against schemas/drift-event.schema.json. Used at both ends:
// the spool refuses an invalid event before it is written (a producer bug must not poison
// the spool), and the collector refuses one before it is stored.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../schemas/drift-event.schema.json';
import { formatJsonPath, pointerToSegments } from '../util/jsonpath';
import type { DriftEvent } from './types';

/** Serialized size cap for one event (bytes). Keeps one event from filling a spool or a batch. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface EventProblem {
  /** JSON path inside the event, e.g. `$.device.id`. */
  path: string;
  message: string;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Compiled lazily once: ajv compilation costs milliseconds, validation microseconds.
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['date-time']);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Every problem with `value` as a drift event; empty when it is valid. */
export function eventProblems(value: unknown): EventProblem[] {
  const v = validator();
  if (!v(value)) {
    return (v.errors ?? []).map((e) => {
      const segs = pointerToSegments(e.instancePath);
      if (e.keyword === 'additionalProperties') {
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        if (extra !== undefined) segs.push(extra);
        return { path: formatJsonPath(segs), message: 'unknown property' };
      }
      if (e.keyword === 'enum') {
        const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
        return { path: formatJsonPath(segs), message: `must be one of ${allowed.map(String).join(', ')}` };
      }
      return { path: formatJsonPath(segs), message: e.message ?? 'invalid' };
    });
  }
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
