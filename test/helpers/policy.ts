// Real Ed25519 keys and signed allowlists for tests. Keys are generated per test run,
// never committed.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALLOWLIST_PAYLOAD_TYPE, keyIdOf, signEnvelope, type DsseEnvelope } from '../../src/policy/dsse';
import type { Allowlist } from '../../src/policy/types';
import type { AgentConfig } from '../../src/config/types';

export interface TestKey {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  publicPem: string;
  privatePem: string;
  keyId: string;
}

export function makeKey(): TestKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** A valid allowlist with sensible defaults; override any field. */
export function makeAllowlist(over: Partial<Allowlist> = {}): Allowlist {
  return {
    org: 'acme',
    version: 1,
    expires: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    mode: 'enforce',
    servers: [],
    ...over,
  };
}

export function signAllowlist(allowlist: Allowlist | string | Buffer, keys: TestKey[]): DsseEnvelope {
  const bytes = Buffer.isBuffer(allowlist)
    ? allowlist
    : Buffer.from(typeof allowlist === 'string' ? allowlist : JSON.stringify(allowlist, null, 2));
  return signEnvelope(
    ALLOWLIST_PAYLOAD_TYPE,
    bytes,
    keys.map((k) => k.privateKey),
  );
}

/** Write the envelope for `allowlist` to `file`. */
export function writeSignedAllowlist(file: string, allowlist: Allowlist, keys: TestKey[]): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(signAllowlist(allowlist, keys), null, 2));
  return file;
}

/**
 * Write an agent config into `dir/agent.json` trusting `keys` with `threshold`, reading
 * the allowlist from `envelopeFile`. Extra fields merge over the defaults.
 */
export function writeAgentConfig(
  dir: string,
  opts: { keys: TestKey[]; threshold?: number; envelopeFile: string; org?: string; extra?: Partial<AgentConfig> },
): string {
  const config: AgentConfig = {
    org: opts.org ?? 'acme',
    trust: { keys: opts.keys.map((k) => ({ publicKey: k.publicPem })), threshold: opts.threshold ?? 1 },
    allowlist: { file: opts.envelopeFile },
    ...opts.extra,
  };
  const file = path.join(dir, 'agent.json');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
