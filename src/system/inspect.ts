// `mcp-warden system status`: which managed sources exist, whether our drop-in is in place
// and current (byte-identical to what the verified policy renders now), and whether
// anything outranks or weakens it. Changes nothing: the policy is verified read-only
// against the rollback state that `system apply` keeps.
import type { LoadedConfig } from '../config/types';
import { describeError } from '../errors';
import type { PolicyLoadResult } from '../policy/loader';
import type { Mode } from '../policy/types';
import { verify, type SystemTarget } from './install';
import { dropInPath, isCurrent, readDropIn, type ExistingDropIn } from './dropin';
import { assessSources, type SourceAssessment } from './precedence';
import { renderManagedSettings } from './render';
import { discoverSources, type ManagedSource, type SourceProbeOptions } from './sources';
import { prepareDropIn } from './validate';

export interface SystemStatusOptions extends SystemTarget {
  /** Undefined when the agent config could not be loaded (`configProblem` says why). */
  loaded?: LoadedConfig;
  configProblem?: string;
  stateDir: string;
  probe?: Omit<SourceProbeOptions, 'managedDir' | 'dropInName'>;
  /** Envelope bytes fetched from allowlist.url; default: allowlist.file. */
  candidate?: { bytes: Buffer; source: string };
  /** Roots chain entries fetched from trust.root.chainUrl. */
  fetchedRoots?: Buffer[];
  now?: Date;
}

export type DropInState = 'current' | 'stale' | 'missing' | 'unexpected' | 'unknown' | 'unreadable';

export interface StatusReport {
  managedDir: string;
  file: string;
  /** current: matches the render; stale: differs; missing: enforce but absent; unexpected: audit but present. */
  dropIn: DropInState;
  policy?: { org: string; version: number; digest: string; mode: Mode; status: PolicyLoadResult['status']; stale: boolean };
  /** Why the policy could not be verified or the candidate was rejected. */
  policyProblem?: string;
  sources: ManagedSource[];
  assessment: SourceAssessment;
  /** Everything an admin must look at, drop-in state and precedence together. */
  warnings: string[];
  ok: boolean;
}

function dropInState(mode: Mode, existing: ExistingDropIn | undefined, text: string): DropInState {
  if (mode === 'audit') return existing ? 'unexpected' : 'current';
  if (!existing) return 'missing';
  return isCurrent(existing, text) ? 'current' : 'stale';
}

const STATE_WARNINGS: Partial<Record<DropInState, string>> = {
  stale: 'our drop-in differs from what the verified allowlist renders now (content, mode or owner): run `mcp-warden system apply`',
  missing: 'the allowlist is in enforce mode but our drop-in is missing: run `mcp-warden system apply`',
  unexpected:
    'the allowlist is in audit mode but our drop-in is still present, so Claude Code still enforces it: run `mcp-warden system apply` to remove it',
};

export function systemStatus(opts: SystemStatusOptions): StatusReport {
  const file = dropInPath(opts.managedDir, opts.dropInName);
  const sources = discoverSources({ ...opts.probe, managedDir: opts.managedDir, dropInName: opts.dropInName });
  const assessment = assessSources(sources);
  const warnings: string[] = [];
  let policyProblem = opts.configProblem;
  let state: DropInState = 'unknown';
  let policy: StatusReport['policy'];

  let existing: ExistingDropIn | undefined;
  try {
    existing = readDropIn(file);
  } catch (e) {
    state = 'unreadable';
    warnings.push(`our drop-in cannot be read: ${describeError(e)}`);
  }
  if (opts.loaded && state !== 'unreadable') {
    try {
      const result = verify(opts.loaded, opts.stateDir, {
        readOnly: true,
        now: opts.now,
        candidate: opts.candidate,
        fetchedRoots: opts.fetchedRoots,
      });
      if (result.rejection) policyProblem = `the candidate allowlist is rejected (${result.rejection.code}: ${result.rejection.message})`;
      if (result.policy) {
        const a = result.policy.allowlist;
        policy = {
          org: a.org,
          version: a.version,
          digest: result.policy.digest,
          mode: a.mode,
          status: result.status,
          stale: result.stale ?? false,
        };
        const text = prepareDropIn(renderManagedSettings(result.policy, { execPath: opts.execPath }).settings);
        state = dropInState(a.mode, existing, text);
      } else if (!policyProblem) {
        policyProblem = 'no verified allowlist';
      }
    } catch (e) {
      policyProblem = describeError(e);
    }
  }
  if (policyProblem) warnings.push(`policy: ${policyProblem}`);
  const stateWarning = STATE_WARNINGS[state];
  if (stateWarning) warnings.push(stateWarning);
  // "not present" is already said by the drop-in state when we know what is expected.
  const precedence = assessment.warnings.filter(
    (w) => !(w.startsWith('our drop-in is not present') && (state === 'missing' || policy?.mode === 'audit')),
  );
  warnings.push(...precedence);
  const ok = state === 'current' && !policyProblem && (policy?.mode === 'audit' || assessment.dropInEffective) && precedence.length === 0;
  return { managedDir: opts.managedDir, file, dropIn: state, policy, policyProblem, sources, assessment, warnings, ok };
}
