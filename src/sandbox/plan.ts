// Which entries reconcile routes through `mcp-warden exec` because their rule has a
// sandbox. Pure. Same shape as the credential migration's rewrite (src/vault/rewrite.ts
// with no secret moved), so the judge, `system apply` and exec agree on the argv.
import type { Inventory } from '../inventory/types';
import type { Action } from '../plan/types';
import type { Verdict } from '../judge/types';
import type { Policy, Scope } from '../policy/types';
import { rewriteEntry } from '../vault/rewrite';
import { effectiveSandbox } from './spec';

const EDITABLE_SCOPES: readonly string[] = ['user', 'local', 'project'];

export interface WrapPlanOptions {
  execPath: string;
  /** Entries another action already rewrites this pass (a credential migration wraps too). */
  skip: ReadonlySet<string>;
}

export function planSandboxWraps(
  inventory: Pick<Inventory, 'entries'>,
  verdicts: readonly Verdict[],
  policy: Policy | null,
  opts: WrapPlanOptions,
): Action[] {
  if (!policy) return [];
  const byKey = new Map(verdicts.map((v) => [v.entryKey, v]));
  const out: Action[] = [];
  for (const entry of inventory.entries) {
    const v = byKey.get(entry.key);
    if (v?.verdict !== 'approved' || !v.ruleId || entry.wrapped || opts.skip.has(entry.key)) continue;
    if (entry.transport !== 'stdio' || !EDITABLE_SCOPES.includes(entry.scope) || entry.plugin || entry.reference) continue;
    const rule = policy.allowlist.servers.find((r) => r.id === v.ruleId);
    const sb = rule ? effectiveSandbox(rule, policy.allowlist) : undefined;
    if (!rule || !sb) continue;
    const rewritten = rewriteEntry(entry, [], { execPath: opts.execPath, ruleId: rule.id, scope: entry.scope as Scope });
    if (!rewritten) continue;
    out.push({
      kind: 'wrap',
      entry,
      ruleId: rule.id,
      rewritten,
      reason: `rule ${rule.id} runs sandboxed (${sb.mode ?? 'required'}): launched through mcp-warden exec`,
    });
  }
  return out;
}
