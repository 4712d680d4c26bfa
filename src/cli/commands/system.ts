// `mcp-warden system apply|status`: Claude Code's own managed settings, rendered from the
// verified allowlist (docs/managed-settings.md). Runs as root / SYSTEM from MDM.
import * as path from 'node:path';
import type { Command } from 'commander';
import { agentConfig, execPathFor, setupLogging, type CommandContext } from '../../host/context';
import { commandContext } from '../context';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { describeError, ExitCode } from '../../errors';
import { MemorySink } from '../../events/types';
import type { LoadedConfig } from '../../config/types';
import { claudeManagedDir } from '../../paths';
import { log } from '../../log/logger';
import { sendPending } from '../../report';
import { systemApply, type ApplyReport, type SystemTarget } from '../../system/install';
import { checkDropInName, DEFAULT_DROPIN_NAME } from '../../system/dropin';
import { openSystemSink } from '../../system/events';
import { fetchCandidate } from '../../policy/fetch-once';
import { systemStatus, type StatusReport } from '../../system/inspect';
import { clientControlTargets } from '../../system/clients-apply';

/** How long a root run waits for the collector before leaving events in the spool. */
const SEND_DEADLINE_MS = 10_000;

interface TargetFlags {
  managedDir?: string;
  geminiSettings?: string;
  codexRequirements?: string;
  json?: boolean;
}

function target(loaded: LoadedConfig | undefined, flags: TargetFlags): SystemTarget & { warnings: string[] } {
  const sys = loaded?.config.system;
  const warnings: string[] = [];
  if (loaded && !loaded.config.exec?.path) {
    warnings.push(
      `exec.path is not set in the agent config: wrapped entries are rendered with ${execPathFor(loaded)}; set exec.path so that this and every user's agent agree on it`,
    );
  }
  return {
    managedDir: path.resolve(flags.managedDir ?? sys?.managedDir ?? claudeManagedDir()),
    dropInName: checkDropInName(sys?.dropInName ?? DEFAULT_DROPIN_NAME),
    execPath: execPathFor(loaded),
    warnings,
  };
}

function summary(r: ApplyReport): string {
  const s = r.settings;
  const cmd = s.allowedMcpServers.filter((m) => 'serverCommand' in m).length;
  const parts = [
    `${s.allowedMcpServers.length} allowed (${cmd} serverCommand, ${s.allowedMcpServers.length - cmd} serverUrl)`,
    `${s.deniedMcpServers?.length ?? 0} denied`,
    `${s.permissions?.ask?.length ?? 0} ask / ${s.permissions?.deny?.length ?? 0} deny tool rules`,
  ];
  if (s.allowManagedMcpServersOnly) parts.push('allowManagedMcpServersOnly');
  parts.push(`enableAllProjectMcpServers ${String(s.enableAllProjectMcpServers)}`);
  return parts.join(', ');
}

const VERB: Record<ApplyReport['outcome'], [string, string]> = {
  written: ['wrote', 'would write'],
  unchanged: ['unchanged', 'unchanged'],
  removed: ['audit mode: removed', 'audit mode: would remove'],
  absent: ['audit mode: nothing written', 'audit mode: nothing would be written'],
};

function printApply(r: ApplyReport, warnings: string[], notes: string[]): void {
  const p = r.policy;
  out(`${VERB[r.outcome][r.dryRun ? 1 : 0]}: ${r.file} (allowlist ${p.org} v${p.version}, ${r.mode})`);
  out(`  ${summary(r)}`);
  for (const c of r.clients) {
    const verb =
      c.outcome === 'refused'
        ? `refused (${c.error?.code ?? '?'}): ${c.error?.message ?? ''}`
        : r.dryRun && (c.outcome === 'written' || c.outcome === 'removed')
          ? `would be ${c.outcome}`
          : c.outcome;
    out(`${c.client}: ${c.file}: ${verb}`);
  }
  for (const w of warnings) out(`warning: ${w}`);
  // A scheduled run that changes nothing stays short; the notes come with every change.
  if (r.outcome === 'unchanged' && !r.dryRun) {
    if (notes.length > 0) out(`  ${notes.length} note(s) on what only the agent enforces: see --dry-run`);
  } else {
    for (const n of notes) out(`note: ${n}`);
    for (const c of r.clients) for (const n of c.notes) out(`note: ${n}`);
  }
  if (r.dryRun || r.mode === 'audit') {
    out(r.mode === 'audit' ? 'drop-in enforce mode would write:' : 'drop-in:');
    process.stdout.write(r.text);
  }
}

function printStatus(r: StatusReport): void {
  out(`managed folder: ${r.managedDir}`);
  out(`our drop-in:    ${r.file}: ${r.dropIn}`);
  if (r.policy) {
    const p = r.policy;
    out(`policy:         ${p.org} v${p.version} (${p.mode}${p.stale ? ', expired: kept as last good' : ''}), sha256 ${p.digest}`);
  }
  out(`effective tier: ${r.assessment.effective}${r.assessment.dropInEffective ? '' : ' (our drop-in is not in effect)'}`);
  out('managed sources (highest precedence first):');
  if (r.sources.length === 0) out('  (none)');
  for (const s of r.sources) {
    const keys = s.problem ? `unreadable: ${s.problem}` : `keys: ${(s.keys ?? []).join(', ') || '(none)'}`;
    out(`  ${s.kind.padEnd(21)} ${s.location}${s.ours ? ' (ours)' : ''}; ${keys}`);
  }
  for (const w of r.warnings) out(`warning: ${w}`);
  for (const i of r.assessment.info) out(`info: ${i}`);
}

