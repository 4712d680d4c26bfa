// Carrying out a 'migrate' action, in the order that loses nothing:
//   1. recover every secret value from the entry (the plan holds names, never values);
//   2. write each one to the keychain and read it back: it must be identical;
//   3. write the binding's manifest the same way;
//   4. only then rewrite the entry (editJsonFile, precondition: the entry is still exactly
//      what the plan saw). If that fails, the config keeps working with its old value
//      and the failure is reported; the keychain copy is harmless and reused next pass.
// A locked or missing keychain stops at step 2: nothing is rewritten, the finding is
// reported, nothing throws.
import { isWardenError, describeError } from '../errors';
import type { EventSink, DriftEventInput } from '../events/types';
import { editJsonFile, type EditOptions } from '../fsedit/edit';
import type { SecretStore } from './keychain/store';
import { redactor } from '../log/redact';
import { log } from '../log/logger';
import type { SecretFinding } from '../plan/types';
import type { Mode, Scope } from '../policy/types';
import { formatJsonPath } from '../util/jsonpath';
import { parseExecArgv } from '../inventory/wrapper';
import { bindingOf, indexAccount, secretAccount, type Binding, type SecretLocation } from './account';
import { CredentialError } from './errors';
import { commandDigest, mergeManifest, parseManifest, type CredentialManifest } from './manifest';
import { serverRef, type MigrateAction } from './plan';
import { argSecretsFromRewrite } from './rewrite';
import { adapterOf } from '../clients/adapters';

export interface MigrationContext {
  store: SecretStore;
  sink?: EventSink;
  /** The plan's mode (policy/effective.ts), recorded on events. Required: no default of its own. */
  mode: Mode;
  now?: () => Date;
  edit?: EditOptions;
}

export type MigrationStatus =
  | 'migrated'
  /** Keychain locked or absent: nothing rewritten. */
  | 'keychain-unavailable'
  /** A value did not read back identical: nothing rewritten. */
  | 'keychain-mismatch'
  /** The entry changed on disk since the plan: nothing rewritten; the next pass re-plans. */
  | 'entry-changed'
  /** The config file could not be rewritten (lock, parse, write): it keeps its old value. */
  | 'write-failed'
  /** The action does not fit its entry. */
  | 'invalid-plan';

export interface MigrationResult {
  status: MigrationStatus;
  findings: SecretFinding[];
  /** Keychain accounts written (secrets and manifest). */
  accounts: string[];
  error?: { code: string; message: string };
}

export interface SecretToStore {
  location: SecretLocation;
  name: string;
  /** THE SECRET. */
  value: string;
}

/** Write each secret and read it back; then the merged manifest. Throws on any failure. */
export async function storeSecrets(
  store: SecretStore,
  binding: Binding,
  secrets: readonly SecretToStore[],
  manifest: Omit<CredentialManifest, 'env' | 'args' | 'headers'>,
): Promise<string[]> {
  const accounts: string[] = [];
  const put = async (account: string, value: string): Promise<void> => {
    await store.set(account, value);
    const back = await store.get(account);
    if (back !== value) {
      throw new CredentialError({
        code: 'KEYCHAIN_READBACK_MISMATCH',
        message: `keychain account ${account}: the value read back differs from the one written`,
      });
    }
    accounts.push(account);
  };
  for (const s of secrets) await put(secretAccount(binding, s.location, s.name), s.value);
  const names = (loc: SecretLocation): string[] => [...new Set(secrets.filter((s) => s.location === loc).map((s) => s.name))];
  const prev = parseManifest(await store.get(indexAccount(binding)));
  const next = mergeManifest(prev, { ...manifest, env: names('env'), args: names('args'), headers: names('headers') });
  await put(indexAccount(binding), JSON.stringify(next));
  return accounts;
}

/** The values behind the action's findings, from the entry as the plan saw it. */
function recoverSecrets(action: MigrateAction): SecretToStore[] {
  const { entry, rewritten } = action;
  const out: SecretToStore[] = [];
  for (const f of action.findings) {
    if (f.location === 'env' || f.location === 'headers') {
      const value = (f.location === 'env' ? entry.env : entry.headers)?.[f.name];
      if (typeof value !== 'string' || value === '') {
        throw new CredentialError({ code: 'PLAN_MISMATCH', message: `${entry.name}: ${f.location} ${f.name} is not in the entry` });
      }
      out.push({ location: f.location, name: f.name, value });
    } else if (f.location !== 'args') {
      throw new CredentialError({ code: 'PLAN_MISMATCH', message: `${entry.name}: a secret in the ${f.location} cannot be migrated` });
    }
  }
  if (action.findings.some((f) => f.location === 'args')) {
    const args = argSecretsFromRewrite(entry, rewritten);
    if (!args)
      throw new CredentialError({ code: 'PLAN_MISMATCH', message: `${entry.name}: the planned arguments do not line up with the entry` });
    for (const a of args) out.push({ location: 'args', name: a.name, value: a.value });
  }
  for (const s of out) redactor.learn(s.value);
  return out;
}

