// Text helpers for editing a window of a large document (large.ts): line bounds, the
// document's line break, jsonc-parser's withFormatting() on a window, and finding an
// edited object again after edits. Formatting only ever moves whitespace, so an object is
// re-found by its position among the non-whitespace characters of the window.
import { applyEdits, format, type Edit, type FormattingOptions } from 'jsonc-parser';
import type { PathSegment } from '../util/jsonpath';
import { stringifyJson } from '../util/json-safe';
import { objectAt, type ObjectInfo, type PropInfo } from './json-scan';

export function isPrefix(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

function isEol(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || c === 13;
}

export function lineStart(text: string, i: number): number {
  while (i > 0 && !isEol(text, i - 1)) i--;
  return i;
}

export function lineEnd(text: string, i: number): number {
  while (i < text.length && !isEol(text, i)) i++;
  return i;
}

/** The document's first line break ('' if none): jsonc-parser formats with it. */
export function firstEol(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '';
}

export function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index of the non-whitespace character numbered `k` (0-based) at or after `from`. */
export function nthNonWs(text: string, from: number, k: number): number {
  let n = -1;
  for (let i = from; i < text.length; i++) {
    if (!isWs(text.charCodeAt(i)) && ++n === k) return i;
  }
  return -1;
}

export function countNonWs(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (!isWs(text.charCodeAt(i))) n++;
  return n;
}

/** The non-whitespace characters of text[from, to). */
export function nonWs(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) if (!isWs(text.charCodeAt(i))) out += text[i];
  return out;
}

/** Lines around an edit that jsonc-parser would re-format, beyond which we format only the edit. */
const FORMAT_MAX_CHARS = 64 * 1024;
const FORMAT_MAX_DEPTH = 64;

/** Bracket depth reached in text[from, to) (strings skipped), counting no further than `limit`. */
function bracketDepth(text: string, from: number, to: number, limit: number): number {
  let d = 0;
  let max = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < to && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 123 || c === 91) {
      if (++d > max && (max = d) > limit) return max;
    } else if (c === 125 || c === 93) d--;
  }
  return max;
}

/**
 * jsonc-parser's withFormatting() on a window: apply `edit`, then format the lines it
 * touched. When those lines are huge or nest deeply (a minified file; a value nested
 * thousands of levels), re-formatting them would blow up quadratically (indentation per
 * level), so only the inserted text is formatted, and inserted text itself that is huge or
 * deep stays compact. The format edits are applied in one pass.
 */
export function withFormatting(text: string, edit: Edit, fmt: FormattingOptions | undefined): string {
  const next = applyEdits(text, [edit]);
  // Content too deep or too big to indent (indentation grows with depth × size): compact.
  if (
    !fmt ||
    edit.content.length > FORMAT_MAX_CHARS ||
    bracketDepth(edit.content, 0, edit.content.length, FORMAT_MAX_DEPTH) > FORMAT_MAX_DEPTH
  )
    return next;
  let begin = edit.offset;
  let end = edit.offset + edit.content.length;
  if (edit.length === 0 || edit.content.length === 0) {
    let b = begin;
    let e = end;
    while (b > 0 && !isEol(next, b - 1)) b--;
    while (e < next.length && !isEol(next, e)) e++;
    if (e - b <= FORMAT_MAX_CHARS && bracketDepth(next, b, e, FORMAT_MAX_DEPTH) <= FORMAT_MAX_DEPTH) {
      begin = b;
      end = e;
    }
  }
  // jsonc-parser's format() formats every line the range touches, whole, and indents by the
  // depth it reaches: on a minified line nested thousands deep, even a 5-byte range costs
  // seconds (found by fuzzing). Such lines stay as they are; the edit is compact.
  let lineStart = begin;
  let lineEnd = end;
  while (lineStart > 0 && !isEol(next, lineStart - 1)) lineStart--;
  while (lineEnd < next.length && !isEol(next, lineEnd)) lineEnd++;
  if (lineEnd - lineStart > FORMAT_MAX_CHARS || bracketDepth(next, lineStart, lineEnd, FORMAT_MAX_DEPTH) > FORMAT_MAX_DEPTH) return next;
  const edits = format(next, { offset: begin, length: end - begin }, { ...fmt, keepLines: false });
  // Sorted and disjoint (jsonc-parser's contract): one pass, not one copy of the text per edit.
  return applyEdits(next, edits);
}

/** JSON text of `value` for insertion: iterative, and UTF-8 bytes when the window is a latin1 view. */
function jsonText(value: unknown, bytes: boolean): string {
  const t = stringifyJson(value);
  return bytes ? Buffer.from(t, 'utf8').toString('latin1') : t;
}

/**
 * Delete the properties at `idx` (sorted, distinct) of the object `info` in one pass.
 * The ranges are those jsonc-parser's setProperty() removes one deletion at a time (from
 * the previous property's end to this one's; for a leading run, from after `{` to the
 * first survivor's key; for all, the whole inside up to the last value): that union does
 * not depend on the order, so n deletions cost one pass, not n re-scans of the object.
 */
