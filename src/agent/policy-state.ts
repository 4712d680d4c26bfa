// The agent's view of the policy: load (file or URL candidate), and turn each load into
// at most one event per distinct outcome, so a rejected candidate is reported once, not on
// every periodic pass.
import type { LoadedConfig } from '../config/types';
import type { EventSink } from '../events/types';
import { loadPolicy, type PolicyLoadResult } from '../policy/loader';
import type { Mode, Policy } from '../policy/types';
import { log } from '../log/logger';
import type { PolicySummary } from './status-file';
import { effectiveMode } from '../policy/effective';

export class PolicyState {
  private result: PolicyLoadResult = { policy: null, status: 'none' };
  private lastReported = '';
  /** Roots chain entries fetched from trust.root.chainUrl (the loader persists what it applies). */
  fetchedRoots: Buffer[] | undefined;

  constructor(private readonly sink: EventSink) {}

  get current(): PolicyLoadResult {
    return this.result;
  }

  get policy(): Policy | null {
    return this.result.policy;
  }

  /** audit when there is no policy: never enforce without a verified allowlist. */
  get mode(): Mode {
    return effectiveMode(this.result.policy);
  }

  /** Load and report; returns true when the policy in force changed (by digest). */
  refresh(config: LoadedConfig, stateDir: string, candidate?: { bytes: Buffer; source: string }): boolean {
    const before = this.result.policy?.digest;
    this.result = loadPolicy({ config, stateDir, candidate, fetchedRoots: this.fetchedRoots });
    this.report();
    return this.result.policy?.digest !== before;
  }

  summary(): PolicySummary | null {
    const p = this.result.policy;
    if (!p) return null;
    return {
      org: p.allowlist.org,
      version: p.allowlist.version,
      mode: p.allowlist.mode,
      expires: p.allowlist.expires,
      digest: p.digest,
      stale: Boolean(this.result.stale),
      source: p.source,
    };
  }

  private report(): void {
    const r = this.result;
    const p = r.policy;
    const key = [
      r.status,
      p?.digest ?? '-',
      r.rejection?.code ?? '-',
      r.rejection?.message ?? '-',
      r.stale ? 'stale' : '',
      r.root?.digest ?? '-',
      r.rootRejection?.code ?? '-',
    ].join('|');
    if (key === this.lastReported) return;
    this.lastReported = key;
    if (r.rootRejection && r.rootRejection.code !== r.rejection?.code) {
      log().warn('trust root refused', { code: r.rootRejection.code, reason: r.rootRejection.message, trusted: r.root?.version });
      this.sink.emit({
        kind: 'policy.rejected',
        severity: 'high',
        action: 'refused',
        message: `trust root refused (${r.rootRejection.code}): ${r.rootRejection.message}; trusted: ${r.root ? `root v${r.root.version}` : 'none'}`,
        detail: { code: r.rootRejection.code },
      });
    }
    const ref = p ? `v${p.allowlist.version} (${p.allowlist.mode})` : 'none';
    if (r.rejection) {
      log().warn('policy candidate rejected', { code: r.rejection.code, reason: r.rejection.message, inForce: ref });
      this.sink.emit({
        kind: 'policy.rejected',
        severity: 'high',
        action: 'refused',
        message: `allowlist rejected (${r.rejection.code}): ${r.rejection.message}; in force: ${ref}`,
        detail: { code: r.rejection.code },
      });
    }
    if (r.status === 'accepted' && p) {
      log().info('policy accepted', { org: p.allowlist.org, version: p.allowlist.version, mode: p.allowlist.mode });
      this.sink.emit({
        kind: 'policy.accepted',
        severity: 'info',
        action: 'none',
        message: `allowlist v${p.allowlist.version} accepted (${p.allowlist.mode} mode)`,
      });
    }
    if (!p) {
      log().warn('no valid policy: audit only');
      this.sink.emit({
        kind: 'policy.missing',
        severity: 'high',
        action: 'none',
        message: 'no valid allowlist: the agent only reports (audit)',
      });
    } else if (r.stale) {
      log().warn('policy in force has expired; keeping it', { version: p.allowlist.version, expires: p.allowlist.expires });
      this.sink.emit({
        kind: 'policy.stale',
        severity: 'medium',
        action: 'none',
        message: `allowlist v${p.allowlist.version} expired at ${p.allowlist.expires}; still enforced until a newer one arrives`,
      });
    }
  }
}
