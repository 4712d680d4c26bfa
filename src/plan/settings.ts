// Settings drift (pure). `enableAllProjectMcpServers: true` approves every `.mcp.json`
// server a cloned repository brings (a supply-chain vector, claude-code issue #46739):
// unless the policy's settings allow it, enforce sets it to false. `enabledMcpjsonServers`
// may only name servers that are approved (or that we cannot judge yet): names of
// unapproved servers, or of servers that do not exist (a pre-approval waiting for a repo
// to bring them), are dropped. Renames made this pass carry over into both lists, and into
// `disabledMcpServers` (the `/mcp` toggle Claude Code keeps per project in `.claude.json`).
import type { ServerEntry, SettingsState } from '../inventory/types';
import type { Policy } from '../policy/types';
import type { Action } from './types';
import type { Verdict } from '../judge/types';
import { entriesGovernedBy } from './names';

type SettingsAction = Extract<Action, { kind: 'settings' }>;

const KEEPS_APPROVAL = new Set(['approved', 'unverifiable']);

function dedupe(list: unknown[]): unknown[] {
  const seen = new Set<unknown>();
  return list.filter((x) => (typeof x !== 'string' ? true : seen.has(x) ? false : (seen.add(x), true)));
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface SettingsPlanInput {
  settings: readonly SettingsState[];
  /** Every project-scope entry in the inventory. */
  projectEntries: readonly ServerEntry[];
  verdicts: ReadonlyMap<string, Verdict>;
  /** entry key → new name, for this pass's renames. */
  renamed: ReadonlyMap<string, string>;
  removing: ReadonlySet<string>;
  policy: Policy;
  /** Every entry (user and local scope entries are what `disabledMcpServers` names). */
  entries?: readonly ServerEntry[];
}

/**
 * `disabledMcpServers` of a `.claude.json` project: a user-scope server of the same file,
 * or a local-scope server of that project, the user turned off keeps being off under the
 * name it is renamed to. Names of plugin servers (`plugin:p:s`) are never renamed.
 */
function planDisabledMcpServers(s: SettingsState, input: SettingsPlanInput): SettingsAction | undefined {
  if (s.kind !== 'claude-json-project' || !Array.isArray(s.disabledMcpServers) || input.renamed.size === 0) return undefined;
  const renames = new Map<string, string>();
  for (const e of input.entries ?? []) {
    const to = input.renamed.get(e.key);
    if (to === undefined || e.file !== s.file) continue;
    if (e.scope === 'user' || (e.scope === 'local' && e.project === s.project)) renames.set(e.name, to);
  }
  if (renames.size === 0) return undefined;
  const list = s.disabledMcpServers as unknown[];
  const next = dedupe(list.flatMap((x) => (typeof x === 'string' && renames.has(x) ? [x, renames.get(x)] : [x])));
  if (sameList(list, next)) return undefined;
  return {
    kind: 'settings',
    settings: s,
    key: 'disabledMcpServers',
    to: next,
    reason: 'disabledMcpServers follows servers renamed to their allowlist id',
  };
}

export function planSettings(input: SettingsPlanInput): SettingsAction[] {
  const out: SettingsAction[] = [];
  const allowAll = input.policy.allowlist.settings?.enableAllProjectMcpServers === true;
  for (const s of input.settings) {
    const off = planDisabledMcpServers(s, input);
    if (off) out.push(off);
    if (s.enableAllProjectMcpServers === true && !allowAll) {
      out.push({
        kind: 'settings',
        settings: s,
        key: 'enableAllProjectMcpServers',
        to: false,
        reason: 'enableAllProjectMcpServers approves every server a repository brings; the policy does not allow it',
      });
    }
    const enabled = Array.isArray(s.enabledMcpjsonServers) && s.enabledMcpjsonServers.length > 0;
    const disabled = Array.isArray(s.disabledMcpjsonServers) && s.disabledMcpjsonServers.length > 0 && input.renamed.size > 0;
    // Most states (a `.claude.json` keeps empty lists for every project) need nothing more.
    if (!enabled && !disabled) continue;
    const governed = entriesGovernedBy(s, input.projectEntries);
    const renames = new Map<string, string>();
    const ok = new Set<string>();
    for (const e of governed) {
      const to = input.renamed.get(e.key);
      if (to !== undefined) renames.set(e.name, to);
      const v = input.verdicts.get(e.key);
      if (!input.removing.has(e.key) && v && KEEPS_APPROVAL.has(v.verdict)) ok.add(to ?? e.name);
    }
    if (Array.isArray(s.enabledMcpjsonServers)) {
      const list = s.enabledMcpjsonServers as unknown[];
      const dropped: string[] = [];
      const next = dedupe(
        list.flatMap((x): unknown[] => {
          if (typeof x !== 'string') return [x];
          const kept: string[] = [];
          const to = renames.get(x);
          if (to !== undefined) kept.push(to);
          if (ok.has(x)) kept.push(x);
          if (kept.length === 0) dropped.push(x);
          return kept;
        }),
      );
      if (!sameList(list, next)) {
        out.push({
          kind: 'settings',
          settings: s,
          key: 'enabledMcpjsonServers',
          to: next,
          reason:
            dropped.length > 0
              ? `enabledMcpjsonServers approves servers that are not approved: ${dropped.join(', ')}`
              : 'enabledMcpjsonServers follows servers renamed to their allowlist id',
        });
      }
    }
    if (Array.isArray(s.disabledMcpjsonServers) && renames.size > 0) {
      const list = s.disabledMcpjsonServers as unknown[];
      // A server the user disabled stays disabled under its new name.
      const next = dedupe(list.flatMap((x) => (typeof x === 'string' && renames.has(x) ? [x, renames.get(x)] : [x])));
      if (!sameList(list, next)) {
        out.push({
          kind: 'settings',
          settings: s,
          key: 'disabledMcpjsonServers',
          to: next,
          reason: 'disabledMcpjsonServers follows servers renamed to their allowlist id',
        });
      }
    }
  }
  return out;
}
