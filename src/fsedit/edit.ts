// Editing files we do not own (~/.claude.json, .mcp.json, .claude/settings*.json) the way
// Claude Code itself does (reference §4.2, verified-notes.md):
//   lock `<file>.lock` (a directory; proper-lockfile with realpath:false is the same
//   protocol) → re-read inside the lock → minimal format-preserving edit (jsonc-parser
//   modify; deletions byte-minimal) → verify the result parses to what we meant → temp
//   file + fsync + rename (mode and owner kept) → read back → unlock.
// A file that does not parse is never rewritten. If a writer that ignores the lock changed
// the file between our read and our rename, we start over (bounded).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as lockfile from 'proper-lockfile';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readCapped } from '../util/fsio';
import { fileHoldsText, writeAtomicChecked } from './atomic';
import { formatJsonPath, type PathSegment } from '../util/jsonpath';
import { InputError } from '../errors';
import { FileEditError } from './errors';
import { detectFormatting } from './format';
import { applyOpsLarge, LARGE_TEXT_CHARS } from './large';
import { verifyLarge } from './large-verify';
import { scanJson } from './scan';

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

export interface EditResult {
  changed: boolean;
  applied: JsonEditOp[];
  skipped: SkippedOp[];
  /** The parsed value before and after (may hold secrets: never log). */
  before: unknown;
  after: unknown;
  /** How many times the whole read-edit-write ran (1 unless contended). */
  attempts: number;
  /** Bytes written (after) — for content-based recognition of our own writes. */
  text: string;
  /** SHA-256 (hex) of the bytes written; set when `changed`. */
  sha256?: string;
}

