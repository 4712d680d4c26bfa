// `mcp-warden reconcile --once [--dry-run] [--json]`: one full pass under the policy's
// mode. Exit 0 when the pass completed and left nothing it should have fixed; 1 when
// something could not be fixed (a failed or skipped action, a removal held back, an
// unreadable config file in enforce mode); 2 for usage errors.
import type { Command } from 'commander';
import { action } from '../runtime';
import { err, out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { setupLogging } from '../../host/context';
import { ExitCode, InputError } from '../../errors';
import { MemorySink } from '../../events/types';
import { runPass, type PassResult } from '../../reconcile/pass';
import { commandSetup, openSink, policyEvents, sendEvents } from '../../reconcile/setup';
import { actionView, heldView, passView } from '../../reconcile/views';
import { actionLines, countsLine, policyLine, tildify } from '../../reconcile/text';

interface Flags {
  once?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function passExitCode(r: PassResult): number {
  if (r.dryRun || !r.executed) return ExitCode.OK;
  const unfixed =
    r.results.some((x) => x.status === 'failed' || x.status === 'skipped') ||
    (r.plan.held ?? []).some((h) => h.kind === 'remove') ||
    r.unreadable.length > 0;
  return unfixed ? ExitCode.CHECK_FAILED : ExitCode.OK;
}

async function reconcile(cmd: Command, flags: Flags): Promise<number> {
  if (!flags.once) {
    throw new InputError({ code: 'USAGE', message: 'reconcile runs one pass: use --once (the continuous mode is `mcp-warden agent`)' });
  }
  const ctx = commandContext(cmd);
  setupLogging(ctx, { file: !flags.dryRun });
  const setup = await commandSetup(ctx, { readOnly: flags.dryRun === true });
  const sink = flags.dryRun ? new MemorySink() : openSink(ctx, setup);
  if (!flags.dryRun) for (const e of policyEvents(setup)) sink.emit(e);
  const r = await runPass({
    home: ctx.home,
    stateDir: ctx.stateDir,
    config: setup.loaded?.config,
    policy: setup.policy,
    sink,
    dryRun: flags.dryRun,
    execPath: setup.execPath,
    secretStore: setup.secretStore,
    env: ctx.env,
  });
  if (!flags.dryRun) await sendEvents(ctx, setup);
  const notes = [...setup.notes];
  if (r.mode === 'audit' && !r.noPolicy) notes.push('audit mode: nothing was changed; the actions below are what enforce would do');
  if (r.dryRun) notes.push('dry run: nothing was changed');
  if (flags.json) {
    outJson(passView(r, notes));
    return passExitCode(r);
  }
  for (const l of policyLine(r.policy, notes)) out(l);
  out(countsLine(r.counts));
  const actions = r.results.map(actionView);
  for (const l of actionLines(actions, ctx.home)) out(l);
  for (const h of heldView(r.plan)) {
    out(
      `held: ${h.kind} ${h.name} (${tildify(h.file, ctx.home)})${h.to ? ` to ${h.to}` : ''}: ${h.reason}${h.retryAt ? ` (retry at ${h.retryAt})` : ''}`,
    );
  }
  for (const u of r.unreadable) err(`unreadable: ${tildify(u.file, ctx.home)} ${u.reason}`);
  if (actions.length === 0 && (r.plan.held ?? []).length === 0) out('nothing to do');
  if (actions.some((a) => a.kind === 'remove' && a.status === 'done')) {
    out('removed entries are kept in quarantine: `mcp-warden quarantine list`, `mcp-warden quarantine restore ID`');
    const ask = setup.policy?.allowlist.requestApproval;
    if (ask) out(`to ask for approval of a server: ${ask}`);
  }
  return passExitCode(r);
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .description('one pass: judge every MCP server against the policy and, in enforce mode, remove what is not approved')
    .option('--once', 'run one full pass and exit (required)')
    .option('--dry-run', 'show what the pass would do, change nothing')
    .option('--json', 'machine-readable output')
    .action(action((flags: Flags, cmd: Command) => reconcile(cmd, flags)));
}