export function deleteProps(win: string, info: ObjectInfo, idx: readonly number[]): string {
  if (idx.length === 0) return win;
  const props = info.props;
  const gone = new Set(idx);
  const ranges: Array<[number, number]> = [];
  let first = 0;
  while (first < props.length && gone.has(first)) first++;
  if (first === props.length) {
    ranges.push([info.start + 1, props[props.length - 1].valueEnd]);
  } else {
    if (first > 0) ranges.push([info.start + 1, props[first].keyStart]);
    for (let j = first + 1; j < props.length; j++) {
      if (gone.has(j)) ranges.push([props[j - 1].valueEnd, props[j].valueEnd]);
    }
  }
  const out: string[] = [];
  let pos = 0;
  for (const [a, b] of ranges) {
    out.push(win.slice(pos, a));
    pos = b;
  }
  out.push(win.slice(pos));
  return out.join('');
}

/** Indices of every property named `key` (a key may repeat; JSON.parse keeps the last). */
export function propsNamed(info: ObjectInfo, key: string): number[] {
  const out: number[] = [];
  info.props.forEach((p, i) => {
    if (p.key === key) out.push(i);
  });
  return out;
}

/**
 * One op on an object of the window: jsonc-parser's setProperty() for an object parent.
 * A repeated key is handled as Claude Code reads it: deleting removes every occurrence
 * (else an earlier one would come back into force); setting replaces the last and removes
 * the earlier ones.
 */
export function applyOne(win: string, info: ObjectInfo, key: string, value: unknown, fmt: FormattingOptions, bytes = false): string {
  const same = propsNamed(info, key);
  if (value === undefined) return deleteProps(win, info, same);
  if (same.length > 1) {
    const trimmed = deleteProps(win, info, same.slice(0, -1));
    const again = objectAt(trimmed, info.start, bytes);
    if (!again) return trimmed;
    return applyOne(trimmed, again, key, value, fmt, bytes);
  }
  const existing = info.props[same[0] ?? -1];
  if (existing) {
    return withFormatting(
      win,
      { offset: existing.valueStart, length: existing.valueEnd - existing.valueStart, content: jsonText(value, bytes) },
      fmt,
    );
  }
  const prop = `${jsonText(key, bytes)}: ${jsonText(value, bytes)}`;
  const last = info.props[info.props.length - 1];
  const edit: Edit = last
    ? { offset: last.valueEnd, length: 0, content: ',' + prop }
    : { offset: info.start + 1, length: 0, content: prop };
  return withFormatting(win, edit, fmt);
}

/** An edited object of a window: its path and where it was in the original window text. */
export interface WindowObject {
  path: PathSegment[];
  start: number;
  end: number;
}

export interface Anchors {
  /** Top-level edited objects of the window (not inside another edited one), in order. */
  tops: Array<{ path: PathSegment[]; k: number }>;
  /** Where counting starts for the first one: its line's start. */
  origin: number;
}

/**
 * Anchors for the window's edited objects: the first top-level one by its position among
 * the non-whitespace characters from its line's start, each next one from the end of the
 * previous (the text between them is never edited; formatting only moves whitespace).
 */
export function anchorsOf(win: string, objects: readonly WindowObject[]): Anchors {
  const tops: Anchors['tops'] = [];
  let origin = -1;
  let prevEnd = -1;
  for (const o of [...objects].sort((a, b) => a.start - b.start)) {
    if (tops.some((t) => isPrefix(t.path, o.path))) continue;
    if (prevEnd < 0) {
      origin = lineStart(win, o.start);
      tops.push({ path: o.path, k: countNonWs(win, origin, o.start) });
    } else {
      tops.push({ path: o.path, k: countNonWs(win, prevEnd, o.start) });
    }
    prevEnd = o.end;
  }
  return { tops, origin };
}

/** The top-level edited objects of `win`, found by their anchors. */
export function topsIn(win: string, a: Anchors, bytes = false): Array<{ path: PathSegment[]; info: ObjectInfo }> | undefined {
  const out: Array<{ path: PathSegment[]; info: ObjectInfo }> = [];
  let from = a.origin;
  for (const t of a.tops) {
    const at = nthNonWs(win, from, t.k);
    const info = at < 0 ? undefined : objectAt(win, at, bytes);
    if (!info) return undefined;
    out.push({ path: t.path, info });
    from = info.end;
  }
  return out;
}

/** The edited object at `path` in `win`: its top-level ancestor, then key by key. */
export function locate(win: string, a: Anchors, path: readonly PathSegment[], bytes = false): ObjectInfo | undefined {
  const top = topsIn(win, a, bytes)?.find((t) => isPrefix(t.path, path));
  if (!top) return undefined;
  let cur: ObjectInfo | undefined = top.info;
  for (const seg of path.slice(top.path.length)) {
    // The last of a repeated key is the one in force.
    const prop: PropInfo | undefined = cur?.props.filter((p) => p.key === seg).pop();
    cur = prop && win.charCodeAt(prop.valueStart) === 123 ? objectAt(win, prop.valueStart, bytes) : undefined;
    if (!cur) return undefined;
  }
  return cur;
}
