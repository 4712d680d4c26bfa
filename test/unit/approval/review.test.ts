// reviewNpm: facts in, findings out. Each check, each level, and the cooldown boundary.
import type { NpmFacts, TreeFacts } from '../../../src/approval/npm-facts';
import type { SignatureVerdict } from '../../../src/approval/npm-signature';
import { previousVersion, reviewNpm, type Finding, type ReviewOptions } from '../../../src/approval/review';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const ago = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();

function facts(over: Partial<NpmFacts> = {}): NpmFacts {
  return {
    name: '@acme/mcp-thing',
    version: '1.1.0',
    integrity: 'sha512-x',
    published: ago(100),
    versions: ['1.0.0', '1.1.0'],
    latest: '1.1.0',
    installScripts: {},
    gyp: false,
    maintainers: ['alice'],
    signatures: [{ keyid: 'SHA256:k', sig: 's' }],
    provenance: true,
    ...over,
  };
}

const TREE: TreeFacts = { dependencies: 3, withInstallScripts: [] };
const VERIFIED: SignatureVerdict = { status: 'verified', keyid: 'SHA256:k' };
const OPTS: ReviewOptions = { now: NOW, cooldownDays: 7, previousVersion: '1.0.0', previousMaintainers: ['alice'] };

function review(
  f: Partial<NpmFacts> = {},
  o: Partial<ReviewOptions> = {},
  tree: TreeFacts | null = TREE,
  sig: SignatureVerdict = VERIFIED,
): Finding[] {
  // null: no tree (a default parameter would replace undefined)
  return reviewNpm(facts(f), tree ?? undefined, sig, { ...OPTS, ...o });
}

