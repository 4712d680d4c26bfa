// Handing the text a pass already read to the edit of the same file (issue 22): reading and
// decoding a 20 MB ~/.claude.json a second time costs as much as the first read. The edit
// still proves, inside Claude Code's lock, that the file holds exactly those bytes (same
// stat signature, same SHA-256 of what is on disk now) before it edits the handed text;
// otherwise it reads the file as it always did. Only valid UTF-8 is handed over: a file
// with invalid UTF-8 is edited byte for byte from a latin1 view (edit.ts), not from its
// decoding.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** What a reader saw of a file. Holds the file's contents (may hold secrets: never log). */
export interface KnownText {
  /** The file's bytes decoded as UTF-8 (they were valid UTF-8). */
  text: string;
  /** Stat signature taken before the read (`dev:ino:size:mtimeMs:ctimeMs`). */
  sig: string;
  /** SHA-256 (hex) of the bytes read. */
  sha256: string;
}

/** Below this size a second read costs less than keeping the text alive until the edit. */
export const HANDOFF_MIN_BYTES = 512 * 1024;

/**
 * The texts one pass read, by the path they were read through; `take` hands one over
 * once, so it can be collected after its edit. Lives for one pass only: the agent's
 * steady state never holds file contents.
 */
export class TextHandoff {
  private readonly texts = new Map<string, KnownText>();

  constructor(readonly minBytes = HANDOFF_MIN_BYTES) {}

  /** Keep `buf` (just read from `file`, stat signature `sig`) when it is worth it. */
  offer(file: string, buf: Buffer, text: string, sig: string): void {
    if (buf.length < this.minBytes) return;
    // Checked on the bytes, not on the text: a decoding with U+FFFD is not the file.
    if (!isUtf8(buf)) return;
    this.texts.set(file, { text, sig, sha256: crypto.createHash('sha256').update(buf).digest('hex') });
  }

  take(file: string): KnownText | undefined {
    const k = this.texts.get(file);
    this.texts.delete(file);
    return k;
  }

  /** Let go of every text left (files the pass did not edit). */
  clear(): void {
    this.texts.clear();
  }

  get size(): number {
    return this.texts.size;
  }
}

const CHUNK = 1024 * 1024;

/**
 * SHA-256 (hex) of `file`'s bytes, read a megabyte at a time (no buffer the size of the
 * file); undefined when it cannot be read or holds more than `maxBytes`.
 */
export function fileSha256(file: string, maxBytes = Number.MAX_SAFE_INTEGER): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const hash = crypto.createHash('sha256');
    // No megabyte to hash a small file.
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, fs.fstatSync(fd).size + 1)));
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return hash.digest('hex');
      total += n;
      if (total > maxBytes) return undefined;
      hash.update(chunk.subarray(0, n));
    }
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
