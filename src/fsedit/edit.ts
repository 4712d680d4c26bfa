// Editing files we do not own (~/.claude.json, .mcp.json, .claude/settings*.json) the way
// Claude Code itself does (reference §4.2, verified-notes.md):
//   lock `<file>.lock` (a directory; proper-lockfile with realpath:false is the same
//   protocol) → re-read inside the lock → minimal format-preserving edit (jsonc-parser
//   modify; deletions byte-minimal) → verify the result parses to what we meant → temp
//   file + fsync + rename (mode and owner kept) → read back → unlock.
// A file that does not parse is never rewritten. If a writer that ignores the lock changed
// the file between our read and our rename, we start over (bounded). Files over 512 KiB
// take an equivalent path that never builds the whole document (compute.ts, large.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCapped } from '../util/fsio';
import { editTarget, fileHoldsText, writeAtomicChecked } from './atomic';
import { InputError } from '../errors';
import { FileEditError } from './errors';
import { computeEdit, parses } from './compute';
import { acquireEditLock } from './lock';
import type { JsonEditOp, OpsFn, SkippedOp } from './ops';

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
  /**
   * The real path that was read and judged (discovery's realFile, a record's realFile).
   * Unset: `file` itself must not be a symlink. Either way a path that leads elsewhere is
   * refused with UNEXPECTED_SYMLINK, checked inside the lock and again before the rename.
   */
  expectRealPath?: string;
  /** `<stateDir>/locks`: register our locks so one a killed pass left is taken back at once (lock.ts). */
  lockOwners?: string;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;


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

async function withLock<T>(file: string, opts: EditOptions, fn: () => T): Promise<T> {
  const release = await acquireEditLock(file, { staleMs: opts.lockStaleMs ?? 10_000, waitMs: opts.lockWaitMs ?? 15_000, ownersDir: opts.lockOwners });
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
        w = writeAtomicChecked(file, next, () => statSig(file) === sigBefore, undefined, target);
      } catch (e) {
        if (e instanceof FileEditError) throw e;
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
