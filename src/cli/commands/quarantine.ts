// `mcp-warden quarantine list [--json] [--all]` and `quarantine restore ID`: the entries
// reconcile removed, and putting one back exactly where it was.
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { setupLogging } from '../../host/context';
import { ExitCode } from '../../errors';
import { listRecords } from '../../quarantine/store';
import { restoreRecord } from '../../quarantine/restore';
import { commandSetup, openSink, sendEvents } from '../../reconcile/setup';
import { tildify } from '../../reconcile/text';
import { toEntry } from '../../inventory/entries';
import { createJudgeContext, judgeEntry } from '../../judge';
import { formatJsonPath } from '../../util/jsonpath';
import { serverRef } from '../../reconcile/event-parts';
import type { QuarantineRecord } from '../../quarantine/record';
import { effectiveMode } from '../../policy/effective';

function list(cmd: Command, flags: { json?: boolean; all?: boolean }): number {
  const ctx = commandContext(cmd);
  setupLogging(ctx);
  const { records, invalid } = listRecords(ctx.stateDir, { all: flags.all });
  for (const i of invalid) err(`warning: ${i.reason}`);
  if (flags.json) {
    outJson(records);
    return ExitCode.OK;
  }
  if (records.length === 0) {
    out('no quarantined entries');
    return ExitCode.OK;
  }
  for (const r of records) {
    const state = r.restoredAt ? ` (restored ${r.restoredAt})` : '';
    out(`${r.id}  ${r.time}  ${r.name}  [${r.scope}, ${r.transport}]  ${r.verdict}${state}`);
    out(`    ${tildify(r.file, ctx.home)} ${formatJsonPath(r.jsonPath)}`);
    out(`    ${r.reason}`);
  }
  out(`restore one with: mcp-warden quarantine restore <ID>; ask for its approval with: mcp-warden request <ID> --reason "…"`);
  return ExitCode.OK;
}

/** A plugin turned back on: say so, warn that enforce turns it off again while it is not approved. */
async function restoredPlugin(
  ctx: ReturnType<typeof commandContext>,
  setup: Awaited<ReturnType<typeof commandSetup>>,
  rec: QuarantineRecord,
  already: boolean,
  where: string,
): Promise<number> {
  out(already ? `plugin ${rec.name} was already on in ${where}; record marked restored` : `turned plugin ${rec.name} back on in ${where}`);
  if (effectiveMode(setup.policy) === 'enforce') {
    err(`warning: while the allowlist does not approve its servers (${rec.reason}), the next reconcile pass turns it off again`);
    const ask = setup.policy?.allowlist.requestApproval;
    if (ask) err(`to ask for approval: ${ask}`);
  }
  const market = rec.name.slice(rec.name.lastIndexOf('@') + 1);
  openSink(ctx, setup).emit({
    kind: 'plugin.restored',
    severity: 'info',
    action: 'restored',
    message: `plugin ${rec.name} turned back on in ${rec.file} from quarantine ${rec.id}`,
    server: { name: rec.name, scope: 'plugin' },
    file: rec.file,
    jsonPath: formatJsonPath(rec.jsonPath),
    detail: { quarantineId: rec.id, plugin: rec.name, marketplace: market },
  });
  await sendEvents(ctx, setup);
  return ExitCode.OK;
}

async function restore(cmd: Command, id: string): Promise<number> {
  const ctx = commandContext(cmd);
  setupLogging(ctx, { file: true });
  const setup = await commandSetup(ctx, { readOnly: true });
  const r = await restoreRecord({ stateDir: ctx.stateDir, id, now: new Date(), secretStore: setup.secretStore });
  const rec = r.record;
  const where = `${tildify(rec.file, ctx.home)} at ${formatJsonPath(rec.jsonPath)}`;
  if (rec.kind === 'plugin') return restoredPlugin(ctx, setup, rec, r.alreadyPresent, where);
  out(r.alreadyPresent ? `${rec.name} was already back in ${where}; record marked restored` : `restored ${rec.name} into ${where}`);
  // Judge it now, so the user knows whether the agent will leave it there.
  const entry = toEntry(
    { file: rec.file, scope: rec.scope, configHome: rec.configHome, ...(rec.project !== undefined ? { project: rec.project } : {}) },
    rec.jsonPath,
    rec.name,
    rec.entry,
  );
  // A subagent's server is judged in the scope of the folder its file is in.
  if (rec.scope === 'agent') entry.governedAs = rec.project !== undefined ? 'project' : 'user';
  if (setup.policy) {
    const v = judgeEntry(entry, setup.policy, createJudgeContext({ home: ctx.home, execPath: setup.execPath, env: ctx.env }));
    if (v.verdict !== 'approved' && v.verdict !== 'unverifiable' && v.verdict !== 'ignored') {
      const next =
        effectiveMode(setup.policy) === 'enforce'
          ? 'the next reconcile pass will remove it again'
          : 'audit mode: it stays, and is reported';
      err(`warning: the policy still does not approve it (${v.verdict}: ${v.reason}); ${next}`);
      if (setup.policy.allowlist.requestApproval) err(`to ask for approval: ${setup.policy.allowlist.requestApproval}`);
    }
  }
  const sink = openSink(ctx, setup);
  sink.emit({
    kind: 'server.restored',
    severity: 'info',
    action: 'restored',
    message: `${rec.name} (${rec.scope} scope, ${rec.file}) restored from quarantine ${rec.id}`,
    server: serverRef(entry, rec.ruleId),
    file: rec.file,
    jsonPath: formatJsonPath(rec.jsonPath),
    detail: { quarantineId: rec.id },
  });
  await sendEvents(ctx, setup);
  return ExitCode.OK;
}

export function register(program: Command): void {
  const q = program.command('quarantine').description('entries reconcile removed, and putting them back');
  q.command('list')
    .description('quarantined entries, oldest first (secret values are never shown; they wait in the keychain)')
    .option('--json', 'machine-readable output: a JSON array of records')
    .option('--all', 'include entries already restored')
    .action(action((flags: { json?: boolean; all?: boolean }, cmd: Command) => list(cmd, flags)));
  q.command('restore')
    .description('put a quarantined entry back where it was, with its secrets from the keychain')
    .argument('<id>', 'record id, from `quarantine list`')
    .action(action((id: string, _flags: unknown, cmd: Command) => restore(cmd, id)));
}
