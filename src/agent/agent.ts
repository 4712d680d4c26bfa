// `mcp-warden agent`: continuous enforcement in the user's session. launchd / systemd /
// the Task Scheduler start and supervise it in the foreground; it never daemonizes.
//
//   config + policy ─► full pass ─► watch folders ─► debounced batch ─► incremental pass
//                         ▲                                              │
//                         └── periodic full pass, policy change, new project folder
//
// Passes are serialized on one promise chain, so a write in progress always finishes
// before the next pass reads, and shutdown waits for it.
import * as path from 'node:path';
import type { LoadedConfig } from '../config/types';
import { loadAgentConfig } from '../config/load';
import { describeError, isWardenError } from '../errors';
import { NetError } from '../net/errors';
import { netSettings } from '../net/settings';
import { MAX_CHAIN_BYTES, parseRootsChain } from '../policy/root';
import { log } from '../log/logger';
import { createEventFactory } from '../events/factory';
import { openSpool, startFlusher, heartbeatEvent, type Flusher, type Spool } from '../report';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { ConfigWatcher, type WatchTargets } from './watcher';
import { ContentTracker } from './content-tracker';
import { PolicyState } from './policy-state';
import { PolicyPoller } from './policy-poller';
import { deniedNotice, notifyDesktop, removalNotice, restoredNotice, type Notice } from './notify';
import { pollRequests } from './request-poll';
import { releaseMemory } from './memory';
import { writeStatus, type AgentStatus } from './status-file';
import type { PassReport, PassRequest } from './types';

export interface AgentOptions {
  home: string;
  stateDir: string;
  configPath?: string;
  env: NodeJS.ProcessEnv;
  /** Runs one pass with the current config and policy (src/agent/pass.ts in production). */
  runPass: (
    req: PassRequest,
    ctx: { config: LoadedConfig; policy: PolicyState; sink: Spool; env: NodeJS.ProcessEnv },
  ) => Promise<PassReport>;
}

/** chokidar throttles `change` for 50 ms and drops the trailing event: re-check after that. */
const TRAILING_RECHECK_MS = 75;
/** New folders under a discovery root arrive in storms (git clone): wait for quiet. */
const NEW_FOLDER_DEBOUNCE_MS = 500;
/** Time for chokidar to set up watches on folders added after start-up. */
const CATCH_UP_MS = 250;
const CATCH_UP_LATE_MS = 2_000;
/** Quiet time after the last pass before the memory it used is given back (memory.ts). */
const IDLE_GC_MS = 2000;

export class Agent {
  private config!: LoadedConfig;
  private lock: InstanceLock | undefined;
  private spool!: Spool;
  private policy!: PolicyState;
  private flusher: Flusher | undefined;
  private poller: PolicyPoller | undefined;
  private watcher: ConfigWatcher | undefined;
  private readonly tracker = new ContentTracker();
  private chain: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private readonly rechecks = new Set<NodeJS.Timeout>();
  private newFolderTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** What the watched set was last brought in line with. */
  private watchedFrom: { folders: readonly string[]; config: LoadedConfig } | undefined;
  private readonly recheckFiles = new Set<string>();
  private stopping = false;
  private checkingRequests = false;
  private lastReport: PassReport | undefined;
  private readonly status: AgentStatus;
  private done!: () => void;
  readonly finished: Promise<void>;

