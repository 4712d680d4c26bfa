// Adapter from the agent to one reconcile pass (src/reconcile/runPass). Keeps what must
// live across passes: the discovery cache (unchanged files are not re-parsed; an incremental
// pass re-reads only the changed files), the verdicts of unchanged entries, and the
// keychain handle (opened on first need only).
import type { LoadedConfig } from '../config/types';
import { DiscoveryCache } from '../discovery';
import { keychainBackendFor, openSecretStore } from '../vault/keychain/open';
import type { SecretStore } from '../vault/keychain/store';
import type { PostureFinding } from '../report/heartbeat';
import type { Spool } from '../report';
import { runPass, serverRef, type PassResult } from '../reconcile';
import { JudgedEntries } from '../reconcile/judged';
import { KeptIndex } from '../reconcile/kept-index';
import { sourceCounts } from '../reconcile/views';
import { resolveExecPath } from '../paths';
import type { PolicyState } from './policy-state';
import type { PassReport, PassRequest } from './types';
import type { ServerEntry } from '../inventory/types';
import { restoreApproved } from './restore-approved';

export interface AgentPassContext {
  config: LoadedConfig;
  policy: PolicyState;
  sink: Spool;
  home: string;
  stateDir: string;
  env: NodeJS.ProcessEnv;
}

const DRIFT: ReadonlySet<string> = new Set(['unapproved', 'pin_mismatch', 'denied', 'unverifiable']);
type DriftKind = PostureFinding['kind'];

/** The drift still on disk after the pass: judged findings not fixed by a done action. */
export function remainingFindings(r: PassResult, entryByKey?: ReadonlyMap<string, ServerEntry>): PostureFinding[] {
  const fixed = new Set<string>();
  // Entries removed, by key: looked up once per standing finding of the home (no string built each time).
  const removedKeys = new Set<string>();
  for (const res of r.results) {
    if (res.status !== 'done') continue;
    if (res.action.kind === 'remove') removedKeys.add(res.action.entry.key);
    if (res.action.kind === 'settings') fixed.add(`settings:${res.action.settings.file}:${res.action.key}`);
    else if (res.action.kind === 'plugin') fixed.add(`plugin:${res.action.enablement.id}`);
    else fixed.add(`${res.action.kind}:${res.action.entry.key}`);
  }
  // The runner's index of the same entries (kept across passes); built here when absent.
  const byKey = entryByKey ?? new Map(r.inventory.entries.map((e) => [e.key, e]));
  const out: PostureFinding[] = [];
  for (const v of r.plan.verdicts) {
    if (!DRIFT.has(v.verdict) || removedKeys.has(v.entryKey)) continue;
    const e = byKey.get(v.entryKey);
    if (e?.reference) continue;
    // A plugin turned off in this pass no longer starts its servers.
    if (e?.plugin && fixed.has(`plugin:${e.plugin.id}`)) continue;
    out.push({
      kind: `${e?.plugin ? 'plugin.server_' : 'server.'}${v.verdict}` as DriftKind,
      server: e ? serverRef(e, v.ruleId) : undefined,
      file: e?.file,
    });
  }
  for (const m of r.plan.marketplaces ?? []) out.push({ kind: `plugin.marketplace_${m.verdict}`, file: m.file });
  for (const a of r.plan.actions) {
    if (a.kind === 'migrate' && !fixed.has(`migrate:${a.entry.key}`)) {
      for (const f of a.findings)
        out.push({ kind: 'credential.exposed', server: serverRef(a.entry, a.ruleId), file: a.entry.file, credential: f.name });
    }
    if (a.kind === 'settings' && !fixed.has(`settings:${a.settings.file}:${a.key}`)) {
      out.push({ kind: 'settings.drift', file: a.settings.file });
    }
  }
  return out;
}

export function toReport(r: PassResult, entryByKey?: ReadonlyMap<string, ServerEntry>): PassReport {
  const findings = remainingFindings(r, entryByKey);
  const removed = r.results
    .filter((x) => x.status === 'done' && x.action.kind === 'remove')
    .map((x) => {
      const a = x.action as Extract<PassResult['results'][number]['action'], { kind: 'remove' }>;
      return {
        name: a.entry.name,
        reason: a.verdict.reason,
        file: a.entry.file,
        ...(x.recordId !== undefined ? { quarantineId: x.recordId } : {}),
      };
    });
  return {
    files: r.inventory.files,
    folders: r.inventory.folders,
    counts: r.counts,
    sources: sourceCounts(r.inventory.entries),
    actions: r.results.filter((x) => x.status === 'done').length,
    failures: r.errors.length,
    removed,
    findings,
    written: r.written,
    compliant: findings.length === 0 && !r.noPolicy,
    retryAfterMs: r.retryAfterMs,
  };
}

/** One runner per agent: the cache and the keychain handle persist across passes. */
export function agentPassRunner(): (req: PassRequest, ctx: AgentPassContext) => Promise<PassReport> {
  const cache = new DiscoveryCache();
  const judged = new JudgedEntries();
  let store: SecretStore | undefined;
  // What the last pass judged: a file first seen by an incremental pass is judged in full.
  // The files kept as an index across passes (only the changed ones move in it), the unreadable ones (few) as a set.
  const knownFiles = new KeptIndex<string>((f) => f);
  let known: { has(file: string): boolean } | undefined;
  const attempted = new Set<string>();
  return async (req, ctx) => {
    const secretStore = (): Promise<SecretStore> => {
      store ??= openSecretStore(keychainBackendFor(ctx.config));
      return Promise.resolve(store);
    };
    const execPath = resolveExecPath(ctx.config.config.exec?.path);
    // Before a full pass (each new policy brings one): entries it now approves come back,
    // and the pass then judges them where they stand.
    const restored = req.full
      ? await restoreApproved({
          stateDir: ctx.stateDir,
          home: ctx.home,
          policy: ctx.policy.policy,
          execPath,
          env: ctx.env,
          secretStore,
          sink: ctx.sink,
          attempted,
        })
      : [];
    const result = await runPass({
      home: ctx.home,
      stateDir: ctx.stateDir,
      config: ctx.config.config,
      policy: ctx.policy.policy,
      sink: ctx.sink,
      only: req.full ? undefined : req.changed,
      known: req.full ? undefined : known,
      cache,
      judged,
      execPath,
      secretStore,
      env: ctx.env,
    });
    const files = knownFiles.of(result.inventory.files);
    const unreadable = new Set(result.inventory.unreadable.map((u) => u.file));
    known = { has: (f) => files.has(f) || unreadable.has(f) };
    const report = toReport(result, judged.entryIndex.of(result.inventory.entries));
    if (restored.length) report.restored = restored;
    return report;
  };
}
