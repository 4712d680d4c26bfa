// The admin side of the signed allowlist: making keys, loading a signing key safely, and
// the exact bytes that get signed. Used by `keygen` and `allowlist sign`.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, isWardenError } from '../errors';
import { readCapped } from '../util/fsio';
import { keyIdOf } from './dsse';
import { PolicyError } from './errors';
import type { Allowlist } from './types';

/** Bytes: a PEM private key is ~120 bytes; an RSA-8192 key ~6 KB. */
const MAX_KEY_BYTES = 64 * 1024;
const KEY_NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The payload bytes for an allowlist: JSON with object keys sorted at every level, two-space
 * indented, one trailing newline. The same allowlist (in YAML or JSON, keys in any order)
 * always gives the same bytes, hence the same digest: re-signing an unchanged allowlist
 * at the same version never trips the agents' "same version, different content" check.
 */
export function canonicalPayload(allowlist: Allowlist): Buffer {
  return canonicalJson(allowlist);
}

/** Any JSON value as canonicalPayload writes it (keys sorted, 2-space indent, newline). */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(sortKeys(value), null, 2) + '\n', 'utf8');
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    // defineProperty: a `__proto__` key stays an own key, as it was in the document.
    Object.defineProperty(out, k, {
      value: sortKeys((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * A warning when a private key file is readable or writable by group or others (POSIX
 * modes only; Windows ACLs are not modes). Undefined when the mode is private.
 */
export function keyFileWarning(file: string, mode: number, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32' || (mode & 0o077) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return `${file} is accessible by group or others (mode ${octal}): anyone who can read it can sign allowlists; run chmod 600 ${file}`;
}

export interface SigningKey {
  file: string;
  key: crypto.KeyObject;
  keyId: string;
  /** Set when the file's permissions are too open. */
  warning?: string;
}

/** Load an Ed25519 private key (PKCS#8 PEM) for signing. Throws PolicyError KEY_INVALID. */
export function loadSigningKey(file: string): SigningKey {
  let pem: Buffer;
  let mode: number;
  try {
    pem = readCapped(file, MAX_KEY_BYTES);
    mode = fs.statSync(file).mode;
  } catch (e) {
    const why = isWardenError(e) ? e.message : (e as Error).message;
    throw new PolicyError({ code: 'KEY_INVALID', message: `signing key ${why}`, file, cause: e });
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    const pub = /PUBLIC KEY-----/.test(pem.toString('latin1'));
    throw new PolicyError({
      code: 'KEY_INVALID',
      message: pub
        ? `${file} is a public key: signing needs the private key (NAME.key.pem from mcp-warden keygen)`
        : `${file} is not an unencrypted PEM private key (${(e as Error).message})`,
      file,
      cause: e,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new PolicyError({
      code: 'KEY_INVALID',
      message: `${file} is a ${key.asymmetricKeyType ?? 'unknown'} key; allowlists are signed with Ed25519 keys only (make one with mcp-warden keygen)`,
      file,
    });
  }
  return { file, key, keyId: keyIdOf(key), warning: keyFileWarning(file, mode) };
}

export interface GeneratedKey {
  keyId: string;
  privateKeyFile: string;
  publicKeyFile: string;
}

/**
 * A new Ed25519 key pair in `outDir`: `<name>.key.pem` (PKCS#8, mode 0600) and
 * `<name>.pub.pem` (SPKI). Never overwrites: if either file exists, nothing is written.
 */
export function generateKeyFiles(outDir: string, name: string): GeneratedKey {
  if (!KEY_NAME_RE.test(name)) {
    throw new InputError({ code: 'USAGE', message: `key name "${name}" must be 1-64 characters of A-Z a-z 0-9 . _ -` });
  }
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const privateKeyFile = path.join(outDir, `${name}.key.pem`);
  const publicKeyFile = path.join(outDir, `${name}.pub.pem`);
  for (const f of [privateKeyFile, publicKeyFile]) {
    if (fs.existsSync(f)) throw new InputError({ code: 'USAGE', message: `${f} already exists: refusing to overwrite a key`, file: f });
  }
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
  // 'wx': fail rather than replace if the file appeared since the check above.
  fs.writeFileSync(privateKeyFile, privatePem, { mode: 0o600, flag: 'wx' });
  // The umask may have cleared bits but never adds them; make the mode exact anyway.
  fs.chmodSync(privateKeyFile, 0o600);
  try {
    fs.writeFileSync(publicKeyFile, publicPem, { mode: 0o644, flag: 'wx' });
  } catch (e) {
    fs.rmSync(privateKeyFile, { force: true });
    throw new InputError({
      code: 'FILE_UNREADABLE',
      message: `cannot write ${publicKeyFile}: ${(e as Error).message}`,
      file: publicKeyFile,
      cause: e,
    });
  }
  return { keyId: keyIdOf(publicKey), privateKeyFile, publicKeyFile };
}
