// Editing files we do not own (~/.claude.json, .mcp.json, .claude/settings*.json) the way
// Claude Code itself does (reference §4.2, verified-notes.md):
//   lock `<file>.lock` (a directory; proper-lockfile with realpath:false is the same
//   protocol) → re-read inside the lock (or prove there that the text discovery read is
//   still the file's: known.ts) → minimal format-preserving edit (jsonc-parser
//   modify; deletions byte-minimal) → verify the result parses to what we meant → temp
//   file + fsync + rename (mode and owner kept) → read back → unlock.
// A file that does not parse is never rewritten. If a writer that ignores the lock changed
// the file between our read and our rename, we start over (bounded). Files over 512 KiB
// take an equivalent path that never builds the whole document (compute.ts, large.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { readCapped } from '../util/fsio';
import { editTarget, writeAtomicChecked } from './atomic';
import { InputError } from '../errors';
import { FileEditError } from './errors';
import { computeEdit, parses } from './compute';
import { acquireEditLock } from './lock';
import { decodeSlice } from './json-scan';
import { computeSyntaxEdit, type EditSyntax } from './syntax';
import { parseJsonc, parseToml } from './parse';
import type { JsonEditOp, OpsFn, SkippedOp } from './ops';
import { fileSha256, type KnownText } from './known';

// The op type and the pure edit functions live in ops.ts; they are part of this API.
export { applyOps, getAt, parseJsonText, type JsonEditOp, type OpsFn, type SkippedOp } from './ops';

