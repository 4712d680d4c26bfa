import * as crypto from 'node:crypto';
import { ALLOWLIST_PAYLOAD_TYPE, keyIdOf, pae, signEnvelope, type DsseEnvelope } from '../../../src/policy/dsse';
import { PolicyError } from '../../../src/policy/errors';
import { verifyEnvelope, EXPIRY_SKEW_MS, type VerifyOptions } from '../../../src/policy/verify';
import type { Allowlist } from '../../../src/policy/types';
import { makeAllowlist, makeKey, signAllowlist } from '../../helpers/policy';

const k1 = makeKey();
const k2 = makeKey();
const k3 = makeKey();
const now = new Date();

function opts(over: Partial<VerifyOptions> = {}): VerifyOptions {
  return { trustKeys: [k1.publicKey, k2.publicKey], threshold: 1, org: 'acme', now, ...over };
}

function bytes(env: DsseEnvelope | object | string): Buffer {
  return Buffer.from(typeof env === 'string' ? env : JSON.stringify(env));
}

function codeOf(b: Buffer, o: VerifyOptions = opts()): string {
  try {
    verifyEnvelope(b, o);
  } catch (e) {
    if (e instanceof PolicyError) return e.code;
    throw e;
  }
  return 'OK';
}

function digestOf(a: Allowlist): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(a, null, 2))
    .digest('hex');
}

const server = {
  id: 'fs',
  transport: 'stdio' as const,
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21'],
  package: {
    registry: 'npm' as const,
    name: '@modelcontextprotocol/server-filesystem',
    version: '2025.8.21',
    integrity: `sha512-${'A'.repeat(86)}==`,
  },
};

