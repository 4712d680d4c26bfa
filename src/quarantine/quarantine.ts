// Writing a quarantine record BEFORE an entry is removed: sanitize the entry, stash its
// secret values (in the keychain, written, read back, compared; or, when the keychain
// cannot take them, sealed to this device: sealed.ts), then write the record. Removing
// an unapproved server never depends on the keychain (issue 14 item 4).
// A record is keyed on the entry's fingerprint + file + JSON path: a pass killed after
// writing it and replayed reuses it instead of writing a second one.
import type { ServerEntry } from '../inventory/types';
import type { Policy, ServerRule } from '../policy/types';
import type { Verdict } from '../judge/types';
import type { SecretStore } from '../vault/keychain/store';
import { describeError } from '../errors';
import { log } from '../log/logger';
import { QuarantineError } from './errors';
import { RECORD_VERSION, type QuarantineRecord, type StashedSecret } from './record';
import { sanitizeEntry, type SecretAtPath } from './sanitize';
import { dropSealed, sealSecrets } from './sealed';
import { activeRecordExists, activeRecordIndex, deleteRecord, newRecordId, readRecord, recordKey, writeRecord } from './store';

/** Shared by the removals of one pass: after one keychain failure the rest seal at once. */
export interface KeychainHealth {
  /** Why the keychain could not take a value (no secret in it). */
  down?: string;
}

export interface QuarantineContext {
  stateDir: string;
  now: Date;
  policy: Policy | null;
  /** Opens the keychain on first need; rejects (UnavailableError) when it cannot. */
  secretStore: () => Promise<SecretStore>;
  keychain?: KeychainHealth;
  /** activeRecordIndex(stateDir), built on first need. */
  index?: Map<string, string>;
  /**
   * Set: records are written without their folder fsync, and the folder is added here; the
   * caller must call syncRecordDirs before removing any of their entries (a removed entry
   * must always be restorable).
   */
  unsynced?: Set<string>;
}

export function stashAccount(recordId: string, index: number): string {
  return `quarantine|${recordId}|${index}`;
}

async function stash(store: SecretStore, account: string, value: string): Promise<void> {
  await store.set(account, value);
  const back = await store.get(account);
  if (back !== value) {
    await store.delete(account).catch(() => false);
    throw new QuarantineError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'a value written to the keychain did not read back' });
  }
}

export interface Quarantined {
  record: QuarantineRecord;
  /** False when an existing record (same entry removed before) was reused. */
  created: boolean;
  /** Secret values sealed to the device because the keychain was unavailable. */
  sealed: number;
  /** Why the keychain was not used, when values were sealed. */
  keychainProblem?: string;
}

async function toKeychain(id: string, secrets: readonly SecretAtPath[], ctx: QuarantineContext): Promise<StashedSecret[]> {
  const stashed: StashedSecret[] = [];
  let store: SecretStore | undefined;
  try {
    store = await ctx.secretStore();
    for (const [i, s] of secrets.entries()) {
      const account = stashAccount(id, i);
      await stash(store, account, s.value);
      stashed.push({ path: s.path, name: s.name, account });
    }
    return stashed;
  } catch (e) {
    // Half a record's values in the keychain and half sealed would make restore depend
    // on both: take back what went in, seal them all.
    for (const s of stashed) await store?.delete(s.account).catch(() => false);
    throw e;
  }
}

function sealAll(id: string, secrets: readonly SecretAtPath[], ctx: QuarantineContext): StashedSecret[] {
  const stashed = secrets.map((s, i): StashedSecret => ({ path: s.path, name: s.name, account: stashAccount(id, i), store: 'sealed' }));
  try {
    sealSecrets(ctx.stateDir, id, new Map(stashed.map((s, i) => [s.account, secrets[i].value])));
  } catch (e) {
    throw new QuarantineError({
      code: 'WRITE_FAILED',
      message: `the entry holds secrets; neither the keychain (${ctx.keychain?.down ?? 'unavailable'}) nor the sealed store could keep them (${describeError(e)}); left in place`,
      cause: e,
    });
  }
  return stashed;
}

/**
 * Record `entry` before its removal. `reuseId` names the record of an earlier removal of
 * the very same entry (flapping); `fingerprint` finds a record a killed pass left.
 */
