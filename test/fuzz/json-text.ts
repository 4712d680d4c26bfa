// Writing a JSON value as text the way people, editors and Claude Code write it, and the
// structural mutations of the fuzz suite: nesting, repeated keys, `__proto__`, a BOM,
// invalid UTF-8, huge strings, unicode escapes in keys ("mcp\u0053ervers"), CRLF, comments
// and trailing commas (which Claude Code rejects), odd numbers, truncation.
import type { Rng } from './rng';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An object written member by member, so a key may repeat (JSON.parse keeps the last). */
export interface Members {
  members: Array<[string, Node]>;
}
export type Node = Json | Members | { raw: string };

function isMembers(n: Node): n is Members {
  return n !== null && typeof n === 'object' && !Array.isArray(n) && 'members' in n;
}
function isRaw(n: Node): n is { raw: string } {
  return n !== null && typeof n === 'object' && !Array.isArray(n) && 'raw' in n && Object.keys(n).length === 1;
}

/** Turn a plain value into members (every object), so mutations can act on any level. */
export function toNode(v: Json): Node {
  if (Array.isArray(v)) return v.map(toNode) as Json[];
  if (v !== null && typeof v === 'object') return { members: Object.entries(v).map(([k, x]): [string, Node] => [k, toNode(x)]) };
  return v;
}

export interface Style {
  indent: string;
  eol: string;
  /** Escape some key characters as \uXXXX. */
  escapeKeys: boolean;
}

function keyText(r: Rng, k: string, st: Style): string {
  if (!st.escapeKeys || !r.chance(0.3)) return JSON.stringify(k);
  let out = '"';
  for (const ch of k) out += r.chance(0.3) ? '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0') : JSON.stringify(ch).slice(1, -1);
  return out + '"';
}

/** Text of `n` (iterative over depth only where mutations made it deep: see deepText). */
export function write(r: Rng, n: Node, st: Style, level = 0): string {
  if (isRaw(n)) return n.raw;
  const pad = (l: number): string => (st.indent ? st.eol + st.indent.repeat(l) : '');
  if (Array.isArray(n)) {
    if (n.length === 0) return '[]';
    return '[' + n.map((x) => pad(level + 1) + write(r, x as Node, st, level + 1)).join(',') + pad(level) + ']';
  }
  if (isMembers(n)) {
    if (n.members.length === 0) return '{}';
    const sep = st.indent ? ': ' : ':';
    return (
      '{' + n.members.map(([k, x]) => pad(level + 1) + keyText(r, k, st) + sep + write(r, x, st, level + 1)).join(',') + pad(level) + '}'
    );
  }
  return JSON.stringify(n);
}

/** A value nested `depth` levels, as text (never built as a tree here). */
export function deepText(r: Rng, depth: number): string {
  const kind = r.int(3);
  if (kind === 0) return '['.repeat(depth) + ']'.repeat(depth);
  if (kind === 1) return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return '[{"k":'.repeat(depth) + '"x"' + '}]'.repeat(depth);
}

export function randomStyle(r: Rng): Style {
  return { indent: r.pick(['', '  ', '    ', '\t']), eol: r.chance(0.2) ? '\r\n' : '\n', escapeKeys: r.chance(0.15) };
}

/** Byte-level damage that keeps the structure (or not): the last step of a mutation. */
export function damage(r: Rng, bytes: Buffer): Buffer<ArrayBufferLike> {
  const b = Buffer.from(bytes);
  switch (r.int(7)) {
    case 0:
      return b.subarray(0, r.int(b.length + 1)); // truncation
    case 1: {
      const i = r.int(b.length + 1); // a comment Claude Code rejects
      return Buffer.concat([b.subarray(0, i), Buffer.from(r.pick(['// c\n', '/* c */'])), b.subarray(i)]);
    }
    case 2: {
      const s = b.toString('latin1'); // a trailing comma before a closing bracket
      const i = Math.max(s.lastIndexOf('}'), 0);
      return Buffer.from(s.slice(0, i) + ',' + s.slice(i), 'latin1');
    }
    case 3: {
      const i = r.int(b.length); // one byte flipped
      if (b.length > 0) b[i] = r.int(256);
      return b;
    }
    case 4: {
      const i = r.int(b.length + 1);
      return Buffer.concat([b.subarray(0, i), Buffer.from(r.pick([',', ':', '"', '{', ']', '\u0000'])), b.subarray(i)]);
    }
    default:
      return b;
  }
}
