// The pure root verification (src/policy/root.ts), with real Ed25519 keys: the attacks
// TUF's root update defends against, each refused with its own code.
import { makeKey } from '../../helpers/policy';
import { ALLOWLIST_PAYLOAD_TYPE, rootDoc, signedRoot, rootsChain } from '../../helpers/root';
import { applyRootChain, parseRootsChain, rootExpired, verifyInitialRoot, verifyRootUpdate } from '../../../src/policy/root';
import type { TrustedRoot } from '../../../src/policy/root-types';
import { canonicalJson } from '../../../src/policy/signing';

const [A, B, C, D] = [makeKey(), makeKey(), makeKey(), makeKey()];
const org = 'acme';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

// v1: root keys A, B, C (2 of 3). v2: B, C, D (2 of 3), A rotated out.
const v1Doc = rootDoc({ rootKeys: [A, B, C], rootThreshold: 2 });
const v1 = signedRoot(v1Doc, [A, B]);
const v2Doc = rootDoc({ version: 2, rootKeys: [B, C, D], rootThreshold: 2 });
const trusted1: TrustedRoot = verifyInitialRoot(v1, { org });

describe('verifyInitialRoot', () => {
  it('accepts a root signed by a threshold of its own keys, and checks the pin', () => {
    expect(trusted1.doc.version).toBe(1);
    expect([...trusted1.rootKeys.keys()].sort()).toEqual([A.keyId, B.keyId, C.keyId].sort());
    expect(verifyInitialRoot(v1, { org, pinSha256: trusted1.digest.toUpperCase() }).digest).toBe(trusted1.digest);
  });

  it.each<[string, () => Buffer, string | undefined]>([
    ['ROOT_THRESHOLD_NEW', () => signedRoot(v1Doc, [A]), undefined],
    ['ROOT_THRESHOLD_NEW', () => signedRoot(v1Doc, [A, A]), undefined],
    ['ROOT_PIN_MISMATCH', () => v1, '0'.repeat(64)],
    ['ROOT_ORG_MISMATCH', () => signedRoot(rootDoc({ org: 'globex', rootKeys: [A] }), [A]), undefined],
    ['ROOT_PAYLOAD_TYPE', () => signedRoot(v1Doc, [A, B], ALLOWLIST_PAYLOAD_TYPE), undefined],
    ['ROOT_PAYLOAD_PARSE', () => signedRoot(Buffer.from('{"type": "mcp-warden.root",'), [A]), undefined],
    ['ROOT_SCHEMA_INVALID', () => signedRoot(Buffer.from('{"type": "mcp-warden.root"}'), [A]), undefined],
    [
      'ROOT_SCHEMA_INVALID',
      () =>
        signedRoot(
          {
            ...rootDoc({ rootKeys: [A] }),
            keys: { [B.keyId]: { publicKey: A.publicPem } },
            roles: { root: { keyIds: [B.keyId], threshold: 1 }, allowlist: { keyIds: [B.keyId], threshold: 1 } },
          },
          [A],
        ),
      undefined,
    ],
    [
      'ROOT_SCHEMA_INVALID',
      () =>
        signedRoot(
          {
            ...rootDoc({ rootKeys: [A] }),
            roles: { root: { keyIds: [A.keyId], threshold: 2 }, allowlist: { keyIds: [A.keyId], threshold: 1 } },
          },
          [A],
        ),
      undefined,
    ],
    ['ROOT_TOO_LARGE', () => Buffer.alloc(300 * 1024, 0x20), undefined],
    ['ENVELOPE_MALFORMED', () => Buffer.from('{"payload":'), undefined],
  ])('refuses with %s', (code, make, pin) => {
    expect(codeOf(() => verifyInitialRoot(make(), { org, pinSha256: pin }))).toBe(code);
  });
});