  constructor(private readonly opts: AgentOptions) {
    this.finished = new Promise((r) => (this.done = r));
    this.status = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      home: opts.home,
      stateDir: opts.stateDir,
      configSource: '',
      policy: null,
      passes: { full: 0, incremental: 0 },
      watchedFolders: 0,
      watching: false,
      updatedAt: new Date().toISOString(),
    };
  }

  async start(): Promise<void> {
    this.lock = await acquireInstanceLock(this.opts.stateDir, this.opts.home);
    try {
      this.config = loadAgentConfig({ configPath: this.opts.configPath, env: this.opts.env });
      this.status.configSource = this.config.source;
      this.openReporting();
      this.spool.emit({ kind: 'agent.started', severity: 'info', action: 'none', message: `agent started (pid ${process.pid})` });
      // What the config and allowlist files hold as they are read: later events compare to it.
      for (const [f, h] of this.tracker.snapshot(this.watchedExtras())) this.tracker.set(f, h);
      this.policy.refresh(this.config, this.opts.stateDir);
      this.watcher = new ConfigWatcher(this.config.config.agent?.debounceMs ?? 50);
      this.watcher.on('batch', (files) => this.onBatch(files));
      this.watcher.on('newFolder', () => this.onNewFolder());
      this.watcher.on('error', (e) => {
        this.noteError(`watcher: ${e.message}`);
        this.enqueue({ full: true });
      });
      this.enqueue({ full: true });
      this.startTimers();
      this.startPoller();
      await this.chain;
      // A change that landed while the watchers were being set up produced no event:
      // once they are in place, compare contents with what the first pass judged.
      await Promise.race([this.watcher.ready, new Promise((r) => setTimeout(r, 10_000).unref())]);
      this.catchUp();
      await this.chain;
      this.status.watching = true;
      this.saveStatus();
      // Check in at once with the posture of the first pass (as Santa's preflight does).
      this.heartbeat();
      void this.checkRequests();
    } catch (e) {
      await this.teardown();
      throw e;
    }
  }

  private openReporting(): void {
    this.policy = new PolicyState({ emit: (e) => this.spool.emit(e) });
    const factory = createEventFactory({
      stateDir: this.opts.stateDir,
      config: this.config.config,
      policy: () => this.policy.policy,
      mode: () => this.policy.mode,
    });
    this.spool = openSpool(this.opts.stateDir, { factory, maxBytes: this.config.config.report?.spoolMaxBytes });
    if (this.config.config.report) {
      this.flusher = startFlusher({ stateDir: this.opts.stateDir, config: this.config.config, baseDir: this.config.baseDir });
    }
  }

  private startTimers(): void {
    const a = this.config.config.agent ?? {};
    const full = setInterval(() => this.enqueue({ full: true }), (a.fullPassSeconds ?? 300) * 1000);
    const hbSeconds = this.config.config.report?.heartbeatSeconds ?? 3600;
    const hb = setInterval(() => this.heartbeat(), hbSeconds * 1000);
    // Denied approval requests: asked at the policy's pace (a call only while one is open).
    const req = setInterval(() => void this.checkRequests(), (this.config.config.allowlist.pollSeconds ?? 300) * 1000);
    this.timers.push(full, hb, req);
  }

  private startPoller(): void {
    const cfg = this.config.config;
    const url = cfg.allowlist.url;
    const rootsUrl = cfg.trust.root?.chainUrl;
    if (!url && !rootsUrl) return;
    let net;
    try {
      net = netSettings({ config: cfg, baseDir: this.config.baseDir });
    } catch (e) {
      this.noteNetwork('allowlist.url', e);
      return;
    }
    this.poller = new PolicyPoller({
      url,
      rootsUrl,
      intervalMs: (cfg.allowlist.pollSeconds ?? 300) * 1000,
      maxBytes: cfg.allowlist.maxBytes ?? 1024 * 1024,
      rootsMaxBytes: MAX_CHAIN_BYTES,
      fetch: { net },
      onRoots: (bytes, source) => this.serial(() => this.onRoots(bytes, source)),
      onEnvelope: (bytes, source) => this.serial(() => this.refreshPolicy({ bytes, source })),
      onError: (e) => this.noteNetwork(url ?? rootsUrl ?? '', e),
      onSuccess: () => {
        if (this.status.network) {
          this.status.network = undefined;
          this.saveStatus();
        }
      },
    });
    this.poller.start();
  }

  /** A roots chain from trust.root.chainUrl: kept in memory (applied roots are persisted by the loader). */
  private onRoots(bytes: Buffer, source: string): Promise<void> {
    try {
      this.policy.fetchedRoots = parseRootsChain(bytes, source);
    } catch (e) {
      this.noteError(`trust.root.chainUrl: ${describeError(e)}`);
      return Promise.resolve();
    }
    return this.refreshPolicy();
  }

  /** A failed poll: the typed network reason goes to `status` (proxy, TLS interception, …). */
  private noteNetwork(what: string, e: unknown): void {
    const code = e instanceof NetError ? e.code : isWardenError(e) ? e.code : undefined;
    this.status.network = { what: safeUrl(what), code: code ?? 'ERROR', message: describeError(e), time: new Date().toISOString() };
    this.noteError(`${safeUrl(what)}: ${describeError(e)}`);
  }

  private watchedExtras(): string[] {
    const extras: string[] = [];
    if (this.config.source && path.isAbsolute(this.config.source)) extras.push(this.config.source);
    const file = this.config.config.allowlist.file;
    if (file) extras.push(path.resolve(this.config.baseDir, file));
    return extras;
  }

  private onBatch(files: string[]): void {
    log().debug('change batch', { files });
    if (this.stopping) return;
    const extras = new Set(this.watchedExtras());
    const mine = files.filter((f) => extras.has(f));
    if (mine.length) this.serial(() => this.onOwnFiles(mine));
    const configFiles = files.filter((f) => !extras.has(f));
    if (configFiles.length) this.enqueue({ full: false, changed: configFiles });
    this.scheduleRecheck(files);
  }

  /**
   * The agent config or the allowlist file changed (or may have: a re-check). Content
   * decides, as for config files, so a re-check of an unchanged file does nothing.
   */
  private onOwnFiles(files: string[]): Promise<void> {
    const changed = this.tracker.changed(files);
    if (changed.size === 0) return Promise.resolve();
    for (const [f, h] of changed) this.tracker.set(f, h);
    if (changed.has(this.config.source)) return this.reloadConfig();
    return this.refreshPolicy();
  }

  /**
   * chokidar emits at most one `change` per file per 50 ms and drops the rest, so the last
   * write of a burst may produce no event at all. A content re-check 75 ms after the latest
   * event (the timer restarts with each batch) sees whatever that write left.
   */
  private scheduleRecheck(files: string[]): void {
    for (const f of files) this.recheckFiles.add(f);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      const due = [...this.recheckFiles];
      this.recheckFiles.clear();
      const extras = new Set(this.watchedExtras());
      const mine = due.filter((f) => extras.has(f));
      if (mine.length) this.serial(() => this.onOwnFiles(mine));
      const rest = due.filter((f) => !extras.has(f));
      if (rest.length) this.enqueue({ full: false, changed: rest });
    }, TRAILING_RECHECK_MS);
  }

  /** Re-check every file the agent knows (contents that changed since they were judged pass again). */
  private catchUp(): void {
    this.enqueue({ full: false, changed: this.lastReport?.files ?? [] });
  }

  /** Load a candidate policy; a new policy in force re-judges everything at once. */
  private refreshPolicy(candidate?: { bytes: Buffer; source: string }): Promise<void> {
    const changed = this.policy.refresh(this.config, this.opts.stateDir, candidate);
    this.saveStatus();
    return changed ? this.fullPass() : Promise.resolve();
  }

  private onNewFolder(): void {
    if (this.newFolderTimer) clearTimeout(this.newFolderTimer);
    this.newFolderTimer = setTimeout(() => this.enqueue({ full: true }), NEW_FOLDER_DEBOUNCE_MS);
  }

  /** Queue a pass; an incremental pass first drops files whose content the last pass already saw. */
  private enqueue(req: PassRequest): void {
    this.serial(() => {
      if (req.full) return this.fullPass();
      const changed = this.tracker.changed(req.changed ?? []);
      log().debug('content check', { asked: req.changed?.length ?? 0, changed: changed.size });
      return changed.size ? this.pass({ full: false, changed: [...changed.keys()] }, changed) : Promise.resolve();
    });
  }

  private serial(fn: () => Promise<void>): void {
    this.chain = this.chain.then(() => (this.stopping ? undefined : fn())).catch((e: unknown) => this.noteError(describeError(e)));
  }

  private fullPass(): Promise<void> {
    return this.pass({ full: true }, this.tracker.snapshot(this.lastReport?.files ?? []));
  }

  private async pass(req: PassRequest, judged: Map<string, string> = new Map()): Promise<void> {
    const t0 = performance.now();
    const report = await this.opts.runPass(req, { config: this.config, policy: this.policy, sink: this.spool, env: this.opts.env });
    const durationMs = Math.round(performance.now() - t0);
    log().debug('pass done', {
      full: req.full,
      changed: req.changed,
      durationMs,
      counts: report.counts,
      actions: report.actions,
      failures: report.failures,
      written: report.written.length,
    });
    // Files first seen by this pass (all of them for a full pass; for an incremental one, a
    // newly registered project's files): their hash now (a later change still differs).
    for (const f of report.files)
      if (!judged.has(f) && (req.full || !this.tracker.knows(f))) judged.set(f, this.tracker.snapshot([f]).get(f) ?? '');
    // Our own writes are known by their bytes, so the events they cause trigger nothing.
    this.tracker.recordPass(judged, report.written);
    // Every pass judges the whole inventory (only acting on changed files), so its report
    // is the current posture.
    this.lastReport = report;
    if (report.retryAfterMs !== undefined) this.scheduleRetry(report.retryAfterMs);
    this.updateWatch(report);
    this.status.passes[req.full ? 'full' : 'incremental'] += 1;
    this.status.lastPass = {
      time: new Date().toISOString(),
      kind: req.full ? 'full' : 'incremental',
      durationMs,
      counts: report.counts,
      sources: report.sources,
      actions: report.actions,
      failures: report.failures,
      compliant: report.compliant,
    };
    this.saveStatus();
    if (req.full) releaseMemory();
    this.scheduleIdleRelease();
    if (report.removed.length) await this.tellUser(report.removed);
    for (const r of report.restored ?? [])
      await this.notify(restoredNotice(r.name, this.policy.policy?.allowlist.version), { server: r.name, file: r.file });
    if (report.actions > 0 || report.failures > 0 || report.restored?.length) this.flusher?.kick();
    // Trailing re-check: a write that landed while the pass ran may have had its event swallowed.
    if (!req.full && req.changed?.length) this.scheduleRecheck(req.changed);
  }

  /**
   * Once passes stop (a burst of changes is over), one full collection gives back what
   * they used: without allocation V8 never collects, and the idle agent would keep the
   * garbage of its last passes (tens of MB on a big home) for as long as it stays idle.
   */
  private scheduleIdleRelease(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      releaseMemory();
    }, IDLE_GC_MS);
    this.idleTimer.unref();
  }

  /** A removal held back by the flapping backoff is due: one timer, the earliest wins. */
  private scheduleRetry(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.enqueue({ full: true });
      },
      Math.max(ms, 100),
    );
  }

  /**
   * Every pass brings the watched folders in line with the inventory (the watcher only adds
   * and removes the difference): a project Claude Code registers in `~/.claude.json`, or a
   * plugin installed later, is watched from the incremental pass that found it.
   */
  private updateWatch(report: PassReport): void {
    if (!this.watcher) return;
    // An incremental pass that re-read only changed files (src/discovery/incremental.ts)
    // returns the very folder list of the discovery it started from, and every file it can
    // add lies in one of those folders: nothing to bring in line (saves a set difference
    // over every watched folder per pass on a big home).
    if (report.folders === this.watchedFrom?.folders && this.config === this.watchedFrom.config) return;
    this.watchedFrom = { folders: report.folders, config: this.config };
    const d = this.config.config.discovery ?? {};
    const targets: WatchTargets = {
      folders: [...new Set([...report.folders, ...report.files.map((f) => path.dirname(f))])],
      extraFiles: this.watchedExtras(),
      roots: (d.roots ?? []).map((r) => ({
        dir: path.resolve(this.opts.home, r.replace(/^~(?=$|[/\\])/, this.opts.home)),
        depth: d.maxDepth ?? 4,
      })),
    };
    const before = this.watcher.folderCount;
    this.watcher.update(targets);
    this.status.watchedFolders = this.watcher.folderCount;
    // Folders added after start-up have no `ready` of their own: catch up shortly after, and
    // once more later, for a write that lands before a slow (loaded) machine has the new
    // folder's watch in place (seen in CI: the 250 ms catch-up alone missed it).
    if (this.status.watching && this.watcher.folderCount > before) {
      for (const ms of [CATCH_UP_MS, CATCH_UP_LATE_MS]) {
        const t = setTimeout(() => {
          this.rechecks.delete(t);
          this.catchUp();
        }, ms);
        this.rechecks.add(t);
      }
    }
  }

  private async tellUser(removed: PassReport['removed']): Promise<void> {
    const ask = this.policy.policy?.allowlist.requestApproval;
    for (const r of removed) {
      const n = removalNotice(r.name, r.reason, ask, r.quarantineId);
      log().warn(n.body, { server: r.name, file: r.file, quarantineId: r.quarantineId });
      if (this.config.config.agent?.notify !== false) await notifyDesktop(n);
    }
  }

  /** Log and (unless agent.notify is false) show a notice. */
  private async notify(n: Notice, meta: Record<string, unknown>): Promise<void> {
    log().info(n.body, meta);
    if (this.config.config.agent?.notify !== false) await notifyDesktop(n);
  }

  /** Tell the developer about denied requests (src/agent/request-poll.ts); never throws. */
  private async checkRequests(): Promise<void> {
    if (this.checkingRequests || this.stopping) return;
    this.checkingRequests = true;
    try {
      for (const d of await pollRequests(this.opts.stateDir, this.config)) {
        await this.notify(deniedNotice(d.name, d.requestId, d.reason), { server: d.name, requestId: d.requestId });
      }
    } catch (e) {
      log().debug('approval requests not checked', { error: describeError(e) });
    } finally {
      this.checkingRequests = false;
    }
  }

  private reloadConfig(): Promise<void> {
    try {
      const next = loadAgentConfig({ configPath: this.opts.configPath, env: this.opts.env });
      this.config = next;
      this.status.configSource = next.source;
      log().info('agent config reloaded', { source: next.source });
      this.poller?.stop();
      this.startPoller();
      this.policy.refresh(this.config, this.opts.stateDir);
      return this.fullPass();
    } catch (e) {
      // Keep running on the config we have: a broken push must not stop enforcement.
      this.noteError(`agent config not reloaded, keeping the previous one: ${describeError(e)}`);
      return Promise.resolve();
    }
  }

  private heartbeat(): void {
    const r = this.lastReport;
    const st = this.spool.status();
    this.spool.emit(
      heartbeatEvent({
        compliant: Boolean(r?.compliant) && this.policy.policy !== null,
        policyVersion: this.policy.policy?.allowlist.version ?? null,
        counts: r?.counts ?? {},
        pending: st.pending,
        findings: r?.findings,
        dropped: st.dropped.total,
      }),
    );
    this.flusher?.kick();
  }

  private noteError(message: string): void {
    log().error(message);
    this.status.lastError = { message, time: new Date().toISOString() };
    this.saveStatus();
  }

  private saveStatus(): void {
    this.status.policy = this.policy?.summary() ?? null;
    const rej = this.policy?.current.rejection;
    this.status.policyRejection = rej ? { ...rej, time: new Date().toISOString() } : undefined;
    const root = this.policy?.current.root;
    this.status.trustRoot = root ? { version: root.version, expires: root.expires, digest: root.digest, expired: root.expired } : undefined;
    this.status.rootRejection = this.policy?.current.rootRejection;
    this.status.updatedAt = new Date().toISOString();
    try {
      writeStatus(this.opts.stateDir, this.status);
    } catch (e) {
      log().error('status not written', { error: describeError(e) });
    }
  }

  /** Clean shutdown: finish the pass in progress, flush reports, release the lock. */
  async stop(signal: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    log().info('agent stopping', { signal });
    await this.chain;
    try {
      // The last posture goes out with the final flush, so the fleet view is current.
      if (this.spool) this.heartbeat();
      this.spool?.emit({ kind: 'agent.stopped', severity: 'info', action: 'none', message: `agent stopped (${signal})` });
    } catch (e) {
      log().warn('agent stop: the last events could not be spooled', { error: e instanceof Error ? e.message : String(e) });
    }
    try {
      await this.teardown();
    } finally {
      // Whatever failed above, the process must end (its supervisor restarts it).
      this.done();
    }
  }

  /** Every step runs even when one before it fails: the lock and the status must be released. */
  private async teardown(): Promise<void> {
    for (const t of [...this.timers, ...this.rechecks]) clearTimeout(t);
    if (this.newFolderTimer) clearTimeout(this.newFolderTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const steps: Array<[string, () => unknown]> = [
      ['policy poller', () => this.poller?.stop()],
      ['watcher', () => this.watcher?.close()],
      ['event flush', () => this.flusher?.stop(5000)],
      ['status', () => this.saveStatus()],
      ['instance lock', () => this.lock?.release()],
    ];
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (e) {
        log().warn('agent stop: a step failed', { step: what, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}

/** A URL for status and logs: no credentials, no query. */
function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.origin}${u.pathname}`;
  } catch {
    return raw;
  }
}
