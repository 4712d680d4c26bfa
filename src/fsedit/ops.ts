// Pure JSON edits: the op type, applying ops to a text with jsonc-parser (format-preserving,
// deletions byte-minimal), and the structural result they should produce. No I/O.
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import type { PathSegment } from '../util/jsonpath';
import { cloneJson, getOwn, jsonEqual, setOwn } from '../util/json-safe';
import { detectFormatting } from './format';
import { withFormatting } from './window';

export interface JsonEditOp {
  path: PathSegment[];
  /** New value; `undefined` deletes the key (or array element). */
  value: unknown;
  /**
   * Precondition checked on the fresh read inside the lock: the op applies only if the
   * current value at `path` deep-equals `expect.value` (`undefined` = must be absent).
   * This is how a plan computed earlier refuses to act on an entry that changed since.
   */
  expect?: { value: unknown };
  /**
   * Ops sharing a group apply together or not at all: before the first of them runs, every
   * one is checked (precondition, parent, something to delete); if one would be skipped,
   * all are reported skipped. A rename (insert the new name, delete the old) is one group.
   */
  group?: string;
}

export interface SkippedOp {
  op: JsonEditOp;
  reason: 'changed' | 'parent-missing';
}

export type OpsFn = (current: unknown, text: string) => JsonEditOp[];

/** Parse JSON strictly enough for Claude Code's files; undefined + errors when it does not parse. */
export function parseJsonText(text: string): { value: unknown; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return { value, errors };
}

/** The value at `path`: own properties only (a server named `constructor` is not Object's). */
export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = value;
  for (const seg of path) cur = getOwn(cur, seg);
  return cur;
}

type OpCheck = { ok: true; noop: boolean } | { ok: false; reason: SkippedOp['reason'] };

function checkOp(value: unknown, op: JsonEditOp): OpCheck {
  if (op.expect && !jsonEqual(getAt(value, op.path), op.expect.value)) return { ok: false, reason: 'changed' };
  const parent = getAt(value, op.path.slice(0, -1));
  if (op.path.length > 0 && (parent === null || typeof parent !== 'object')) {
    // Deleting under a missing parent: already absent.
    return op.value === undefined ? { ok: true, noop: true } : { ok: false, reason: 'parent-missing' };
  }
  return { ok: true, noop: op.value === undefined && getAt(value, op.path) === undefined };
}

/** Apply `ops` to `text`: pure. Returns the new text and which ops applied. */
export function applyOps(text: string, ops: readonly JsonEditOp[]): { text: string; applied: JsonEditOp[]; skipped: SkippedOp[] } {
  const fmt = detectFormatting(text);
  let cur = text;
  const applied: JsonEditOp[] = [];
  const skipped: SkippedOp[] = [];
  const groups = new Map<string, SkippedOp['reason'] | null>();
  for (const op of ops) {
    const value = parseJsonText(cur).value;
    if (op.group !== undefined && !groups.has(op.group)) {
      let failure: SkippedOp['reason'] | null = null;
      for (const member of ops.filter((o) => o.group === op.group)) {
        const c = checkOp(value, member);
        if (!c.ok) failure ??= c.reason;
        else if (c.noop) failure ??= 'changed';
      }
      groups.set(op.group, failure);
    }
    const groupFailure = op.group !== undefined ? groups.get(op.group) : null;
    if (groupFailure) {
      skipped.push({ op, reason: groupFailure });
      continue;
    }
    const c = checkOp(value, op);
    if (!c.ok) {
      skipped.push({ op, reason: c.reason });
      continue;
    }
    if (c.noop) continue;
    // Deletions: no formatting options, so every other byte stays as it was. Insertions and
    // replacements are formatted by our withFormatting(), not jsonc-parser's: its formatter
    // re-indents the whole touched line, which in a minified file nested thousands deep is
    // the whole file at quadratic cost (a 120 KB settings file: 5 s, found by fuzzing).
    const edits = modify(cur, op.path, op.value, {});
    const only = edits.length === 1 ? edits[0] : undefined;
    cur = op.value !== undefined && only ? withFormatting(cur, only, fmt) : applyEdits(cur, edits);
    applied.push(op);
  }
  return { text: cur, applied, skipped };
}

/** The structural result we expect: `before` with the applied ops, for verification. */
export function expectedValue(before: unknown, applied: readonly JsonEditOp[]): unknown {
  // Iterative copy, not a JSON round trip or structuredClone: values may nest deeper than
  // the stack, and this keeps one realm (jest).
  const root: unknown = cloneJson(before);
  for (const op of applied) {
    const parent = getAt(root, op.path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
    const key = op.path[op.path.length - 1];
    if (key === undefined) continue;
    if (op.value === undefined) {
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<string | number, unknown>)[key];
    } else {
      setOwn(parent, key, cloneJson(op.value));
    }
  }
  return root;
}
