// `mcp-warden system apply`: verify the allowlist exactly as the agent does (same loader,
// rollback state in the root-owned state folder), render, validate, and write our one
// drop-in. Fail safe: any doubt leaves the disk as it was and exits non-zero.
import type { LoadedConfig } from '../config/types';
import type { EventSink } from '../events/types';
import { loadPolicy, type PolicyLoadResult } from '../policy/loader';
import type { Mode, Policy } from '../policy/types';
import { isWardenError } from '../errors';
import { SystemError } from './errors';
import {
  assertSafeDirIfPresent,
  dropInPath,
  ensureSafeDir,
  isCurrent,
  readDropIn,
  removeDropIn,
  writeDropIn,
  type ExistingDropIn,
} from './dropin';
import { renderManagedSettings } from './render';
import type { ManagedSettings } from './types';
import { prepareDropIn } from './validate';
import { effectiveMode } from '../policy/effective';
import { applyClientControl, type ClientControlReport, type ClientControlTarget } from './clients-apply';

export interface SystemTarget {
  managedDir: string;
  dropInName: string;
  execPath: string;
}

export interface SystemApplyOptions extends SystemTarget {
  loaded: LoadedConfig;
  stateDir: string;
  dryRun?: boolean;
  sink: EventSink;
  /** Envelope bytes fetched from allowlist.url (as the agent's poller passes them); default: allowlist.file. */
  candidate?: { bytes: Buffer; source: string };
  /** Roots chain entries fetched from trust.root.chainUrl. */
  fetchedRoots?: Buffer[];
  /** The other clients' admin files to render (clients-apply.ts); default none. */
  clientControls?: ClientControlTarget[];
  /** Called once the policy is verified (the CLI stamps events with it). */
  onVerified?: (result: PolicyLoadResult) => void;
  now?: Date;
}

export type ApplyOutcome = 'written' | 'unchanged' | 'removed' | 'absent';

export interface ApplyReport {
  outcome: ApplyOutcome;
  dryRun: boolean;
  file: string;
  mode: Mode;
  policy: { org: string; version: number; digest: string; status: PolicyLoadResult['status']; stale: boolean };
  /** What enforce mode writes (in audit mode: what it would write). */
  settings: ManagedSettings;
  text: string;
  notes: string[];
  /** Gemini CLI system settings and Codex requirements.toml, when present on this machine. */
  clients: ClientControlReport[];
}

/** What to do with the file, from the mode and what is on disk. Pure. */
export function decideApply(mode: Mode, existing: ExistingDropIn | undefined, text: string): ApplyOutcome {
  if (mode === 'audit') return existing ? 'removed' : 'absent';
  return isCurrent(existing, text) ? 'unchanged' : 'written';
}

/**
 * The verified policy in force, or a SystemError. A candidate that was rejected leaves the
 * last good in force for the agent, and here it means "write nothing new": the drop-in on
 * disk was rendered from that last good (or there is none).
 */
export function policyForApply(result: PolicyLoadResult): Policy {
  if ((result.status === 'accepted' || result.status === 'unchanged') && result.policy) return result.policy;
  const r = result.rejection;
  const kept = result.policy
    ? `the last good version ${result.policy.allowlist.version} stays in force and the managed settings rendered from it are left as they are`
    : `there is no verified policy${result.lastGoodRejection ? ` (the stored last good is refused too: ${result.lastGoodRejection.code}: ${result.lastGoodRejection.message})` : ''}, so nothing is written`;
  throw new SystemError({
    code: r ? 'POLICY_REJECTED' : 'NO_POLICY',
    message: r ? `the allowlist was rejected (${r.code}: ${r.message}); ${kept}` : `no verified allowlist; ${kept}`,
  });
}

/**
 * Verify exactly as the agent does. `readOnly` (dry runs, status) verifies against the
 * stored rollback state without recording a newly accepted version.
 */
export function verify(
  loaded: LoadedConfig,
  stateDir: string,
  opts: { readOnly: boolean; now?: Date; candidate?: { bytes: Buffer; source: string }; fetchedRoots?: Buffer[] },
): PolicyLoadResult {
  if (!opts.readOnly) ensureSafeDir(stateDir, 0o700);
  else assertSafeDirIfPresent(stateDir);
  return loadPolicy({
    config: loaded,
    stateDir,
    now: opts.now,
    readOnly: opts.readOnly,
    candidate: opts.candidate,
    fetchedRoots: opts.fetchedRoots,
  });
}

function reject(sink: EventSink, e: SystemError, file: string, mode: Mode): never {
  sink.emit({ kind: 'managed.rejected', severity: 'high', mode, action: 'refused', message: e.message, file, detail: { code: e.code } });
  throw e;
}

