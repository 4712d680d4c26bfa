// The edit path for large files (a ~/.claude.json of tens of MB). jsonc-parser's modify()
// builds a full syntax tree of the document for every single op (seconds and hundreds of
// MB on 20 MB), so here the document is scanned once (scan.ts) for the offsets of the
// objects being edited, and each op is applied with jsonc-parser's own algorithms to a
// small window: the lines that hold the edited object. Ops run in their given order, so
// the result is byte-identical to applyOps() (tests compare the two on random documents).
// Returns undefined for shapes it does not handle (array paths, ops nested in one another):
// the caller then uses applyOps(). Since it never builds the document, it is also the path
// for the hostile shapes Claude Code loads (a BOM, repeated keys, `__proto__`, any depth,
// invalid UTF-8 in a latin1 view of the bytes), at any size. Runs of deletions in one
// object are applied in one pass (window.ts deleteProps), so removing n entries is linear.
import type { FormattingOptions } from 'jsonc-parser';
import type { PathSegment } from '../util/jsonpath';
import { getOwn, jsonEqual } from '../util/json-safe';
import { bomLength, parseSlice, pathKey, scanJson } from './json-scan';
import type { JsonEditOp, SkippedOp } from './ops';
import {
  anchorsOf,
  applyOne,
  deleteProps,
  firstEol,
  isPrefix,
  lineEnd,
  lineStart,
  locate,
  type Anchors,
  type WindowObject,
} from './window';

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
  /** The text is a latin1 view of the file's bytes. */
  bytes: boolean;
}

export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = value;
  for (const seg of path) cur = getOwn(cur, seg);
  return cur;
}

/** What the document holds at the places the ops look (from one scan, not a full parse). */
interface Facts {
  valueAt(path: readonly PathSegment[]): unknown;
  parentKind(path: readonly PathSegment[]): 'object' | 'array' | 'other';
}

type Check = { ok: true; noop: boolean } | { ok: false; reason: SkippedOp['reason'] } | 'unsupported';

/** applyOps()'s per-op rules: precondition, parent, deleting what is absent. */
function check(op: JsonEditOp, f: Facts): Check {
  if (op.expect && !jsonEqual(f.valueAt(op.path), op.expect.value)) return { ok: false, reason: 'changed' };
  const kind = f.parentKind(op.path);
  if (kind === 'array') return 'unsupported';
  if (kind === 'other') return op.value === undefined ? { ok: true, noop: true } : { ok: false, reason: 'parent-missing' };
  return { ok: true, noop: op.value === undefined && f.valueAt(op.path) === undefined };
}

/**
 * Which ops apply, decided as applyOps() decides. Ops are disjoint, so no op changes what
 * another sees, and a group's ops can all be checked before any of them runs.
 */
function decide(ops: readonly JsonEditOp[], f: Facts): { applied: JsonEditOp[]; skipped: SkippedOp[] } | undefined {
  const applied: JsonEditOp[] = [];
  const skipped: SkippedOp[] = [];
  const groupFailed = new Map<string, SkippedOp['reason'] | null>();
  const members = new Map<string, JsonEditOp[]>();
  for (const op of ops) if (op.group !== undefined) members.set(op.group, [...(members.get(op.group) ?? []), op]);
  for (const op of ops) {
    if (op.group !== undefined && !groupFailed.has(op.group)) {
      let failure: SkippedOp['reason'] | null = null;
      for (const member of members.get(op.group) ?? []) {
        const c = check(member, f);
        if (c === 'unsupported') return undefined;
        if (!c.ok) failure ??= c.reason;
        else if (c.noop) failure ??= 'changed';
      }
      groupFailed.set(op.group, failure);
    }
    const gf = op.group !== undefined ? groupFailed.get(op.group) : null;
    if (gf) {
      skipped.push({ op, reason: gf });
      continue;
    }
    const c = check(op, f);
    if (c === 'unsupported') return undefined;
    if (!c.ok) skipped.push({ op, reason: c.reason });
    else if (!c.noop) applied.push(op);
  }
  return { applied, skipped };
}

export type LargeOutcome = LargeApplied | { invalid: string } | undefined;