function boundTo(action: MigrateAction): string {
  const r = action.rewritten;
  const args = Array.isArray(r.args) ? (r.args as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  const wrapped = parseExecArgv(typeof r.command === 'string' ? r.command : undefined, args, () => true);
  return commandDigest(wrapped ? wrapped.inner : typeof r.url === 'string' ? r.url : (action.entry.url ?? ''));
}

function emit(ctx: MigrationContext, events: DriftEventInput[]): void {
  for (const e of events) ctx.sink?.emit(e);
}

function events(
  action: MigrateAction,
  kind: DriftEventInput['kind'],
  taken: DriftEventInput['action'],
  note: string,
  mode: Mode,
): DriftEventInput[] {
  const r = action.rewritten;
  const args = Array.isArray(r.args) ? (r.args as string[]) : [];
  const masked = parseExecArgv(typeof r.command === 'string' ? r.command : undefined, args, () => true)?.inner;
  return action.findings.map((f) => ({
    kind,
    severity: kind === 'credential.migrated' ? 'info' : 'high',
    mode,
    action: taken,
    message: `${action.entry.name}: ${f.location} ${f.location === 'args' ? (f.placeholder ?? f.name) : f.name} ${note}`,
    server: serverRef(action.entry, action.ruleId, masked),
    file: action.entry.file,
    jsonPath: formatJsonPath(action.entry.jsonPath),
    credential: { name: f.location === 'args' ? (f.placeholder ?? f.name) : f.name, location: f.location, fingerprint: f.fingerprint },
  }));
}

/** Carry out one migrate action. Never throws for expected failures: see MigrationResult.status. */
export async function applyMigration(action: MigrateAction, ctx: MigrationContext): Promise<MigrationResult> {
  const mode = ctx.mode;
  const entry = action.entry;
  const result: MigrationResult = { status: 'migrated', findings: action.findings, accounts: [] };
  const fail = (status: MigrationStatus, e: unknown, kind: DriftEventInput['kind'], note: string): MigrationResult => {
    result.status = status;
    result.error = { code: isWardenError(e) ? e.code : 'INTERNAL', message: describeError(e) };
    log().warn('credential migration stopped', { server: entry.name, file: entry.file, status, error: result.error.message });
    emit(ctx, events(action, kind, 'failed', note, mode));
    return result;
  };

  const binding = bindingOf(entry, action.ruleId);
  if (!binding)
    return fail(
      'invalid-plan',
      new CredentialError({ code: 'PLAN_MISMATCH', message: `${entry.name}: ${entry.scope} entries cannot be migrated` }),
      'credential.exposed',
      'stays in plain text: the entry cannot be migrated',
    );
  let secrets: SecretToStore[];
  try {
    secrets = recoverSecrets(action);
  } catch (e) {
    return fail('invalid-plan', e, 'credential.exposed', 'stays in plain text: the plan does not fit the entry');
  }

  // No secrets (the entry is only routed through exec for tool pinning): nothing to store.
  if (action.findings.length > 0) {
    try {
      result.accounts = await storeSecrets(ctx.store, binding, secrets, {
        v: 1,
        serverId: action.ruleId,
        scope: entry.scope as Scope,
        configHome: binding.configHome,
        ...(binding.project ? { project: binding.project } : {}),
        ...(binding.client ? { client: binding.client } : {}),
        entryName: entry.name,
        file: entry.file,
        boundTo: boundTo(action),
        updatedAt: (ctx.now?.() ?? new Date()).toISOString(),
      });
    } catch (e) {
      const locked = isWardenError(e) && e.code === 'KEYCHAIN_UNAVAILABLE';
      return fail(
        locked
          ? 'keychain-unavailable'
          : isWardenError(e) && e.code === 'KEYCHAIN_READBACK_MISMATCH'
            ? 'keychain-mismatch'
            : 'write-failed',
        e,
        'credential.exposed',
        locked
          ? 'stays in plain text: the keychain is locked or unavailable; nothing was changed'
          : 'stays in plain text: the keychain did not keep it; nothing was changed',
      );
    }
  }

  try {
    // Another client's file is edited in its own syntax (JSONC keeps comments, TOML layout).
    const r = await editJsonFile(entry.file, [{ path: entry.jsonPath, value: action.rewritten, expect: { value: entry.raw } }], {
      ...ctx.edit,
      syntax: adapterOf(entry.client).syntax,
    });
    if (r.skipped.length > 0) {
      result.status = 'entry-changed';
      log().info('entry changed since the plan; migration left for the next pass', { server: entry.name, file: entry.file });
      return result;
    }
  } catch (e) {
    return fail(
      'write-failed',
      e,
      'write.failed',
      'is in the keychain, but the config could not be rewritten; it keeps working with its old value',
    );
  }
  if (action.findings.length === 0)
    log().info('entry routed through mcp-warden exec (tool pinning)', { server: entry.name, file: entry.file });
  else
    log().info('credentials moved to the keychain', {
      server: entry.name,
      file: entry.file,
      names: secrets.map((s) => `${s.location}:${s.name}`),
    });
  emit(ctx, events(action, 'credential.migrated', 'migrated', 'moved to the keychain', mode));
  return result;
}
