// Walks over parsed JSON that survive hostile shapes. JSON.parse is iterative in V8 and
// Claude Code loads a server entry nested 200,000 levels deep, but JSON.stringify,
// util.isDeepStrictEqual, structuredClone and every naive recursive walk overflow the
// stack at a few thousand levels: one such file used to end the whole pass (exit 4).
// Everything here runs on an explicit stack, so depth costs memory, never the stack.
// Keys are own properties: `__proto__` is set with defineProperty (JSON.parse semantics),
// never by assignment, which would replace the object's prototype instead.

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj | unknown[] {
  return v !== null && typeof v === 'object';
}

/** Set own property `key` the way JSON.parse does, even for `__proto__`. */
export function setOwn(target: Obj | unknown[], key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else (target as Obj)[key] = value;
}

/** The own value at `key` (never an inherited one: `constructor`, `toString`, `__proto__`). */
export function getOwn(target: unknown, key: string | number): unknown {
  if (!isObj(target)) return undefined;
  return Object.prototype.hasOwnProperty.call(target, key) ? (target as Obj)[key] : undefined;
}

export interface StringifyOptions {
  /** Indentation per level (JSON.stringify's third argument); compact when empty. */
  indent?: string;
  /** Sort object keys (canonical form). */
  sortKeys?: boolean;
}

function scalar(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

interface Frame {
  arr?: unknown[];
  obj?: Obj;
  keys: string[];
  i: number;
  wrote: boolean;
}

/**
 * JSON.stringify for JSON data (no toJSON, no replacer), iteratively: the same text for
 * the same value at any depth. Undefined object members are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, opts: StringifyOptions = {}): string {
  const indent = opts.indent ?? '';
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (v: unknown): void => {
    if (!isObj(v)) {
      out.push(scalar(v));
      return;
    }
    if (Array.isArray(v)) {
      out.push('[');
      stack.push({ arr: v, keys: [], i: 0, wrote: false });
    } else {
      out.push('{');
      const keys = Object.keys(v);
      stack.push({ obj: v, keys: opts.sortKeys ? keys.sort() : keys, i: 0, wrote: false });
    }
  };
  open(value);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    const pad = indent ? '\n' + indent.repeat(stack.length) : '';
    if (f.arr) {
      if (f.i < f.arr.length) {
        out.push((f.i > 0 ? ',' : '') + pad);
        const el = f.arr[f.i++];
        open(typeof el === 'function' || typeof el === 'symbol' ? null : el);
        continue;
      }
      out.push((f.arr.length > 0 && indent ? '\n' + indent.repeat(stack.length - 1) : '') + ']');
      stack.pop();
      continue;
    }
    const obj = f.obj as Obj;
    let key: string | undefined;
    while (f.i < f.keys.length) {
      const k = f.keys[f.i++];
      const v = obj[k];
      if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') {
        key = k;
        break;
      }
    }
    if (key !== undefined) {
      out.push((f.wrote ? ',' : '') + pad + JSON.stringify(key) + (indent ? ': ' : ':'));
      f.wrote = true;
      open(obj[key]);
      continue;
    }
    out.push((f.wrote && indent ? '\n' + indent.repeat(stack.length - 1) : '') + '}');
    stack.pop();
  }
  return out.join('');
}

/** Beyond this depth, indentation alone would grow quadratically: written compact instead. */
export const INDENT_MAX_DEPTH = 64;

/** Indented JSON for files people read, compact for values nested too deeply to indent. */
export function stringifyReadable(value: unknown, indent = '  '): string {
  return stringifyJson(value, jsonDepth(value, INDENT_MAX_DEPTH + 1) > INDENT_MAX_DEPTH ? {} : { indent });
}

/** JSON with object keys sorted, so the same entry rewritten with another key order is the same. */
export function canonicalJson(value: unknown): string {
  return stringifyJson(value, { sortKeys: true });
}

/** Deep copy of JSON data, own keys only (`__proto__` included as data). */
export function cloneJson<T>(value: T): T {
  if (!isObj(value)) return value;
  const root: Obj | unknown[] = Array.isArray(value) ? [] : {};
  const stack: Array<[Obj | unknown[], Obj | unknown[]]> = [[value, root]];
  while (stack.length > 0) {
    const [src, dst] = stack.pop() as [Obj | unknown[], Obj | unknown[]];
    for (const k of Object.keys(src)) {
      const v = (src as Obj)[k];
      if (v === undefined) continue;
      const key: string | number = Array.isArray(src) ? Number(k) : k;
      if (isObj(v)) {
        const copy: Obj | unknown[] = Array.isArray(v) ? [] : {};
        setOwn(dst, key, copy);
        stack.push([v, copy]);
      } else {
        setOwn(dst, key, v);
      }
    }
  }
  return root as T;
}

/** Deep equality of JSON data (own keys, any order; arrays by position), iteratively. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (x === y) continue;
    if (!isObj(x) || !isObj(y)) {
      if (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x).filter((k) => (x as Obj)[k] !== undefined);
    const ky = Object.keys(y).filter((k) => (y as Obj)[k] !== undefined);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
      stack.push([(x as Obj)[k], (y as Obj)[k]]);
    }
  }
  return true;
}

/** How deeply `value` nests (a scalar is 0, `[]` is 1), counting no further than `limit`. */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (!isObj(v)) continue;
    if (d + 1 > max) max = d + 1;
    if (max >= limit) return max;
    for (const k of Object.keys(v)) stack.push([(v as Obj)[k], d + 1]);
  }
  return max;
}

/**
 * Visit every string in `value` with its path, iteratively. Paths are built only for the
 * strings `want` accepts (a parent chain, not a copied array per node), so a deep value
 * with no interesting strings costs one pass.
 */
export function findStrings(value: unknown, want: (s: string) => boolean): Array<Array<string | number>> {
  interface Node {
    parent: number;
    key: string | number;
  }
  const nodes: Node[] = [];
  const found: Array<Array<string | number>> = [];
  const stack: Array<[unknown, number]> = [[value, -1]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, number];
    if (typeof v === 'string') {
      if (!want(v)) continue;
      const path: Array<string | number> = [];
      for (let n = at; n >= 0; n = nodes[n].parent) path.push(nodes[n].key);
      found.push(path.reverse());
      continue;
    }
    if (!isObj(v)) continue;
    const arr = Array.isArray(v);
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      nodes.push({ parent: at, key: arr ? Number(k) : k });
      stack.push([(v as Obj)[k], nodes.length - 1]);
    }
  }
  return found;
}
