// Verifying a large-path edit (large.ts) without parsing the 20 MB result into a tree:
//  - outside the windows the new text is the old text, slice for slice (native compare);
//  - inside each window, every edited object parses to the old one with the ops applied,
//    and outside those objects not one non-whitespace character changed (formatting only
//    moves whitespace).
// With the old text valid JSON, that makes the new one valid JSON with exactly the
// intended changes.
import type { PathSegment } from '../util/jsonpath';
import { cloneJson, jsonEqual, setOwn } from '../util/json-safe';
import { parseSlice } from './json-scan';
import type { JsonEditOp } from './ops';
import { getAt, type EditWindow, type LargeApplied } from './large';
import { isPrefix, nonWs, topsIn } from './window';

/** The object at `path` (whose original text is `original`) after the applied ops on it and inside it. */
function expectedAt(original: string, path: readonly PathSegment[], applied: readonly JsonEditOp[], bytes: boolean): unknown {
  const want = parseSlice(original, 0, original.length, bytes);
  for (const op of applied) {
    const parent = op.path.slice(0, -1);
    if (!isPrefix(path, parent)) continue;
    const holder = getAt(want, parent.slice(path.length)) as Record<string, unknown> | undefined;
    if (!holder || typeof holder !== 'object') continue;
    const key = op.path[op.path.length - 1] as string;
    if (op.value === undefined) delete holder[key];
    else setOwn(holder, key, cloneJson(op.value));
  }
  return want;
}

/** Non-whitespace characters of `text` outside `ranges` (sorted, disjoint). */
function outside(text: string, ranges: ReadonlyArray<[number, number]>): string {
  let out = '';
  let pos = 0;
  for (const [a, b] of ranges) {
    out += nonWs(text, pos, a);
    pos = b;
  }
  return out + nonWs(text, pos, text.length);
}

/** `win` is the window's text as it stands in the new document (prefixed like w.before). */
function verifyWindow(w: EditWindow, win: string, applied: readonly JsonEditOp[], bytes: boolean): boolean {
  const beforeTops = topsIn(w.before, w.anchors, bytes);
  const afterTops = topsIn(win, w.anchors, bytes);
  if (!beforeTops || !afterTops) return false;
  for (const [i, top] of afterTops.entries()) {
    const orig = beforeTops[i];
    if (!orig) return false;
    let got: unknown;
    try {
      got = parseSlice(win, top.info.start, top.info.end, bytes);
    } catch {
      return false;
    }
    if (!jsonEqual(got, expectedAt(w.before.slice(orig.info.start, orig.info.end), top.path, applied, bytes))) return false;
  }
  const rb = beforeTops.map((t) => [t.info.start, t.info.end] as [number, number]);
  const ra = afterTops.map((t) => [t.info.start, t.info.end] as [number, number]);
  return outside(w.before, rb) === outside(win, ra);
}

export function verifyLarge(before: string, after: string, r: LargeApplied): boolean {
  if (r.windows.length === 0) return before === after;
  let pos = 0;
  let apos = 0;
  for (const w of r.windows) {
    const len = w.from - pos;
    if (after.slice(apos, apos + len) !== before.slice(pos, w.from)) return false;
    apos += len;
    const winLen = w.after.length - r.eol.length;
    if (!verifyWindow(w, r.eol + after.slice(apos, apos + winLen), r.applied, r.bytes)) return false;
    apos += winLen;
    pos = w.to;
  }
  return after.slice(apos) === before.slice(pos) && apos + (before.length - pos) === after.length;
}
