// A strict JSON scanner that validates a whole document without building it, and reports
// byte offsets for the few places a caller cares about. Two users: discovery, which pulls
// `mcpServers` out of a 20 MB ~/.claude.json without materialising its history; and the
// large-file edit path, which needs the exact offsets of the objects it edits. Grammar:
// RFC 8259 exactly (what JSON.parse accepts; no comments, no trailing commas), plus one
// leading byte order mark, which Claude Code strips before parsing (it loads such files).
// Values nobody asked about are skipped on an explicit stack, so any depth JSON.parse
// takes is taken here too (Claude Code loads entries nested 200,000 deep); only the
// descended paths (a few levels: mcpServers, projects) recurse, capped at MAX_DEPTH.
// Duplicate keys: the last one wins, as in JSON.parse. Keys are data (Map keys, arrays),
// never object properties, so `__proto__` is an ordinary key.
// A text may be a latin1 view of the file's bytes (`bytes`), so that invalid UTF-8 in
// the file survives an edit byte for byte: keys are then decoded from UTF-8 to compare.
import type { PathSegment } from '../util/jsonpath';

export const MAX_DEPTH = 512;

export type Want = 'skip' | 'descend' | 'capture';

export interface PropInfo {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  valueStart: number;
  /** Offset just after the value. */
  valueEnd: number;
}

export interface ObjectInfo {
  /** Offset of `{`. */
  start: number;
  /** Offset just after `}`. */
  end: number;
  props: PropInfo[];
}

export type ValueKind = 'object' | 'array' | 'scalar';

export type ScanResult =
  | {
      ok: true;
      captures: Map<string, { start: number; end: number }>;
      objects: Map<string, ObjectInfo>;
      /** The kind of every value `want` did not skip (descended or captured). */
      kinds: Map<string, ValueKind>;
    }
  | { ok: false; offset: number; message: string };

/** U+FEFF at the start of a text: Claude Code strips it; JSON.parse would not. */
export const BOM = '\uFEFF';
/** The same mark in a latin1 view of the bytes (EF BB BF). */
export const BOM_BYTES = '\u00EF\u00BB\u00BF';

