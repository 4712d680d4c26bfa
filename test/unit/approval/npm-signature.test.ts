// npm registry signatures with a real ECDSA P-256 key made here: valid, tampered (name,
// version, integrity, signature bytes), unknown key id, no keys, expired key, broken key.
import * as crypto from 'node:crypto';
import type { NpmFacts } from '../../../src/approval/npm-facts';
import { registryKeys, verifyRegistrySignature, type RegistryKey } from '../../../src/approval/npm-signature';

function keyPair(): { key: RegistryKey; privateKey: crypto.KeyObject } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyid = `SHA256:${crypto.createHash('sha256').update(der).digest('base64')}`;
  return { key: { keyid, key: der.toString('base64'), expires: null, scheme: 'ecdsa-sha2-nistp256' }, privateKey };
}

const A = keyPair();
const B = keyPair();
const INTEGRITY = `sha512-${crypto.createHash('sha512').update('tarball').digest('base64')}`;

function sign(privateKey: crypto.KeyObject, message: string): string {
  return crypto.sign('sha256', Buffer.from(message), privateKey).toString('base64');
}

function facts(over: Partial<NpmFacts> = {}): NpmFacts {
  const name = over.name ?? '@acme/mcp-thing';
  const version = over.version ?? '1.1.0';
  const integrity = over.integrity ?? INTEGRITY;
  return {
    name,
    version,
    integrity,
    published: '2026-06-01T00:00:00.000Z',
    versions: [version],
    installScripts: {},
    gyp: false,
    signatures: [{ keyid: A.key.keyid, sig: sign(A.privateKey, `${name}@${version}:${integrity}`) }],
    provenance: false,
    ...over,
  };
}

describe('verifyRegistrySignature', () => {
  it('verifies a signature over name@version:integrity', () => {
    expect(verifyRegistrySignature(facts(), [A.key])).toEqual({ status: 'verified', keyid: A.key.keyid });
  });

  it('finds the signing key among several', () => {
    expect(verifyRegistrySignature(facts(), [B.key, A.key])).toEqual({ status: 'verified', keyid: A.key.keyid });
  });

  it.each([
    ['another integrity', { integrity: `sha512-${crypto.createHash('sha512').update('swapped').digest('base64')}` }],
    ['another version', { version: '1.1.1' }],
    ['another name', { name: '@acme/mcp-thin' }],
  ])('a signature made for the original is invalid for %s', (_, over) => {
    const good = facts();
    const tampered = { ...facts(over), signatures: good.signatures };
    expect(verifyRegistrySignature(tampered, [A.key])).toMatchObject({
      status: 'invalid',
      keyid: A.key.keyid,
      reason: 'signature does not match name@version:integrity',
    });
  });

  it('flipped signature bytes are invalid', () => {
    const f = facts();
    const raw = Buffer.from(f.signatures[0].sig, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(verifyRegistrySignature({ ...f, signatures: [{ keyid: A.key.keyid, sig: raw.toString('base64') }] }, [A.key]).status).toBe(
      'invalid',
    );
  });

  it("a signature by another key under the registry key's id is invalid", () => {
    const f = facts();
    const forged = sign(B.privateKey, `${f.name}@${f.version}:${f.integrity}`);
    expect(verifyRegistrySignature({ ...f, signatures: [{ keyid: A.key.keyid, sig: forged }] }, [A.key]).status).toBe('invalid');
  });

  it('garbage signature or key is invalid, never a crash', () => {
    expect(verifyRegistrySignature({ ...facts(), signatures: [{ keyid: A.key.keyid, sig: 'not base64 at all' }] }, [A.key]).status).toBe(
      'invalid',
    );
    const broken = verifyRegistrySignature(facts(), [{ ...A.key, key: Buffer.from('not a key').toString('base64') }]);
    expect(broken).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/^unusable key or signature/) as unknown });
  });

  it('an unknown key id is unverifiable, not verified and not invalid', () => {
    expect(verifyRegistrySignature(facts(), [B.key])).toEqual({
      status: 'unverifiable',
      reason: 'no signature by a key the registry publishes',
    });
  });

  it('no keys at all is unverifiable', () => {
    expect(verifyRegistrySignature(facts(), [])).toEqual({ status: 'unverifiable', reason: 'the registry publishes no signing keys' });
    expect(verifyRegistrySignature(facts(), undefined).status).toBe('unverifiable');
  });

  it('no signature is unsigned, whatever the keys', () => {
    expect(verifyRegistrySignature(facts({ signatures: [] }), [A.key])).toEqual({ status: 'unsigned' });
    expect(verifyRegistrySignature(facts({ signatures: [] }), undefined)).toEqual({ status: 'unsigned' });
  });

  it('a key that expired before the version was published does not count; one that expired later does', () => {
    const before = { ...A.key, expires: '2026-01-01T00:00:00.000Z' };
    expect(verifyRegistrySignature(facts(), [before])).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/^key expired/) as unknown,
    });
    const after = { ...A.key, expires: '2027-01-01T00:00:00.000Z' };
    expect(verifyRegistrySignature(facts(), [after]).status).toBe('verified');
  });

  it('one valid signature among bad ones verifies', () => {
    const f = facts();
    const bad = { keyid: B.key.keyid, sig: sign(B.privateKey, 'something else') };
    expect(verifyRegistrySignature({ ...f, signatures: [bad, ...f.signatures] }, [A.key, B.key]).status).toBe('verified');
  });
});

describe('registryKeys', () => {
  it('reads the /-/npm/v1/keys answer and skips malformed keys', () => {
    const doc = { keys: [A.key, { keyid: 'x' }, { key: 'y' }, null, 'z', { keyid: 3, key: 'k' }, B.key] };
    expect(registryKeys(doc)).toEqual([A.key, B.key]);
  });

  it.each([null, undefined, 'keys', [], {}, { keys: 'x' }, { keys: {} }])('%j has no keys', (doc) => {
    expect(registryKeys(doc)).toEqual([]);
  });
});
