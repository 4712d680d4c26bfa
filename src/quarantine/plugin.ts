// Quarantine for a plugin turned off: the record names the settings file and the
// `enabledPlugins` key, and what the value was; restoring puts that value back through the
// same locked, format-preserving edit as every other restore. No secrets are involved: the
// plugin's own files are never touched, so nothing of them needs keeping.
import * as crypto from 'node:crypto';
import { editJsonFile, getAt, type EditOptions } from '../fsedit/edit';
import type { Action } from '../plan/types';
import { describeError } from '../errors';
import { formatJsonPath } from '../util/jsonpath';
import { QuarantineError } from './errors';
import { RECORD_VERSION, type QuarantineRecord } from './record';
import { markRestored, newRecordId, writeRecord } from './store';
import type { QuarantineContext } from './quarantine';
import type { RestoreResult } from './record';

type PluginAction = Extract<Action, { kind: 'plugin' }>;

const RANK: Record<string, number> = { denied: 3, pin_mismatch: 2, unapproved: 1 };

export function quarantinePlugin(action: PluginAction, ctx: QuarantineContext): QuarantineRecord {
  const en = action.enablement;
  const worst = [...action.servers].sort((a, b) => (RANK[b.verdict.verdict] ?? 0) - (RANK[a.verdict.verdict] ?? 0))[0];
  const record: QuarantineRecord = {
    version: RECORD_VERSION,
    id: newRecordId(ctx.now),
    kind: 'plugin',
    time: ctx.now.toISOString(),
    file: en.file,
    scope: 'plugin',
    configHome: en.configHome,
    jsonPath: ['enabledPlugins', en.id],
    name: en.id,
    transport: 'other',
    verdict: worst?.verdict.verdict ?? action.marketplace?.verdict ?? 'unapproved',
    reason: action.reason,
    policy: ctx.policy ? { org: ctx.policy.allowlist.org, version: ctx.policy.allowlist.version, digest: ctx.policy.digest } : null,
    entry: { value: en.value, settingsScope: en.scope, servers: action.servers.map((s) => s.entry.name) },
    secrets: [],
  };
  if (en.project !== undefined) record.project = en.project;
  if (worst?.verdict.ruleId !== undefined) record.ruleId = worst.verdict.ruleId;
  try {
    writeRecord(ctx.stateDir, record);
  } catch (e) {
    throw new QuarantineError({ code: 'WRITE_FAILED', message: `quarantine record not written (${describeError(e)})`, cause: e });
  }
  return record;
}

/** Turn the plugin back on where it was turned off (unless someone set it otherwise since). */
export async function restorePlugin(record: QuarantineRecord, stateDir: string, now: Date, edit?: EditOptions): Promise<RestoreResult> {
  const value = record.entry.value ?? true;
  let alreadyPresent = false;
  const result = await editJsonFile(
    record.file,
    (current) => {
      const there = getAt(current, record.jsonPath);
      if (there === value) {
        alreadyPresent = true;
        return [];
      }
      if (there !== false && there !== undefined) {
        throw new QuarantineError({
          code: 'NAME_TAKEN',
          message: `${formatJsonPath(record.jsonPath)} in ${record.file} was changed since the plugin was turned off; set it by hand`,
          file: record.file,
          jsonPath: formatJsonPath(record.jsonPath),
        });
      }
      const holder = getAt(current, ['enabledPlugins']);
      if (holder === undefined) return [{ path: ['enabledPlugins'], value: { [record.name]: value }, expect: { value: undefined } }];
      return [{ path: record.jsonPath, value, expect: { value: there } }];
    },
    edit,
  );
  const out: RestoreResult = { record: markRestored(stateDir, record, now), alreadyPresent };
  if (result.changed) out.sha256 = result.sha256 ?? crypto.createHash('sha256').update(result.text).digest('hex');
  return out;
}
