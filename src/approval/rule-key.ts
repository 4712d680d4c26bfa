// Set one key of one rule in the allowlist SOURCE, keeping every other byte (comments,
// quoting, blank lines, the rule's other keys): what `allowlist pin-tools` uses to write
// `toolPins`. YAML: the key's text is spliced over the old key (or after the rule's last
// key). JSON (no comments to keep): the rule is replaced through addRuleToSource. As there,
// the result is parsed again and must equal the old document plus exactly this change.
import { isDeepStrictEqual } from 'node:util';
import * as YAML from 'yaml';
import type { ServerRule } from '../policy/types';
import { detectFormat } from '../schema/source';
import { ApprovalError } from './errors';
import { addRuleToSource, sourceValue } from './source-edit';

function invalid(file: string, message: string): never {
  throw new ApprovalError({ code: 'SOURCE_INVALID', message: `${file}: ${message}`, file });
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function keyYaml(key: string, value: unknown): string[] {
  const doc = new YAML.Document({ [key]: value });
  return doc.toString({ lineWidth: 0, indent: 2 }).replace(/\n$/, '').split('\n');
}

function editYaml(file: string, text: string, ruleId: string, key: string, value: unknown): { text: string; index: number } {
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) invalid(file, `not valid YAML (${doc.errors[0]?.message.split('\n')[0] ?? ''})`);
  const servers = doc.get('servers', true);
  if (!YAML.isSeq(servers)) invalid(file, 'expected a list `servers:`');
  const index = servers.items.findIndex((i) => YAML.isMap(i) && i.get('id') === ruleId);
  const rule = servers.items[index];
  if (index < 0 || !YAML.isMap(rule) || !rule.range) invalid(file, `no rule with id "${ruleId}"`);
  if (rule.flow) invalid(file, `rule "${ruleId}" is a flow mapping ({…}); write it as a block to pin it`);
  const first = rule.items[0];
  if (!first || !YAML.isScalar(first.key) || !first.key.range) invalid(file, `rule "${ruleId}" has no keys`);
  const pad = ' '.repeat(first.key.range[0] - lineStart(text, first.key.range[0]));
  const block = keyYaml(key, value)
    .map((l, k) => (k === 0 ? l : `${pad}${l}`))
    .join('\n');
  const pair = rule.items.find((p) => YAML.isScalar(p.key) && p.key.value === key);
  let out: string;
  if (pair && YAML.isScalar(pair.key) && pair.key.range && YAML.isNode(pair.value) && pair.value.range) {
    let end = pair.value.range[1];
    while (end > pair.key.range[0] && /\s/.test(text.charAt(end - 1))) end--;
    out = text.slice(0, pair.key.range[0]) + block + text.slice(end);
  } else {
    let end = rule.range[1];
    while (end > rule.range[0] && /\s/.test(text.charAt(end - 1))) end--;
    out = `${text.slice(0, end)}\n${pad}${block}${text.slice(end)}`;
  }
  return { text: out, index };
}

/** Set `rule[key] = value` for the rule `ruleId`; verified by re-parsing. */
export function setRuleKey(
  file: string,
  text: string,
  ruleId: string,
  key: keyof ServerRule,
  value: unknown,
): { text: string; index: number } {
  const before = sourceValue(text, file) as { servers?: unknown };
  const servers = Array.isArray(before.servers) ? (before.servers as Array<Record<string, unknown>>) : [];
  const at = servers.findIndex((r) => r && typeof r === 'object' && r.id === ruleId);
  if (at < 0) invalid(file, `no rule with id "${ruleId}"`);
  let r: { text: string; index: number };
  if (detectFormat(text, file) === 'json') {
    const rule = { ...servers[at], [key]: value } as unknown as ServerRule;
    r = { text: addRuleToSource(file, text, rule, ruleId).text, index: at };
  } else {
    r = editYaml(file, text, ruleId, key, value);
  }
  const expected = structuredClone(before) as { servers: Array<Record<string, unknown>> };
  const target = expected.servers[at];
  if (target) target[key] = value;
  let after: unknown;
  try {
    after = sourceValue(r.text, file);
  } catch (e) {
    throw new ApprovalError({ code: 'SOURCE_INVALID', message: `${file}: the edit would not parse; nothing written`, file, cause: e });
  }
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(after)), JSON.parse(JSON.stringify(expected)))) {
    invalid(file, `the edit would change more than ${key} of rule "${ruleId}" (unusual layout?); nothing written`);
  }
  return r;
}
