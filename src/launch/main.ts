// The edges of `exec` and `headers`: agent config, last good policy, keychain, stderr,
// drift events, the process. Loaded on demand by src/cli/commands/{exec,headers}.ts so that
// nothing here costs anything to other commands, and heavy modules (event factory, spool,
// logger file transport) load only on the paths that need them.
import type { CommandContext } from '../host/context';
import { agentConfig, execPathFor, setupLogging } from '../host/context';
import { err } from '../host/output';
import type { LoadedConfig } from '../config/types';
import { describeError, ExitCode, isWardenError } from '../errors';
import type { DriftEventInput } from '../events/types';
import { createJudgeContext } from '../judge/fs-context';
import { keychainBackendFor, openSecretStore } from '../vault/keychain/open';
import { closeLogger, log } from '../log/logger';
import { loadPolicy } from '../policy/loader';
import type { Policy, Scope } from '../policy/types';
import { decideLaunch, refusalEvent, runServer, spawnFailureCode, type LaunchRequest, type Refusal } from './exec';
import { decideHeaders } from './headers';
import { launchSite } from './inject';
import type { WrapSite } from '../inventory/wrapper';
import type { SandboxOutcome } from '../sandbox/launch';
import { plainLaunch, sandboxApplies } from '../sandbox/applies';
import { effectiveMode } from '../policy/effective';

/** Per keychain operation. exec may wait for an unlock prompt (Claude Code allows 30 s to start). */
const EXEC_KEYCHAIN_TIMEOUT_MS = 20_000;
/** headers must answer within Claude Code's 10 s helper limit, all included. */
const HEADERS_KEYCHAIN_TIMEOUT_MS = 4_000;
const HEADERS_DEADLINE_MS = 9_000;

interface Loaded {
  loaded?: LoadedConfig;
  policy: Policy | null;
  notes: string[];
}

/** Agent config and the policy in force; neither is required (no policy = audit only). */
function loadContext(ctx: CommandContext): Loaded {
  const notes: string[] = [];
  let loaded: LoadedConfig | undefined;
  try {
    loaded = agentConfig(ctx);
  } catch (e) {
    if (!isWardenError(e)) throw e;
    notes.push(`no agent config (${describeError(e)})`);
    return { policy: null, notes };
  }
  let policy: Policy | null = null;
  try {
    const r = loadPolicy({ config: loaded, stateDir: ctx.stateDir, readOnly: true });
    policy = r.policy;
    if (!policy) notes.push(`no valid policy${r.rejection ? ` (${r.rejection.code}: ${r.rejection.message})` : ''}`);
  } catch (e) {
    if (!isWardenError(e)) throw e;
    notes.push(`policy unavailable (${describeError(e)})`);
  }
  return { loaded, policy, notes };
}

/** Log to the state folder's log and append a drift event to the spool. Never throws. */
async function record(ctx: CommandContext, l: Loaded, events: DriftEventInput[], notes: string[]): Promise<void> {
  try {
    setupLogging(ctx, { file: true });
    for (const n of notes) log().warn(n);
    for (const e of events) log().warn(e.message, { kind: e.kind, code: e.detail?.code });
    if (events.length === 0) return;
    const { createEventFactory } = await import('../events/factory');
    const { openSpool } = await import('../report');
    const factory = createEventFactory({
      stateDir: ctx.stateDir,
      config: l.loaded?.config,
      policy: l.policy,
      mode: effectiveMode(l.policy),
    });
    const spool = openSpool(ctx.stateDir, { factory, maxBytes: l.loaded?.config.report?.spoolMaxBytes });
    for (const e of events) spool.emit(e);
  } catch (e) {
    log().error('could not record the launch event', { error: describeError(e) });
  }
}

function line(serverId: string, r: Refusal): string {
  return `mcp-warden: ${serverId}: ${r.reason}${r.hint ? ` — ${r.hint}` : ''}`;
}

