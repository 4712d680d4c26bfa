// Deciding and computing one edit of a file's text, verified, before anything is written.
// Lists of ops take the windowed path (large.ts) at every size: the document is scanned
// once and never built, so it is linear in the ops and takes every shape Claude Code loads
// (BOM, repeated keys, `__proto__`, any depth, invalid UTF-8 kept byte for byte). Only op
// shapes it does not handle (array paths, nested ops) fall back to jsonc-parser, and then
// only on texts jsonc-parser reads as JSON.parse does.
import { formatJsonPath } from '../util/jsonpath';
import { jsonEqual } from '../util/json-safe';
import { FileEditError } from './errors';
import { detectFormatting } from './format';
import { applyOpsLarge } from './large';
import { verifyLarge } from './large-verify';
import { bomLength, decodeSlice, scanJson } from './json-scan';
import { applyOps, expectedValue, type JsonEditOp, type OpsFn, type SkippedOp } from './ops';

/**
 * Parse for an edit the way Claude Code reads the file: a leading BOM dropped, then
 * JSON.parse (iterative, last duplicate wins, `__proto__` an own key). `bytes`: the text
 * is a latin1 view of the file's bytes; the values are those of its UTF-8 decoding.
 */
export function parseForEdit(text: string, bytes = false): { value: unknown; problem?: string } {
  try {
    const decoded = decodeSlice(text, bytes);
    return { value: JSON.parse(decoded.slice(bomLength(decoded))) as unknown };
  } catch {
    // Not JSON.parse's message: it quotes the text around the error, which may be a secret.
    const s = scanJson(
      text,
      () => 'skip',
      () => false,
      bytes,
    );
    return { value: undefined, problem: s.ok ? 'unparseable' : `${s.message} at offset ${s.offset}` };
  }
}

export function parses(text: string, bytes = false): boolean {
  return scanJson(
    text,
    () => 'skip',
    () => false,
    bytes,
  ).ok;
}

/**
 * Texts jsonc-parser (the fallback) would read differently from JSON.parse: a BOM, a key
 * that could be `__proto__` (jsonc-parser assigns keys, which sets the prototype), a
 * latin1 view of the bytes. jsonc-parser also recurses; depth is checked separately.
 */
function jsoncUnsafe(text: string, bytes: boolean): boolean {
  return bytes || bomLength(text) > 0 || text.includes('__proto__') || /\\u00(5f|5F)/.test(text);
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

function verifyError(file: string, applied: readonly JsonEditOp[], why = 'the edit did not produce the intended JSON'): FileEditError {
  const bad = applied[0];
  return new FileEditError({
    code: 'VERIFY_FAILED',
    message: `${file}: ${why}; nothing written`,
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
 * Decide and compute the edit of `text`, verified. Lists of ops are never parsed whole:
 * one scan validates the text and reads the values the ops look at (large.ts).
 */
export function computeEdit(file: string, text: string, ops: JsonEditOp[] | OpsFn, bytes = false): Computed {
  let value: unknown;
  let parsed = false;
  const parse = (): unknown => {
    const p = parseForEdit(text, bytes);
    if (p.problem !== undefined) throw parseError(file, p.problem);
    parsed = true;
    return (value = p.value);
  };
  const reparse = (t: string): unknown => parseForEdit(t, bytes).value;
  if (typeof ops === 'function') parse();
  const list = typeof ops === 'function' ? ops(value, decodeSlice(text, bytes)) : ops;
  const r = applyOpsLarge(text, list, detectFormatting(text), bytes);
  if (r && 'invalid' in r) throw parseError(file, r.invalid);
  if (r) {
    if (r.applied.length > 0 && !verifyLarge(text, r.text, r)) throw verifyError(file, r.applied);
    const next = r.text;
    return {
      next,
      applied: r.applied,
      skipped: r.skipped,
      before: once((): unknown => (parsed ? value : reparse(text))),
      after: once((): unknown => reparse(next)),
    };
  }
  if (!parsed) parse();
  if (jsoncUnsafe(text, bytes)) throw verifyError(file, list, 'this edit cannot be made minimally in a file of this shape');
  let out: ReturnType<typeof applyOps>;
  try {
    out = applyOps(text, list);
  } catch (e) {
    // jsonc-parser recurses: a document nested deeper than the stack cannot take this path.
    if (e instanceof RangeError) throw verifyError(file, list, 'this edit cannot be made minimally in a file nested this deeply');
    throw e;
  }
  if (out.applied.length === 0) return { next: text, applied: out.applied, skipped: out.skipped, before: () => value, after: () => value };
  const check = parseForEdit(out.text);
  if (check.problem !== undefined || !jsonEqual(check.value, expectedValue(value, out.applied))) throw verifyError(file, out.applied);
  return { next: out.text, applied: out.applied, skipped: out.skipped, before: () => value, after: () => check.value };
}
