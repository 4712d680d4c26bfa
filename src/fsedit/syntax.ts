// Edits of files that are not strict JSON: JSON with comments (VS Code, Cursor, Windsurf,
// Gemini CLI) and TOML (Codex CLI). Same contract as computeEdit (compute.ts): ops carry
// preconditions checked on the fresh text, the result is verified to parse to exactly
// what the applied ops mean, and a text that does not parse is never rewritten.
// JSONC: jsonc-parser `modify` (comments and layout outside the edited member kept).
// TOML: @decimalturn/toml-patch `patch`, which diffs the parsed document against the
// wanted one and rewrites only what differs, keeping comments and layout.
import { applyEdits, modify } from 'jsonc-parser';
import { tomlPatch } from './toml';
import { parseJsonc, parseToml, type ParseOutcome } from './parse';
import { formatJsonPath } from '../util/jsonpath';
import { cloneJson, getOwn, jsonEqual, setOwn } from '../util/json-safe';
import type { PathSegment } from '../util/jsonpath';
import { FileEditError } from './errors';
import { detectFormatting } from './format';
import { expectedValue, getAt, type JsonEditOp, type OpsFn, type SkippedOp } from './ops';
import type { Computed } from './compute';

export type EditSyntax = 'jsonc' | 'toml';

function parseFailed(file: string, syntax: EditSyntax, problem: string): FileEditError {
  return new FileEditError({
    code: 'PARSE_ERROR',
    message: `${file}: not valid ${syntax === 'toml' ? 'TOML' : 'JSON'} (${problem}); left untouched`,
    file,
  });
}

function verifyFailed(file: string, applied: readonly JsonEditOp[]): FileEditError {
  const op = applied[0];
  return new FileEditError({
    code: 'VERIFY_FAILED',
    message: `${file}: the edit did not produce the intended document; nothing written`,
    file,
    jsonPath: op ? formatJsonPath(op.path) : undefined,
  });
}

function parseAs(syntax: EditSyntax, text: string): ParseOutcome {
  return syntax === 'toml' ? parseToml(text) : parseJsonc(text);
}

/** Which ops apply to `value` (preconditions, parents, groups: both or neither). */
function select(value: unknown, ops: readonly JsonEditOp[]): { apply: JsonEditOp[]; skipped: SkippedOp[] } {
  const why = (op: JsonEditOp): SkippedOp['reason'] | 'noop' | undefined => {
    if (op.expect && !jsonEqual(getAt(value, op.path), op.expect.value)) return 'changed';
    const parent = getAt(value, op.path.slice(0, -1));
    if (parent === null || typeof parent !== 'object') return op.value === undefined ? 'noop' : 'parent-missing';
    return op.value === undefined && getAt(value, op.path) === undefined ? 'noop' : undefined;
  };
  const apply: JsonEditOp[] = [];
  const skipped: SkippedOp[] = [];
  for (const op of ops) {
    const members = op.group === undefined ? [op] : ops.filter((o) => o.group === op.group);
    const failing = members.map(why).find((r) => r !== undefined);
    const r = why(op);
    if (op.group !== undefined && failing !== undefined) skipped.push({ op, reason: failing === 'noop' ? 'changed' : failing });
    else if (r === 'changed' || r === 'parent-missing') skipped.push({ op, reason: r });
    else if (r === undefined) apply.push(op);
  }
  return { apply, skipped };
}

function editJsoncText(text: string, ops: readonly JsonEditOp[]): string {
  const fmt = detectFormatting(text);
  let cur = text;
  for (const op of ops) {
    // Deletions without formatting options: every other byte stays as it was.
    const edits = modify(cur, op.path, op.value, op.value === undefined ? {} : { formattingOptions: fmt });
    cur = applyEdits(cur, edits);
  }
  return cur;
}

/** `root` with `ops` applied, copying only the objects on each op's path: every value the
 * ops do not touch stays the very same object (TOML date-times are Date objects). */
function applyShared(root: unknown, ops: readonly JsonEditOp[]): unknown {
  let out = root;
  for (const op of ops) out = setShared(out, op.path, 0, op.value);
  return out;
}

function setShared(node: unknown, p: readonly PathSegment[], i: number, value: unknown): unknown {
  const key = p[i];
  if (key === undefined || node === null || typeof node !== 'object') return node;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(node)
    ? [...(node as unknown[])]
    : { ...(node as Record<string, unknown>) };
  if (i < p.length - 1) setOwn(copy, key, setShared(getOwn(node, key), p, i + 1, value));
  else if (value !== undefined) setOwn(copy, key, cloneJson(value));
  else if (Array.isArray(copy) && typeof key === 'number') copy.splice(key, 1);
  else delete (copy as Record<string | number, unknown>)[key];
  return copy;
}

/** Deep equality that tells a TOML date-time from a table (jsonEqual sees own keys only). */
function tomlEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.constructor === b.constructor && jsonEqual(a, b) && a.getTime() === b.getTime();
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return jsonEqual(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && tomlEqual(getOwn(a, k), getOwn(b, k)));
}

function editTomlText(text: string, exact: unknown, ops: readonly JsonEditOp[]): string {
  // The wanted document is built from an exact parse (large integers as bigint), sharing
  // every untouched value, so the patch sees no difference anywhere the ops do not touch.
  const wanted = applyShared(exact, ops);
  const out = tomlPatch().patch(text, wanted);
  return text.endsWith('\n') && !out.endsWith('\n') && out !== '' ? `${out}\n` : out;
}

function verified(syntax: EditSyntax, after: unknown, before: unknown, applied: readonly JsonEditOp[]): boolean {
  if (syntax === 'jsonc') return jsonEqual(after, expectedValue(before, applied));
  try {
    return tomlEqual(after, applyShared(before, applied));
  } catch (e) {
    // A document nested deeper than the stack: not verifiable, so not written.
    if (e instanceof RangeError) return false;
    throw e;
  }
}

/** Decide and compute an edit of a JSONC or TOML text, verified. */
export function computeSyntaxEdit(file: string, syntax: EditSyntax, text: string, ops: JsonEditOp[] | OpsFn): Computed {
  const p = parseAs(syntax, text);
  if (!p.ok) throw parseFailed(file, syntax, p.problem);
  const before = p.value;
  const list = typeof ops === 'function' ? ops(cloneJson(before), text) : ops;
  const { apply, skipped } = select(before, list);
  if (apply.length === 0) return { next: text, applied: [], skipped, before: () => before, after: () => before };
  let next: string;
  try {
    if (syntax === 'jsonc') {
      next = editJsoncText(text, apply);
    } else {
      const exact = parseToml(text, true);
      if (!exact.ok) throw parseFailed(file, syntax, exact.problem);
      next = editTomlText(text, exact.value, apply);
    }
  } catch (e) {
    if (e instanceof FileEditError) throw e;
    throw verifyFailed(file, apply);
  }
  const check = parseAs(syntax, next);
  if (!check.ok || !verified(syntax, check.value, before, apply)) throw verifyFailed(file, apply);
  const after = check.value;
  return { next, applied: apply, skipped, before: () => before, after: () => after };
}
