// Closing the approval loop on the device (issue 19): when the policy in force approves an
// entry the agent removed earlier, the agent puts it back by itself, through the same
// restore as `quarantine restore` (secrets from the keychain; the pass that follows moves
// plaintext ones back into it as for any entry), tells the developer and reports
// `server.restored` with the request id. Fail-safe:
//   - enforce mode only (in audit mode nothing was removed, and nothing is put back);
//   - judged twice: the stored copy first (cheap, no keychain), then the entry as it will
//     be written, secrets in (RestoreOptions.accept), so only what the policy approves
//     returns;
//   - one attempt per record and policy digest per agent process: a restore that fails
//     (name taken, keychain locked) is logged once, not at every pass.
import { toEntry } from '../inventory/entries';
import type { EventSink } from '../events/types';
import { describeError } from '../errors';
import { createJudgeContext, judgeEntry, type JudgeContext } from '../judge';
import type { SecretStore } from '../vault/keychain/store';
import { log } from '../log/logger';
import type { Policy } from '../policy/types';
import { effectiveMode } from '../policy/effective';
import type { QuarantineRecord } from '../quarantine/record';
import { restoreRecord } from '../quarantine/restore';
import { listRecords } from '../quarantine/store';
import { serverRef } from '../reconcile/event-parts';
import { formatJsonPath } from '../util/jsonpath';
import { readLocalRequests, writeLocalRequests } from '../approval/local-requests';

export interface RestoreApprovedOptions {
  stateDir: string;
  home: string;
  policy: Policy | null;
  execPath: string;
  env: NodeJS.ProcessEnv;
  secretStore: () => Promise<SecretStore>;
  sink: EventSink;
  /** `recordId:policyDigest` already tried by this process. */
  attempted: Set<string>;
  judgeContext?: JudgeContext;
  now?: () => Date;
}

export interface RestoredEntry {
  name: string;
  file: string;
  quarantineId: string;
  requestId?: string;
}

function entryOf(r: QuarantineRecord, raw: Record<string, unknown>) {
  const e = toEntry(
    { file: r.file, scope: r.scope, configHome: r.configHome, ...(r.project !== undefined ? { project: r.project } : {}) },
    r.jsonPath,
    r.name,
    raw,
  );
  if (r.scope === 'agent') e.governedAs = r.project !== undefined ? 'project' : 'user';
  return e;
}

export async function restoreApproved(o: RestoreApprovedOptions): Promise<RestoredEntry[]> {
  const policy = o.policy;
  if (!policy || effectiveMode(policy) !== 'enforce') return [];
  const judge = o.judgeContext ?? createJudgeContext({ home: o.home, execPath: o.execPath, env: o.env });
  const approved = (r: QuarantineRecord, raw: Record<string, unknown>) => judgeEntry(entryOf(r, raw), policy, judge);
  const done: RestoredEntry[] = [];
  // Plugins are turned back on by `quarantine restore` only: their approval is per server.
  for (const r of listRecords(o.stateDir).records.filter((x) => x.kind !== 'plugin')) {
    const key = `${r.id}:${policy.digest}`;
    if (o.attempted.has(key)) continue;
    o.attempted.add(key);
    const first = approved(r, r.entry);
    if (first.verdict !== 'approved') continue;
    const local = readLocalRequests(o.stateDir);
    const req = local.filter((x) => x.quarantineId === r.id).pop();
    try {
      await restoreRecord({
        stateDir: o.stateDir,
        id: r.id,
        now: (o.now ?? (() => new Date()))(),
        secretStore: o.secretStore,
        accept: (entry) => {
          const v = approved(r, entry);
          return v.verdict === 'approved' ? undefined : `the policy does not approve it as it stood (${v.verdict}: ${v.reason})`;
        },
      });
    } catch (e) {
      log().warn('approved entry not restored', { server: r.name, quarantineId: r.id, error: describeError(e) });
      continue;
    }
    log().info('approved entry restored from quarantine', {
      server: r.name,
      file: r.file,
      quarantineId: r.id,
      requestId: req?.requestId,
      ruleId: first.ruleId,
    });
    o.sink.emit({
      kind: 'server.restored',
      severity: 'info',
      action: 'restored',
      message: `${r.name} (${r.scope} scope, ${r.file}) restored from quarantine ${r.id}: policy v${policy.allowlist.version} approves it`,
      server: serverRef(entryOf(r, r.entry), first.ruleId),
      file: r.file,
      jsonPath: formatJsonPath(r.jsonPath),
      detail: { quarantineId: r.id, automatic: true, ...(req ? { requestId: req.requestId } : {}) },
    });
    if (req) {
      req.told = 'restored';
      req.status = 'approved';
      writeLocalRequests(o.stateDir, local);
    }
    done.push({ name: r.name, file: r.file, quarantineId: r.id, ...(req ? { requestId: req.requestId } : {}) });
  }
  return done;
}
