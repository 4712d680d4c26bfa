// The trust root end to end: `trust init|rotate|verify` through the real CLI, and the
// agent's policy load (loadPolicy with a real state folder) before and after rotations,
// with keys generated here. Mirrors the allowlist attack tests in cli.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { makeAllowlist, makeKey, signAllowlist, type TestKey } from '../../helpers/policy';
import { rootDoc, rootsChain, signedRoot } from '../../helpers/root';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { loadAgentConfig } from '../../../src/config/load';
import { loadPolicy } from '../../../src/policy/loader';
import { rootStateFile } from '../../../src/policy/root-state';

afterEach(cleanupTmp);

interface Setup {
  dir: string;
  keys: Record<string, TestKey>;
  file: (name: string) => string;
  run: (args: string[]) => ReturnType<typeof runCli>;
  json: (args: string[]) => { status: number | null; out: Record<string, unknown> };
  config: (root: Record<string, unknown>) => string;
  stateDir: string;
  allowlistFile: string;
}

function setup(): Setup {
  const dir = tmpDir('mcpw-trust-');
  const keys: Record<string, TestKey> = {};
  for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) {
    const k = makeKey();
    keys[n] = k;
    writeFile(path.join(dir, `${n}.key.pem`), k.privatePem, 0o600);
    writeFile(path.join(dir, `${n}.pub.pem`), k.publicPem);
  }
  const file = (name: string): string => path.join(dir, name);
  const run = (args: string[]): ReturnType<typeof runCli> => runCli(args, { cwd: dir });
  const allowlistFile = file('allowlist.dsse.json');
  return {
    dir,
    keys,
    file,
    run,
    json: (args) => {
      const r = run([...args, '--json']);
      if (!r.stdout) throw new Error(r.stderr);
      return { status: r.status, out: JSON.parse(r.stdout) as Record<string, unknown> };
    },
    config: (root) =>
      writeFile(
        file('agent.json'),
        JSON.stringify({ org: 'acme', trust: { root }, allowlist: { file: allowlistFile }, exec: { path: '/bin/true' } }),
      ),
    stateDir: file('state'),
    allowlistFile,
  };
}

/** root v1: root keys a, b, c (2 of 3); allowlist key e. */
function init(s: Setup): { digest: string } {
  const r = s.json([
    'trust',
    'init',
    '--org',
    'acme',
    '--root-key',
    'a.pub.pem',
    '--root-key',
    'b.pub.pem',
    '--root-key',
    'c.pub.pem',
    '--root-threshold',
    '2',
    '--allowlist-key',
    'e.pub.pem',
    '--key',
    'a.key.pem',
    '--key',
    'b.key.pem',
    '--out',
    'root.json',
    '--chain',
    'roots.json',
  ]);
  expect(r.status).toBe(0);
  return { digest: r.out.digest as string };
}

function signWith(s: Setup, version: number, ...signers: TestKey[]): void {
  fs.writeFileSync(s.allowlistFile, JSON.stringify(signAllowlist(makeAllowlist({ version }), signers)));
}

function load(s: Setup, config: string) {
  return loadPolicy({ config: loadAgentConfig({ configPath: config, env: {} }), stateDir: s.stateDir });
}

