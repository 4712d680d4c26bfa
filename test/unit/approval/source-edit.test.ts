// addRuleToSource: the rule goes into `servers` (after the last rule, or over the one it
// replaces) and every other byte of the admin's file stays: comments, anchors, quoting,
// blank lines, line endings. A file that does not parse, or an id already taken, is refused
// with a typed code and nothing is produced.
import * as YAML from 'yaml';
import { ApprovalError } from '../../../src/approval/errors';
import { addRuleToSource, sourceValue } from '../../../src/approval/source-edit';
import { lintAllowlist } from '../../../src/policy/lint';
import type { ServerRule } from '../../../src/policy/types';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const RULE: ServerRule = {
  id: 'mcp-thing',
  transport: 'stdio',
  command: 'npx',
  args: ['-y', '@acme/mcp-thing@1.1.0'],
  package: { registry: 'npm', name: '@acme/mcp-thing', version: '1.1.0', integrity: INTEGRITY },
  env: { secrets: ['THING_TOKEN'] },
  scopes: ['user'],
};

const YAML_SOURCE = `# ACME allowlist (comments must survive)
org: acme
version: 3
expires: "2099-01-01T00:00:00Z"
mode: enforce
servers:
  # the docs server
  - id: docs
    transport: http
    url: 'https://mcp.acme.example/*'   # trailing comment
    scopes: &dev-scopes [user, local]   # an anchor, reused below

  - id: fs
    transport: stdio
    command: npx
    args:
      - -y
      - "@modelcontextprotocol/server-filesystem@2025.8.21"
    package:
      registry: npm
      name: "@modelcontextprotocol/server-filesystem"
      version: 2025.8.21
      integrity: ${INTEGRITY}
    trailingArgs: true
    scopes: *dev-scopes
    # end of fs

deny:
  - package: mcp-server-from-a-blog   # never
    reason: >
      folded text
      kept as it is
`;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return (e as ApprovalError).code;
  }
}

function servers(text: string, file: string): unknown[] {
  return sourceValue(text, file).servers as unknown[];
}