function one(findings: Finding[], check: string): Finding {
  const found = findings.filter((x) => x.check === check);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('reviewNpm', () => {
  it('a clean package: every check ok or info, nothing to warn about', () => {
    const r = review();
    expect(r.map((x) => [x.check, x.level])).toEqual([
      ['install-scripts', 'ok'],
      ['dependencies', 'info'],
      ['registry-signature', 'ok'],
      ['provenance', 'ok'],
      ['age', 'ok'],
      ['maintainers', 'ok'],
    ]);
    expect(one(r, 'dependencies').message).toBe('3 packages in its dependency tree');
    expect(one(r, 'registry-signature').message).toContain('SHA256:k');
    expect(one(r, 'maintainers').message).toBe('same maintainers as 1.0.0');
  });

  describe('install scripts', () => {
    it.each(['preinstall', 'install', 'postinstall'])('%s warns and is quoted', (s) => {
      const f = one(review({ installScripts: { [s]: 'node evil.js' } }), 'install-scripts');
      expect(f).toEqual({ level: 'warn', check: 'install-scripts', message: `runs code on install: ${s}: node evil.js` });
    });

    it('several are listed in order', () => {
      expect(one(review({ installScripts: { preinstall: 'a', postinstall: 'b' } }), 'install-scripts').message).toBe(
        'runs code on install: preinstall: a; postinstall: b',
      );
    });

    it('binding.gyp alone warns; with its implied install script it is named once', () => {
      expect(one(review({ gyp: true }), 'install-scripts')).toMatchObject({
        level: 'warn',
        message: 'runs code on install: binding.gyp (node-gyp rebuild)',
      });
      expect(one(review({ gyp: true, installScripts: { install: 'node-gyp rebuild' } }), 'install-scripts').message).toBe(
        'runs code on install: install: node-gyp rebuild',
      );
    });
  });

  describe('dependency tree', () => {
    it('one package, singular', () => {
      expect(one(review({}, {}, { dependencies: 1, withInstallScripts: [] }), 'dependencies').message).toBe(
        '1 package in its dependency tree',
      );
      expect(one(review({}, {}, { dependencies: 0, withInstallScripts: [] }), 'dependencies').message).toBe(
        '0 packages in its dependency tree',
      );
    });

    it('dependencies with install scripts warn, by name', () => {
      const r = review({}, {}, { dependencies: 40, withInstallScripts: ['esbuild', 'sharp'] });
      expect(one(r, 'dependency-install-scripts')).toEqual({
        level: 'warn',
        check: 'dependency-install-scripts',
        message: 'dependencies with install scripts: esbuild, sharp',
      });
    });

    it("an unresolved tree warns, with npm's reason", () => {
      const r = review({}, {}, null);
      expect(one(r, 'dependencies')).toMatchObject({
        level: 'warn',
        message: 'dependency tree not resolved (npm install --package-lock-only failed)',
      });
      expect(r.find((x) => x.check === 'dependency-install-scripts')).toBeUndefined();
      expect(one(review({}, { treeError: 'npm install failed (exit 1): ERESOLVE' }, null), 'dependencies').message).toBe(
        'dependency tree not resolved (npm install --package-lock-only failed: npm install failed (exit 1): ERESOLVE)',
      );
    });

    it('a tree skipped on request (--no-tree) is info, and says so', () => {
      expect(one(review({}, { treeSkipped: true }, null), 'dependencies')).toEqual({
        level: 'info',
        check: 'dependencies',
        message: 'dependency tree not resolved (--no-tree): its size and install scripts are not reviewed',
      });
    });
  });

  describe('registry signature', () => {
    it.each<[SignatureVerdict, Finding['level'], RegExp]>([
      [VERIFIED, 'ok', /verified \(SHA256:k\)/],
      [
        { status: 'invalid', keyid: 'SHA256:k', reason: 'signature does not match' },
        'block',
        /INVALID \(SHA256:k\): signature does not match/,
      ],
      [{ status: 'unsigned' }, 'warn', /serves no signature/],
      [
        { status: 'unverifiable', reason: 'the registry publishes no signing keys' },
        'warn',
        /not checked: the registry publishes no signing keys/,
      ],
    ])('%j → %s', (sig, level, message) => {
      const f = one(review({}, {}, TREE, sig), 'registry-signature');
      expect(f.level).toBe(level);
      expect(f.message).toMatch(message);
    });

    it('only an invalid signature blocks', () => {
      const all = [
        review(
          { installScripts: { postinstall: 'x' }, deprecated: 'old', provenance: false, published: ago(0), name: 'server-githubb' },
          { previousMaintainers: ['mallory'] },
          null,
          { status: 'unsigned' },
        ),
      ];
      expect(all.flat().filter((x) => x.level === 'block')).toEqual([]);
    });
  });

  it('provenance present is ok, absent is info (most packages have none)', () => {
    expect(one(review({ provenance: true }), 'provenance').level).toBe('ok');
    expect(one(review({ provenance: false }), 'provenance')).toEqual({
      level: 'info',
      check: 'provenance',
      message: 'no provenance attestation',
    });
  });

  describe('age against the cooldown', () => {
    it.each([
      [0, 'warn', /^published 0 h ago/],
      [0.5, 'warn', /^published 12 h ago/],
      [2, 'warn', /^published 2 days ago .*inside the 7-day cooldown/],
      [6.99, 'warn', /^published 6 days ago/],
      [7, 'ok', /^published 7 days ago/], // the boundary: exactly the cooldown is old enough
      [7.01, 'ok', /^published 7 days ago/],
      [59, 'ok', /^published 59 days ago/],
      [90, 'ok', /^published 3 months ago/],
    ])('%d days → %s', (days, level, message) => {
      const f = one(review({ published: ago(days) }), 'age');
      expect(f.level).toBe(level);
      expect(f.message).toMatch(message);
    });

    it('another cooldown; 0 turns the warning off', () => {
      expect(one(review({ published: ago(20) }, { cooldownDays: 30 }), 'age').message).toMatch(/inside the 30-day cooldown/);
      expect(one(review({ published: ago(0) }, { cooldownDays: 0 }), 'age').level).toBe('ok');
    });

    it('a publish time in the future (clock skew) is young', () => {
      expect(one(review({ published: ago(-1) }), 'age')).toMatchObject({
        level: 'warn',
        message: expect.stringMatching(/^published 0 h ago/) as unknown,
      });
    });

    it('no publish time, or one that does not parse, warns', () => {
      expect(one(review({ published: undefined }), 'age')).toEqual({
        level: 'warn',
        check: 'age',
        message: 'the registry gives no publish time',
      });
      expect(one(review({ published: 'yesterday-ish' }), 'age')).toEqual({
        level: 'warn',
        check: 'age',
        message: 'the registry gives no publish time',
      });
    });
  });

  it("deprecated warns with the registry's message, capped", () => {
    expect(one(review({ deprecated: 'use @acme/other' }), 'deprecated')).toEqual({
      level: 'warn',
      check: 'deprecated',
      message: 'use @acme/other',
    });
    expect(one(review({ deprecated: 'x'.repeat(500) }), 'deprecated').message).toHaveLength(200);
    expect(review().find((x) => x.check === 'deprecated')).toBeUndefined();
  });

  it('not the latest is info', () => {
    expect(one(review({ latest: '2.0.0' }), 'latest')).toEqual({
      level: 'info',
      check: 'latest',
      message: 'not the latest version (latest is 2.0.0)',
    });
    expect(review({ latest: undefined }).find((x) => x.check === 'latest')).toBeUndefined();
  });

  describe('maintainers since the previous version', () => {
    it('added and removed maintainers warn', () => {
      const f = one(review({ maintainers: ['alice', 'mallory'] }, { previousMaintainers: ['alice', 'bob'] }), 'maintainers');
      expect(f).toEqual({ level: 'warn', check: 'maintainers', message: 'maintainers changed since 1.0.0: +mallory -bob' });
    });

    it('a full takeover', () => {
      expect(one(review({ maintainers: ['mallory'] }), 'maintainers').message).toBe('maintainers changed since 1.0.0: +mallory -alice');
    });

    it('unknown on either side is info', () => {
      expect(one(review({ maintainers: undefined }), 'maintainers').level).toBe('info');
      expect(one(review({}, { previousMaintainers: undefined }), 'maintainers').level).toBe('info');
    });

    it('the first version has nothing to compare with', () => {
      expect(
        review({}, { previousVersion: undefined, previousMaintainers: undefined }).find((x) => x.check === 'maintainers'),
      ).toBeUndefined();
    });
  });

  it('a name close to a popular package warns', () => {
    expect(one(review({ name: '@evil/server-github' }), 'typosquat').message).toBe(
      'name close to the popular package @modelcontextprotocol/server-github: make sure this is the one you mean',
    );
    expect(review({ name: '@modelcontextprotocol/server-github' }).find((x) => x.check === 'typosquat')).toBeUndefined();
  });
});

describe('previousVersion', () => {
  it('the version published just before, by publish order', () => {
    expect(previousVersion(facts({ version: '1.1.0', versions: ['1.0.0', '1.1.0', '1.2.0'] }))).toBe('1.0.0');
    expect(previousVersion(facts({ version: '1.0.1', versions: ['1.0.0', '2.0.0', '1.0.1'] }))).toBe('2.0.0');
  });

  it('none for the first version or one not listed', () => {
    expect(previousVersion(facts({ version: '1.0.0', versions: ['1.0.0', '1.1.0'] }))).toBeUndefined();
    expect(previousVersion(facts({ version: '3.0.0', versions: ['1.0.0'] }))).toBeUndefined();
    expect(previousVersion(facts({ version: '1.0.0', versions: [] }))).toBeUndefined();
  });
});
