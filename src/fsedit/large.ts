// The edit path for large files (a ~/.claude.json of tens of MB). jsonc-parser's modify()
// builds a full syntax tree of the document for every single op (seconds and hundreds of
// MB on 20 MB), so here the document is scanned once (scan.ts) for the offsets of the
// objects being edited, and each op is applied with jsonc-parser's own algorithms to a
// small window: the lines that hold the edited object. Ops run in their given order, so
// the result is byte-identical to applyOps() (tests compare the two on random documents).
// Returns undefined for shapes it does not handle (array paths, ops nested in one another,
// duplicate keys in an edited object): the caller then uses applyOps().
import { isDeepStrictEqual } from 'node:util';
import type { FormattingOptions } from 'jsonc-parser';
import type { PathSegment } from '../util/jsonpath';
import { pathKey, scanJson } from './scan';
import type { JsonEditOp, SkippedOp } from './edit';
import { anchorsOf, applyOne, firstEol, isPrefix, lineEnd, lineStart, locate, type Anchors, type WindowObject } from './window';

/** Texts at least this long take this path. */
export const LARGE_TEXT_CHARS = 512 * 1024;

export interface EditWindow {
  /** Range of the window in the original text (whole lines). */
  from: number;
  to: number;
  /** The window's text before and after, each prefixed with the document's line break. */
  before: string;
  after: string;
  /** Edited objects in the window, offsets relative to `before`. */
  objects: WindowObject[];
  anchors: Anchors;
}

export interface LargeApplied {
  text: string;
  applied: JsonEditOp[];
  skipped: SkippedOp[];
  windows: EditWindow[];
  /** The document's first line break (prefix of every window's texts). */
  eol: string;
}

export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Which ops apply, decided as applyOps() decides (ops are disjoint: none sees another's effect). */
function decide(current: unknown, ops: readonly JsonEditOp[]): { applied: JsonEditOp[]; skipped: SkippedOp[] } | undefined {
  const applied: JsonEditOp[] = [];
  const skipped: SkippedOp[] = [];
  for (const op of ops) {
    if (op.expect && !isDeepStrictEqual(getAt(current, op.path), op.expect.value)) {
      skipped.push({ op, reason: 'changed' });
      continue;
    }
    const parent = getAt(current, op.path.slice(0, -1));
    if (parent === null || typeof parent !== 'object') {
      if (op.value !== undefined) skipped.push({ op, reason: 'parent-missing' });
      continue;
    }
    if (Array.isArray(parent)) return undefined;
    if (op.value === undefined && getAt(current, op.path) === undefined) continue;
    applied.push(op);
  }
  return { applied, skipped };
}

export function applyOpsLarge(text: string, current: unknown, ops: readonly JsonEditOp[], fmt: FormattingOptions): LargeApplied | undefined {
  for (const op of ops) if (op.path.length === 0 || op.path.some((s) => typeof s !== 'string')) return undefined;
  for (const a of ops) for (const b of ops) if (a !== b && isPrefix(a.path, b.path)) return undefined;
  const d = decide(current, ops);
  if (!d) return undefined;
  const eol = firstEol(text);
  if (d.applied.length === 0) return { text, ...d, windows: [], eol };

  const parents = new Map<string, PathSegment[]>();
  for (const op of d.applied) parents.set(pathKey(op.path.slice(0, -1)), op.path.slice(0, -1));
  const wanted = [...parents.values()];
  const scan = scanJson(
    text,
    (p) => (wanted.some((w) => isPrefix(p, w)) ? 'descend' : 'skip'),
    (p) => parents.has(pathKey(p)),
  );
  if (!scan.ok) return undefined;
  const found: Array<{ path: PathSegment[]; start: number; end: number }> = [];
  for (const [k, path] of parents) {
    const info = scan.objects.get(k);
    if (!info || new Set(info.props.map((p) => p.key)).size !== info.props.length) return undefined;
    found.push({ path, start: info.start, end: info.end });
  }
  // Windows: whole lines around edited objects; objects sharing a line share a window.
  found.sort((a, b) => a.start - b.start);
  const spans: Array<{ from: number; to: number; objs: typeof found }> = [];
  for (const o of found) {
    const last = spans[spans.length - 1];
    if (last && o.start < last.to) {
      last.objs.push(o);
      last.to = Math.max(last.to, lineEnd(text, o.end));
    } else {
      spans.push({ from: lineStart(text, o.start), to: lineEnd(text, o.end), objs: [o] });
    }
  }
  const windows: EditWindow[] = spans.map((s) => {
    const before = eol + text.slice(s.from, s.to);
    const shift = eol.length - s.from;
    const objects = s.objs.map((o) => ({ path: o.path, start: o.start + shift, end: o.end + shift }));
    return { from: s.from, to: s.to, before, after: before, objects, anchors: anchorsOf(before, objects) };
  });
  const windowOf = new Map<string, EditWindow>();
  for (const w of windows) for (const o of w.objects) windowOf.set(pathKey(o.path), w);
  // Ops run in their own order, as applyOps() runs them, so the bytes come out the same.
  for (const op of d.applied) {
    const parent = op.path.slice(0, -1);
    const w = windowOf.get(pathKey(parent)) as EditWindow;
    const info = locate(w.after, w.anchors, parent);
    if (!info) return undefined;
    w.after = applyOne(w.after, info, op.path[op.path.length - 1] as string, op.value, fmt);
  }
  const out: string[] = [];
  let pos = 0;
  for (const w of windows) {
    out.push(text.slice(pos, w.from), w.after.slice(eol.length));
    pos = w.to;
  }
  out.push(text.slice(pos));
  return { text: out.join(''), ...d, windows, eol };
}