/** Offset of the first character after a leading byte order mark. */
export function bomLength(text: string, bytes = false): number {
  if (bytes) return text.startsWith(BOM_BYTES) ? 3 : 0;
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** A slice of the text as a JS string: latin1 views are decoded from UTF-8. */
export function decodeSlice(text: string, bytes: boolean): string {
  return bytes ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

/** JSON.parse of a slice of the text (a latin1 view decoded first). */
export function parseSlice(text: string, start: number, end: number, bytes = false): unknown {
  return JSON.parse(decodeSlice(text.slice(start, end), bytes)) as unknown;
}

export function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path);
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

// Char codes.
const SPACE = 32,
  TAB = 9,
  LF = 10,
  CR = 13,
  QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44,
  COLON = 58;
const LBRACE = 123,
  RBRACE = 125,
  LBRACKET = 91,
  RBRACKET = 93,
  MINUS = 45,
  PLUS = 43,
  DOT = 46;
const ZERO = 48,
  NINE = 57,
  LOWER_E = 101,
  UPPER_E = 69;

class Scanner {
  i = 0;
  readonly captures = new Map<string, { start: number; end: number }>();
  readonly objects = new Map<string, ObjectInfo>();
  readonly kinds = new Map<string, ValueKind>();

  constructor(
    readonly s: string,
    private readonly want: (path: readonly PathSegment[]) => Want,
    private readonly collect: (path: readonly PathSegment[]) => boolean,
    private readonly bytes = false,
  ) {}

  fail(message: string, at = this.i): never {
    throw new ScanError(at, message);
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === SPACE || c === LF || c === CR || c === TAB) i++;
      else break;
    }
    this.i = i;
  }

  /** Skip a string starting at the quote; returns whether it held a backslash. */
  string(): boolean {
    const s = this.s;
    let i = this.i + 1;
    let escaped = false;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) break;
      if (Number.isNaN(c)) this.fail('unterminated string', this.i);
      if (c < 0x20) this.fail('control character in a string', i);
      if (c === BACKSLASH) {
        escaped = true;
        const e = s.charCodeAt(i + 1);
        if (e === 117 /* u */) {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) this.fail('bad \\u escape', i);
          i += 6;
          continue;
        }
        if (e !== QUOTE && e !== BACKSLASH && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) {
          this.fail('bad escape', i);
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.i = i + 1;
    return escaped;
  }

  digits(): number {
    const s = this.s;
    const from = this.i;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c < ZERO || c > NINE) break;
      this.i++;
    }
    return this.i - from;
  }

  number(): void {
    const s = this.s;
    if (s.charCodeAt(this.i) === MINUS) this.i++;
    const first = s.charCodeAt(this.i);
    if (first === ZERO) this.i++;
    else if (this.digits() === 0) this.fail('bad number');
    if (s.charCodeAt(this.i) === DOT) {
      this.i++;
      if (this.digits() === 0) this.fail('bad number');
    }
    const e = s.charCodeAt(this.i);
    if (e === LOWER_E || e === UPPER_E) {
      this.i++;
      const sign = s.charCodeAt(this.i);
      if (sign === PLUS || sign === MINUS) this.i++;
      if (this.digits() === 0) this.fail('bad number');
    }
  }

  literal(word: string): void {
    if (this.s.startsWith(word, this.i)) this.i += word.length;
    else this.fail('unexpected character');
  }

  value(path: PathSegment[], depth: number): void {
    // Only descended values recurse; `want` descends a few levels, so this is a guard.
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = this.s.charCodeAt(this.i);
    const w = path.length === 0 ? 'descend' : this.want(path);
    const start = this.i;
    if (w !== 'descend' && (c === LBRACE || c === LBRACKET)) this.skipValue(depth);
    else if (c === LBRACE) this.object(path, depth, true);
    else if (c === LBRACKET) this.array(path, depth, true);
    else if (c === QUOTE) this.string();
    else if (c === MINUS || (c >= ZERO && c <= NINE)) this.number();
    else if (c === 116) this.literal('true');
    else if (c === 102) this.literal('false');
    else if (c === 110) this.literal('null');
    else this.fail(Number.isNaN(c) ? 'unexpected end of input' : 'unexpected character');
    if (w === 'capture') this.captures.set(pathKey(path), { start, end: this.i });
    if (w !== 'skip' && path.length > 0) this.kinds.set(pathKey(path), c === LBRACE ? 'object' : c === LBRACKET ? 'array' : 'scalar');
  }

  object(path: PathSegment[], depth: number, descend: boolean): void {
    const s = this.s;
    const info: ObjectInfo | undefined = descend && this.collect(path) ? { start: this.i, end: 0, props: [] } : undefined;
    const seen = descend ? new Set<string>() : undefined;
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === RBRACE) {
      this.i++;
      if (info) this.finish(path, info);
      return;
    }
    for (;;) {
      if (s.charCodeAt(this.i) !== QUOTE) this.fail('expected a property name');
      const keyStart = this.i;
      const escaped = this.string();
      const key = this.key(keyStart, escaped);
      this.ws();
      if (s.charCodeAt(this.i) !== COLON) this.fail("expected ':'");
      this.i++;
      this.ws();
      const valueStart = this.i;
      if (seen) {
        // A duplicate key replaces what the earlier one held (JSON.parse keeps the last).
        if (seen.has(key)) this.forget([...path, key]);
        seen.add(key);
      }
      if (descend) {
        path.push(key);
        this.value(path, depth + 1);
        path.pop();
      } else {
        this.skipValue(depth + 1);
      }
      if (info) info.props.push({ key, keyStart, valueStart, valueEnd: this.i });
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === COMMA) {
        this.i++;
        this.ws();
        continue;
      }
      if (c === RBRACE) {
        this.i++;
        break;
      }
      this.fail("expected ',' or '}'");
    }
    if (info) this.finish(path, info);
  }

  private key(keyStart: number, escaped: boolean): string {
    const raw = this.s.slice(keyStart, this.i);

    if (!escaped && (!this.bytes || /^[\x00-\x7f]*$/.test(raw))) return raw.slice(1, -1);
    const text = decodeSlice(raw, this.bytes);
    return escaped ? (JSON.parse(text) as string) : text.slice(1, -1);
  }

  private forget(path: PathSegment[]): void {
    const prefix = pathKey(path).slice(0, -1);
    for (const k of [...this.captures.keys()]) if (k === pathKey(path) || k.startsWith(prefix + ',')) this.captures.delete(k);
    for (const k of [...this.objects.keys()]) if (k === pathKey(path) || k.startsWith(prefix + ',')) this.objects.delete(k);
    for (const k of [...this.kinds.keys()]) if (k === pathKey(path) || k.startsWith(prefix + ',')) this.kinds.delete(k);
  }

  private finish(path: PathSegment[], info: ObjectInfo): void {
    info.end = this.i;
    this.objects.set(pathKey(path), info);
  }

  array(path: PathSegment[], depth: number, descend: boolean): void {
    const s = this.s;
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === RBRACKET) {
      this.i++;
      return;
    }
    for (let n = 0; ; n++) {
      if (descend) {
        path.push(n);
        this.value(path, depth + 1);
        path.pop();
      } else {
        this.skipValue(depth + 1);
      }
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === COMMA) {
        this.i++;
        this.ws();
        continue;
      }
      if (c === RBRACKET) {
        this.i++;
        return;
      }
      this.fail("expected ',' or ']'");
    }
  }

  /**
   * Validate a value nobody asked about, without consulting `want`, on an explicit stack:
   * any depth, no recursion. Each entry is the closing bracket expected.
   */
  skipValue(_depth: number): void {
    const s = this.s;
    const stack: number[] = [];
    for (;;) {
      // A value.
      const c = s.charCodeAt(this.i);
      if (c === LBRACE || c === LBRACKET) {
        const close = c === LBRACE ? RBRACE : RBRACKET;
        this.i++;
        this.ws();
        if (s.charCodeAt(this.i) === close) {
          this.i++;
        } else {
          stack.push(close);
          if (close === RBRACE) this.member();
          continue;
        }
      } else if (c === QUOTE) this.string();
      else if (c === MINUS || (c >= ZERO && c <= NINE)) this.number();
      else if (c === 116) this.literal('true');
      else if (c === 102) this.literal('false');
      else if (c === 110) this.literal('null');
      else this.fail(Number.isNaN(c) ? 'unexpected end of input' : 'unexpected character');
      // After a value: a separator, or the end of the containers it closes.
      for (;;) {
        const close = stack[stack.length - 1];
        if (close === undefined) return;
        this.ws();
        const d = s.charCodeAt(this.i);
        if (d === COMMA) {
          this.i++;
          this.ws();
          if (close === RBRACE) this.member();
          break;
        }
        if (d === close) {
          this.i++;
          stack.pop();
          continue;
        }
        this.fail(close === RBRACE ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

  /** A property name and its colon, leaving the scanner at the value. */
  private member(): void {
    if (this.s.charCodeAt(this.i) !== QUOTE) this.fail('expected a property name');
    this.string();
    this.ws();
    if (this.s.charCodeAt(this.i) !== COLON) this.fail("expected ':'");
    this.i++;
    this.ws();
  }
}

/**
 * Validate `text` as one JSON document. `want(path)` says, for each value under an object
 * or array being descended, whether to descend into it, capture its offsets, or skip it;
 * `collect(path)` says which descended objects to report with their properties' offsets.
 */
export function scanJson(
  text: string,
  want: (path: readonly PathSegment[]) => Want,
  collect: (path: readonly PathSegment[]) => boolean = () => false,
  bytes = false,
): ScanResult {
  const sc = new Scanner(text, want, collect, bytes);
  try {
    sc.i = bomLength(text, bytes);
    sc.ws();
    sc.value([], 0);
    sc.ws();
    if (sc.i !== text.length) sc.fail('unexpected content after the JSON value');
    return { ok: true, captures: sc.captures, objects: sc.objects, kinds: sc.kinds };
  } catch (e) {
    if (e instanceof ScanError) return { ok: false, offset: e.offset, message: e.message };
    if (e instanceof RangeError) return { ok: false, offset: sc.i, message: 'nested too deeply' };
    throw e;
  }
}

/** The object that starts at `offset` (`{`), with its properties' offsets; validated. */
export function objectAt(text: string, offset: number, bytes = false): ObjectInfo | undefined {
  const sc = new Scanner(
    text,
    () => 'skip',
    (p) => p.length === 0,
    bytes,
  );
  sc.i = offset;
  try {
    sc.object([], 0, true);
  } catch (e) {
    if (e instanceof ScanError || e instanceof RangeError) return undefined;
    throw e;
  }
  return sc.objects.get(pathKey([]));
}
