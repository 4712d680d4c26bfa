// Writing a quarantine record BEFORE an entry is removed: sanitize the entry, stash its
// secret values in the keychain (written, read back, compared), then write the record.
// If the keychain cannot take the secrets, nothing is written and the caller must leave
// the entry in place (fail safe for data: Claude Code's managed settings still block it).
import type { ServerEntry } from '../inventory/types';
import type { Policy, ServerRule } from '../policy/types';
import type { Verdict } from '../plan/types';
import type { SecretStore } from '../keychain/store';
import { describeError } from '../errors';
import { QuarantineError } from './errors';
import { RECORD_VERSION, type QuarantineRecord, type StashedSecret } from './record';
import { sanitizeEntry } from './sanitize';
import { activeRecordExists, deleteRecord, newRecordId, readRecord, writeRecord } from './store';

export interface QuarantineContext {
  stateDir: string;
  now: Date;
  policy: Policy | null;
  /** Opens the keychain on first need; rejects (UnavailableError) when it cannot. */
  secretStore: () => Promise<SecretStore>;
}

export function stashAccount(recordId: string, index: number): string {
  return `quarantine|${recordId}|${index}`;
}

async function stash(store: SecretStore, account: string, value: string): Promise<void> {
  await store.set(account, value);
  const back = await store.get(account);
  if (back !== value) {
    await store.delete(account).catch(() => false);
    throw new Error('a value written to the keychain did not read back');
  }
}

export interface Quarantined {
  record: QuarantineRecord;
  /** False when an existing record (same entry removed before) was reused. */
  created: boolean;
}

/**
 * Record `entry` before its removal. `reuseId` names the record of an earlier removal of
 * the very same entry (flapping): it is reused while still active.
 */
export async function quarantineEntry(
  entry: ServerEntry,
  verdict: Verdict,
  rule: ServerRule | undefined,
  ctx: QuarantineContext,
  reuseId?: string,
): Promise<Quarantined> {
  if (reuseId !== undefined && activeRecordExists(ctx.stateDir, reuseId)) {
    return { record: readRecord(ctx.stateDir, reuseId), created: false };
  }
  const { entry: shown, secrets } = sanitizeEntry(entry, rule);
  const id = newRecordId(ctx.now);
  const stashed: StashedSecret[] = [];
  if (secrets.length > 0) {
    let store: SecretStore;
    try {
      store = await ctx.secretStore();
      for (const [i, s] of secrets.entries()) {
        const account = stashAccount(id, i);
        await stash(store, account, s.value);
        stashed.push({ path: s.path, name: s.name, account });
      }
    } catch (e) {
      throw new QuarantineError({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `the entry holds secrets and the keychain cannot keep them (${describeError(e)}); left in place`,
        file: entry.file,
        cause: e,
      });
    }
  }
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
  if (verdict.ruleId !== undefined) record.ruleId = verdict.ruleId;
  try {
    writeRecord(ctx.stateDir, record);
  } catch (e) {
    await dropSecrets(record, ctx);
    throw new QuarantineError({ code: 'WRITE_FAILED', message: `quarantine record not written (${describeError(e)})`, cause: e });
  }
  return { record, created: true };
}

async function dropSecrets(record: QuarantineRecord, ctx: QuarantineContext): Promise<void> {
  if (record.secrets.length === 0) return;
  try {
    const store = await ctx.secretStore();
    for (const s of record.secrets) await store.delete(s.account).catch(() => false);
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
