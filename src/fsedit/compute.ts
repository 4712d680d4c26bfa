// Deciding and computing one edit of a file's text, verified, before anything is written.
// Large files with a list of ops take the path in large.ts and are never parsed whole.
import { isDeepStrictEqual } from 'node:util';
import { printParseErrorCode } from 'jsonc-parser';
import { formatJsonPath } from '../util/jsonpath';
import { FileEditError } from './errors';
import { detectFormatting } from './format';
import { applyOpsLarge, LARGE_TEXT_CHARS } from './large';
import { verifyLarge } from './large-verify';
import { scanJson } from './scan';
import { applyOps, expectedValue, parseJsonText, type JsonEditOp, type OpsFn, type SkippedOp } from './ops';

/**
 * Parse for an edit. Large files use the native parser (jsonc-parser's is several times
 * slower and far hungrier on tens of MB); both accept exactly JSON.
 */
function parseForEdit(text: string): { value: unknown; problem?: string } {
  if (text.length >= LARGE_TEXT_CHARS) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // Not JSON.parse's message: it quotes the text around the error, which may be a secret.
      const s = scanJson(text, () => 'skip');
      return { value: undefined, problem: s.ok ? 'unparseable' : `${s.message} at offset ${s.offset}` };
    }
  }
  const parsed = parseJsonText(text);
  const e = parsed.errors[0];
  return e ? { value: undefined, problem: `${printParseErrorCode(e.error)} at offset ${e.offset}` } : { value: parsed.value };
}

export function parses(text: string): boolean {
  if (text.length >= LARGE_TEXT_CHARS) return scanJson(text, () => 'skip').ok;
  return parseJsonText(text).errors.length === 0;
}

export interface Computed {
  next: string;
  applied: JsonEditOp[];
  skipped: SkippedOp[];
  /** The parsed documents, computed on first use (a 20 MB tree is not built unless asked). */
  before: () => unknown;
  after: () => unknown;
}

function parseError(file: string, problem: string): FileEditError {
  return new FileEditError({ code: 'PARSE_ERROR', message: `${file}: not valid JSON (${problem}); left untouched`, file });
}

function verifyError(file: string, applied: readonly JsonEditOp[]): FileEditError {
  const bad = applied[0];
  return new FileEditError({
    code: 'VERIFY_FAILED',
    message: `${file}: the edit did not produce the intended JSON; nothing written`,
    file,
    jsonPath: bad ? formatJsonPath(bad.path) : undefined,
  });
}

function once<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v;
  };
}

/**
 * Decide and compute the edit of `text`, verified. Large files with a list of ops are never
 * parsed whole: one scan validates them and reads the values the ops look at (large.ts).
 */
export function computeEdit(file: string, text: string, ops: JsonEditOp[] | OpsFn): Computed {
  const large = text.length >= LARGE_TEXT_CHARS;
  let value: unknown;
  let parsed = false;
  const parse = (): unknown => {
    const p = parseForEdit(text);
    if (p.problem !== undefined) throw parseError(file, p.problem);
    parsed = true;
    return (value = p.value);
  };
  if (!large || typeof ops === 'function') parse();
  const list = typeof ops === 'function' ? ops(value, text) : ops;
  if (large) {
    const r = applyOpsLarge(text, list, detectFormatting(text));
    if (r && 'invalid' in r) throw parseError(file, r.invalid);
    if (r) {
      if (r.applied.length > 0 && !verifyLarge(text, r.text, r)) throw verifyError(file, r.applied);
      const next = r.text;
      return { next, applied: r.applied, skipped: r.skipped, before: once((): unknown => (parsed ? value : (JSON.parse(text) as unknown))), after: once((): unknown => JSON.parse(next) as unknown) };
    }
    if (!parsed) parse();
  }
  const r = applyOps(text, list);
  if (r.applied.length === 0) return { next: text, applied: r.applied, skipped: r.skipped, before: () => value, after: () => value };
  const check = parseJsonText(r.text);
  if (check.errors.length > 0 || !isDeepStrictEqual(check.value, expectedValue(value, r.applied))) throw verifyError(file, r.applied);
  return { next: r.text, applied: r.applied, skipped: r.skipped, before: () => value, after: () => check.value };
}

