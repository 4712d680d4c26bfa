// npmFacts / treeFacts: the shapes `npm view --json` and a lockfile come in, and the ones
// that must be refused (another name, another version, no integrity) with a typed code.
import * as crypto from 'node:crypto';
import { ApprovalError } from '../../../src/approval/errors';
import { npmFacts, treeFacts } from '../../../src/approval/npm-facts';

const INTEGRITY = `sha512-${crypto.createHash('sha512').update('x').digest('base64')}`;

/** What `npm view NAME@VERSION --json` prints (the fields we read). */
function view(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '@acme/mcp-thing',
    version: '1.1.0',
    description: 'a thing',
    'dist-tags': { latest: '1.2.0' },
    versions: ['1.0.0', '1.1.0', '1.2.0'],
    time: {
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-06-01T00:00:00.000Z',
      '1.0.0': '2026-01-01T00:00:00.000Z',
      '1.1.0': '2026-03-01T00:00:00.000Z',
      '1.2.0': '2026-06-01T00:00:00.000Z',
    },
    maintainers: ['alice <alice@example.com>', 'bob <bob@example.com>'],
    scripts: { test: 'jest', build: 'tsc' },
    dist: {
      integrity: INTEGRITY,
      shasum: 'a'.repeat(40),
      signatures: [{ keyid: 'SHA256:k1', sig: 'MEUCIQ==' }],
    },
    ...over,
  };
}

const ASKED = { name: '@acme/mcp-thing', version: '1.1.0' };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return (e as ApprovalError).code;
  }
}

describe('npmFacts', () => {
  it('reads a plain version manifest', () => {
    expect(npmFacts(view(), ASKED)).toEqual({
      name: '@acme/mcp-thing',
      version: '1.1.0',
      integrity: INTEGRITY,
      published: '2026-03-01T00:00:00.000Z',
      versions: ['1.0.0', '1.1.0', '1.2.0'],
      latest: '1.2.0',
      deprecated: undefined,
      installScripts: {},
      gyp: false,
      maintainers: ['alice', 'bob'],
      signatures: [{ keyid: 'SHA256:k1', sig: 'MEUCIQ==' }],
      provenance: false,
      description: 'a thing',
    });
  });

  it('takes the latest when no version was asked', () => {
    expect(npmFacts(view({ version: '1.2.0' }), { name: '@acme/mcp-thing' }).version).toBe('1.2.0');
  });

  it('an array (a spec that matched several versions): the last one, still checked against what was asked', () => {
    const arr = [view({ version: '1.0.0' }), view({ version: '1.1.0' })];
    expect(npmFacts(arr, ASKED).version).toBe('1.1.0');
    expect(codeOf(() => npmFacts([view({ version: '1.1.0' }), view({ version: '1.2.0' })], ASKED))).toBe('REGISTRY_RESPONSE_INVALID');
    expect(codeOf(() => npmFacts([], ASKED))).toBe('REGISTRY_RESPONSE_INVALID');
  });

  it("an error object is VERSION_NOT_FOUND, with npm's summary", () => {
    const err = { error: { code: 'E404', summary: 'No match found for version 9.9.9' } };
    expect(codeOf(() => npmFacts(err, { name: 'x', version: '9.9.9' }))).toBe('VERSION_NOT_FOUND');
    expect(() => npmFacts(err, { name: 'x', version: '9.9.9' })).toThrow('x@9.9.9: No match found for version 9.9.9');
    expect(() => npmFacts({ error: {} }, { name: 'x' })).toThrow('x: not found');
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['a number', 3],
    ['another package', view({ name: '@acme/mcp-thing-evil' })],
    ['no name', view({ name: undefined })],
    ['another version', view({ version: '1.1.1' })],
    ['no version', view({ version: undefined })],
    ['a numeric version', view({ version: 1.1 })],
    ['no dist', view({ dist: undefined })],
    ['no integrity (sha1 shasum only)', view({ dist: { shasum: 'a'.repeat(40) } })],
    ['a sha1 integrity', view({ dist: { integrity: `sha1-${'A'.repeat(27)}=` } })],
    ['a truncated sha512', view({ dist: { integrity: INTEGRITY.slice(0, 40) } })],
    ['two integrities', view({ dist: { integrity: `${INTEGRITY} ${INTEGRITY}` } })],
    ['an integrity that is not a string', view({ dist: { integrity: ['sha512-x'] } })],
  ])('refuses %s as REGISTRY_RESPONSE_INVALID', (_, v) => {
    expect(codeOf(() => npmFacts(v, ASKED))).toBe('REGISTRY_RESPONSE_INVALID');
  });

  it('install scripts: only preinstall, install and postinstall count', () => {
    const f = npmFacts(
      view({ scripts: { preinstall: 'a', install: 'b', postinstall: 'c', prepare: 'd', prepublish: 'e', test: 'f', postinstal: 'g' } }),
      ASKED,
    );
    expect(f.installScripts).toEqual({ preinstall: 'a', install: 'b', postinstall: 'c' });
    expect(f.gyp).toBe(false);
    expect(npmFacts(view({ scripts: { postinstall: 7 } }), ASKED).installScripts).toEqual({});
    expect(npmFacts(view({ scripts: 'node x' }), ASKED).installScripts).toEqual({});
  });

  it("binding.gyp: gypfile, or npm's implied `node-gyp rebuild` install", () => {
    expect(npmFacts(view({ gypfile: true }), ASKED).gyp).toBe(true);
    expect(npmFacts(view({ scripts: { install: 'node-gyp rebuild' } }), ASKED).gyp).toBe(true);
    expect(npmFacts(view({ gypfile: 'yes' }), ASKED).gyp).toBe(false);
  });

  it('provenance: dist.attestations.provenance', () => {
    const att = {
      url: 'https://registry.npmjs.org/-/npm/v1/attestations/@acme/mcp-thing@1.1.0',
      provenance: { predicateType: 'https://slsa.dev/provenance/v1' },
    };
    expect(npmFacts(view({ dist: { integrity: INTEGRITY, attestations: att } }), ASKED).provenance).toBe(true);
    expect(npmFacts(view({ dist: { integrity: INTEGRITY, attestations: { url: 'x' } } }), ASKED).provenance).toBe(false);
    expect(npmFacts(view({ dist: { integrity: INTEGRITY, attestations: { provenance: true } } }), ASKED).provenance).toBe(false);
  });

  it('signatures: malformed entries are dropped, not trusted', () => {
    const sigs = [{ keyid: 'k1', sig: 's1' }, { keyid: 3, sig: 's' }, { keyid: 'k2' }, null, 'k3:s3', { keyid: 'k4', sig: 's4', extra: 1 }];
    expect(npmFacts(view({ dist: { integrity: INTEGRITY, signatures: sigs } }), ASKED).signatures).toEqual([
      { keyid: 'k1', sig: 's1' },
      { keyid: 'k4', sig: 's4' },
    ]);
    expect(npmFacts(view({ dist: { integrity: INTEGRITY, signatures: { keyid: 'k', sig: 's' } } }), ASKED).signatures).toEqual([]);
    expect(npmFacts(view({ dist: { integrity: INTEGRITY } }), ASKED).signatures).toEqual([]);
  });

  it('maintainers: strings with e-mail, objects with name, sorted and deduplicated', () => {
    const m = ['zed <z@x>', { name: 'amy', email: 'a@x' }, 'zed', { email: 'nobody@x' }, 7, '', 'bob'];
    expect(npmFacts(view({ maintainers: m }), ASKED).maintainers).toEqual(['amy', 'bob', 'zed']);
    expect(npmFacts(view({ maintainers: undefined }), ASKED).maintainers).toBeUndefined();
    expect(npmFacts(view({ maintainers: 'alice' }), ASKED).maintainers).toBeUndefined();
  });

  it('versions in publish order, not in the order listed', () => {
    const time = { '1.0.0': '2026-01-01T00:00:00Z', '2.0.0': '2026-02-01T00:00:00Z', '1.0.1': '2026-03-01T00:00:00Z' };
    const f = npmFacts(view({ version: '1.0.1', versions: ['1.0.0', '1.0.1', '2.0.0'], time }), {
      name: '@acme/mcp-thing',
      version: '1.0.1',
    });
    expect(f.versions).toEqual(['1.0.0', '2.0.0', '1.0.1']);
    expect(npmFacts(view({ versions: undefined }), ASKED).versions).toEqual(['1.1.0']);
  });

  it('publish time: only a parseable one', () => {
    expect(npmFacts(view({ time: undefined }), ASKED).published).toBeUndefined();
    expect(npmFacts(view({ time: { '1.1.0': 12 } }), ASKED).published).toBeUndefined();
    expect(npmFacts(view({ time: { '1.1.0': 'yesterday-ish' } }), ASKED).published).toBeUndefined();
  });

  it('deprecated, latest and description', () => {
    const f = npmFacts(view({ deprecated: 'use @acme/other', 'dist-tags': { latest: 5 }, description: 'd'.repeat(1000) }), ASKED);
    expect(f.deprecated).toBe('use @acme/other');
    expect(f.latest).toBeUndefined();
    expect(f.description).toHaveLength(300);
    // npm un-deprecates with an empty message
    expect(npmFacts(view({ deprecated: '' }), ASKED).deprecated).toBeUndefined();
    expect(npmFacts(view({ deprecated: true }), ASKED).deprecated).toBeUndefined();
  });
});