describe('verifyEnvelope', () => {
  it('accepts an allowlist signed by a trusted key and reports what it established', () => {
    const a = makeAllowlist({ servers: [server] });

    const v = verifyEnvelope(bytes(signAllowlist(a, [k1])), opts());

    expect(v.allowlist).toEqual(a);
    expect(v.keyIds).toEqual([k1.keyId]);
    expect(v.digest).toBe(digestOf(a));
    expect(v.stale).toBe(false);
  });

  it('counts distinct trusted keys toward the threshold, trying every key whatever the keyid says', () => {
    const env = signAllowlist(makeAllowlist(), [k1, k2]);
    // Swapped hints must not matter: keyid is only a hint.
    const [s0, s1] = env.signatures;
    const swapped = {
      ...env,
      signatures: [
        { ...s0, keyid: s1.keyid },
        { ...s1, keyid: s0.keyid },
      ],
    };
    const noHints = { ...env, signatures: env.signatures.map(({ sig }) => ({ sig })) };

    expect(verifyEnvelope(bytes(swapped), opts({ threshold: 2 })).keyIds).toEqual([k1.keyId, k2.keyId].sort());
    expect(verifyEnvelope(bytes(noHints), opts({ threshold: 2 })).keyIds).toHaveLength(2);
  });

  it('accepts URL-safe base64 (DSSE: verifiers MUST accept either)', () => {
    const env = signAllowlist(makeAllowlist(), [k1]);
    const urlSafe = {
      ...env,
      payload: Buffer.from(env.payload, 'base64').toString('base64url'),
      signatures: env.signatures.map((s) => ({ ...s, sig: Buffer.from(s.sig, 'base64').toString('base64url') })),
    };

    expect(codeOf(bytes(urlSafe))).toBe('OK');
  });

  describe('refuses, each with its own code', () => {
    const good = signAllowlist(makeAllowlist(), [k1]);

    it.each<[string, () => Buffer, Partial<VerifyOptions>?]>([
      ['ENVELOPE_TOO_LARGE', () => bytes(good), { maxBytes: 100 }],
      ['ENVELOPE_MALFORMED', () => bytes('{"payload": "x", '), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, extra: 1 }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, signatures: [{ sig: 1 }] }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes([good]), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, payload: 1 }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, payloadType: null }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, signatures: {} }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, signatures: Array(40).fill(good.signatures[0]) }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, signatures: ['sig'] }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, signatures: [{ ...good.signatures[0], cert: 'x' }] }), undefined],
      ['ENVELOPE_MALFORMED', () => bytes({ ...good, signatures: [{ ...good.signatures[0], keyid: 7 }] }), undefined],
      ['ENVELOPE_MALFORMED', () => Buffer.from([0x7b, 0xff, 0x7d]), undefined],
      ['BAD_BASE64', () => bytes({ ...good, payload: 'not base64!' }), undefined],
      ['BAD_BASE64', () => bytes({ ...good, signatures: [{ sig: '***' }] }), undefined],
      ['NO_SIGNATURES', () => bytes({ ...good, signatures: [] }), undefined],
    ])('%s', (code, make, over) => {
      expect(codeOf(make(), opts(over))).toBe(code);
    });

    it('SIGNATURE_INVALID: a tampered payload', () => {
      const payload = Buffer.from(good.payload, 'base64').toString('utf8').replace('"enforce"', '"audit"');

      expect(codeOf(bytes({ ...good, payload: Buffer.from(payload).toString('base64') }))).toBe('SIGNATURE_INVALID');
    });

    it('SIGNATURE_INVALID: the payloadType changed after signing (PAE binds it)', () => {
      expect(codeOf(bytes({ ...good, payloadType: 'application/vnd.other+json' }))).toBe('SIGNATURE_INVALID');
    });

    it('SIGNATURE_NOT_PAE: a signature over the raw payload', () => {
      const payload = Buffer.from(good.payload, 'base64');
      const raw = { ...good, signatures: [{ keyid: k1.keyId, sig: crypto.sign(null, payload, k1.privateKey).toString('base64') }] };

      expect(codeOf(bytes(raw))).toBe('SIGNATURE_NOT_PAE');
    });

    it('SIGNATURE_INVALID: no keyid hint and no trusted key verifies', () => {
      const env = signAllowlist(makeAllowlist(), [k3]);

      expect(codeOf(bytes({ ...env, signatures: env.signatures.map(({ sig }) => ({ sig })) }))).toBe('SIGNATURE_INVALID');
    });

    it('UNKNOWN_KEY: signed by a key the agent does not trust', () => {
      expect(codeOf(bytes(signAllowlist(makeAllowlist(), [k3])))).toBe('UNKNOWN_KEY');
    });

    it('THRESHOLD_NOT_MET: one trusted key of two required (an untrusted second signer does not help)', () => {
      expect(codeOf(bytes(signAllowlist(makeAllowlist(), [k1, k3])), opts({ threshold: 2 }))).toBe('THRESHOLD_NOT_MET');
    });

    it('DUPLICATE_SIGNATURES: the same key signing twice counts once', () => {
      const env = signAllowlist(makeAllowlist(), [k1, k1]);

      expect(codeOf(bytes(env), opts({ threshold: 2 }))).toBe('DUPLICATE_SIGNATURES');
      // A key listed twice among the trusted keys is one key too.
      expect(codeOf(bytes(env), opts({ threshold: 2, trustKeys: [k1.publicKey, crypto.createPublicKey(k1.publicPem)] }))).toBe(
        'DUPLICATE_SIGNATURES',
      );
    });

    it('PAYLOAD_TYPE: validly signed under another payloadType', () => {
      const env = signEnvelope('application/vnd.in-toto+json', Buffer.from(JSON.stringify(makeAllowlist())), [k1.privateKey]);

      expect(codeOf(bytes(env))).toBe('PAYLOAD_TYPE');
    });

    it.each([
      ['not JSON', 'org: acme\n'],
      ['a repeated key', '{"org": "acme", "org": "evil"}'],
      ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ])('PAYLOAD_PARSE: %s', (_name, payload) => {
      expect(codeOf(bytes(signAllowlist(Buffer.from(payload), [k1])))).toBe('PAYLOAD_PARSE');
    });

    it('SCHEMA_INVALID with every issue', () => {
      const bad = {
        ...makeAllowlist(),
        mode: 'strict',
        servers: [{ id: 'x', transport: 'stdio', command: 'npx', args: [] }],
      } as unknown as Allowlist;

      try {
        verifyEnvelope(bytes(signAllowlist(bad, [k1])), opts());
        throw new Error('accepted');
      } catch (e) {
        expect((e as PolicyError).code).toBe('SCHEMA_INVALID');
        expect((e as PolicyError).issues?.map((i) => i.path).sort()).toEqual(['$.mode', '$.servers[0]']);
      }
    });

    it('SCHEMA_INVALID for a rule the schema cannot express (duplicate ids)', () => {
      const a = makeAllowlist({ servers: [server, { ...server }] });

      expect(codeOf(bytes(signAllowlist(a, [k1])))).toBe('SCHEMA_INVALID');
    });

    it('ORG_MISMATCH: signed for another org', () => {
      expect(codeOf(bytes(signAllowlist(makeAllowlist({ org: 'other' }), [k1])))).toBe('ORG_MISMATCH');
    });

    it('EXPIRED: past expires plus the skew', () => {
      const expires = new Date(now.getTime() - EXPIRY_SKEW_MS - 1000).toISOString();

      expect(codeOf(bytes(signAllowlist(makeAllowlist({ expires }), [k1])))).toBe('EXPIRED');
    });

    it('EXPIRED: an expiry on a leap second expires (it used to never expire)', () => {
      const leap = '2016-12-31T23:59:60Z';
      expect(codeOf(bytes(signAllowlist(makeAllowlist({ expires: leap }), [k1])))).toBe('EXPIRED');
      // Just before it, the same allowlist is still good.
      expect(codeOf(bytes(signAllowlist(makeAllowlist({ expires: leap }), [k1])), opts({ now: new Date('2016-12-31T23:59:00Z') }))).toBe(
        'OK',
      );
    });

    it('ROLLBACK: a version below the last accepted', () => {
      expect(
        codeOf(bytes(signAllowlist(makeAllowlist({ version: 4 }), [k1])), opts({ last: { version: 5, digest: 'f'.repeat(64) } })),
      ).toBe('ROLLBACK');
    });

    it('VERSION_CONFLICT: the last accepted version with other bytes', () => {
      expect(
        codeOf(bytes(signAllowlist(makeAllowlist({ version: 5 }), [k1])), opts({ last: { version: 5, digest: 'f'.repeat(64) } })),
      ).toBe('VERSION_CONFLICT');
    });
  });

  it('tolerates a clock up to the skew behind', () => {
    const expires = new Date(now.getTime() - EXPIRY_SKEW_MS + 60_000).toISOString();

    expect(codeOf(bytes(signAllowlist(makeAllowlist({ expires }), [k1])))).toBe('OK');
  });

  it('keeps the allowlist in force (same digest) when it expires, flagged stale', () => {
    const a = makeAllowlist({ version: 5, expires: '2020-01-01T00:00:00Z' });

    const v = verifyEnvelope(bytes(signAllowlist(a, [k1])), opts({ last: { version: 5, digest: digestOf(a) } }));

    expect(v.stale).toBe(true);
  });

  it('accepts a newer version and the same version with the same bytes', () => {
    const a = makeAllowlist({ version: 6 });

    expect(codeOf(bytes(signAllowlist(a, [k1])), opts({ last: { version: 5, digest: 'f'.repeat(64) } }))).toBe('OK');
    expect(codeOf(bytes(signAllowlist(a, [k2])), opts({ last: { version: 6, digest: digestOf(a) } }))).toBe('OK');
  });

  it('checks in the documented order: signatures before payloadType before parse', () => {
    // Wrong type AND unparseable payload AND untrusted key: the signature failure wins.
    const env = signEnvelope('text/plain', Buffer.from('x'), [k3.privateKey]);

    expect(codeOf(bytes(env))).toBe('UNKNOWN_KEY');
    expect(codeOf(bytes(signEnvelope('text/plain', Buffer.from('x'), [k1.privateKey])))).toBe('PAYLOAD_TYPE');
  });

  it('pae matches the DSSE test vector', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
    expect(keyIdOf(k1.privateKey)).toBe(k1.keyId);
    expect(ALLOWLIST_PAYLOAD_TYPE).toBe('application/vnd.mcp-warden.allowlist+json');
  });
});
