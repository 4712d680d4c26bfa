// Tool-rule name binding. Claude Code binds permission rules (`mcp__<server>__<tool>`,
// rendered from a rule's tools.ask / tools.deny by `system apply`) to the NAME a server
// has in the user's config, and users choose names. So an approved entry whose rule has
// tool rules is renamed to the rule's id; otherwise a server called `gh` would escape the
// `ask` rules written for `github`. Refused (and reported) when another entry of that
// map already has the name. Pure.
import type { ServerEntry } from '../inventory/types';
import type { Policy, ServerRule } from '../policy/types';
import type { Action, HeldAction } from './types';
import type { Verdict } from '../judge/types';

export function hasToolRules(rule: ServerRule | undefined): boolean {
  return Boolean(rule?.tools && ((rule.tools.ask?.length ?? 0) > 0 || (rule.tools.deny?.length ?? 0) > 0));
}

/** The `mcpServers` map an entry lives in: file + parent path. */
export function mapKey(entry: ServerEntry): string {
  return `${entry.file}\u0000${JSON.stringify(entry.jsonPath.slice(0, -1))}`;
}

export interface RenamePlan {
  actions: Extract<Action, { kind: 'rename' }>[];
  held: HeldAction[];
}

export function planRenames(
  entries: readonly ServerEntry[],
  verdicts: ReadonlyMap<string, Verdict>,
  policy: Policy,
  removing: ReadonlySet<string>,
): RenamePlan {
  const rules = new Map(policy.allowlist.servers.map((r) => [r.id, r]));
  // Names each map holds. A name this pass frees by a removal is taken until the next pass:
  // removing and re-adding one key in one edit would be two ops on the same place.
  const names = new Map<string, Set<string>>();
  const freeing = new Set<string>();
  for (const e of entries) {
    if (removing.has(e.key)) freeing.add(`${mapKey(e)}\u0000${e.name}`);
    const k = mapKey(e);
    if (!names.has(k)) names.set(k, new Set());
    names.get(k)?.add(e.name);
  }
  const out: RenamePlan = { actions: [], held: [] };
  for (const e of entries) {
    const v = verdicts.get(e.key);
    if (v?.verdict !== 'approved' || v.ruleId === undefined) continue;
    const rule = rules.get(v.ruleId);
    if (!rule || !hasToolRules(rule) || e.name === rule.id) continue;
    const taken = names.get(mapKey(e)) as Set<string>;
    if (taken.has(rule.id)) {
      const soon = freeing.has(`${mapKey(e)}\u0000${rule.id}`);
      out.held.push({
        kind: 'rename',
        entry: e,
        to: rule.id,
        reason: soon
          ? `the name ${rule.id} is held by a server removed in this pass; renamed on the next pass`
          : `tool rules for ${rule.id} bind to the name ${rule.id}, which another server in this file already has`,
      });
      continue;
    }
    taken.delete(e.name);
    taken.add(rule.id);
    out.actions.push({
      kind: 'rename',
      entry: e,
      to: rule.id,
      reason: `rule ${rule.id} has tool rules, which Claude Code binds to the server name ${rule.id}`,
    });
  }
  return out;
}