export function systemApply(opts: SystemApplyOptions): ApplyReport {
  const dryRun = opts.dryRun ?? false;
  const file = dropInPath(opts.managedDir, opts.dropInName);
  let result: PolicyLoadResult;
  try {
    result = verify(opts.loaded, opts.stateDir, {
      readOnly: dryRun,
      now: opts.now,
      candidate: opts.candidate,
      fetchedRoots: opts.fetchedRoots,
    });
  } catch (e) {
    if (isWardenError(e)) {
      opts.sink.emit({
        kind: 'managed.rejected',
        severity: 'high',
        mode: 'audit',
        action: 'refused',
        message: e.message,
        file,
        detail: { code: e.code },
      });
    }
    throw e;
  }
  opts.onVerified?.(result);
  let policy: Policy;
  try {
    policy = policyForApply(result);
  } catch (e) {
    reject(opts.sink, e as SystemError, file, effectiveMode(result.policy));
  }
  const mode = effectiveMode(policy);
  const { settings, notes } = renderManagedSettings(policy, { execPath: opts.execPath });
  if (result.stateError) {
    notes.unshift(
      `the accepted version could not be recorded in ${opts.stateDir} (${result.stateError}): rollback protection for system apply is not up to date; fix the state folder`,
    );
  }
  if (result.stale) {
    notes.unshift(
      `allowlist ${policy.allowlist.org} v${policy.allowlist.version} expired on ${policy.allowlist.expires}; like the agent, this keeps the last good policy in force until a newer one is accepted`,
    );
  }
  let text: string;
  try {
    text = prepareDropIn(settings);
  } catch (e) {
    reject(opts.sink, e as SystemError, file, mode);
  }
  const existing = readDropIn(file);
  const outcome = decideApply(mode, existing, text);
  const a = policy.allowlist;
  const report: ApplyReport = {
    outcome,
    dryRun,
    file,
    mode,
    policy: { org: a.org, version: a.version, digest: policy.digest, status: result.status, stale: result.stale ?? false },
    settings,
    text,
    notes,
    clients: applyClients(opts, policy, dryRun),
  };
  if (dryRun || outcome === 'unchanged' || outcome === 'absent') return report;

  const detail = {
    allowed: settings.allowedMcpServers.length,
    denied: settings.deniedMcpServers?.length ?? 0,
    ask: settings.permissions?.ask?.length ?? 0,
    deny: settings.permissions?.deny?.length ?? 0,
    allowManagedMcpServersOnly: settings.allowManagedMcpServersOnly === true,
  };
  const failed = (e: unknown): never => {
    if (isWardenError(e)) {
      opts.sink.emit({
        kind: 'write.failed',
        severity: 'high',
        mode,
        action: 'failed',
        message: e.message,
        file,
        detail: { code: e.code },
      });
    }
    throw e;
  };
  if (outcome === 'written') {
    try {
      writeDropIn(file, text);
    } catch (e) {
      failed(e);
    }
    opts.sink.emit({
      kind: 'managed.applied',
      severity: 'info',
      mode,
      action: 'fixed',
      message: `wrote Claude Code managed settings from allowlist ${a.org} v${a.version}`,
      file,
      detail,
    });
  } else {
    // Audit after enforce: an admin rolling back to audit expects Claude Code's blocking to stop.
    try {
      removeDropIn(file);
    } catch (e) {
      failed(e);
    }
    opts.sink.emit({
      kind: 'managed.applied',
      severity: 'low',
      mode,
      action: 'removed',
      wouldDo: 'fixed',
      message: `removed our managed settings drop-in: allowlist ${a.org} v${a.version} is in audit mode`,
      file,
      detail,
    });
  }
  return report;
}

/** Each other client's admin file, independently: one refused does not stop the others (or Claude Code's). */
function applyClients(opts: SystemApplyOptions, policy: Policy, dryRun: boolean): ClientControlReport[] {
  const a = policy.allowlist;
  const out: ClientControlReport[] = [];
  for (const t of opts.clientControls ?? []) {
    const r = applyClientControl(t, policy, { execPath: opts.execPath, mode: a.mode, dryRun });
    out.push(r);
    if (dryRun) continue;
    if (r.outcome === 'refused') {
      opts.sink.emit({
        kind: 'managed.rejected',
        severity: 'high',
        mode: a.mode,
        action: 'refused',
        message: r.error?.message ?? `${t.file}: refused`,
        file: t.file,
        detail: { code: r.error?.code ?? 'RENDER_INVALID', client: t.client },
      });
    } else if (r.outcome === 'written' || r.outcome === 'removed') {
      opts.sink.emit({
        kind: 'managed.applied',
        severity: r.outcome === 'written' ? 'info' : 'low',
        mode: a.mode,
        action: r.outcome === 'written' ? 'fixed' : 'removed',
        message: `${r.outcome === 'written' ? 'wrote' : 'removed'} ${t.client} admin controls ${r.outcome === 'written' ? 'from' : 'for'} allowlist ${a.org} v${a.version}`,
        file: t.file,
        detail: { client: t.client },
      });
    }
  }
  return out;
}