describe('mcp-warden trust', () => {
  it('init prints the pin; allowlists verify against the root; rotate retires a key; a rotated-out key is refused after, accepted before', () => {
    const s = setup();
    const { digest } = init(s);
    const config = s.config({ file: s.file('root.json'), sha256: digest, chainFile: s.file('roots.json') });
    signWith(s, 1, s.keys.e);

    const before = load(s, config);
    const cliBefore = s.json(['allowlist', 'verify', s.allowlistFile, '--config', config, '--state-dir', s.stateDir]);
    // Rotate: e (allowlist key) out, f in; signed by b, c (2 of the old 3, 2 of the new 3).
    const rot = s.json([
      'trust',
      'rotate',
      '--chain',
      'roots.json',
      '--remove-key',
      s.keys.e.keyId.slice(0, 12),
      '--add-allowlist-key',
      'f.pub.pem',
      '--key',
      'b.key.pem',
      '--key',
      'c.key.pem',
    ]);
    signWith(s, 2, s.keys.e);
    const after = load(s, config);
    const cliAfter = s.json(['allowlist', 'verify', s.allowlistFile, '--config', config, '--state-dir', s.stateDir]);
    signWith(s, 3, s.keys.f);
    const withNewKey = load(s, config);

    expect([before.status, before.root?.version, cliBefore.status]).toEqual(['accepted', 1, 0]);
    expect([rot.status, rot.out.version, rot.out.allowlistKeyIds]).toEqual([0, 2, [s.keys.f.keyId]]);
    // The rotated-out key revokes its allowlists too: the last good (signed by e) no longer
    // verifies, so publish the allowlist signed by the new key with the rotation.
    expect([after.status, after.rejection?.code, after.lastGoodRejection?.code, after.root?.version]).toEqual([
      'none',
      'UNKNOWN_KEY',
      'UNKNOWN_KEY',
      2,
    ]);
    expect([cliAfter.status, cliAfter.out.code]).toEqual([1, 'UNKNOWN_KEY']);
    expect([withNewKey.status, withNewKey.policy?.allowlist.version]).toEqual(['accepted', 3]);
  });

  it('persists the newest root (0600) and keeps it when the chain file is rolled back to v1', () => {
    const s = setup();
    const { digest } = init(s);
    const config = s.config({ sha256: digest, chainFile: s.file('roots.json') });
    const v1Chain = fs.readFileSync(s.file('roots.json'));
    expect(
      s.run([
        'trust',
        'rotate',
        '--chain',
        'roots.json',
        '--remove-key',
        s.keys.e.keyId,
        '--add-allowlist-key',
        'f.pub.pem',
        '--key',
        'a.key.pem',
        '--key',
        'c.key.pem',
      ]).status,
    ).toBe(0);
    signWith(s, 1, s.keys.f);
    expect(load(s, config)).toMatchObject({ status: 'accepted', root: { version: 2 } });

    fs.writeFileSync(s.file('roots.json'), v1Chain);
    signWith(s, 2, s.keys.e);
    const r = load(s, config);

    expect(fs.statSync(rootStateFile(s.stateDir)).mode & 0o777).toBe(0o600);
    expect([r.root?.version, r.rejection?.code]).toEqual([2, 'UNKNOWN_KEY']);
  });

  it('rotate refuses (and writes nothing) when either threshold is not met; emergency revocation works with the remaining keys', () => {
    const s = setup();
    init(s);
    const chain = fs.readFileSync(s.file('roots.json'), 'utf8');

    const oldShort = s.json(['trust', 'rotate', '--chain', 'roots.json', '--add-root-key', 'd.pub.pem', '--key', 'a.key.pem']);
    const newShort = s.json([
      'trust',
      'rotate',
      '--chain',
      'roots.json',
      '--remove-key',
      s.keys.a.keyId,
      '--remove-key',
      s.keys.b.keyId,
      '--add-root-key',
      'd.pub.pem',
      '--key',
      'a.key.pem',
      '--key',
      'b.key.pem',
    ]);
    const unchanged = fs.readFileSync(s.file('roots.json'), 'utf8');
    // a is compromised: b and c (still 2 of root v1's 3) sign v2 without it.
    const revoke = s.json([
      'trust',
      'rotate',
      '--chain',
      'roots.json',
      '--remove-key',
      s.keys.a.keyId,
      '--add-root-key',
      'd.pub.pem',
      '--key',
      'b.key.pem',
      '--key',
      'c.key.pem',
    ]);
    const verify = s.json(['trust', 'verify', '--root', 'root.json', '--chain', 'roots.json']);

    expect([oldShort.status, oldShort.out.code, newShort.status, newShort.out.code]).toEqual([
      1,
      'ROOT_THRESHOLD_OLD',
      1,
      'ROOT_THRESHOLD_NEW',
    ]);
    expect(unchanged).toBe(chain);
    expect(revoke.status).toBe(0);
    expect(revoke.out.rootKeyIds).toEqual([s.keys.b.keyId, s.keys.c.keyId, s.keys.d.keyId].sort());
    expect([verify.status, verify.out.version, verify.out.valid]).toEqual([0, 2, true]);
    // The refusal codes, through stderr (without --json the CLI prints CODE: message).
    expect(
      s.run(['trust', 'rotate', '--chain', 'roots.json', '--add-root-key', 'e.pub.pem', '--key', 'a.key.pem', '--key', 'b.key.pem']).stderr,
    ).toContain('ROOT_THRESHOLD_OLD');
  });

  it.each<[string, (s: Setup) => Buffer[], string]>([
    [
      'a skipped version',
      (s) => [
        signedRoot(rootDoc({ version: 3, rootKeys: [s.keys.a, s.keys.b], rootThreshold: 2, allowlistKeys: [s.keys.e] }), [
          s.keys.a,
          s.keys.b,
        ]),
      ],
      'ROOT_VERSION_SKIP',
    ],
    [
      'a mix of old and new keys below either threshold',
      (s) => [
        signedRoot(rootDoc({ version: 2, rootKeys: [s.keys.c, s.keys.d, s.keys.f], rootThreshold: 2, allowlistKeys: [s.keys.e] }), [
          s.keys.a,
          s.keys.d,
        ]),
      ],
      'ROOT_THRESHOLD_OLD',
    ],
    [
      'old keys only',
      (s) => [
        signedRoot(rootDoc({ version: 2, rootKeys: [s.keys.d, s.keys.f], rootThreshold: 2, allowlistKeys: [s.keys.e] }), [
          s.keys.a,
          s.keys.b,
        ]),
      ],
      'ROOT_THRESHOLD_NEW',
    ],
    [
      'one old key signing twice',
      (s) => [signedRoot(rootDoc({ version: 2, rootKeys: [s.keys.a], allowlistKeys: [s.keys.e] }), [s.keys.a, s.keys.a])],
      'ROOT_THRESHOLD_OLD',
    ],
    [
      'a foreign payloadType',
      (s) => [
        signedRoot(
          rootDoc({ version: 2, rootKeys: [s.keys.a, s.keys.b], rootThreshold: 2 }),
          [s.keys.a, s.keys.b],
          'application/vnd.mcp-warden.allowlist+json',
        ),
      ],
      'ROOT_PAYLOAD_TYPE',
    ],
    [
      'an expired newest root',
      (s) => [
        signedRoot(
          rootDoc({
            version: 2,
            rootKeys: [s.keys.a, s.keys.b],
            rootThreshold: 2,
            allowlistKeys: [s.keys.e],
            expires: '2024-01-01T00:00:00Z',
          }),
          [s.keys.a, s.keys.b],
        ),
      ],
      'ROOT_EXPIRED',
    ],
  ])('trust verify and the agent refuse %s (%s)', (_name, make, code) => {
    const s = setup();
    const { digest } = init(s);
    signWith(s, 1, s.keys.e);
    const config = s.config({ file: s.file('root.json'), sha256: digest, chainFile: s.file('roots.json') });
    expect(load(s, config).status).toBe('accepted');
    const chain = JSON.parse(fs.readFileSync(s.file('roots.json'), 'utf8')) as { roots: unknown[] };
    fs.writeFileSync(s.file('roots.json'), rootsChain([Buffer.from(JSON.stringify(chain.roots[0])), ...make(s)]));
    signWith(s, 2, s.keys.e);

    const v = s.json(['trust', 'verify', '--config', config, '--state-dir', s.stateDir]);
    const r = load(s, config);

    expect([v.status, v.out.code]).toEqual([1, code]);
    if (code === 'ROOT_EXPIRED') {
      // Freeze: nothing new accepted, the last good kept.
      expect([r.status, r.rejection?.code, r.policy?.allowlist.version]).toEqual(['kept-last-good', 'ROOT_EXPIRED', 1]);
    } else {
      // The refused root changes nothing: v1 still trusted, its allowlist key still good.
      expect([r.status, r.root?.version, r.rootRejection?.code, r.policy?.allowlist.version]).toEqual(['accepted', 1, code, 2]);
    }
  });

  it('refuses a bootstrap root whose digest is not the pin (ROOT_PIN_MISMATCH): no policy', () => {
    const s = setup();
    init(s);
    signWith(s, 1, s.keys.e);

    const r = load(s, s.config({ file: s.file('root.json'), sha256: '0'.repeat(64) }));

    expect([r.status, r.rejection?.code, r.policy]).toEqual(['none', 'ROOT_PIN_MISMATCH', null]);
  });

  it('refuses a tampered root payload in the chain', () => {
    const s = setup();
    const { digest } = init(s);
    expect(
      s.run(['trust', 'rotate', '--chain', 'roots.json', '--add-allowlist-key', 'f.pub.pem', '--key', 'a.key.pem', '--key', 'b.key.pem'])
        .status,
    ).toBe(0);
    const chain = JSON.parse(fs.readFileSync(s.file('roots.json'), 'utf8')) as { roots: { payload: string }[] };
    const v2 = chain.roots[1];
    if (!v2) throw new Error('no v2');
    v2.payload = Buffer.from(Buffer.from(v2.payload, 'base64').toString().replace('"threshold": 1', '"threshold": 2')).toString('base64');
    fs.writeFileSync(s.file('roots.json'), JSON.stringify(chain));

    const r = load(s, s.config({ sha256: digest, chainFile: s.file('roots.json') }));

    expect([r.root?.version, r.rootRejection?.code]).toEqual([1, 'ROOT_THRESHOLD_OLD']);
  });
});
