// A subagent may name a server instead of defining it (`mcpServers: [github]`): nothing of
// its own starts, the named server does. So the reference takes the verdict of the server
// it names, in the configs that subagent sees (user scope of its config home; for a
// project's subagent also that project's local and `.mcp.json` servers). Several servers
// by that name: the worst verdict counts. Acting on it is left to the server's own entry
// (removing the definition is what stops it); the reference itself is never edited. Pure.
import * as path from 'node:path';
import type { ServerEntry } from '../inventory/types';
import type { Verdict } from './types';

const WORST: Record<string, number> = { denied: 5, pin_mismatch: 4, unapproved: 3, unverifiable: 2, approved: 1, ignored: 0 };

function visibleTo(ref: ServerEntry, e: ServerEntry): boolean {
  if (e.name !== ref.name || e.configHome !== ref.configHome) return false;
  if (e.scope === 'user') return true;
  if (ref.project === undefined) return e.scope === 'local' || e.scope === 'project';
  if (e.scope === 'local') return e.project === ref.project;
  if (e.scope === 'project') {
    const dir = path.dirname(e.file);
    return ref.project === dir || ref.project.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  }
  return false;
}

/** Verdicts for reference entries, from the servers they name. */
export function judgeReferences(entries: readonly ServerEntry[], verdicts: readonly Verdict[]): Verdict[] {
  const byKey = new Map(verdicts.map((v) => [v.entryKey, v]));
  // The first entry of a key, as a search would find it (linear, not one search per verdict).
  const entryByKey = new Map<string, ServerEntry>();
  for (const e of entries) if (!entryByKey.has(e.key)) entryByKey.set(e.key, e);
  const defined = entries.filter((e) => e.scope === 'user' || e.scope === 'local' || e.scope === 'project');
  return verdicts.map((v) => {
    const ref = entryByKey.get(v.entryKey);
    if (!ref?.reference) return v;
    const named = defined.filter((e) => visibleTo(ref, e));
    if (named.length === 0)
      return { entryKey: v.entryKey, verdict: 'ignored', reason: `names the server ${ref.name}, which no config defines: nothing starts` };
    const worst = named
      .map((e) => ({ e, v: byKey.get(e.key) }))
      .sort((a, b) => (WORST[b.v?.verdict ?? 'ignored'] ?? 0) - (WORST[a.v?.verdict ?? 'ignored'] ?? 0))[0];
    const out: Verdict = {
      entryKey: v.entryKey,
      verdict: worst.v?.verdict ?? 'ignored',
      reason: `names the server ${ref.name} defined in ${worst.e.file} (${worst.e.scope} scope): ${worst.v?.reason ?? 'not judged'}`,
    };
    if (worst.v?.ruleId !== undefined) out.ruleId = worst.v.ruleId;
    return out;
  });
}