/** `exec`: returns the exit code (the server's, or 126/127 when it did not start). */
export async function runExec(ctx: CommandContext, serverId: string, scope: Scope, inner: string[], wrap: WrapSite = {}): Promise<number> {
  const l = loadContext(ctx);
  const execPath = execPathFor(l.loaded);
  const req: LaunchRequest = { site: launchSite(serverId, scope, ctx.env, ctx.home, process.cwd(), wrap), inner, env: ctx.env };
  const d = await decideLaunch(req, {
    policy: l.policy,
    execPath,
    store: openSecretStore(keychainBackendFor(l.loaded), { timeoutMs: EXEC_KEYCHAIN_TIMEOUT_MS }),
    judgeContext: () => createJudgeContext({ home: ctx.home, execPath, env: ctx.env }),
  });
  if (!d.ok) {
    // One line: Claude Code shows the server's stderr when it fails to start.
    err(line(serverId, d));
    await record(ctx, l, [refusalEvent(req, d, effectiveMode(l.policy), true)], l.notes);
    return ExitCode.EXEC_REFUSED;
  }
  const degraded = d.notes.filter((n) => n.startsWith('the keychain is unavailable'));
  for (const n of degraded) err(`mcp-warden: ${serverId}: ${n}`);
  if (d.audit || (l.notes.length > 0 && !l.policy) || degraded.length > 0) {
    await record(ctx, l, d.audit ? [refusalEvent(req, d.audit, 'audit', false)] : [], [...l.notes, ...d.notes]);
  }
  // Sandbox hook (src/sandbox): the same argv and env, confined per the rule's `sandbox`.
  // Loaded only for a rule that has one: its backends and egress proxy cost every launch.
  let egressLog = false;
  const sb: SandboxOutcome = !sandboxApplies(l.policy, serverId)
    ? { kind: 'none', launch: plainLaunch(d.argv, d.env) }
    : (await import('../sandbox/launch')).prepareSandboxedLaunch({
        policy: l.policy,
        serverId,
        scope,
        argv: d.argv,
        shownArgv: inner,
        env: d.env,
        workspace: req.site.projectDir,
        home: ctx.home,
        stateDir: ctx.stateDir,
        // A host outside allowedDomains (once per host): one stderr line and the log, no path or query.
        onEgressRefused: (host, why) => {
          err(`mcp-warden: ${serverId}: network refused: ${why}`);
          if (!egressLog) setupLogging(ctx, { file: true });
          egressLog = true;
          log().warn(`${serverId}: sandbox network refused ${host}: ${why}`);
        },
      });
  if (sb.kind === 'refused' || sb.kind === 'unsandboxed') {
    err(`mcp-warden: ${sb.event.message}`);
    await record(ctx, l, [sb.event], l.notes);
    if (sb.kind === 'refused') return sb.error.exitCode;
  }
  const rule = l.policy?.allowlist.servers.find((r) => r.id === serverId);
  try {
    // A rule that allows domains: the egress proxy runs in this process for the server's life.
    await sb.launch.ready?.();
    const argv = [sb.launch.cmd, ...sb.launch.args];
    // Tool pinning needs the proxy (loaded only then), around the sandboxed server when
    // there is one; everything else launches directly.
    if (rule && rule.transport === 'stdio' && (rule.toolPinning ?? (rule.toolPins ? 'pinned' : 'off')) !== 'off') {
      const { runPinned } = await import('../tools/run');
      const code = await runPinned({
        rule,
        scope,
        inner,
        argv,
        env: sb.launch.env,
        mode: effectiveMode(l.policy),
        stateDir: ctx.stateDir,
        say: err,
        record: (events) => record(ctx, l, events, []),
      });
      process.stdin.destroy();
      return code;
    }
    // A sandbox's private temp folder is removed after the server exits: exec stays as
    // the parent then (spawn), instead of replacing itself.
    if (sb.kind === 'sandboxed') return await runServer(argv, sb.launch.env);
    const { launchDirect } = await import('./direct');
    return await launchDirect(argv, sb.launch.env, () => closeLogger());
  } catch (e) {
    err(`mcp-warden: ${serverId}: cannot start ${inner[0] ?? ''}: ${(e as NodeJS.ErrnoException).code ?? describeError(e)}`);
    return spawnFailureCode(e as NodeJS.ErrnoException);
  } finally {
    sb.launch.cleanup();
  }
}

/** `headers`: prints the headers JSON object; returns the exit code. */
export async function runHeaders(ctx: CommandContext, serverId: string, scope: Scope): Promise<number> {
  // Claude Code kills a helper after 10 s; answer with a clear message before that.
  const deadline = setTimeout(() => {
    err(`mcp-warden: ${serverId}: the keychain did not answer within ${HEADERS_DEADLINE_MS / 1000} s`);
    process.exit(ExitCode.UNAVAILABLE);
  }, HEADERS_DEADLINE_MS);
  deadline.unref();
  try {
    const l = loadContext(ctx);
    const execPath = execPathFor(l.loaded);
    const site = launchSite(serverId, scope, ctx.env, ctx.home, process.cwd());
    const req = { site, url: ctx.env.CLAUDE_CODE_MCP_SERVER_URL, name: ctx.env.CLAUDE_CODE_MCP_SERVER_NAME };
    const d = await decideHeaders(req, {
      policy: l.policy,
      execPath,
      store: openSecretStore(keychainBackendFor(l.loaded), { timeoutMs: HEADERS_KEYCHAIN_TIMEOUT_MS }),
      judgeContext: () => createJudgeContext({ home: ctx.home, execPath, env: ctx.env }),
    });
    const launch: LaunchRequest = { site, inner: [], env: {} };
    if (!d.ok) {
      err(line(serverId, d));
      const ev = refusalEvent(launch, d, effectiveMode(l.policy), true);
      ev.server = { name: req.name ?? serverId, scope, transport: 'http', url: req.url, ruleId: serverId };
      await record(ctx, l, [ev], l.notes);
      return ExitCode.EXEC_REFUSED;
    }
    // Printed as is: it is what Claude Code asked for. (out() would mask the values.)
    process.stdout.write(JSON.stringify(d.headers) + '\n');
    if (d.audit || d.notes.length > 0) {
      const evs = d.audit
        ? [
            {
              ...refusalEvent(launch, d.audit, 'audit', false),
              server: { name: req.name ?? serverId, scope, transport: 'http', url: req.url, ruleId: serverId },
            },
          ]
        : [];
      await record(ctx, l, evs, [...l.notes, ...d.notes]);
    }
    return ExitCode.OK;
  } finally {
    clearTimeout(deadline);
  }
}
