// parseSpec / splitNpmSpec: every form `allowlist add` accepts, and every one it refuses
// with SPEC_INVALID (exit 2) or REGISTRY_UNSUPPORTED (pypi:, also exit 2).
import { ApprovalError } from '../../../src/approval/errors';
import { EXACT_VERSION_RE, NPM_NAME_RE, parseSpec, splitNpmSpec } from '../../../src/approval/spec';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

function codeOf(raw: string): string | undefined {
  try {
    parseSpec(raw);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return (e as ApprovalError).code;
  }
}

describe('splitNpmSpec', () => {
  it.each([
    ['pkg', { name: 'pkg', version: undefined }],
    ['pkg@1.2.3', { name: 'pkg', version: '1.2.3' }],
    ['@scope/pkg', { name: '@scope/pkg', version: undefined }],
    ['@scope/pkg@1.2.3', { name: '@scope/pkg', version: '1.2.3' }],
    ['@scope/pkg@', { name: '@scope/pkg', version: '' }],
    ['pkg@1@2', { name: 'pkg', version: '1@2' }],
    ['@scope', { name: '@scope', version: undefined }],
  ])('%s', (s, want) => {
    expect(splitNpmSpec(s)).toEqual(want);
  });
});

describe('parseSpec: npm', () => {
  it.each([
    ['npm:pkg', 'pkg', undefined],
    ['npm:pkg@1.2.3', 'pkg', '1.2.3'],
    ['npm:@modelcontextprotocol/server-everything@2026.8.31', '@modelcontextprotocol/server-everything', '2026.8.31'],
    ['npm:@scope/pkg', '@scope/pkg', undefined],
    ['npm:@a.b/c_d~e-f@0.0.0', '@a.b/c_d~e-f', '0.0.0'],
    ['npm:pkg@1.2.3-beta.1', 'pkg', '1.2.3-beta.1'],
    ['npm:pkg@1.2.3-0.rc-1', 'pkg', '1.2.3-0.rc-1'],
    ['npm:pkg@1.2.3+build.7', 'pkg', '1.2.3+build.7'],
    ['npm:pkg@1.2.3-rc.1+sha.abc', 'pkg', '1.2.3-rc.1+sha.abc'],
    ['npm:9lives', '9lives', undefined],
  ])('accepts %s', (raw, name, version) => {
    expect(parseSpec(raw)).toEqual({ kind: 'npm', name, version });
  });

  it.each([
    // ranges, tags and partial versions are not pins
    'npm:pkg@^1.2.3',
    'npm:pkg@~1.2.3',
    'npm:pkg@1.x',
    'npm:pkg@1.2',
    'npm:pkg@1',
    'npm:pkg@>=1.0.0',
    'npm:pkg@*',
    'npm:pkg@latest',
    'npm:pkg@next',
    'npm:pkg@v1.2.3',
    'npm:pkg@=1.2.3',
    'npm:pkg@1.2.3 || 2.0.0',
    'npm:pkg@01.2.3',
    'npm:pkg@1.2.3-01', // a numeric prerelease id with a leading zero: the schema refuses it
    'npm:pkg@',
    'npm:@scope/pkg@',
    // not npm names
    'npm:',
    'npm:Pkg',
    'npm:.hidden',
    'npm:_private',
    'npm:@scope',
    'npm:@scope/',
    'npm:@/pkg',
    'npm:@Scope/pkg',
    'npm: pkg',
    'npm:pkg name',
    'npm:a/b',
    'npm:../pkg',
    'npm:git+https://github.com/x/y',
    'npm:https://example.com/pkg.tgz',
    `npm:${'a'.repeat(215)}`,
  ])('refuses %s', (raw) => {
    expect(codeOf(raw)).toBe('SPEC_INVALID');
  });

  it('a name of 214 characters is still a name', () => {
    expect(parseSpec(`npm:${'a'.repeat(214)}`)).toMatchObject({ kind: 'npm' });
  });

  it("the name and version patterns are the schema's", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('../../../schemas/allowlist.schema.json') as {
      definitions: Record<string, { properties: Record<string, { properties: Record<string, { pattern: string }> }> }>;
    };
    const pkg = Object.values(schema.definitions).find((d) => d.properties?.package)!.properties.package.properties;
    expect(NPM_NAME_RE.source).toBe(new RegExp(pkg.name.pattern).source);
    expect(EXACT_VERSION_RE.source).toBe(new RegExp(pkg.version.pattern).source);
  });
});

