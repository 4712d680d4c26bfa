// runPass(): one reconcile pass — discover → judge → plan → apply → report — reusable in
// process by the agent, which calls it again and again (with a DiscoveryCache, and with
// `only` set to the files that changed). Never throws for a problem with one file or one
// entry: those are results and events. Throws only for a broken state folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AgentConfig } from '../config/types';
import type { EventSink } from '../events/types';
import type { EditOptions } from '../fsedit/edit';
import type { Inventory, ServerEntry, UnreadableFile } from '../inventory/types';
import type { SecretStore } from '../vault/keychain/store';
import type { Mode, Policy } from '../policy/types';
import { discover, discoverChanged, type DiscoveryCache } from '../discovery';
import type { DiscoverOptions } from '../discovery/discover';
import { forgetWritten, noteWritten } from '../discovery/incremental';
import type { JudgedEntries } from './judged';
import { createJudgeContext, judgeEntry, type JudgeContext } from '../judge';
import { judgeReferences } from '../judge/refs';
import { plan as makePlan } from '../plan/plan';
import { entryFingerprint } from '../plan/state';
import { pruneRemovals } from '../plan/flapping';
import type { Plan } from '../plan/types';
import type { Verdict, VerdictKind } from '../judge/types';
import { applyPlan } from '../apply/apply';
import { actionFile } from '../apply/ops';
import type { ActionResult, WrittenFile } from '../apply/types';
import { activeRecordExists } from '../quarantine/store';
import { planCredentialActions } from '../vault/plan';
import { redactor } from '../log/redact';
import { planSandboxWraps } from '../sandbox/plan';
import { buildEvents, credentialFindings, selectToEmit } from './events';
import { migrator } from './migrate';
import { locksDir, sweepIfDue, type Leftovers } from './leftovers';
import { loadState, saveState, statePath } from './state-file';
import { log } from '../log/logger';
import { describeError, isWardenError } from '../errors';
import { claudeManagedDir } from '../paths';
import { effectiveMode } from '../policy/effective';
import { TextHandoff } from '../fsedit/known';

export interface PassOptions {
  home: string;
  stateDir: string;
  /** The agent config (discovery limits and roots, exec path). */
  config?: AgentConfig;
  /** The verified policy in force; null = none (audit only). */
  policy: Policy | null;
  sink: EventSink;
  /** Compute and report, change nothing (even in enforce mode). */
  dryRun?: boolean;
  /** Act only on these files (the agent's changed files); everything is still judged. */
  only?: readonly string[];
  /**
   * Files an earlier pass already judged. With `only`, a file discovery finds that is not
   * in here (the `.mcp.json` of a project Claude Code just registered in `~/.claude.json`,
   * a plugin just installed) is acted on in this same pass, not at the next full pass.
   */
  known?: { has(file: string): boolean };
  cache?: DiscoveryCache;
  /**
   * Verdicts kept between passes (the agent). With `only`, an entry that is the same record
   * an earlier pass judged keeps its verdict; a full pass judges every entry again.
   */
  judged?: JudgedEntries;
  /** Absolute path of mcp-warden that wrapped entries run. Default: from the config. */
  execPath: string;
  judgeContext?: JudgeContext;
  /** Opens the keychain (only when a removal holds secrets). */
  secretStore: () => Promise<SecretStore>;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  edit?: EditOptions;
}

export interface PassResult {
  startedAt: string;
  durationMs: number;
  mode: Mode;
  noPolicy: boolean;
  dryRun: boolean;
  /** Whether actions were carried out (enforce mode, not a dry run). */
  executed: boolean;
  policy: { org: string; version: number; mode: Mode; digest: string } | null;
  counts: Record<VerdictKind, number>;
  inventory: Inventory;
  plan: Plan;
  results: ActionResult[];
  /** Files this pass wrote, with the SHA-256 of the bytes written. */
  written: WrittenFile[];
  /** Actions that failed (nothing written for them). */
  errors: Array<{ file?: string; code: string; message: string }>;
  unreadable: UnreadableFile[];
  /** Events emitted. */
  events: number;
  /** What an interrupted earlier pass left and this one removed (absent when nothing). */
  cleaned?: Leftovers;
  /** When a held action (flapping backoff) becomes due, in ms from the end of the pass. */
  retryAfterMs?: number;
}

