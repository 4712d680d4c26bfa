import { lintAllowlist } from '../../../src/policy/lint';

const now = new Date('2026-01-01T00:00:00Z');
const HEX = 'a'.repeat(64);
const rule = [
  'org: acme',
  'version: 1',
  'expires: 2026-12-31T00:00:00Z',
  'mode: enforce',
  'servers:',
  '  - id: fs',
  '    transport: stdio',
  '    command: /opt/fs',
  '    args: []',
  `    sha256: ${HEX}`,
];

const lint = (extra: string[]) => lintAllowlist([...rule, ...extra].join('\n') + '\n', { fileName: 'a.yaml', now });

describe('lint: tool pinning keys', () => {
  it('warns about a stdio rule without tool pins', () => {
    const r = lint([]);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      expect.objectContaining({ path: '$.servers[0]', message: expect.stringContaining('allowlist pin-tools FILE --server fs') }),
    ]);
  });

  it.each([['    toolPinning: off'], ['    toolPinning: tofu'], [`    toolPins: { server: ${HEX}, tools: { echo: ${HEX} } }`]])(
    'is quiet with %s',
    (line) => {
      const r = lint([line]);
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
    },
  );

  it('refuses toolPinning: pinned without toolPins, and bad digests', () => {
    expect(lint(['    toolPinning: pinned']).errors.map((e) => e.path)).toEqual(['$.servers[0].toolPinning']);
    expect(lint(['    toolPins: { server: abc, tools: { echo: xyz } }']).errors.map((e) => e.path)).toEqual([
      '$.servers[0].toolPins.server',
      '$.servers[0].toolPins.tools.echo',
    ]);
  });

  it('warns that onToolChange does nothing without pinning', () => {
    expect(lint(['    toolPinning: off', '    onToolChange: block']).warnings.map((w) => w.path)).toEqual(['$.servers[0].onToolChange']);
  });

  it('refuses tool pins on a remote rule', () => {
    const remote = [
      ...rule.slice(0, 5),
      '  - id: r',
      '    transport: http',
      '    url: https://mcp.example.com/',
      `    toolPins: { server: ${HEX}, tools: {} }`,
    ];
    const r = lintAllowlist(remote.join('\n') + '\n', { fileName: 'a.yaml', now });
    expect(r.errors.map((e) => e.path)).toEqual(['$.servers[0].toolPins']);
  });
});
