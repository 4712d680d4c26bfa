// Writing a rule into the allowlist SOURCE (the YAML or JSON an admin keeps in git and signs),
// keeping every other byte: comments, quoting, blank lines. For YAML the new rule's text is
// spliced in after the last rule (or over the rule it replaces) with the file's own
// indentation; JSON the same way, located with jsonc-parser's tree. The result is parsed again
// and must equal the old document plus exactly this change, or nothing is written.
import { isDeepStrictEqual } from 'node:util';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as YAML from 'yaml';
import type { ServerRule } from '../policy/types';
import { detectFormat } from '../schema/source';
import { ApprovalError } from './errors';

export interface EditResult {
  text: string;
  /** Index of the rule in `servers`. */
  index: number;
  replaced: boolean;
}

function invalid(file: string, message: string): never {
  throw new ApprovalError({ code: 'SOURCE_INVALID', message: `${file}: ${message}`, file });
}

/** An id may be in `servers` once: adding one that is there (other than the rule replaced) is refused. */
function checkIdFree(file: string, ids: unknown[], id: string, replacing: number): void {
  const taken = ids.findIndex((x, k) => x === id && k !== replacing);
  if (taken >= 0) {
    throw new ApprovalError({
      code: 'RULE_EXISTS',
      message: `${file}: already has a rule "${id}" (servers[${taken}]): give --replace ${id} to replace it (a version bump), or --id to add it under another id`,
      file,
      jsonPath: `$.servers[${taken}].id`,
    });
  }
}

function ruleYaml(rule: ServerRule): string[] {
  const doc = new YAML.Document(rule);
  // Short lists on one line, as admins write them (args, scopes, secrets).
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => YAML.isScalar(i))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '').split('\n');
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function editYaml(file: string, text: string, rule: ServerRule, replaceId: string | undefined): EditResult {
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) invalid(file, `not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  const servers = doc.get('servers', true);
  if (!YAML.isSeq(servers) || servers.flow || servers.items.length === 0 || !servers.range) {
    invalid(file, 'expected a block list `servers:` with at least one rule (add the first rule by hand)');
  }
  const items = servers.items;
  const ids = items.map((i) => (YAML.isMap(i) ? i.get('id') : undefined));
  const at = replaceId === undefined ? -1 : ids.indexOf(replaceId);
  if (replaceId !== undefined && at < 0) invalid(file, `no rule with id "${replaceId}" to replace`);
  checkIdFree(file, ids, rule.id, at);
  const first = items[0]!;
  if (!YAML.isMap(first) || !first.range) invalid(file, '`servers` items must be mappings');
  // The column of the `- ` of the first item, and the item's content column after it.
  const contentCol = first.range[0] - lineStart(text, first.range[0]);
  const dashLine = text.slice(lineStart(text, first.range[0]), first.range[0]);
  const dashCol = dashLine.lastIndexOf('-');
  if (dashCol < 0) invalid(file, 'cannot find the list marker of the first rule');
  const pad = ' '.repeat(contentCol);
  // The file's own line ending: a CRLF file must not come back with LF lines in it.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = ruleYaml(rule);
  const block = lines.map((l, k) => (k === 0 ? l : `${pad}${l}`)).join(eol);
  let out: string;
  let index: number;
  if (at >= 0) {
    const node = items[at]!;
    if (!YAML.isMap(node) || !node.range) invalid(file, `rule ${at} is not a mapping`);
    // node.range[1] runs to the end of the value; keep the newline that ends it.
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(text.charAt(end - 1))) end--;
    out = text.slice(0, node.range[0]) + block + text.slice(end);
    index = at;
  } else {
    const last = items[items.length - 1];
    if (!YAML.isNode(last) || !last.range) invalid(file, 'cannot find the end of the last rule');
    let end = last.range[1];
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
    out = `${text.slice(0, end)}${eol}${' '.repeat(dashCol)}- ${' '.repeat(Math.max(0, contentCol - dashCol - 2))}${block}${text.slice(end)}`;
    index = items.length;
  }
  return { text: out, index, replaced: at >= 0 };
}

function editJson(file: string, text: string, rule: ServerRule, replaceId: string | undefined): EditResult {
  // A text splice, not jsonc-parser's `modify`: `modify` re-formats the neighbouring element,
  // and an admin's diff must show only the new rule.
  // jsonc-parser recovers from errors; a source that is not strict JSON is not ours to edit.
  const errors: ParseError[] = [];
  const root = parseTree(text.replace(/^\uFEFF/, ' '), errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    invalid(file, `not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); nothing written`);
  }
  const servers = root ? findNodeAtLocation(root, ['servers']) : undefined;
  if (!servers || servers.type !== 'array' || !servers.children || servers.children.length === 0) {
    invalid(file, 'expected a `servers` array with at least one rule (add the first rule by hand)');
  }
  const items = servers.children;
  const ids = items.map((n) => (n.type === 'object' ? findNodeAtLocation(n, ['id'])?.value : undefined) as unknown);
  const at = replaceId === undefined ? -1 : ids.indexOf(replaceId);
  if (replaceId !== undefined && at < 0) invalid(file, `no rule with id "${replaceId}" to replace`);
  checkIdFree(file, ids, rule.id, at);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const last = items[items.length - 1];
  const col = last.offset - lineStart(text, last.offset);
  const lead = text.slice(lineStart(text, last.offset), last.offset);
  const pad = /^[ \t]*$/.test(lead) ? lead : ' '.repeat(col);
  const unit = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const block = JSON.stringify(rule, null, unit)
    .split('\n')
    .map((l, k) => (k === 0 ? l : pad + l))
    .join(eol);
  if (at >= 0) {
    const node = items[at];
    return { text: text.slice(0, node.offset) + block + text.slice(node.offset + node.length), index: at, replaced: true };
  }
  // Same line layout as the existing items: on its own line when they are, else after ", ".
  const ownLine = /^[ \t]*$/.test(lead);
  const sep = ownLine ? `,${eol}${pad}` : ', ';
  const endOfLast = last.offset + last.length;
  return { text: text.slice(0, endOfLast) + sep + block + text.slice(endOfLast), index: items.length, replaced: false };
}

/** Parsed value of an allowlist source (YAML or JSON). */
export function sourceValue(text: string, fileName: string): Record<string, unknown> {
  return (detectFormat(text, fileName) === 'json' ? JSON.parse(text.replace(/^\uFEFF/, '')) : YAML.parse(text)) as Record<string, unknown>;
}

/** Add `rule` (or replace the rule `replaceId`) in the source text; verified by re-parsing. */
export function addRuleToSource(file: string, text: string, rule: ServerRule, replaceId?: string): EditResult {
  const format = detectFormat(text, file);
  const r = format === 'json' ? editJson(file, text, rule, replaceId) : editYaml(file, text, rule, replaceId);
  const before = sourceValue(text, file);
  const expected = structuredClone(before) as { servers: unknown[] };
  if (r.replaced) expected.servers[r.index] = rule;
  else expected.servers.push(rule);
  let after: unknown;
  try {
    after = sourceValue(r.text, file);
  } catch (e) {
    throw new ApprovalError({ code: 'SOURCE_INVALID', message: `${file}: the edit would not parse; nothing written`, file, cause: e });
  }
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(after)), JSON.parse(JSON.stringify(expected)))) {
    invalid(file, 'the edit would change more than the one rule (unusual layout?); nothing written — add the rule by hand');
  }
  return r;
}