/** Events from a root run wait in the system spool; send them now if a collector is configured. */
async function sendEvents(ctx: CommandContext, loaded: LoadedConfig): Promise<void> {
  if (!loaded.config.report?.url) return;
  try {
    const rec = await sendPending({ stateDir: ctx.stateDir, config: loaded.config, baseDir: loaded.baseDir, deadlineMs: SEND_DEADLINE_MS });
    log().info('drift events sent', { outcome: rec.outcome, accepted: rec.accepted, pending: rec.pending });
  } catch (e) {
    log().warn('drift events not sent; they stay in the spool', { error: describeError(e) });
  }
}

async function applyCommand(cmd: Command, flags: TargetFlags & { dryRun?: boolean }): Promise<number> {
  const ctx: CommandContext = commandContext(cmd, 'system');
  setupLogging(ctx, { file: !flags.dryRun });
  const loaded = agentConfig(ctx);
  const t = target(loaded, flags);
  const fetched = await fetchCandidate(loaded);
  if (fetched.note) t.warnings.unshift(fetched.note);
  const sink = flags.dryRun ? undefined : openSystemSink(ctx.stateDir, loaded);
  let report: ApplyReport;
  try {
    report = systemApply({
      ...t,
      clientControls: clientControlTargets({ 'gemini-cli': flags.geminiSettings, codex: flags.codexRequirements }, ctx.env),
      loaded,
      stateDir: ctx.stateDir,
      dryRun: flags.dryRun,
      candidate: fetched.candidate,
      fetchedRoots: fetched.roots,
      sink: sink ?? new MemorySink(),
      onVerified: (result) => sink?.setPolicy(result.policy),
    });
    sink?.succeeded();
  } catch (e) {
    // The refusal was spooled (managed.rejected): deliver it before reporting the error.
    if (sink) await sendEvents(ctx, loaded);
    throw e;
  }
  if (flags.json) outJson({ ...report, warnings: t.warnings });
  else printApply(report, t.warnings, report.notes);
  if (sink) await sendEvents(ctx, loaded);
  // A client file left as it was (unparseable, invalid render) is a failure an MDM must see.
  return report.clients.some((c) => c.outcome === 'refused') ? ExitCode.CHECK_FAILED : ExitCode.OK;
}

async function statusCommand(cmd: Command, flags: TargetFlags): Promise<number> {
  const ctx = commandContext(cmd, 'system');
  setupLogging(ctx);
  let loaded: LoadedConfig | undefined;
  let configProblem: string | undefined;
  try {
    loaded = agentConfig(ctx);
  } catch (e) {
    configProblem = `agent config: ${describeError(e)}`;
  }
  const t = target(loaded, flags);
  const fetched = loaded ? await fetchCandidate(loaded) : {};
  const report = systemStatus({
    ...t,
    loaded,
    configProblem,
    stateDir: ctx.stateDir,
    candidate: fetched.candidate,
    fetchedRoots: fetched.roots,
  });
  if (fetched.note) {
    report.warnings.unshift(fetched.note);
    report.ok = false;
  }
  // Advice about the config, not about the drop-in: does not change `ok`.
  report.warnings.push(...t.warnings);
  if (flags.json) outJson(report);
  else printStatus(report);
  return report.ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
}

export function register(program: Command): void {
  const system = program
    .command('system')
    .description("Claude Code's own managed settings, rendered from the verified allowlist (run as root / SYSTEM)");
  system
    .command('apply')
    .description('verify the allowlist as the agent does and write our managed-settings.d drop-in')
    .option('--managed-dir <dir>', "Claude Code's managed folder (default: config system.managedDir, then the OS location)")
    .option(
      '--gemini-settings <file>',
      "Gemini CLI's system settings.json (default: GEMINI_CLI_SYSTEM_SETTINGS_PATH, then the OS location, when its folder exists)",
    )
    .option('--codex-requirements <file>', "Codex's requirements.toml (default: the OS location, when its folder exists)")
    .option('--dry-run', 'verify and render, print what would be written, change nothing')
    .option('--json', 'machine-readable output')
    .action(action((flags: TargetFlags & { dryRun?: boolean }, cmd: Command) => applyCommand(cmd, flags)));
  system
    .command('status')
    .description('managed sources on this machine, whether our drop-in is in place and current, and what outranks it')
    .option('--managed-dir <dir>', "Claude Code's managed folder (default: config system.managedDir, then the OS location)")
    .option('--json', 'machine-readable output')
    .action(action((flags: TargetFlags, cmd: Command) => statusCommand(cmd, flags)));
}
