// Plugins (pure). Claude Code starts a plugin's servers while any settings scope turns the
// plugin on; the plugin's files belong to its author and are never edited. So a plugin
// with a server the allowlist does not approve, or from a marketplace it does not allow, is
// turned off in every user-writable settings file that turns it on (`enabledPlugins[id]:
// false`, restorable). Managed settings are the admin's: a plugin they turn on is reported
// and held, never edited.
import type { Inventory, PluginEnablement, ServerEntry } from '../inventory/types';
import type { Policy } from '../policy/types';
import { judgeMarketplace } from '../judge/marketplace';
import type { Action, HeldAction, MarketplaceFinding } from './types';
import type { Verdict } from '../judge/types';

type PluginAction = Extract<Action, { kind: 'plugin' }>;

const STOPPED = new Set(['unapproved', 'pin_mismatch', 'denied']);

export interface PluginPlan {
  actions: PluginAction[];
  held: HeldAction[];
  marketplaces: MarketplaceFinding[];
}

export function planPlugins(
  inventory: Inventory,
  verdicts: ReadonlyMap<string, Verdict>,
  policy: Policy,
  inScope: (file: string) => boolean,
): PluginPlan {
  const out: PluginPlan = { actions: [], held: [], marketplaces: [] };
  const mp = policy.allowlist.marketplaces;
  const marketVerdict = new Map<string, MarketplaceFinding>();
  const knownMarkets = new Set<string>();
  for (const m of inventory.marketplaces ?? []) {
    knownMarkets.add(m.name);
    const v = judgeMarketplace(m.source, mp);
    if (v.verdict === 'approved') continue;
    const f: MarketplaceFinding = { name: m.name, file: m.file, verdict: v.verdict, reason: v.reason };
    out.marketplaces.push(f);
    if (!marketVerdict.has(m.name) || v.verdict === 'denied') marketVerdict.set(m.name, f);
  }
  const serversOf = new Map<string, ServerEntry[]>();
  for (const e of inventory.entries) if (e.plugin) serversOf.set(e.plugin.id, [...(serversOf.get(e.plugin.id) ?? []), e]);
  const enabling = new Map<string, PluginEnablement[]>();
  for (const p of inventory.plugins ?? []) if (p.value === true) enabling.set(p.id, [...(enabling.get(p.id) ?? []), p]);

  for (const [id, ens] of enabling) {
    const entries = serversOf.get(id) ?? [];
    const bad = entries.flatMap((entry) => {
      const verdict = verdicts.get(entry.key);
      return verdict && STOPPED.has(verdict.verdict) ? [{ entry, verdict }] : [];
    });
    const marketName = id.slice(id.lastIndexOf('@') + 1);
    let market = marketVerdict.get(marketName);
    // With an `allowed` list, a plugin from a marketplace whose source we cannot see is not allowed either.
    if (!market && mp?.allowed !== undefined && !knownMarkets.has(marketName)) {
      market = {
        name: marketName,
        file: ens[0].file,
        verdict: 'unapproved',
        reason: 'its source is not recorded in any marketplace list this agent can read',
      };
    }
    if (bad.length === 0 && !market) continue;
    // Act when this pass looks at the plugin: a settings file that turns it on, or one of its files, changed.
    if (!ens.some((p) => inScope(p.file)) && !entries.some((e) => inScope(e.file))) continue;
    const why = [
      ...(bad.length > 0
        ? [`server${bad.length > 1 ? 's' : ''} ${bad.map((b) => b.entry.name).join(', ')} not approved (${bad[0].verdict.reason})`]
        : []),
      ...(market ? [`marketplace ${market.name}: ${market.reason}`] : []),
    ].join('; ');
    for (const en of ens) {
      if (en.scope === 'managed') {
        const first = bad[0]?.entry ?? entries[0];
        if (first)
          out.held.push({
            kind: 'plugin',
            entry: first,
            reason: `plugin ${id} is turned on by managed settings (${en.file}); only an admin can turn it off`,
          });
        continue;
      }
      const a: PluginAction = { kind: 'plugin', enablement: en, servers: bad, reason: `plugin ${id}: ${why}` };
      if (market && market.verdict !== undefined) a.marketplace = { name: market.name, verdict: market.verdict, reason: market.reason };
      out.actions.push(a);
    }
  }
  return out;
}