/**
 * Apply `ops` to a large JSON text. Returns `{ invalid }` when the text is not JSON, and
 * undefined for op shapes this path does not take (the caller then uses applyOps()).
 */
export function applyOpsLarge(text: string, ops: readonly JsonEditOp[], fmt: FormattingOptions, bytes = false): LargeOutcome {
  for (const op of ops) if (op.path.length === 0 || op.path.some((s) => typeof s !== 'string')) return undefined;
  // No op on a path another op also touches or lies inside (checked in O(ops × depth)).
  const keys = new Set(ops.map((op) => pathKey(op.path)));
  if (keys.size !== ops.length) return undefined;
  for (const op of ops) for (let n = 1; n < op.path.length; n++) if (keys.has(pathKey(op.path.slice(0, n)))) return undefined;
  const parents = new Map<string, PathSegment[]>();
  for (const op of ops) parents.set(pathKey(op.path.slice(0, -1)), op.path.slice(0, -1));
  const targets = new Set(ops.map((op) => pathKey(op.path)));
  const wanted = [...parents.values()];
  // One scan validates the whole text, finds the objects the ops edit (with the offsets of
  // their properties) and the current values at the ops' paths.
  const scan = scanJson(
    text,
    (p) => (wanted.some((w) => isPrefix(p, w)) ? 'descend' : targets.has(pathKey(p)) ? 'capture' : 'skip'),
    (p) => parents.has(pathKey(p)),
    bytes,
  );
  if (!scan.ok) return { invalid: `${scan.message} at offset ${scan.offset}` };
  let first = bomLength(text, bytes);
  while (first < text.length && ' \t\r\n'.includes(text.charAt(first))) first++;
  const rootIsObject = text.charCodeAt(first) === 123;
  const facts: Facts = {
    valueAt: (path) => {
      const c = scan.captures.get(pathKey(path));
      return c ? parseSlice(text, c.start, c.end, bytes) : undefined;
    },
    parentKind: (path) => {
      if (path.length === 1) return rootIsObject ? 'object' : 'other';
      const k = scan.kinds.get(pathKey(path.slice(0, -1)));
      return k === 'object' ? 'object' : k === 'array' ? 'array' : 'other';
    },
  };
  const d = decide(ops, facts);
  if (!d) return undefined;
  const eol = firstEol(text);
  if (d.applied.length === 0) return { text, ...d, windows: [], eol, bytes };

  const edited = new Map<string, PathSegment[]>();
  for (const op of d.applied) edited.set(pathKey(op.path.slice(0, -1)), op.path.slice(0, -1));
  const found: Array<{ path: PathSegment[]; start: number; end: number }> = [];
  for (const [k, path] of edited) {
    const info = scan.objects.get(k);
    if (!info) return undefined;
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
  // Ops run in their own order, as applyOps() runs them, so the bytes come out the same;
  // a run of deletions under one parent is one pass (deletions commute).
  for (let i = 0; i < d.applied.length;) {
    const op = d.applied[i];
    const parent = op.path.slice(0, -1);
    const pk = pathKey(parent);
    const w = windowOf.get(pk) as EditWindow;
    const info = locate(w.after, w.anchors, parent, bytes);
    if (!info) return undefined;
    if (op.value !== undefined) {
      w.after = applyOne(w.after, info, op.path[op.path.length - 1] as string, op.value, fmt, bytes);
      i++;
      continue;
    }
    const names = new Set<string>();
    while (i < d.applied.length) {
      const next = d.applied[i];
      if (next.value !== undefined || pathKey(next.path.slice(0, -1)) !== pk) break;
      names.add(next.path[next.path.length - 1] as string);
      i++;
    }
    const idx: number[] = [];
    info.props.forEach((p, n) => {
      if (names.has(p.key)) idx.push(n);
    });
    w.after = deleteProps(w.after, info, idx);
  }
  const out: string[] = [];
  let pos = 0;
  for (const w of windows) {
    out.push(text.slice(pos, w.from), w.after.slice(eol.length));
    pos = w.to;
  }
  out.push(text.slice(pos));
  return { text: out.join(''), ...d, windows, eol, bytes };
}
