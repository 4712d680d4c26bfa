// The spool's files, in `<stateDir>/spool/`:
//   events.jsonl  one drift event per line, oldest first (append-only between compactions)
//   dead.jsonl    events the collector refused for good, with the reason (kept aside, capped)
//   state.json    counters (dropped, invalid, corrupt) and the last send result
//   .lock         the cross-process lock (spool-lock.ts); .send.lock, the sender's
// Appends open the file with O_APPEND, write one whole line and fsync. Compaction writes a
// temp file and renames it over (writeFileAtomic), always under the lock, and appenders
// open the path afresh each time, so no append can land in a replaced file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../util/fsio';
import { ReportError } from './errors';
import type { DriftEvent } from '../events/types';

export interface SpoolPaths {
  dir: string;
  events: string;
  dead: string;
  state: string;
}

export function spoolPaths(stateDir: string): SpoolPaths {
  const dir = path.join(stateDir, 'spool');
  return { dir, events: path.join(dir, 'events.jsonl'), dead: path.join(dir, 'dead.jsonl'), state: path.join(dir, 'state.json') };
}

export function ensureSpoolDir(p: SpoolPaths): void {
  try {
    ensurePrivateDir(p.dir);
  } catch (e) {
    throw ioError(p.dir, 'cannot create the spool folder', e);
  }
}

export function ioError(file: string, what: string, cause: unknown): ReportError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new ReportError({ code: 'SPOOL_IO', message: `${file}: ${what} (${code ?? 'error'})`, file, cause });
}

export interface Line<T> {
  value: T;
  /** Bytes of the line including its newline. */
  bytes: number;
}

/**
 * Parse a JSON-lines file. A line that does not parse (a write torn by a crash or a full
 * disk) is skipped and counted, never fatal; the next compaction drops it.
 */
export function readLines<T>(file: string, accept: (v: unknown) => v is T): { lines: Line<T>[]; corrupt: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], corrupt: 0 };
    throw ioError(file, 'cannot read', e);
  }
  const lines: Line<T>[] = [];
  let corrupt = 0;
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const bytes = Buffer.byteLength(raw) + 1;
    try {
      const v: unknown = JSON.parse(raw);
      if (accept(v)) lines.push({ value: v, bytes });
      else corrupt++;
    } catch {
      corrupt++;
    }
  }
  return { lines, corrupt };
}

/** Size of `file` in bytes; 0 when absent. */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw ioError(file, 'cannot stat', e);
  }
}

/** Append whole lines with one write and fsync. Call under the spool lock. */
export function appendLines(file: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'a+', 0o600);
    let prefix = '';
    // A crash mid-append can leave a last line without its newline; start on a fresh line
    // so the torn one stays a single skippable line instead of swallowing this event too.
    const size = fs.fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    fs.writeSync(fd, prefix + lines.join('\n') + '\n');
    fs.fsyncSync(fd);
  } catch (e) {
    throw ioError(file, 'cannot append', e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Replace the whole file atomically. Call under the spool lock. */
export function rewriteLines(file: string, lines: readonly string[]): void {
  try {
    if (lines.length === 0) {
      fs.rmSync(file, { force: true });
      return;
    }
    writeFileAtomic(file, lines.join('\n') + '\n', { mode: 0o600 });
  } catch (e) {
    throw ioError(file, 'cannot rewrite', e);
  }
}

/** A minimal structural check for lines read back (full validation happened on the way in). */
export function looksLikeEvent(v: unknown): v is DriftEvent {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.kind === 'string' && typeof o.severity === 'string';
}
