// The trusted signing keys from the agent config. Only Ed25519 public keys are accepted:
// a private key pasted into a config (readable by every user) or a key of another type
// is a configuration error that names the key, never something to work around.
import * as crypto from 'node:crypto';
import { ConfigError, isWardenError } from '../errors';
import { keyIdOf } from './dsse';
import { readCapped } from '../util/fsio';
import type { LoadedConfig, TrustKey } from '../config/types';

/** Bytes. A PEM public key is ~113 bytes; a certificate chain would be larger but is not a key. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

const PUBLIC_PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;

function keyLabel(k: TrustKey, i: number): string {
  return `trust.keys[${i}]${k.name ? ` (${k.name})` : ''}`;
}

/** Parse one trusted key; throws ConfigError KEY_INVALID naming it. */
export function parseTrustKey(pem: string, label: string, where: { file?: string; jsonPath?: string } = {}): crypto.KeyObject {
  const fail = (why: string, cause?: unknown): never => {
    throw new ConfigError({ code: 'KEY_INVALID', message: `${label}: ${why}`, file: where.file, jsonPath: where.jsonPath, cause });
  };
  const text = pem.trim();
  if (/PRIVATE KEY-----/.test(text)) fail('is a private key; only public keys belong in the agent config (keep the private key offline)');
  if (!PUBLIC_PEM.test(text + '\n')) fail('is not a PEM public key (-----BEGIN PUBLIC KEY-----, as `mcp-warden keygen` writes)');
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: text, format: 'pem' });
  } catch (e) {
    return fail('cannot be parsed as a public key', e);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    fail(`is a ${key.asymmetricKeyType ?? 'unknown'} key; mcp-warden trusts only Ed25519 keys (make one with \`mcp-warden keygen\`)`);
  }
  return key;
}

/** The trusted Ed25519 public keys (publicKey PEM or publicKeyFile). Throws ConfigError KEY_INVALID. */
export function loadTrustKeys(loaded: LoadedConfig): crypto.KeyObject[] {
  const keys: crypto.KeyObject[] = [];
  const firstIndexOf = new Map<string, number>();
  (loaded.config.trust.keys ?? []).forEach((k, i) => {
    const jsonPath = `$.trust.keys[${i}]`;
    let pem = k.publicKey;
    let file = loaded.source;
    if (pem === undefined && k.publicKeyFile !== undefined) {
      file = k.publicKeyFile;
      try {
        pem = readCapped(k.publicKeyFile, MAX_KEY_FILE_BYTES).toString('utf8');
      } catch (e) {
        const why = isWardenError(e) ? e.message : String(e);
        throw new ConfigError({ code: 'KEY_INVALID', message: `${keyLabel(k, i)}: ${why}`, file, jsonPath, cause: e });
      }
    }
    const key = parseTrustKey(pem ?? '', keyLabel(k, i), { file, jsonPath });
    const id = keyIdOf(key);
    const first = firstIndexOf.get(id);
    if (first !== undefined) {
      // A repeated key would make the threshold look stronger than it is.
      throw new ConfigError({
        code: 'CONFIG_INVALID',
        message: `${keyLabel(k, i)} is the same key as trust.keys[${first}] (${id}); list each key once`,
        file: loaded.source,
        jsonPath,
      });
    }
    firstIndexOf.set(id, i);
    keys.push(key);
  });
  return keys;
}