export interface EditResult {
  changed: boolean;
  applied: JsonEditOp[];
  skipped: SkippedOp[];
  /** The parsed value before and after (may hold secrets: never log). */
  before: unknown;
  after: unknown;
  /** How many times the whole read-edit-write ran (1 unless contended). */
  attempts: number;
  /**
   * The text written (after), decoded: for a file with invalid UTF-8 the bytes written
   * differ from its UTF-8 encoding, so recognise our writes by `sha256`.
   */
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
  /**
   * The real path that was read and judged (discovery's realFile, a record's realFile).
   * Unset: `file` itself must not be a symlink. Either way a path that leads elsewhere is
   * refused with UNEXPECTED_SYMLINK, checked inside the lock and again before the rename.
   */
  expectRealPath?: string;
  /** `<stateDir>/locks`: register our locks so one a killed pass left is taken back at once (lock.ts). */
  lockOwners?: string;
  /** The file's syntax (other clients' files: syntax.ts). Default: strict JSON. */
  syntax?: 'json' | EditSyntax;
  /**
   * The text discovery read (known.ts): edited instead of reading the file again, but only
   * when, inside the lock, the file still has its stat signature and its bytes' SHA-256.
   */
  known?: KnownText;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The file as text, capped. Valid UTF-8 is decoded; a file with invalid UTF-8 is read as a
 * latin1 view of its bytes (`bytes`), so that an edit keeps every byte outside the entries
 * it changes exactly as it was (decoding would turn them into U+FFFD on write).
 */
function readText(file: string, opts: EditOptions): { text: string; bytes: boolean } | undefined {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    throw new FileEditError({
      code: 'UNREADABLE',
      message: `${file}: cannot open (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      file,
      cause: e,
    });
  }
  if (st === undefined) return undefined;
  if (!st.isFile()) throw new FileEditError({ code: 'UNREADABLE', message: `${file}: not a regular file`, file });
  if (st.size > max)
    throw new FileEditError({ code: 'TOO_LARGE', message: `${file}: ${st.size} bytes is over the ${max}-byte limit`, file });
  // readBytes caps the read itself: the file may have grown between the stat and the read.
  const buf = readBytes(file, opts);
  if (buf === undefined) return undefined;
  if (isUtf8(buf)) return { text: buf.toString('utf8'), bytes: false };
  return { text: buf.toString('latin1'), bytes: true };
}

/**
 * The handed-over text, when the file provably still holds it: same stat signature (taken
 * inside the lock) and the same SHA-256 of its bytes now. Hashing reads the file but never
 * decodes it nor holds it whole. Anything else: undefined, and the file is read.
 */
function knownText(file: string, sigNow: string, opts: EditOptions): { text: string; bytes: boolean } | undefined {
  const k = opts.known;
  if (k === undefined || k.sig !== sigNow) return undefined;
  return fileSha256(file, opts.maxBytes ?? DEFAULT_MAX_BYTES) === k.sha256 ? { text: k.text, bytes: false } : undefined;
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

function compute(
  file: string,
  text: string,
  ops: JsonEditOp[] | OpsFn,
  bytes: boolean,
  syntax: EditOptions['syntax'],
): ReturnType<typeof computeEdit> {
  if (syntax === undefined || syntax === 'json') return computeEdit(file, text, ops, bytes);
  // Byte-exact editing of invalid UTF-8 exists for Claude Code's files only.
  if (bytes) throw new FileEditError({ code: 'PARSE_ERROR', message: `${file}: not valid UTF-8; left untouched`, file });
  return computeSyntaxEdit(file, syntax, text, ops);
}

function parsesAs(text: string, bytes: boolean, syntax: EditOptions['syntax']): boolean {
  if (syntax === 'jsonc') return parseJsonc(text).ok;
  if (syntax === 'toml') return parseToml(text).ok;
  return parses(text, bytes);
}

async function withLock<T>(file: string, opts: EditOptions, fn: () => T): Promise<T> {
  const release = await acquireEditLock(file, {
    staleMs: opts.lockStaleMs ?? 10_000,
    waitMs: opts.lockWaitMs ?? 15_000,
    ownersDir: opts.lockOwners,
  });
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
      const target = editTarget(file, opts.expectRealPath);
      const sigBefore = statSig(file);
      // The handed text serves the first attempt only: a retry means the file moved on.
      const read = (attempt === 1 ? knownText(file, sigBefore, opts) : undefined) ?? readText(file, opts);
      const creating = read === undefined;
      const text = read?.text ?? opts.createIfMissing;
      if (text === undefined) throw new FileEditError({ code: 'NOT_FOUND', message: `${file}: no such file`, file });
      const bytes = read?.bytes ?? false;
      const c = compute(file, text, ops, bytes, opts.syntax);
      if (c.applied.length === 0 && !creating) {
        return {
          done: true as const,
          r: lazyResult(
            { changed: false, applied: c.applied, skipped: c.skipped, attempts: attempt, text: decodeSlice(text, bytes) },
            c.before,
            c.before,
          ),
        };
      }
      const next = c.next;
      const applied = c.applied;
      const skipped = c.skipped;
      // A writer that ignores the lock may have replaced the file since we read it: checked
      // now, and again just before the rename (after the fsync), when it matters most.
      if (statSig(file) !== sigBefore) return { done: false as const };
      let w: { wrote: boolean; sha256?: string };
      try {
        w = writeAtomicChecked(file, bytes ? Buffer.from(next, 'latin1') : next, () => statSig(file) === sigBefore, undefined, target);
      } catch (e) {
        if (e instanceof FileEditError) throw e;
        throw new FileEditError({ code: 'WRITE_FAILED', message: `${file}: write failed (${(e as Error).message})`, file, cause: e });
      }
      if (!w.wrote) return { done: false as const };
      // Read back: what is on disk must be what we wrote (or someone else's newer write,
      // which the next pass will judge). Compared by SHA-256 of the bytes: no decoding.
      if (w.sha256 === undefined || fileSha256(file) !== w.sha256) {
        const back = readBytes(file, opts);
        if (back !== undefined && !parsesAs(back.toString(bytes ? 'latin1' : 'utf8'), bytes, opts.syntax)) {
          throw new FileEditError({ code: 'VERIFY_FAILED', message: `${file}: read-back does not parse`, file });
        }
      }
      const sha256 = w.sha256;
      const r = lazyResult(
        { changed: true, applied, skipped, attempts: attempt, text: decodeSlice(next, bytes), sha256 },
        c.before,
        c.after,
      );
      return { done: true as const, r };
    });
    if (result.done) return result.r;
    await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
  }
  throw new FileEditError({ code: 'CONTENDED', message: `${file}: kept changing during ${maxAttempts} attempts; will retry later`, file });
}
