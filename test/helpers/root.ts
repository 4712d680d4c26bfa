// Signed trust roots for tests, from keys generated per run (test/helpers/policy.ts).
import { ALLOWLIST_PAYLOAD_TYPE, signEnvelope } from '../../src/policy/dsse';
import { ROOT_PAYLOAD_TYPE } from '../../src/policy/root';
import { buildRoot, expiresIn } from '../../src/policy/root-sign';
import type { RootDocument } from '../../src/policy/root-types';
import { canonicalJson } from '../../src/policy/signing';
import type { TestKey } from './policy';

export interface RootOpts {
  version?: number;
  org?: string;
  rootKeys: TestKey[];
  rootThreshold?: number;
  allowlistKeys?: TestKey[];
  allowlistThreshold?: number;
  expires?: string;
}

export function rootDoc(o: RootOpts): RootDocument {
  const all = [...o.rootKeys, ...(o.allowlistKeys ?? [])];
  return buildRoot({
    org: o.org ?? 'acme',
    version: o.version ?? 1,
    expires: o.expires ?? expiresIn(30),
    keys: Object.fromEntries(all.map((k) => [k.keyId, { publicKey: k.publicPem }])),
    rootKeyIds: o.rootKeys.map((k) => k.keyId),
    rootThreshold: o.rootThreshold ?? 1,
    allowlistKeyIds: (o.allowlistKeys ?? o.rootKeys).map((k) => k.keyId),
    allowlistThreshold: o.allowlistThreshold ?? 1,
  });
}

/** The envelope bytes of `doc` (or raw payload bytes) signed by `signers` (duplicates allowed, on purpose). */
export function signedRoot(doc: RootDocument | Buffer, signers: TestKey[], payloadType = ROOT_PAYLOAD_TYPE): Buffer {
  const payload = Buffer.isBuffer(doc) ? doc : canonicalJson(doc);
  return Buffer.from(
    JSON.stringify(
      signEnvelope(
        payloadType,
        payload,
        signers.map((k) => k.privateKey),
      ),
    ),
  );
}

export function rootsChain(roots: Buffer[]): string {
  return JSON.stringify({ roots: roots.map((b) => JSON.parse(b.toString('utf8')) as unknown) });
}

export { ALLOWLIST_PAYLOAD_TYPE };