describe('treeFacts', () => {
  it('counts the tree without the root and the server, and names install-script packages once', () => {
    const lock = {
      name: 'mcp-warden-review',
      lockfileVersion: 3,
      packages: {
        '': { name: 'mcp-warden-review', dependencies: { '@acme/mcp-thing': '1.1.0' } },
        'node_modules/@acme/mcp-thing': { version: '1.1.0', hasInstallScript: true },
        'node_modules/dep-a': { version: '1.0.0', hasInstallScript: true },
        'node_modules/@scope/dep-b': { version: '2.0.0' },
        'node_modules/@acme/mcp-thing/node_modules/dep-a': { version: '0.9.0', hasInstallScript: true },
        'node_modules/esbuild': { version: '0.20.0', hasInstallScript: 'yes' },
      },
    };
    expect(treeFacts(lock, '@acme/mcp-thing')).toEqual({ dependencies: 4, withInstallScripts: ['dep-a'] });
  });

  it('a tree of the server alone has no dependencies', () => {
    expect(treeFacts({ packages: { '': {}, 'node_modules/x': {} } }, 'x')).toEqual({ dependencies: 0, withInstallScripts: [] });
  });

  it('a nested copy of the server is a dependency like any other', () => {
    expect(treeFacts({ packages: { 'node_modules/x': {}, 'node_modules/y/node_modules/x': { hasInstallScript: true } } }, 'x')).toEqual({
      dependencies: 1,
      withInstallScripts: ['x'],
    });
  });

  it.each([
    ['a lockfile v1 (no packages)', { lockfileVersion: 1, dependencies: { x: {} } }],
    ['null', null],
    ['packages as a list', { packages: [] }],
  ])('refuses %s', (_, lock) => {
    expect(codeOf(() => treeFacts(lock, 'x'))).toBe('REGISTRY_RESPONSE_INVALID');
  });
});
