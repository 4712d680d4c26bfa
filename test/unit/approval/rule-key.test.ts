import { setRuleKey } from '../../../src/approval/rule-key';

const HEX = 'b'.repeat(64);
const pins = { server: HEX, tools: { echo: HEX, 'odd: name': HEX } };
const yaml = [
  '# Acme allowlist — reviewed by security',
  'org: acme',
  'version: 3',
  'servers:',
  '  # the filesystem server',
  '  - id: fs',
  "    command: 'npx'   # quoted on purpose",
  '    args: ["-y", "x@1.0.0"]',
  '',
  '  - id: other',
  '    command: /bin/other',
  '',
].join('\n');

describe('setRuleKey', () => {
  it("adds a key after the rule's last key, every other byte kept", () => {
    const r = setRuleKey('a.yaml', yaml, 'fs', 'toolPins', pins);
    expect(r.index).toBe(0);
    const lines = r.text.split('\n');
    expect(lines.slice(0, 8)).toEqual(yaml.split('\n').slice(0, 8));
    expect(lines.slice(8, 13)).toEqual([
      '    toolPins:',
      `      server: ${HEX}`,
      '      tools:',
      `        echo: ${HEX}`,
      `        "odd: name": ${HEX}`,
    ]);
    expect(r.text.endsWith(yaml.split('\n').slice(8).join('\n'))).toBe(true);
  });

  it('replaces an existing key in place (re-pinning)', () => {
    const once = setRuleKey('a.yaml', yaml, 'other', 'toolPins', pins).text;
    const twice = setRuleKey('a.yaml', once, 'other', 'toolPins', { server: HEX, tools: {} });
    expect(twice.text).toBe(
      yaml.replace('    command: /bin/other\n', `    command: /bin/other\n    toolPins:\n      server: ${HEX}\n      tools: {}\n`),
    );
  });

  it('rewrites the rule of a JSON source', () => {
    const json = '{\n  "org": "acme",\n  "servers": [\n    { "id": "fs", "command": "x" }\n  ]\n}\n';
    const r = setRuleKey('a.json', json, 'fs', 'toolPins', pins);
    expect(JSON.parse(r.text)).toEqual({ org: 'acme', servers: [{ id: 'fs', command: 'x', toolPins: pins }] });
  });

  it('refuses an unknown rule and a flow-mapping rule', () => {
    expect(() => setRuleKey('a.yaml', yaml, 'nope', 'toolPins', pins)).toThrow(expect.objectContaining({ code: 'SOURCE_INVALID' }));
    expect(() => setRuleKey('a.yaml', 'servers:\n  - { id: fs, command: x }\n', 'fs', 'toolPins', pins)).toThrow(
      expect.objectContaining({ code: 'SOURCE_INVALID' }),
    );
  });
});
