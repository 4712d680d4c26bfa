// plan(): what a pass should do, from the inventory, the verdicts and what earlier passes
// did. Pure. With no policy there is nothing to judge against: audit only, no actions.
// In audit mode the plan is the same as in enforce (it is what enforce WOULD do); apply()
// executes nothing and the events carry `wouldDo`.
import type { Inventory, ServerEntry } from '../inventory/types';
import type { Policy } from '../policy/types';
import type { Action, Flapping, HeldAction, Plan } from './types';
import type { Verdict } from '../judge/types';
import { entryFingerprint, type PlanState } from './state';
import { flapDecision } from './flapping';
import { planRenames } from './rename';
import { planSettings } from './settings';
import { planPlugins } from './plugins';
import { effectiveMode } from '../policy/effective';

/** The three scopes whose files we edit entry by entry (plugins and references are not). */
const EDITED_SCOPES = new Set(['user', 'local', 'project']);

export interface PolicyResult {
  /** The policy in force; null means none (audit only). */
  policy: Policy | null;
  /** One verdict per inventory entry (judgeEntry). */
  verdicts: Verdict[];
}

export interface PlanOptions {
  now: Date;
  /** Act only on entries and settings in these files (the agent's changed files). */
  only?: ReadonlySet<string>;
  /** 'migrate' actions from the credentials planner, 'wrap' actions from the sandbox planner. */
  credentialActions?: readonly Action[];
  /**
   * key → verdict over `verdicts`, as `new Map` would build it: the agent keeps one across
   * passes (src/reconcile/kept-index.ts) so that a change in one project does not cost a
   * map over every entry of the home. Built here when absent.
   */
  verdictByKey?: ReadonlyMap<string, Verdict>;
}

const REMOVED_VERDICTS = new Set(['unapproved', 'pin_mismatch', 'denied']);

export function plan(inventory: Inventory, pr: PolicyResult, state: PlanState, opts: PlanOptions): Plan {
  const policy = pr.policy;
  if (!policy) return { mode: effectiveMode(policy), noPolicy: true, verdicts: [], actions: [] };
  const inScope = (file: string): boolean => !opts.only || opts.only.has(file);
  const verdicts = opts.verdictByKey ?? new Map(pr.verdicts.map((v) => [v.entryKey, v]));
  const actions: Action[] = [];
  const held: HeldAction[] = [];
  const flapping: Flapping[] = [];
  const removing = new Set<string>();

  for (const entry of inventory.entries) {
    if (!inScope(entry.file)) continue;
    const v = verdicts.get(entry.key);
    if (!v || !REMOVED_VERDICTS.has(v.verdict)) continue;
    // A plugin's server is stopped by turning its plugin off (planPlugins); a subagent's
    // reference by name by removing the server it names, where that is defined.
    if (entry.plugin || entry.reference) continue;
    const d = flapDecision(state.removals[entryFingerprint(state.salt, entry)], opts.now);
    if (d.kind === 'wait') {
      const retryAt = d.retryAt.toISOString();
      flapping.push({ entryKey: entry.key, count: d.count, retryAt });
      held.push({ kind: 'remove', entry, reason: `came back after removal ${d.count - 1} time(s); backing off`, retryAt });
      continue;
    }
    if (d.kind === 'again') flapping.push({ entryKey: entry.key, count: d.count });
    removing.add(entry.key);
    actions.push({ kind: 'remove', entry, verdict: v });
  }

  // Renames and the `.mcp.json` approval keys are Claude Code's; other clients' entries
  // are only removed (src/clients).
  const scoped = inventory.entries.filter((e) => inScope(e.file) && e.client === undefined && EDITED_SCOPES.has(e.scope));
  const renames = planRenames(scoped, verdicts, policy, removing);
  actions.push(...renames.actions);
  held.push(...renames.held);
  const renamed = new Map(renames.actions.map((a) => [a.entry.key, a.to]));

  const settings = inventory.settings.filter((s) => inScope(s.file));
  // Only settings in scope are planned; the lists of every entry they need are not built for none.
  if (settings.length > 0) {
    const claude = inventory.entries.filter((e) => e.client === undefined);
    const projectEntries: ServerEntry[] = claude.filter((e) => e.scope === 'project');
    actions.push(...planSettings({ settings, projectEntries, verdicts, renamed, removing, policy, entries: claude }));
  }

  // An entry being removed or renamed this pass is migrated or wrapped (if at all) on the
  // next one, under its final name.
  for (const a of opts.credentialActions ?? []) {
    if ((a.kind !== 'migrate' && a.kind !== 'wrap') || !inScope(a.entry.file) || removing.has(a.entry.key) || renamed.has(a.entry.key))
      continue;
    actions.push(a);
  }

  const plugins = planPlugins(inventory, verdicts, policy, inScope);
  actions.push(...plugins.actions);
  held.push(...plugins.held);

  const out: Plan = { mode: effectiveMode(policy), noPolicy: false, verdicts: pr.verdicts, actions };
  if (plugins.marketplaces.length > 0) out.marketplaces = plugins.marketplaces;
  if (held.length > 0) out.held = held;
  if (flapping.length > 0) out.flapping = flapping;
  return out;
}
