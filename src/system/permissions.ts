// Permission rules for MCP tools (reference §3.5), from each server rule's `tools`.
//
// Claude Code names an MCP tool `mcp__<server>__<tool>`, where <server> is the entry's
// NAME in the user's config and both parts are normalised: every character outside
// [A-Za-z0-9_-] becomes `_` (checked in the 2.1.330 CLI's source). Users choose names, so
// two layers bind a rule to the approved server:
//  1. `mcp__<rule id>__<tool>`: the agent renames every approved entry whose rule has tool
//     rules to the rule id (plan action 'rename'), so once the agent has run, this rule
//     applies exactly.
//  2. `mcp__*__<tool>` in `ask` (for both ask and deny tools): if the agent is killed and the
//     user renames the entry, the tool still needs a human's approval. Claude Code 2.1.330's
//     validator says "Deny and ask rules accept wildcards anywhere" and matches such rules
//     as globs over the whole tool name, but the docs do not promise a wildcard in the
//     server position, so nothing relies on it. It goes into `ask`, never `deny`: a deny
//     would also block same-named tools of every OTHER server, an ask only prompts there.
import type { ServerRule } from '../policy/types';

const NORMALISE = /[^A-Za-z0-9_*-]/g;

/** A tool name or glob as Claude Code spells it in a tool's full name (`*` kept as the glob). */
export function normaliseToolPattern(tool: string): string {
  return tool.replace(NORMALISE, '_');
}

/** A glob with no literal character (`*`, `**`) would match every MCP tool of every server. */
function isAllWildcard(pattern: string): boolean {
  return /^\*+$/.test(pattern);
}

export interface ToolRules {
  ask: string[];
  deny: string[];
  notes: string[];
}

function pushUnique(list: string[], seen: Set<string>, value: string): void {
  if (seen.has(value)) return;
  seen.add(value);
  list.push(value);
}

/** Permission rules for every server rule, in policy order, without duplicates. */
export function renderToolRules(rules: readonly ServerRule[]): ToolRules {
  const ask: string[] = [];
  const deny: string[] = [];
  const askSeen = new Set<string>();
  const denySeen = new Set<string>();
  const anyName: string[] = [];
  const notes: string[] = [];
  for (const rule of rules) {
    const toolAsk = rule.tools?.ask ?? [];
    const toolDeny = rule.tools?.deny ?? [];
    for (const [tools, kind] of [
      [toolAsk, 'ask'],
      [toolDeny, 'deny'],
    ] as const) {
      for (const tool of tools) {
        const pattern = normaliseToolPattern(tool);
        if (pattern !== tool) {
          notes.push(
            `server "${rule.id}": tool rule "${tool}" is written as "${pattern}" (Claude Code replaces characters outside A-Z a-z 0-9 _ - in tool names with "_")`,
          );
        }
        if (kind === 'ask') pushUnique(ask, askSeen, `mcp__${rule.id}__${pattern}`);
        else pushUnique(deny, denySeen, `mcp__${rule.id}__${pattern}`);
        if (!isAllWildcard(pattern)) anyName.push(`mcp__*__${pattern}`);
      }
    }
    const all = [...toolAsk, ...toolDeny];
    const bound = all.filter((t) => !isAllWildcard(normaliseToolPattern(t)));
    if (bound.length > 0) {
      notes.push(
        `server "${rule.id}": its tool rules bind to the entry named "${rule.id}" (the agent renames approved entries to their rule id); under any other name, ${bound
          .map((t) => `"${t}"`)
          .join(', ')} still ask for approval through "mcp__*__<tool>" rules, which also apply to same-named tools of other servers`,
      );
    }
    if (bound.length < all.length) {
      notes.push(
        `server "${rule.id}": its "*" tool rule binds only to the entry named "${rule.id}"; it has no any-name form (that would cover every MCP tool of every server)`,
      );
    }
  }
  // The any-name forms come after the exact ones, so the drop-in reads rule by rule first.
  for (const r of anyName) pushUnique(ask, askSeen, r);
  return { ask, deny, notes };
}