describe('verifyRootUpdate (root N+1 needs a threshold of root N AND of itself)', () => {
  it.each<[string, (typeof A)[], string | undefined]>([
    ['old B, C = new B, C', [B, C], undefined],
    ['old A, B + new B, D', [A, B, D], undefined],
    ['old A, B only (new has just B)', [A, B], 'ROOT_THRESHOLD_NEW'],
    ['new C, D (old has just C)', [C, D], 'ROOT_THRESHOLD_OLD'],
    ['A and D (one of each side)', [A, D], 'ROOT_THRESHOLD_OLD'],
    ['B twice (one key counted once)', [B, B], 'ROOT_THRESHOLD_OLD'],
    ['a stranger and B', [makeKey(), B], 'ROOT_THRESHOLD_OLD'],
  ])('signed by %s → %s', (_name, signers, code) => {
    const r = (): TrustedRoot => verifyRootUpdate(trusted1, signedRoot(v2Doc, signers), { org });

    if (code) expect(codeOf(r)).toBe(code);
    else expect(r().doc.version).toBe(2);
  });

  it('counts a new key signing twice once on the new side too', () => {
    expect(
      codeOf(() => verifyRootUpdate(trusted1, signedRoot(rootDoc({ version: 2, rootKeys: [C, D], rootThreshold: 2 }), [B, C, C]), { org })),
    ).toBe('ROOT_THRESHOLD_NEW');
  });

  it('refuses a skipped version, a rollback, a same-version root, another org, a foreign type and a tampered payload', () => {
    const v3 = signedRoot(rootDoc({ version: 3, rootKeys: [B, C, D], rootThreshold: 2 }), [B, C]);
    const trusted2 = verifyRootUpdate(trusted1, signedRoot(v2Doc, [B, C]), { org });
    const env = JSON.parse(signedRoot(v2Doc, [B, C]).toString()) as { payload: string };
    const tampered = canonicalJson({
      ...v2Doc,
      roles: { ...v2Doc.roles, allowlist: { keyIds: [A.keyId], threshold: 1 } },
      keys: { ...v2Doc.keys, [A.keyId]: { publicKey: A.publicPem } },
    });

    expect(codeOf(() => verifyRootUpdate(trusted1, v3, { org }))).toBe('ROOT_VERSION_SKIP');
    expect(
      codeOf(() => verifyRootUpdate(trusted2, signedRoot(rootDoc({ version: 1, rootKeys: [B, C, D], rootThreshold: 2 }), [B, C]), { org })),
    ).toBe('ROOT_ROLLBACK');
    expect(codeOf(() => verifyRootUpdate(trusted1, signedRoot(v1Doc, [A, B]), { org }))).toBe('ROOT_ROLLBACK');
    expect(
      codeOf(() => verifyRootUpdate(trusted1, signedRoot(rootDoc({ version: 2, org: 'globex', rootKeys: [B, C] }), [B, C]), { org })),
    ).toBe('ROOT_ORG_MISMATCH');
    expect(codeOf(() => verifyRootUpdate(trusted1, signedRoot(v2Doc, [B, C], ALLOWLIST_PAYLOAD_TYPE), { org }))).toBe('ROOT_PAYLOAD_TYPE');
    expect(
      codeOf(() => verifyRootUpdate(trusted1, Buffer.from(JSON.stringify({ ...env, payload: tampered.toString('base64') })), { org })),
    ).toBe('ROOT_THRESHOLD_OLD');
  });
});

describe('applyRootChain', () => {
  const v2 = signedRoot(v2Doc, [B, C]);
  const v3 = signedRoot(rootDoc({ version: 3, rootKeys: [C, D], rootThreshold: 1 }), [B, C]);
  const v4 = signedRoot(rootDoc({ version: 4, rootKeys: [D], rootThreshold: 1 }), [C, D]);

  it('applies versions one at a time in version order and skips history', () => {
    const r = applyRootChain(trusted1, [v3, v1, v4, v2], { org });

    expect([r.root.doc.version, r.applied.length, r.error]).toEqual([4, 3, undefined]);
  });

  it('stops at a gap (ROOT_VERSION_SKIP) and keeps the last root reached', () => {
    const r = applyRootChain(trusted1, [v2, v4], { org });

    expect([r.root.doc.version, r.error?.code]).toEqual([2, 'ROOT_VERSION_SKIP']);
  });

  it('reports a fork at a trusted version (ROOT_VERSION_CONFLICT) and still applies the good successor', () => {
    const fork = signedRoot(rootDoc({ version: 2, rootKeys: [B, C], rootThreshold: 2 }), [B, C]);
    const r = applyRootChain(trusted1, [v2, fork, v3], { org });

    expect([r.root.doc.version, r.error?.code]).toEqual([3, 'ROOT_VERSION_CONFLICT']);
  });

  it('parses a chain file and refuses a malformed one', () => {
    expect(parseRootsChain(Buffer.from(rootsChain([v1, v2])), 'c')).toHaveLength(2);
    expect(codeOf(() => parseRootsChain(Buffer.from('[1]'), 'c'))).toBe('ROOT_CHAIN_MALFORMED');
    expect(codeOf(() => parseRootsChain(Buffer.from('{"roots": [1]}'), 'c'))).toBe('ROOT_CHAIN_MALFORMED');
  });
});

describe('rootExpired', () => {
  it('is the freeze check with the small clock skew', () => {
    const r = verifyInitialRoot(signedRoot(rootDoc({ rootKeys: [A], expires: '2026-01-01T00:00:00Z' }), [A]), { org });

    expect(rootExpired(r, new Date('2026-01-01T00:04:00Z'))).toBe(false);
    expect(rootExpired(r, new Date('2026-01-01T00:06:00Z'))).toBe(true);
  });
});