describe('addRuleToSource: YAML', () => {
  const file = 'allowlist.yaml';

  it('appends after the last rule, before `deny`, and keeps every other byte', () => {
    const r = addRuleToSource(file, YAML_SOURCE, RULE);
    expect(r).toMatchObject({ index: 2, replaced: false });
    const cut = YAML_SOURCE.indexOf('\n    # end of fs');
    expect(r.text.startsWith(YAML_SOURCE.slice(0, YAML_SOURCE.indexOf('    scopes: *dev-scopes') + '    scopes: *dev-scopes'.length))).toBe(
      true,
    );
    expect(r.text.endsWith(YAML_SOURCE.slice(cut))).toBe(true);
    // the new rule, in the file's own indentation, short lists on one line
    expect(r.text).toContain(
      [
        '  - id: mcp-thing',
        '    transport: stdio',
        '    command: npx',
        '    args: [-y, "@acme/mcp-thing@1.1.0"]',
        '    package:',
        '      registry: npm',
        '      name: "@acme/mcp-thing"',
        '      version: 1.1.0',
        `      integrity: ${INTEGRITY}`,
        '    env:',
        '      secrets: [THING_TOKEN]',
        '    scopes: [user]',
      ].join('\n'),
    );
    const after = servers(r.text, file);
    expect(after).toHaveLength(3);
    expect(after[2]).toEqual(RULE);
    // the anchor still resolves where it was used
    expect((after[1] as { scopes: string[] }).scopes).toEqual(['user', 'local']);
    expect(r.text).toContain('    scopes: &dev-scopes [user, local]   # an anchor, reused below');
    expect(r.text).toContain('    scopes: *dev-scopes');
    expect(lintAllowlist(r.text, { fileName: file }).errors).toEqual([]);
  });

  it('the only change is the inserted text', () => {
    const r = addRuleToSource(file, YAML_SOURCE, RULE);
    let i = 0;
    while (r.text[i] === YAML_SOURCE[i]) i++;
    const inserted = r.text.length - YAML_SOURCE.length;
    expect(r.text.slice(0, i) + r.text.slice(i + inserted)).toBe(YAML_SOURCE);
  });

  it("--replace: the rule takes the old one's place; its neighbours and comments stay", () => {
    const src = YAML_SOURCE.replace('&dev-scopes [user, local]', '[user, local]').replace('*dev-scopes', '[user]');
    const r = addRuleToSource(file, src, { ...RULE, id: 'docs' }, 'docs');
    expect(r).toMatchObject({ index: 0, replaced: true });
    expect(r.text).toContain('  # the docs server\n  - id: docs\n    transport: stdio');
    expect(r.text).not.toContain('mcp.acme.example');
    expect(r.text).toContain('\n\n  - id: fs\n');
    expect(servers(r.text, file)[0]).toEqual({ ...RULE, id: 'docs' });
    expect(servers(r.text, file)).toHaveLength(2);
  });

  it('--replace of a rule that defines an anchor used elsewhere is refused', () => {
    expect(codeOf(() => addRuleToSource(file, YAML_SOURCE, { ...RULE, id: 'docs' }, 'docs'))).toBe('SOURCE_INVALID');
    expect(() => addRuleToSource(file, YAML_SOURCE, { ...RULE, id: 'docs' }, 'docs')).toThrow(/nothing written/);
  });

  it('--replace of the last rule keeps what follows it', () => {
    const r = addRuleToSource(file, YAML_SOURCE, { ...RULE, id: 'fs' }, 'fs');
    expect(r).toMatchObject({ index: 1, replaced: true });
    expect(r.text.endsWith(YAML_SOURCE.slice(YAML_SOURCE.indexOf('\n    # end of fs')))).toBe(true);
  });

  it('a rule id that is already taken is refused (RULE_EXISTS), also under --replace of another', () => {
    expect(codeOf(() => addRuleToSource(file, YAML_SOURCE, { ...RULE, id: 'fs' }))).toBe('RULE_EXISTS');
    expect(() => addRuleToSource(file, YAML_SOURCE, { ...RULE, id: 'fs' })).toThrow(/already has a rule "fs".*--replace fs/);
    expect(codeOf(() => addRuleToSource(file, YAML_SOURCE, { ...RULE, id: 'fs' }, 'docs'))).toBe('RULE_EXISTS');
  });

  it('--replace of an id that is not there is refused', () => {
    expect(codeOf(() => addRuleToSource(file, YAML_SOURCE, RULE, 'nope'))).toBe('SOURCE_INVALID');
  });

  it('items at column 0 and a wider dash gap are followed', () => {
    const src = 'org: a\nservers:\n-   id: a\n    transport: http\n    url: https://a.example/\n';
    const r = addRuleToSource(file, src, RULE);
    expect(r.text).toContain('\n-   id: mcp-thing\n    transport: stdio\n');
    expect(servers(r.text, file)[1]).toEqual(RULE);
  });

  it('`servers` anywhere in the document: the rule goes into that list, not the last one', () => {
    const src = 'servers:\n  - id: a\n    transport: http\n    url: https://a.example/\ndeny:\n  - name: x\nsettings: {}\n';
    const r = addRuleToSource(file, src, RULE);
    expect(r.text.endsWith('deny:\n  - name: x\nsettings: {}\n')).toBe(true);
    expect(sourceValue(r.text, file).deny).toEqual([{ name: 'x' }]);
  });

  it('a file without a trailing newline', () => {
    const src = 'org: a\nservers:\n  - id: a\n    transport: http\n    url: https://a.example/';
    const r = addRuleToSource(file, src, RULE);
    expect(servers(r.text, file)).toHaveLength(2);
    expect(r.text.startsWith(src)).toBe(true);
  });

  it('CRLF line endings stay CRLF', () => {
    const src = 'org: a\r\nservers:\r\n  - id: a\r\n    transport: http\r\n    url: https://a.example/\r\ndeny: []\r\n';
    const r = addRuleToSource(file, src, RULE);
    expect(r.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(servers(r.text, file)[1]).toEqual(RULE);
  });

  it('a multi-line description stays a block scalar at the right depth', () => {
    const r = addRuleToSource(file, YAML_SOURCE, { ...RULE, description: 'line one\nline two' });
    expect((servers(r.text, file)[2] as ServerRule).description).toBe('line one\nline two');
  });

  it('values YAML would misread are quoted: secrets placeholders, numbers, booleans', () => {
    const rule: ServerRule = { ...RULE, args: ['-y', '@acme/mcp-thing@1.1.0', '{{secret:K}}', '0123', 'yes', 'null', '- x', '#c'] };
    const r = addRuleToSource(file, YAML_SOURCE, rule);
    expect(servers(r.text, file)[2]).toEqual(rule);
  });

  it.each([
    ['not YAML', 'servers: [\n  - id: a\n'],
    ['a duplicate key', 'org: a\norg: b\nservers:\n  - id: a\n'],
    ['no servers', 'org: a\n'],
    ['empty servers', 'org: a\nservers: []\n'],
    ['a flow list', 'org: a\nservers: [{id: a, transport: http, url: "https://a/"}]\n'],
    ['servers of scalars', 'org: a\nservers:\n  - a\n  - b\n'],
    ['servers as a map', 'org: a\nservers:\n  a: 1\n'],
  ])('%s: refused (SOURCE_INVALID)', (_, src) => {
    expect(codeOf(() => addRuleToSource(file, src, RULE))).toBe('SOURCE_INVALID');
  });
});

const JSON_SOURCE = `{
\t"org": "acme",
\t"version": 1,
\t"expires": "2099-01-01T00:00:00Z",
\t"mode": "audit",
\t"servers": [
\t\t{ "id": "docs", "transport": "http", "url": "https://x.example/mcp" },
\t\t{
\t\t\t"id": "fs",
\t\t\t"transport": "http",
\t\t\t"url": "https://y.example/mcp"
\t\t}
\t],
\t"deny": [{ "name": "x" }]
}
`;

describe('addRuleToSource: JSON', () => {
  const file = 'allowlist.json';

  it("splices the rule after the last one, in the file's indentation; nothing else moves", () => {
    const r = addRuleToSource(file, JSON_SOURCE, RULE);
    expect(r).toMatchObject({ index: 2, replaced: false });
    const end = JSON_SOURCE.indexOf('\n\t],');
    expect(r.text.startsWith(JSON_SOURCE.slice(0, end))).toBe(true);
    expect(r.text.endsWith(JSON_SOURCE.slice(end))).toBe(true);
    expect(r.text).toContain('\t\t},\n\t\t{\n\t\t\t"id": "mcp-thing",\n\t\t\t"transport": "stdio",');
    expect(r.text).toContain('\t\t\t"args": [\n\t\t\t\t"-y",');
    expect(JSON.parse(r.text)).toEqual({
      ...JSON.parse(JSON_SOURCE),
      servers: [...(JSON.parse(JSON_SOURCE) as { servers: unknown[] }).servers, RULE],
    });
    expect(lintAllowlist(r.text, { fileName: file }).errors).toEqual([]);
  });

  it('--replace of a one-line rule', () => {
    const r = addRuleToSource(file, JSON_SOURCE, { ...RULE, id: 'docs' }, 'docs');
    expect(r).toMatchObject({ index: 0, replaced: true });
    expect(r.text).not.toContain('x.example');
    expect(r.text).toContain('\t\t\t"url": "https://y.example/mcp"');
    expect((JSON.parse(r.text) as { servers: ServerRule[] }).servers[0]).toEqual({ ...RULE, id: 'docs' });
  });

  it('items on one line with the bracket: the rule follows after ", "', () => {
    const src = '{"org":"a","servers":[{"id":"a","transport":"http","url":"https://a/"}]}';
    const r = addRuleToSource(file, src, RULE);
    expect(r.text.startsWith('{"org":"a","servers":[{"id":"a","transport":"http","url":"https://a/"}, {')).toBe(true);
    expect((JSON.parse(r.text) as { servers: unknown[] }).servers[1]).toEqual(RULE);
  });

  it('CRLF and a BOM are kept', () => {
    const src = `\uFEFF${JSON_SOURCE.replace(/\n/g, '\r\n')}`;
    const r = addRuleToSource(file, src, RULE);
    expect(r.text.startsWith('\uFEFF{\r\n')).toBe(true);
    expect(r.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('a rule id that is already taken is refused (RULE_EXISTS)', () => {
    expect(codeOf(() => addRuleToSource(file, JSON_SOURCE, { ...RULE, id: 'fs' }))).toBe('RULE_EXISTS');
  });

  it.each([
    ['a trailing comma', JSON_SOURCE.replace('"x" }]', '"x" },]')],
    ['a comment', JSON_SOURCE.replace('"org": "acme",', '"org": "acme", // who')],
    ['cut short', JSON_SOURCE.slice(0, 200)],
    ['no servers', '{"org":"a"}'],
    ['empty servers', '{"org":"a","servers":[]}'],
    ['servers not a list', '{"org":"a","servers":{"a":{}}}'],
    ['a list at the top', '[{"servers":[{"id":"a"}]}]'],
  ])('%s: refused (SOURCE_INVALID)', (_, src) => {
    expect(codeOf(() => addRuleToSource(file, src, RULE))).toBe('SOURCE_INVALID');
  });
});

describe('sourceValue', () => {
  it('reads YAML and JSON by name or first character', () => {
    expect(sourceValue('a: 1\n', 'x.yaml')).toEqual({ a: 1 });
    expect(sourceValue('{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(sourceValue('\uFEFF{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(YAML.parse('a: 1')).toEqual(sourceValue('a: 1', 'x'));
  });
});
