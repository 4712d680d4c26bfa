// Secrets of a quarantined entry when the keychain cannot take them (no Secret Service, a
// locked keyring, no D-Bus session). Removing an unapproved server must not depend on the
// keychain (issue 14 item 4), so its values are sealed to this device instead:
//   key:   <stateDir>/keys/quarantine.key, 32 random bytes, 0600 in a 0700 folder;
//   value: AES-256-GCM (node:crypto), a fresh 96-bit IV per value, the record id and
//          keychain account as associated data (a sealed value cannot be moved to another
//          record or slot);
//   file:  <stateDir>/quarantine/sealed/<record id>.json, 0600, beside — never inside —
//          the record, so `quarantine list --json` prints not even ciphertext.
// What this protects against: the values showing up in a record, log, event, report or a
// backup of the quarantine folder alone. What it does not: a process running as the same
// user can read the key — exactly as it could read the config file the value came from.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir, readCapped, writeFileAtomic } from '../util/fsio';
import { redactor } from '../log/redact';
import { QuarantineError } from './errors';
import { quarantineDir } from './store';

const KEY_BYTES = 32;
const MAX_SEALED_BYTES = 4 * 1024 * 1024;
const SEALED_VERSION = 1;

interface SealedValue {
  iv: string;
  ct: string;
  tag: string;
}

interface SealedFile {
  version: typeof SEALED_VERSION;
  alg: 'aes-256-gcm';
  record: string;
  values: Record<string, SealedValue>;
}

export function keyFile(stateDir: string): string {
  return path.join(stateDir, 'keys', 'quarantine.key');
}

export function sealedFile(stateDir: string, recordId: string): string {
  return path.join(quarantineDir(stateDir), 'sealed', `${recordId}.json`);
}

/** The device key, created on first need. Two passes racing create it once ('wx'). */
function deviceKey(stateDir: string, create: boolean): Buffer {
  const file = keyFile(stateDir);
  const read = (): Buffer | undefined => {
    try {
      const text = readCapped(file, 1024).toString('utf8').trim();
      const key = Buffer.from(text, 'base64');
      if (key.length !== KEY_BYTES)
        throw new QuarantineError({ code: 'SEALED_UNREADABLE', message: `${file}: not a ${KEY_BYTES}-byte key`, file });
      return key;
    } catch (e) {
      if (e instanceof QuarantineError) throw e;
      if ((e as { code?: string }).code === 'FILE_NOT_FOUND') return undefined;
      throw new QuarantineError({ code: 'SEALED_UNREADABLE', message: `${file}: the device key cannot be read`, file, cause: e });
    }
  };
  const existing = read();
  if (existing) return existing;
  if (!create)
    throw new QuarantineError({
      code: 'SEALED_UNREADABLE',
      message: `${file}: the device key is missing; sealed secrets cannot be opened`,
      file,
    });
  ensurePrivateDir(path.dirname(file), { noLink: true });
  const key = crypto.randomBytes(KEY_BYTES);
  try {
    const fd = fs.openSync(
      file,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0),
      0o600,
    );
    try {
      fs.writeSync(fd, key.toString('base64') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return read() ?? key;
    throw e;
  }
}

function aad(recordId: string, account: string): Buffer {
  return Buffer.from(`mcp-warden quarantine\u0000${recordId}\u0000${account}`, 'utf8');
}

/** Seal `values` (account → plaintext) for `recordId`; written before the entry is removed. */
export function sealSecrets(stateDir: string, recordId: string, values: ReadonlyMap<string, string>): void {
  const key = deviceKey(stateDir, true);
  const out: SealedFile = { version: SEALED_VERSION, alg: 'aes-256-gcm', record: recordId, values: {} };
  for (const [account, value] of values) {
    redactor.learn(value);
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad(recordId, account));
    const ct = Buffer.concat([c.update(value, 'utf8'), c.final()]);
    out.values[account] = { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: c.getAuthTag().toString('base64') };
  }
  const file = sealedFile(stateDir, recordId);
  ensurePrivateDir(quarantineDir(stateDir), { noLink: true });
  ensurePrivateDir(path.dirname(file), { noLink: true });
  writeFileAtomic(file, JSON.stringify(out) + '\n', { mode: 0o600 });
}

/** The plaintext of every sealed value of `recordId`, by account. */
export function openSealed(stateDir: string, recordId: string): Map<string, string> {
  const file = sealedFile(stateDir, recordId);
  let doc: SealedFile;
  try {
    doc = JSON.parse(readCapped(file, MAX_SEALED_BYTES).toString('utf8')) as SealedFile;
  } catch (e) {
    throw new QuarantineError({
      code: 'SECRET_MISSING',
      message: `${file}: the sealed secrets of record ${recordId} cannot be read; nothing restored`,
      file,
      cause: e,
    });
  }
  if (doc?.version !== SEALED_VERSION || doc.record !== recordId || doc.values === null || typeof doc.values !== 'object') {
    throw new QuarantineError({ code: 'SEALED_UNREADABLE', message: `${file}: not the sealed secrets of record ${recordId}`, file });
  }
  const key = deviceKey(stateDir, false);
  const out = new Map<string, string>();
  for (const [account, v] of Object.entries(doc.values)) {
    try {
      const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(v.iv, 'base64'));
      d.setAAD(aad(recordId, account));
      d.setAuthTag(Buffer.from(v.tag, 'base64'));
      const value = Buffer.concat([d.update(Buffer.from(v.ct, 'base64')), d.final()]).toString('utf8');
      redactor.learn(value);
      out.set(account, value);
    } catch (e) {
      // Wrong key (state folder copied from another device) or a changed file.
      throw new QuarantineError({
        code: 'SEALED_UNREADABLE',
        message: `${file}: a sealed secret of record ${recordId} does not open with this device's key`,
        file,
        cause: e,
      });
    }
  }
  return out;
}

export function dropSealed(stateDir: string, recordId: string): void {
  fs.rmSync(sealedFile(stateDir, recordId), { force: true });
}
