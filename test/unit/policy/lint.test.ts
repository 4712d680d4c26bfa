import { lintAllowlist } from '../../../src/policy/lint';

const now = new Date('2026-01-01T00:00:00Z');
const head = ['org: acme', 'version: 1', 'expires: 2026-12-31T00:00:00Z', 'mode: enforce', 'servers:'];
const fs = [
  '  - id: fs',
  '    transport: stdio',
  '    command: npx',
  '    args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21"]',
  '    trailingArgs: true',
  '    package:',
  '      registry: npm',
  '      name: "@modelcontextprotocol/server-filesystem"',
  '      version: 2025.8.21',
  `      integrity: sha512-${'A'.repeat(86)}==`,
];

function lint(lines: string[]) {
  return lintAllowlist(lines.join('\n') + '\n', { fileName: 'allowlist.yaml', now });
}

function summary(lines: string[]): string[] {
  return lint(lines).errors.map((e) => `${e.line} ${e.path}: ${e.message}`);
}

describe('lintAllowlist', () => {
  it('reads a leap-second expiry like the agent does: past is past, soon is soon', () => {
    const past = lint([...head.map((l) => l.replace('2026-12-31T00:00:00Z', '2016-12-31T23:59:60Z')), ...fs]);
    expect(past.errors.map((e) => e.path)).toEqual(['$.expires']);
    const soon = lintAllowlist([...head.map((l) => l.replace('2026-12-31T00:00:00Z', '2026-12-31T23:59:60Z')), ...fs].join('\n') + '\n', {
      now: new Date('2026-12-25T00:00:00Z'),
    });
    expect(soon.errors).toEqual([]);
    expect(soon.warnings.filter((w) => w.path === '$.expires').map((w) => w.message)).toEqual([
      expect.stringMatching(/^expires in 7\.0 days/),
    ]);
  });

  it('accepts a valid allowlist', () => {
    const r = lint([...head, ...fs]);

    expect(r.errors).toEqual([]);
    expect(r.allowlist?.servers[0]?.id).toBe('fs');
  });

  it.each([
    ['^2025.8', 'ranges'],
    ['~1', 'ranges'],
    ['1.x', 'ranges'],
    ['">=1.0.0"', 'ranges'],
    ['latest', 'tags'],
    ['"*"', 'ranges'],
  ])('refuses the version %s as a pin', (version, word) => {
    const lines = [...head, ...fs.map((l) => l.replace('version: 2025.8.21', `version: ${version}`))];

    const errors = summary(lines);

    expect(errors.find((e) => e.startsWith('14 $.servers[0].package.version:'))).toContain(word);
  });

  it('reports every error at once, each with path and line', () => {
    const lines = [
      'org: acme',
      'version: 0',
      'expires: tomorrow',
      'mode: strict',
      'colour: blue',
      'servers:',
      '  - id: "bad id"',
      '    transport: stdio',
      '    command: node',
      '    url: https://x.example.com',
      '  - id: remote',
      '    transport: http',
      '    url: https://mcp.example.com/mcp',
      '    command: node',
      '    sha256: ABC',
      'deny:',
      '  - reason: no',
    ];

    expect(summary(lines)).toEqual([
      '2 $.version: must be >= 1',
      '3 $.expires: must be an RFC 3339 date-time with a time zone, e.g. 2026-12-31T00:00:00Z',
      '4 $.mode: must be one of: "audit", "enforce"',
      '5 $.colour: unknown property "colour"',
      '7 $.servers[0]: a stdio server needs at least one pin: sha256, package or image',
      '7 $.servers[0].args: is required',
      '7 $.servers[0].id: must be 1-64 characters of A-Z, a-z, 0-9, _ and -',
      '10 $.servers[0].url: is for remote servers (http, sse, ws), not stdio',
      '14 $.servers[1].command: is for stdio servers; a remote server is identified by url',
      '15 $.servers[1].sha256: is a stdio pin; a remote server is identified by url',
      '15 $.servers[1].sha256: must be 64 lowercase hex characters (the output of sha256sum or `mcp-warden allowlist hash FILE`)',
      '17 $.deny[0]: a deny rule needs at least one of command, package, url or name',
    ]);
  });

  it('reports rules beyond the schema: duplicate ids, placeholders, pins the argv does not use, expiry', () => {
    const lines = [
      'org: acme',
      'version: 2',
      'expires: 2025-06-01T00:00:00Z',
      'mode: audit',
      'servers:',
      ...fs,
      ...fs.map((l) => l.replace('server-filesystem@2025.8.21"]', 'server-filesystem", "{{secret:bad-name}}"]')),
      '  - id: gh',
      '    transport: stdio',
      '    command: docker',
      '    args: [run, -i, --rm, ghcr.io/github/github-mcp-server:latest]',
      '    image:',
      `      digest: sha256:${'a'.repeat(64)}`,
    ];

    expect(summary(lines).map((e) => e.replace(/:.*/, ''))).toEqual([
      '3 $.expires',
      '16 $.servers[1].id',
      '19 $.servers[1].args',
      '19 $.servers[1].args[2]',
      '29 $.servers[2].args',
    ]);
  });

  it('warns (without failing) about an empty enforce allowlist and a near expiry', () => {
    const r = lintAllowlist('org: acme\nversion: 1\nexpires: 2026-01-05T00:00:00Z\nmode: enforce\nservers: []\n', { now });

    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.path)).toEqual(['$.expires', '$.servers']);
  });

  it('separates syntax errors (unreadable) from lint errors', () => {
    const r = lintAllowlist('{"org": "acme",}', { fileName: 'a.json', now });

    expect(r.syntax[0]?.line).toBe(1);
    expect(r.errors).toEqual([]);
  });
});
