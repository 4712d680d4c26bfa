// Parsing the other clients' files: JSON with comments (VS Code, Cursor, Windsurf, Gemini
// CLI) and TOML (Codex CLI). Both return plain data or a problem that names a position
// only: parsers' own messages quote the text around the error, which may be a secret.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { tomlPatch } from './toml';
import { setOwn } from '../util/json-safe';
import { bomLength } from './json-scan';

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; problem: string };

// jsonc-parser's tree and our walk recurse; a config nested deeper than this is refused.
const MAX_JSONC_DEPTH = 512;

function nodeValue(node: Node, depth: number): unknown {
  if (depth > MAX_JSONC_DEPTH) throw new RangeError('too deep');
  if (node.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const prop of node.children ?? []) {
      const [k, v] = prop.children ?? [];
      // Keys are own properties (`__proto__` too); a repeated key: the last one wins.
      if (k && v && typeof k.value === 'string') setOwn(out, k.value, nodeValue(v, depth + 1));
    }
    return out;
  }
  if (node.type === 'array') return (node.children ?? []).map((c) => nodeValue(c, depth + 1));
  return node.value as unknown;
}

/** JSON with comments and trailing commas, as VS Code reads `mcp.json`. */
export function parseJsonc(text: string): ParseOutcome {
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text.slice(bomLength(text)), errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    if (errors.length > 0) {
      const e = errors[0];
      return { ok: false, problem: `${printParseErrorCode(e.error)} at offset ${e.offset}` };
    }
    // An empty file holds no servers (VS Code treats it so).
    if (tree === undefined) return { ok: true, value: {} };
    return { ok: true, value: nodeValue(tree, 0) };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, problem: `nested deeper than ${MAX_JSONC_DEPTH} levels` };
    throw e;
  }
}

/**
 * TOML (1.0) as Codex reads `config.toml`. Integers beyond 2^53 become (rounded) numbers:
 * the inventory must be plain JSON data (quarantine records, reports); edits keep the
 * original text of every value they do not touch (fsedit/toml.ts).
 */
export function parseToml(text: string, exactIntegers = false): ParseOutcome {
  try {
    return {
      ok: true,
      value: tomlPatch().parse(text.slice(bomLength(text)), { integersAsBigInt: exactIntegers ? 'asNeeded' : false }) as unknown,
    };
  } catch (e) {
    const at = e as { line?: unknown; column?: unknown };
    const where =
      typeof at.line === 'number' ? `line ${at.line}, column ${typeof at.column === 'number' ? at.column + 1 : '?'}` : 'unparseable';
    if (e instanceof RangeError) return { ok: false, problem: 'nested too deeply' };
    return { ok: false, problem: where };
  }
}
