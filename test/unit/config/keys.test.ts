import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { loadTrustKeys } from '../../../src/policy/keys';
import type { LoadedConfig, TrustKey } from '../../../src/config/types';
import { ConfigError } from '../../../src/errors';
import { keyIdOf } from '../../../src/policy/dsse';
import { makeKey } from '../../helpers/policy';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

function loaded(keys: TrustKey[]): LoadedConfig {
  return {
    config: { org: 'acme', trust: { keys, threshold: 1 }, allowlist: { file: '/x' } },
    source: '/etc/mcp-warden/agent.yaml',
    baseDir: '/etc/mcp-warden',
  };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return `${e.code} ${e.jsonPath ?? ''}`.trim();
    throw e;
  }
  return 'none';
}

describe('loadTrustKeys', () => {
  it('loads inline and file keys as Ed25519 public KeyObjects', () => {
    const a = makeKey();
    const b = makeKey();
    const file = writeFile(path.join(tmpDir(), 'b.pub.pem'), b.publicPem);

    const keys = loadTrustKeys(loaded([{ publicKey: a.publicPem }, { publicKeyFile: file }]));

    expect(keys.map((k) => [k.type, k.asymmetricKeyType, keyIdOf(k)])).toEqual([
      ['public', 'ed25519', a.keyId],
      ['public', 'ed25519', b.keyId],
    ]);
  });

  it.each([
    [
      'an RSA key',
      () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ],
    [
      'an EC key',
      () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ],
    ['an Ed448 key', () => crypto.generateKeyPairSync('ed448').publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['an Ed25519 private key', () => makeKey().privatePem],
    ['garbage', () => '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'],
    ['not PEM', () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE'],
  ])('refuses %s with KEY_INVALID naming the key', (_name, pem) => {
    expect(codeOf(() => loadTrustKeys(loaded([{ publicKey: makeKey().publicPem }, { publicKey: pem(), name: 'bad' }])))).toBe(
      'KEY_INVALID $.trust.keys[1]',
    );
  });

  it('refuses a missing key file with KEY_INVALID', () => {
    expect(codeOf(() => loadTrustKeys(loaded([{ publicKeyFile: '/nonexistent/k.pem' }])))).toBe('KEY_INVALID $.trust.keys[0]');
  });

  it('refuses the same key listed twice', () => {
    const a = makeKey();

    expect(codeOf(() => loadTrustKeys(loaded([{ publicKey: a.publicPem }, { publicKey: a.publicPem.replace(/\n/g, '\r\n') }])))).toBe(
      'CONFIG_INVALID $.trust.keys[1]',
    );
  });
});
