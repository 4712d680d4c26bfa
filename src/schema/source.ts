// Parse a YAML or JSON document from outside and keep enough of its syntax tree to say
// where a JSON path is (line:column), so that `allowlist lint` and config errors point
// at the line to fix. Values are built with own-property semantics only: `__proto__`
// in a document is an ordinary (and, under a strict schema, unknown) key, never a
// prototype.
import * as jsonc from 'jsonc-parser';
import type { Document, Node } from 'yaml';
import type * as YamlLib from 'yaml';
import type { PathSegment } from '../util/jsonpath';

export type SourceFormat = 'json' | 'yaml';

/** 1-based, as editors show them. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SyntaxProblem {
  message: string;
  position: SourcePosition;
}

export interface ParsedSource {
  format: SourceFormat;
  /** The document's value; undefined when `errors` is not empty. */
  value: unknown;
  /** Syntax errors (a document with any is never used). */
  errors: SyntaxProblem[];
  /**
   * Where `segments` is in the text: the key of a property, the start of an array item.
   * A path that does not exist (a missing property) maps to its nearest existing parent.
   */
  locate(segments: readonly PathSegment[]): SourcePosition;
}

/** `.json` → JSON; `.yaml`/`.yml` → YAML; otherwise JSON when the text starts with `{` or `[`. */
export function detectFormat(text: string, fileName?: string): SourceFormat {
  const lower = fileName?.toLowerCase() ?? '';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

export function parseSource(text: string, opts: { format?: SourceFormat; fileName?: string } = {}): ParsedSource {
  // A UTF-8 BOM is legal in files written by Windows tools; neither parser wants it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = opts.format ?? detectFormat(body, opts.fileName);
  return format === 'json' ? parseJson(body) : parseYaml(body);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: readonly number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

function parseJson(text: string): ParsedSource {
  let starts: number[] | undefined;
  const pos = (offset: number): SourcePosition => positionAt((starts ??= lineStartsOf(text)), offset);
  const parseErrors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const errors: SyntaxProblem[] = parseErrors.map((e) => ({
    message: `JSON syntax: ${jsonc.printParseErrorCode(e.error)}`,
    position: pos(e.offset),
  }));
  if (root) findDuplicateKeys(root, (key, offset) => errors.push({ message: `duplicate key "${key}"`, position: pos(offset) }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      errors.push({ message: `JSON syntax: ${(e as Error).message}`, position: { line: 1, column: 1 } });
    }
  }
  return {
    format: 'json',
    value: errors.length === 0 ? value : undefined,
    errors,
    locate(segments) {
      if (!root) return { line: 1, column: 1 };
      for (let n = segments.length; n >= 0; n--) {
        const node = jsonc.findNodeAtLocation(root, segments.slice(0, n));
        if (!node) continue;
        // For an object property point at its key, where the reader's eye goes.
        const at = typeof segments[n - 1] === 'string' && node.parent?.type === 'property' ? node.parent.offset : node.offset;
        return pos(at);
      }
      return pos(root.offset);
    },
  };
}

function findDuplicateKeys(node: jsonc.Node, report: (key: string, offset: number) => void): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (!key || typeof key.value !== 'string') continue;
      if (seen.has(key.value)) report(key.value, key.offset);
      seen.add(key.value);
    }
  }
  for (const child of node.children ?? []) findDuplicateKeys(child, report);
}

// yaml is 8 MiB of the exec path's memory, and exec reads JSON (envelope, payload, most agent
// configs): loaded on the first YAML document only.
let yamlLib: typeof YamlLib | undefined;
function Y(): typeof YamlLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlLib ??= require('yaml') as typeof YamlLib);
}

// Aliases expand on toJS: cap them so a "billion laughs" document cannot exhaust memory.
const MAX_YAML_ALIASES = 100;

function parseYaml(text: string): ParsedSource {
  const lc = new (Y().LineCounter)();
  const pos = (offset: number): SourcePosition => {
    const p = lc.linePos(offset);
    return { line: Math.max(p.line, 1), column: Math.max(p.col, 1) };
  };
  const doc = Y().parseDocument(text, {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    version: '1.2',
    schema: 'core',
    merge: false,
    // 'error', not 'silent': silent also drops the "multiple documents" error.
    logLevel: 'error',
  });
  const errors: SyntaxProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    message: `YAML: ${e.message.split('\n')[0] ?? e.message}`,
    position: pos(e.pos[0]),
  }));
  // Keys that are not scalars (`? [a, b]: c`) have no JSON equivalent.
  Y().visit(doc, {
    Pair(_k, pair) {
      if (!Y().isScalar(pair.key)) {
        const start = (pair.key as Node | null)?.range?.[0] ?? 0;
        errors.push({ message: 'YAML: keys must be plain strings', position: pos(start) });
      }
    },
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      errors.push({ message: `YAML: ${(e as Error).message}`, position: { line: 1, column: 1 } });
    }
  }
  return {
    format: 'yaml',
    value: errors.length === 0 ? value : undefined,
    errors,
    locate: (segments) => pos(yamlOffset(doc, segments)),
  };
}

function yamlOffset(doc: Document, segments: readonly PathSegment[]): number {
  let node: unknown = doc.contents;
  let best = doc.contents?.range?.[0] ?? 0;
  for (const seg of segments) {
    if (Y().isMap(node)) {
      const pair = node.items.find((p) => Y().isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      best = (pair.key as Node | null)?.range?.[0] ?? best;
      node = pair.value;
    } else if (Y().isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best;
}