export function emptyCounts(): Record<VerdictKind, number> {
  return { approved: 0, unapproved: 0, pin_mismatch: 0, denied: 0, unverifiable: 0, ignored: 0 };
}

/** CLAUDE_CONFIG_DIR from the environment, when it points inside the home (never elsewhere). */
export function configDirsFromEnv(home: string, env: NodeJS.ProcessEnv): string[] {
  const dir = env.CLAUDE_CONFIG_DIR;
  if (!dir) return [];
  const abs = path.resolve(dir);
  const rel = path.relative(home, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? [abs] : [];
}

/** Every config file read, and the real file behind each link: where our temp files sit. */
function configFilesOf(inv: Inventory): string[] {
  const out = [...inv.files];
  for (const x of [...inv.entries, ...inv.settings]) if (x.realFile !== undefined) out.push(x.realFile);
  return out;
}

/** The entries of the files in `only`, with their verdicts (`verdicts` is one per entry, in order). */
function inScopeOf(
  entries: readonly ServerEntry[],
  verdicts: readonly Verdict[],
  only: ReadonlySet<string>,
): { entries: ServerEntry[]; verdicts: Verdict[] } {
  const out: { entries: ServerEntry[]; verdicts: Verdict[] } = { entries: [], verdicts: [] };
  for (let i = 0; i < entries.length; i++) {
    if (!only.has(entries[i].file)) continue;
    out.entries.push(entries[i]);
    if (verdicts[i] !== undefined) out.verdicts.push(verdicts[i]);
  }
  return out;
}

export interface Inspection {
  inventory: Inventory;
  verdicts: Verdict[];
}

function discoveryOptions(
  opts: Pick<PassOptions, 'home' | 'config' | 'cache'>,
  env: NodeJS.ProcessEnv,
  fresh: readonly string[] | undefined,
  texts?: TextHandoff,
): DiscoverOptions {
  const d = opts.config?.discovery;
  return {
    home: opts.home,
    configDirs: configDirsFromEnv(opts.home, env),
    roots: d?.roots,
    otherClients: d?.otherClients,
    maxDepth: d?.maxDepth,
    maxProjects: d?.maxProjects,
    maxFileBytes: d?.maxFileBytes,
    cache: opts.cache,
    fresh,
    managedDir: opts.config?.system?.managedDir ?? claudeManagedDir(),
    texts,
  };
}

/**
 * The cache's last inventory was read before this pass's own writes, and no change event
 * brings them back (the agent knows its writes by their bytes): read the written files again
 * now, after the pass has acted, rather than in the next pass (the next reaction). A write
 * to a `~/.claude.json` means a full discovery here. If that fails, the next incremental pass
 * reads them.
 */
function refreshWritten(opts: PassOptions, written: readonly WrittenFile[]): void {
  const cache = opts.cache;
  if (!cache || written.length === 0) return;
  const files = written.map((w) => w.file);
  noteWritten(cache, files);
  const env = opts.env ?? process.env;
  try {
    const inv = discoverChanged(discoveryOptions(opts, env, []));
    // Their new records are judged now too (all of them when a `~/.claude.json` was
    // rewritten), so that the next pass finds them judged.
    const policy = opts.policy;
    if (!opts.judged || !policy) return;
    let ctx = opts.judgeContext;
    opts.judged.verdictsFor(inv.entries, policy.digest, true, (e) =>
      judgeGuarded(e, policy, (ctx ??= createJudgeContext({ home: opts.home, execPath: opts.execPath, env }))),
    );
  } catch (e) {
    noteWritten(cache, files);
    log().warn('discovery after the pass failed; the next pass reads the written files again', { error: describeError(e) });
  }
}

/** Discover and judge: what `scan` shows. Read-only. */
export function inspect(
  opts: Pick<PassOptions, 'home' | 'config' | 'policy' | 'cache' | 'only' | 'judged' | 'execPath' | 'judgeContext' | 'env'>,
  texts?: TextHandoff,
): Inspection {
  const env = opts.env ?? process.env;
  // The agent's incremental pass: only the changed files are read again (when they can be).
  const find = opts.only && opts.cache ? discoverChanged : discover;
  if (find === discover) forgetWritten(opts.cache);
  const inventory = find(discoveryOptions(opts, env, opts.only, texts));
  const policy = opts.policy;
  if (!policy) return { inventory, verdicts: [] };
  let ctx = opts.judgeContext;
  const judge = (e: ServerEntry): Verdict =>
    judgeGuarded(e, policy, (ctx ??= createJudgeContext({ home: opts.home, execPath: opts.execPath, env })));
  const judged = opts.judged;
  const verdicts = judged
    ? judged.verdictsFor(inventory.entries, policy.digest, opts.only !== undefined, judge)
    : inventory.entries.map(judge);
  return { inventory, verdicts: inventory.entries.some((e) => e.reference) ? judgeReferences(inventory.entries, verdicts) : verdicts };
}

/**
 * One entry's verdict; a judge failure costs that entry only. It is not shown to be on the
 * allowlist, so it is unapproved (the pass goes on for every other entry and file).
 */
function judgeGuarded(e: ServerEntry, policy: Policy, ctx: JudgeContext): Verdict {
  try {
    return judgeEntry(e, policy, ctx);
  } catch (err) {
    log().error('an entry could not be judged', { file: e.file, name: e.name, error: describeError(err) });
    return {
      entryKey: e.key,
      verdict: 'unapproved',
      reason: `could not be judged (${isWardenError(err) ? err.code : 'INTERNAL'}); not shown to be approved`,
    };
  }
}

export async function runPass(opts: PassOptions): Promise<PassResult> {
  const t0 = performance.now();
  const now = opts.now?.() ?? new Date();
  const dryRun = opts.dryRun === true;
  const state = loadState(opts.stateDir);
  // A removal whose record was restored is history: if the entry goes again, it is new.
  for (const [k, r] of Object.entries(state.removals)) {
    if (r.recordId !== undefined && !activeRecordExists(opts.stateDir, r.recordId)) delete state.removals[k];
  }
  // A pass that may edit keeps the big files' texts for those edits (fsedit/known.ts);
  // dropped with the pass.
  const texts = opts.policy !== null && effectiveMode(opts.policy) === 'enforce' && !dryRun ? new TextHandoff() : undefined;
  const { inventory, verdicts } = inspect(opts, texts);
  // What a killed pass left (our temp files, our abandoned locks) goes first; our locks are
  // registered so that the next kill's are taken back at once, not after the stale time.
  const cleaned = dryRun ? undefined : sweepIfDue(opts.stateDir, () => configFilesOf(inventory));
  const edit: EditOptions = { ...opts.edit, lockOwners: opts.edit?.lockOwners ?? locksDir(opts.stateDir) };
  const only = opts.only ? new Set(opts.only) : undefined;
  if (only && opts.known) {
    const known = opts.known;
    for (const f of inventory.files) if (!known.has(f)) only.add(f);
    for (const u of inventory.unreadable) if (!known.has(u.file)) only.add(u.file);
  }
  const inScope = (file: string): boolean => !only || only.has(file);
  const policy = opts.policy;
  const mode = effectiveMode(policy);
  // Their actions and findings count only in scope (plan and events filter by file), so
  // an incremental pass looks at the changed files' entries only (and their verdicts: an
  // entry's key names its file, so no lookup of an in-scope entry needs another file's).
  const scoped = only ? inScopeOf(inventory.entries, verdicts, only) : { entries: inventory.entries, verdicts };
  const credentials = planCredentialActions(scoped, scoped.verdicts, policy, { execPath: opts.execPath, mode });
  // Every value found is masked from now on in every log line, report and error of this
  // process (audit mode included), before anything below can mention it.
  for (const v of credentials.learned) redactor.learn(v);
  const wraps = planSandboxWraps(scoped, scoped.verdicts, policy, {
    execPath: opts.execPath,
    skip: new Set(credentials.actions.map((a) => a.entry.key)),
  });
  // The agent keeps the lookups by key across passes: only the changed records move in them.
  const entryByKey = opts.judged?.entryIndex.of(inventory.entries);
  const verdictByKey = opts.judged?.verdictIndex.of(verdicts);
  const plan = makePlan(inventory, { policy, verdicts }, state, {
    now,
    only,
    credentialActions: [...credentials.actions, ...wraps],
    verdictByKey,
  });
  // plan.mode is effectiveMode(policy): enforce only with a verified policy.
  const executed = policy !== null && plan.mode === 'enforce' && !dryRun;
  // A first pass keeps its salt before acting: if it is killed mid-way, the next pass
  // computes the same fingerprints and reuses the quarantine records it left.
  if (executed && !fs.existsSync(statePath(opts.stateDir))) saveState(opts.stateDir, state);
  const migrate = migrator({ sink: opts.sink, mode: plan.mode, now, secretStore: opts.secretStore, edit });
  const applied = policy
    ? await applyPlan(plan, { stateDir: opts.stateDir, policy, state, now, secretStore: opts.secretStore, migrate, edit, texts }, executed)
    : { results: [], written: [] };
  // The texts of files not edited would otherwise live as long as the pass (20 MB each).
  texts?.clear();
  refreshWritten(opts, applied.written);

  const fingerprint = (e: ServerEntry): string => entryFingerprint(state.salt, e);
  const found = [
    ...buildEvents(plan, inventory.entries, applied.results, inventory.unreadable, inScope, fingerprint, entryByKey),
    ...credentialFindings(credentials.exposures, applied.results, plan.mode, inScope),
  ];
  const toEmit = dryRun ? found.map((f) => f.event) : selectToEmit(found, state, now, inScope);
  if (!dryRun) {
    // One durable append for the pass's events when the sink can (the spool).
    if (opts.sink.emitMany) opts.sink.emitMany(toEmit);
    else for (const e of toEmit) opts.sink.emit(e);
    state.removals = pruneRemovals(state.removals, now);
    try {
      saveState(opts.stateDir, state);
    } catch (e) {
      // The pass itself is done; without its state the next one may report a finding again
      // or miss a flap. Worth a warning, not a failed pass.
      log().warn('reconcile state not saved', { stateDir: opts.stateDir, error: describeError(e) });
    }
  }

  const counts = emptyCounts();
  for (const v of verdicts) counts[v.verdict]++;
  const errors = applied.results
    .filter((r) => r.status === 'failed')
    .map((r) => ({
      file: actionFile(r.action),
      code: r.code ?? 'ERROR',
      message: r.detail ?? 'failed',
    }));
  const result: PassResult = {
    startedAt: now.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    mode: plan.mode,
    noPolicy: plan.noPolicy,
    dryRun,
    executed,
    policy: policy
      ? { org: policy.allowlist.org, version: policy.allowlist.version, mode: policy.allowlist.mode, digest: policy.digest }
      : null,
    counts,
    inventory,
    plan,
    results: applied.results,
    written: applied.written,
    errors,
    unreadable: inventory.unreadable,
    events: dryRun ? 0 : toEmit.length,
  };
  if (cleaned && cleaned.temps + cleaned.locks > 0) result.cleaned = cleaned;
  const due = (plan.held ?? []).map((h) => (h.retryAt ? Date.parse(h.retryAt) : NaN)).filter(Number.isFinite);
  if (due.length > 0) result.retryAfterMs = Math.max(0, Math.min(...due) - Date.now());
  return result;
}