export interface EditOptions {
  maxBytes?: number;
  /** Create the file with this content when missing (restore into a deleted .mcp.json). */
  createIfMissing?: string;
  /** Milliseconds after which a lock is stale (Claude Code uses about 10 s). */
  lockStaleMs?: number;
  /** How long to keep retrying for the lock. */
  lockWaitMs?: number;
  /** Attempts when the file keeps changing under us. */
  maxAttempts?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export type OpsFn = (current: unknown, text: string) => JsonEditOp[];

/** Parse JSON strictly enough for Claude Code's files; undefined + errors when it does not parse. */
export function parseJsonText(text: string): { value: unknown; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return { value, errors };
}

export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

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

function parses(text: string): boolean {
  if (text.length >= LARGE_TEXT_CHARS) return scanJson(text, () => 'skip').ok;
  return parseJsonText(text).errors.length === 0;
}

/**
 * The file as text, capped. Read with Node's direct UTF-8 path (no intermediate Buffer the
 * size of the file: a 20 MB ~/.claude.json would otherwise sit in memory twice).
 */
function readText(file: string, opts: EditOptions): string | undefined {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    throw new FileEditError({ code: 'UNREADABLE', message: `${file}: cannot open (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file, cause: e });
  }
  if (st === undefined) return undefined;
  if (!st.isFile()) throw new FileEditError({ code: 'UNREADABLE', message: `${file}: not a regular file`, file });
  if (st.size > max) throw new FileEditError({ code: 'TOO_LARGE', message: `${file}: ${st.size} bytes is over the ${max}-byte limit`, file });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new FileEditError({ code: 'UNREADABLE', message: `${file}: cannot read (${code ?? 'error'})`, file, cause: e });
  }
  // It may have grown between the stat and the read.
  if (text.length > max || Buffer.byteLength(text, 'utf8') > max) {
    throw new FileEditError({ code: 'TOO_LARGE', message: `${file}: over the ${max}-byte limit`, file });
  }
  return text;
}

function readBytes(file: string, opts: EditOptions): Buffer | undefined {
  try {
    return readCapped(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (e) {
    if (e instanceof InputError) {
      if (e.code === 'FILE_NOT_FOUND') return undefined;
      throw new FileEditError({ code: e.code === 'FILE_TOO_LARGE' ? 'TOO_LARGE' : 'UNREADABLE', message: e.message, file, cause: e });
    }
    throw e;
  }
}

function statSig(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return 'missing';
  }
}

type OpCheck = { ok: true; noop: boolean } | { ok: false; reason: SkippedOp['reason'] };

function checkOp(value: unknown, op: JsonEditOp): OpCheck {
  if (op.expect && !isDeepStrictEqual(getAt(value, op.path), op.expect.value)) return { ok: false, reason: 'changed' };
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
    // Deletions: no formatting options, so every other byte stays as it was.
    const edits =
      op.value === undefined
        ? modify(cur, op.path, undefined, {})
        : modify(cur, op.path, op.value, { formattingOptions: fmt });
    cur = applyEdits(cur, edits);
    applied.push(op);
  }
  return { text: cur, applied, skipped };
}

/** The structural result we expect: `before` with the applied ops, for verification. */
function expectedValue(before: unknown, applied: readonly JsonEditOp[]): unknown {
  // JSON round trip, not structuredClone: the values are JSON, and this keeps one realm (jest).
  const root: unknown = JSON.parse(JSON.stringify(before));
  for (const op of applied) {
    const parent = getAt(root, op.path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
    const key = op.path[op.path.length - 1];
    if (key === undefined) continue;
    if (op.value === undefined) {
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<string | number, unknown>)[key];
    } else {
      (parent as Record<string | number, unknown>)[key] = JSON.parse(JSON.stringify(op.value));
    }
  }
  return root;
}

async function withLock<T>(file: string, opts: EditOptions, fn: () => T): Promise<T> {
  const staleMs = opts.lockStaleMs ?? 10_000;
  const waitMs = opts.lockWaitMs ?? 15_000;
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: staleMs,
      update: Math.max(1000, Math.floor(staleMs / 2)),
      retries: { retries: Math.ceil(waitMs / 100), factor: 1.2, minTimeout: 20, maxTimeout: 250, randomize: true },
    });
  } catch (e) {
    throw new FileEditError({ code: 'LOCK_TIMEOUT', message: `${file}: could not take ${file}.lock`, file, cause: e });
  }
  try {
    return fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Edit a JSON file we do not own. `ops` may be a function of the fresh content read
 * inside the lock, so decisions use what is on disk now, not what a plan saw earlier.
 */
interface Computed {
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
function computeEdit(file: string, text: string, ops: JsonEditOp[] | OpsFn): Computed {
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

/** An EditResult whose `before` / `after` are parsed on first access. */
function lazyResult(base: Omit<EditResult, 'before' | 'after'>, before: () => unknown, after: () => unknown): EditResult {
  const r = { ...base } as EditResult;
  Object.defineProperty(r, 'before', { enumerable: true, get: before });
  Object.defineProperty(r, 'after', { enumerable: true, get: after });
  return r;
}

export async function editJsonFile(file: string, ops: JsonEditOp[] | OpsFn, opts: EditOptions = {}): Promise<EditResult> {
  const maxAttempts = opts.maxAttempts ?? 5;
  if (opts.createIfMissing !== undefined && !fs.existsSync(file)) {
    // proper-lockfile locks by path; the file itself need not exist, but the folder must.
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const result = await withLock(file, opts, () => {
      const sigBefore = statSig(file);
      let text = readText(file, opts);
      const creating = text === undefined;
      if (text === undefined) {
        if (opts.createIfMissing === undefined) {
          throw new FileEditError({ code: 'NOT_FOUND', message: `${file}: no such file`, file });
        }
        text = opts.createIfMissing;
      }
      const c = computeEdit(file, text, ops);
      if (c.applied.length === 0 && !creating) {
        return { done: true as const, r: lazyResult({ changed: false, applied: c.applied, skipped: c.skipped, attempts: attempt, text }, c.before, c.before) };
      }
      const next = c.next;
      const applied = c.applied;
      const skipped = c.skipped;
      // A writer that ignores the lock may have replaced the file since we read it: checked
      // now, and again just before the rename (after the fsync), when it matters most.
      if (statSig(file) !== sigBefore) return { done: false as const };
      let w: { wrote: boolean; sha256?: string };
      try {
        w = writeAtomicChecked(file, next, () => statSig(file) === sigBefore);
      } catch (e) {
        throw new FileEditError({ code: 'WRITE_FAILED', message: `${file}: write failed (${(e as Error).message})`, file, cause: e });
      }
      if (!w.wrote) return { done: false as const };
      // Read back: what is on disk must be what we wrote (or someone else's newer write,
      // which the next pass will judge).
      if (!fileHoldsText(file, next)) {
        const back = readBytes(file, opts);
        if (back !== undefined && !parses(back.toString('utf8'))) {
          throw new FileEditError({ code: 'VERIFY_FAILED', message: `${file}: read-back does not parse`, file });
        }
      }
      const sha256 = w.sha256;
      const r = lazyResult({ changed: true, applied, skipped, attempts: attempt, text: next, sha256 }, c.before, c.after);
      return { done: true as const, r };
    });
    if (result.done) return result.r;
    await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
  }
  throw new FileEditError({ code: 'CONTENDED', message: `${file}: kept changing during ${maxAttempts} attempts; will retry later`, file });
}