describe('parseSpec: file', () => {
  it.each([
    ['file:/opt/tools/mcp-server', '/opt/tools/mcp-server'],
    ['file:./srv.js', './srv.js'],
    ['file:relative/srv.py', 'relative/srv.py'],
    ['file:/path/with:colon', '/path/with:colon'],
  ])('accepts %s', (raw, p) => {
    expect(parseSpec(raw)).toEqual({ kind: 'file', path: p });
  });

  it('refuses an empty path', () => {
    expect(codeOf('file:')).toBe('SPEC_INVALID');
  });
});

describe('parseSpec: oci', () => {
  it.each([
    [`oci:ghcr.io/github/github-mcp-server@${DIGEST}`, 'ghcr.io/github/github-mcp-server'],
    [`oci:mcp/fetch@${DIGEST}`, 'mcp/fetch'],
    [`oci:alpine@${DIGEST}`, 'alpine'],
    [`oci:localhost:5000/team/img@${DIGEST}`, 'localhost:5000/team/img'],
    [`oci:registry.example.com:443/a.b/c_d-e@${DIGEST}`, 'registry.example.com:443/a.b/c_d-e'],
  ])('accepts %s', (raw, image) => {
    expect(parseSpec(raw)).toEqual({ kind: 'oci', image, digest: DIGEST });
  });

  it.each([
    'oci:ghcr.io/acme/mcp', // no digest
    'oci:ghcr.io/acme/mcp:latest', // a tag moves
    `oci:ghcr.io/acme/mcp:1.0@${DIGEST}`, // tag and digest
    `oci:localhost:5000/img:1.0@${DIGEST}`,
    `oci:ghcr.io/acme/mcp@${DIGEST.toUpperCase().replace('SHA256', 'sha256')}`, // digest in capitals
    `oci:ghcr.io/acme/mcp@sha256:${'a'.repeat(63)}`,
    `oci:ghcr.io/acme/mcp@sha512:${'a'.repeat(128)}`,
    `oci:ghcr.io/acme/mcp@${'a'.repeat(64)}`,
    `oci:@${DIGEST}`,
    `oci:GHCR.io/acme/mcp@${DIGEST}`,
    `oci:-evil@${DIGEST}`,
    `oci:ghcr.io/acme mcp@${DIGEST}`,
  ])('refuses %s', (raw) => {
    expect(codeOf(raw)).toBe('SPEC_INVALID');
  });
});

describe('parseSpec: other kinds', () => {
  it.each(['@scope/pkg@1.2.3', 'pkg', '', 'NPM:pkg', 'npmjs:pkg', 'docker:alpine', 'https://example.com/x', 'git:github.com/x/y'])(
    'refuses %j',
    (raw) => {
      expect(codeOf(raw)).toBe('SPEC_INVALID');
    },
  );
});

describe('parseSpec: pypi', () => {
  // The allowlist schema pins npm packages only and the judge cannot check what uvx
  // installed: refused with its own code, and the message says why and what to do instead.
  it.each(['pypi:mcp-server-fetch==2025.1.17', 'pypi:mcp-server-fetch', 'pip:x==1', 'uvx:x'])('refuses %s as unsupported', (raw) => {
    expect(codeOf(raw)).toBe('REGISTRY_UNSUPPORTED');
    expect(() => parseSpec(raw)).toThrow(/npm only.*oci:IMAGE@sha256:.*file:PATH/);
  });
});
