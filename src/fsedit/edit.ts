// Editing files we do not own (~/.claude.json, .mcp.json, .claude/settings*.json) the way
// Claude Code itself does (reference §4.2, verified-notes.md):
//   lock `<file>.lock` (a directory; proper-lockfile with realpath:false is the same
//   protocol) → re-read inside the lock → minimal format-preserving edit (jsonc-parser
//   modify; deletions byte-minimal) → verify the result parses to what we meant → temp
//   file + fsync + rename (mode and owner kept) → read back → unlock.
// A file that does not parse is never rewritten. If a writer that ignores the lock changed
// the file between our read and our rename, we start over (bounded).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as lockfile from 'proper-lockfile';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readCapped } from '../util/fsio';
import { writeAtomicChecked } from './atomic';
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

function readText(file: string, opts: EditOptions): string | undefined {
  return readBytes(file, opts)?.toString('utf8');
}

/** Does `file` hold exactly `bytes`? Compared in chunks: no second copy of a 20 MB file. */
function sameBytes(file: string, bytes: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    if (fs.fstatSync(fd).size !== bytes.length) return false;
    const chunk = Buffer.allocUnsafe(Math.min(bytes.length, 1024 * 1024) || 1);
    for (let off = 0; off < bytes.length; ) {
      const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, bytes.length - off), off);
      if (n <= 0 || !chunk.subarray(0, n).equals(bytes.subarray(off, off + n))) return false;
      off += n;
    }
    return true;
  } finally {
    fs.closeSync(fd);
  }
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

/** Apply `ops` to `text`: pure. Returns the new text and which ops applied. */
export function applyOps(text: string, ops: readonly JsonEditOp[]): { text: string; applied: JsonEditOp[]; skipped: SkippedOp[] } {
  const fmt = detectFormatting(text);
  let cur = text;
  const applied: JsonEditOp[] = [];
  const skipped: SkippedOp[] = [];
  for (const op of ops) {
    const value = parseJsonText(cur).value;
    if (op.expect && !isDeepStrictEqual(getAt(value, op.path), op.expect.value)) {
      skipped.push({ op, reason: 'changed' });
      continue;
    }
    const parent = getAt(value, op.path.slice(0, -1));
    if (op.path.length > 0 && (parent === null || typeof parent !== 'object')) {
      if (op.value === undefined) {
        // Deleting under a missing parent: already absent.
        continue;
      }
      skipped.push({ op, reason: 'parent-missing' });
      continue;
    }
    if (op.value === undefined && getAt(value, op.path) === undefined) continue;
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
      const parsed = parseForEdit(text);
      if (parsed.problem !== undefined) {
        throw new FileEditError({
          code: 'PARSE_ERROR',
          message: `${file}: not valid JSON (${parsed.problem}); left untouched`,
          file,
        });
      }
      const list = typeof ops === 'function' ? ops(parsed.value, text) : ops;
      const large = text.length >= LARGE_TEXT_CHARS ? applyOpsLarge(text, parsed.value, list, detectFormatting(text)) : undefined;
      const { text: next, applied, skipped } = large ?? applyOps(text, list);
      if (applied.length === 0 && !creating) {
        return { done: true as const, r: { changed: false, applied, skipped, before: parsed.value, after: parsed.value, attempts: attempt, text } };
      }
      let after: unknown;
      let verified: boolean;
      if (large) {
        verified = verifyLarge(text, next, parsed.value, large);
      } else {
        const check = parseJsonText(next);
        after = check.value;
        verified = check.errors.length === 0 && isDeepStrictEqual(check.value, expectedValue(parsed.value, applied));
      }
      if (!verified) {
        const bad = applied[0];
        throw new FileEditError({
          code: 'VERIFY_FAILED',
          message: `${file}: the edit did not produce the intended JSON; nothing written`,
          file,
          jsonPath: bad ? formatJsonPath(bad.path) : undefined,
        });
      }
      // A writer that ignores the lock may have replaced the file since we read it: checked
      // now, and again just before the rename (after the fsync), when it matters most.
      if (statSig(file) !== sigBefore) return { done: false as const };
      // Encoded once: written, then compared byte for byte with what reads back.
      const bytes = Buffer.from(next, 'utf8');
      let wrote: boolean;
      try {
        wrote = writeAtomicChecked(file, bytes, () => statSig(file) === sigBefore);
      } catch (e) {
        throw new FileEditError({ code: 'WRITE_FAILED', message: `${file}: write failed (${(e as Error).message})`, file, cause: e });
      }
      if (!wrote) return { done: false as const };
      // Read back: what is on disk must be what we wrote (or someone else's newer write,
      // which the next pass will judge).
      if (!sameBytes(file, bytes)) {
        const back = readBytes(file, opts);
        if (back !== undefined && !parses(back.toString('utf8'))) {
          throw new FileEditError({ code: 'VERIFY_FAILED', message: `${file}: read-back does not parse`, file });
        }
      }
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const r: EditResult = { changed: true, applied, skipped, before: parsed.value, after, attempts: attempt, text: next, sha256 };
      if (large) {
        // Parsed only if a caller asks: holding a second tree of a 20 MB file costs memory.
        let cached: unknown;
        Object.defineProperty(r, 'after', { enumerable: true, get: () => (cached ??= JSON.parse(next) as unknown) });
      }
      return { done: true as const, r };
    });
    if (result.done) return result.r;
    await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
  }
  throw new FileEditError({ code: 'CONTENDED', message: `${file}: kept changing during ${maxAttempts} attempts; will retry later`, file });
}