export async function quarantineEntry(
  entry: ServerEntry,
  verdict: Verdict,
  rule: ServerRule | undefined,
  ctx: QuarantineContext,
  reuseId?: string,
  fingerprint?: string,
): Promise<Quarantined> {
  if (reuseId !== undefined && activeRecordExists(ctx.stateDir, reuseId)) {
    return { record: readRecord(ctx.stateDir, reuseId), created: false, sealed: 0 };
  }
  if (fingerprint !== undefined) {
    ctx.index ??= activeRecordIndex(ctx.stateDir);
    const found = ctx.index.get(recordKey(fingerprint, entry.file, entry.jsonPath));
    if (found !== undefined && activeRecordExists(ctx.stateDir, found))
      return { record: readRecord(ctx.stateDir, found), created: false, sealed: 0 };
  }
  const { entry: shown, secrets } = sanitizeEntry(entry, rule);
  const id = newRecordId(ctx.now);
  let stashed: StashedSecret[] = [];
  if (secrets.length > 0) {
    if (ctx.keychain?.down === undefined) {
      try {
        stashed = await toKeychain(id, secrets, ctx);
      } catch (e) {
        (ctx.keychain ??= {}).down = describeError(e);
      }
    }
    if (ctx.keychain?.down !== undefined) stashed = sealAll(id, secrets, ctx);
  }
  const sealed = stashed.filter((s) => s.store === 'sealed').length;
  const record: QuarantineRecord = {
    version: RECORD_VERSION,
    id,
    time: ctx.now.toISOString(),
    file: entry.file,
    scope: entry.scope,
    configHome: entry.configHome,
    jsonPath: entry.jsonPath,
    name: entry.name,
    transport: entry.transport,
    verdict: verdict.verdict,
    reason: verdict.reason,
    policy: ctx.policy ? { org: ctx.policy.allowlist.org, version: ctx.policy.allowlist.version, digest: ctx.policy.digest } : null,
    entry: shown,
    secrets: stashed,
  };
  if (entry.project !== undefined) record.project = entry.project;
  if (entry.client !== undefined) record.client = entry.client;
  if (verdict.ruleId !== undefined) record.ruleId = verdict.ruleId;
  if (fingerprint !== undefined) record.fingerprint = fingerprint;
  // Always the real path judged now: restore writes only while the path still leads here.
  record.realFile = entry.realFile ?? entry.file;
  try {
    writeRecord(ctx.stateDir, record, ctx.unsynced);
  } catch (e) {
    await dropSecrets(record, ctx);
    throw new QuarantineError({ code: 'WRITE_FAILED', message: `quarantine record not written (${describeError(e)})`, cause: e });
  }
  if (fingerprint !== undefined) ctx.index?.set(recordKey(fingerprint, entry.file, entry.jsonPath), id);
  if (sealed > 0) {
    log().warn('keychain unavailable: secrets of a removed server sealed to this device', {
      record: id,
      server: entry.name,
      file: entry.file,
      sealed,
      keychain: ctx.keychain?.down,
    });
  }
  const out: Quarantined = { record, created: true, sealed };
  if (sealed > 0 && ctx.keychain?.down !== undefined) out.keychainProblem = ctx.keychain.down;
  return out;
}

async function dropSecrets(record: QuarantineRecord, ctx: QuarantineContext): Promise<void> {
  if (record.secrets.some((s) => s.store === 'sealed')) dropSealed(ctx.stateDir, record.id);
  const inKeychain = record.secrets.filter((s) => s.store !== 'sealed');
  if (inKeychain.length === 0) return;
  try {
    const store = await ctx.secretStore();
    for (const s of inKeychain) await store.delete(s.account).catch(() => false);
  } catch {
    // The keychain went away: the items stay, harmless, under an account nothing reads.
  }
}

/** Undo a record whose removal did not happen (the entry changed under us, the edit failed). */
export async function discardRecord(record: QuarantineRecord, ctx: QuarantineContext): Promise<void> {
  deleteRecord(ctx.stateDir, record.id);
  await dropSecrets(record, ctx);
}

export { dropSecrets as dropStashedSecrets };
