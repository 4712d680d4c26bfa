// Reading one config file for discovery: bounded, never through a symlink that leaves the
// scanned roots, parsed strictly. Missing files are normal (undefined); anything else that
// stops us reading is an UnreadableFile, and such a file is never rewritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCapped } from '../util/fsio';
import { InputError } from '../errors';
import type { UnreadableFile } from '../inventory/types';

export type ReadOutcome =
  | { kind: 'missing' }
  | { kind: 'unreadable'; problem: UnreadableFile }
  | { kind: 'ok'; value: Record<string, unknown>; sig: string };

/** Containment by path.relative, never by string prefix (`/a/b-evil` is not inside `/a/b`). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function statSig(st: fs.Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The file's stat signature, or undefined when missing (used by the discovery cache). */
export function fileSig(file: string): string | undefined {
  try {
    return statSig(fs.statSync(file));
  } catch {
    return undefined;
  }
}

function problem(file: string, code: string, reason: string): ReadOutcome {
  return { kind: 'unreadable', problem: { file, code, reason } };
}

/**
 * Read and parse `file`. `roots` are real paths (the folder being scanned, the home, the
 * discovery roots) that the file's real path must stay inside when any part of its path
 * is a symlink, so a `.mcp.json` symlinked to `/etc/…` is reported, not read, never written.
 */
export function readConfigFile(file: string, maxBytes: number, roots: readonly string[]): ReadOutcome {
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return problem(file, 'UNREADABLE', `cannot resolve the path (${code ?? 'error'})`);
  }
  if (real !== file && !roots.some((r) => isInside(real, r))) {
    return problem(file, 'SYMLINK_OUTSIDE_ROOT', 'is a symlink to a file outside the scanned folders; not read, never written');
  }
  let buf: Buffer;
  let sig: string;
  try {
    sig = statSig(fs.statSync(file));
    buf = readCapped(file, maxBytes);
  } catch (e) {
    if (e instanceof InputError) {
      if (e.code === 'FILE_NOT_FOUND') return { kind: 'missing' };
      if (e.code === 'FILE_TOO_LARGE') return problem(file, 'TOO_LARGE', `is over the ${maxBytes}-byte limit; not read, never written`);
      return problem(file, 'UNREADABLE', 'cannot be read (not a regular file, or no permission)');
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return problem(file, 'UNREADABLE', `cannot be read (${code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    // The parser's message names a position, never content.
    return problem(file, 'PARSE_ERROR', `is not valid JSON (${(e as Error).message.replace(/\s+/g, ' ').slice(0, 120)}); left untouched`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return problem(file, 'NOT_AN_OBJECT', 'does not hold a JSON object; left untouched');
  }
  return { kind: 'ok', value: value as Record<string, unknown>, sig };
}
