// Render Claude Code's own managed settings from a verified policy (issue 7). Pure: the
// same policy and exec path give the same bytes on every machine, so `system apply` (root)
// and `system status` agree, and golden tests pin the output.
//
// Principle: a native allow entry must cover every argv/URL the agent itself may leave on
// disk for an approved server (or Claude Code would block what the agent approved), and a
// native deny entry must block a SUBSET of what the policy denies (or Claude Code would
// block what the policy allows). Whatever cannot be expressed that way is left to the agent
// and explained in a note.
import type { Allowlist, DenyRule, Mode, Policy, Scope, ServerRule } from '../policy/types';
import { effectiveSandbox } from '../sandbox/spec';
import { effectivePinning } from '../policy/effective';
import { execArgv } from '../inventory/wrapper';
import { renderToolRules } from './permissions';
import type { ManagedSettings, RenderOptions, RenderResult, ServerMatcher } from './types';
import { hasPlaceholder } from '../policy/placeholder';

/** Canonical scope order (also the default when a rule sets none). */
export const ALL_SCOPES: readonly Scope[] = ['user', 'local', 'project'];

/** The scopes a rule allows, in canonical order. */
export function ruleScopes(rule: ServerRule): Scope[] {
  return ALL_SCOPES.filter((s) => !rule.scopes || rule.scopes.includes(s));
}

function hasSecretPlaceholder(args: readonly string[]): boolean {
  return args.some(hasPlaceholder);
}

/**
 * Every argv under which an approved stdio server may sit in a config the agent has seen:
 *  - plain `[command, ...args]`: how an admin or `claude mcp add` writes it. Omitted when
 *    args hold `{{secret:NAME}}`: on disk that position holds the real secret, which no
 *    rendered entry can name; the agent moves it to the keychain and writes the wrapped form.
 *  - wrapped, once per allowed scope: what the credential migration writes. Rendered for
 *    EVERY stdio rule, not only those declaring secrets: the detector also migrates values it
 *    recognises by name or shape, and `exec` re-verifies the inner argv and pins at launch,
 *    so allowing the wrapped form never allows more than the plain one.
 */
export function stdioForms(
  rule: ServerRule,
  execPath: string,
  defaults: Pick<Allowlist, 'sandbox'> = {},
  mode: Mode = 'audit',
): { plain?: string[]; wrapped: string[][] } {
  const inner = [rule.command ?? '', ...(rule.args ?? [])];
  // A server whose sandbox is required may only start through exec (docs/sandbox.md).
  const sandboxOnly = effectiveSandbox(rule, defaults)?.mode === 'required';
  // Enforce mode, tool pinning: only the wrapped form runs the proxy that checks the lists,
  // so only it is allowed natively (the agent rewrites plain entries into it).
  const proxied = mode === 'enforce' && effectivePinning(rule) !== 'off';
  return {
    plain: hasSecretPlaceholder(rule.args ?? []) || sandboxOnly || proxied ? undefined : inner,
    wrapped: ruleScopes(rule).map((scope) => execArgv(execPath, rule.id, scope, inner)),
  };
}

class MatcherList<T extends ServerMatcher> {
  readonly items: T[] = [];
  private readonly seen = new Set<string>();
  add(m: T): void {
    const key = JSON.stringify(m);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(m);
  }
}

function renderAllowed(
  rules: readonly ServerRule[],
  execPath: string,
  mode: Mode,
  notes: string[],
  defaults: Pick<Allowlist, 'sandbox'>,
): ManagedSettings['allowedMcpServers'] {
  const list = new MatcherList<{ serverCommand: string[] } | { serverUrl: string }>();
  for (const rule of rules) {
    // A rule for other clients only (`clients`) must not open Claude Code's own allowlist.
    if (rule.clients !== undefined && !rule.clients.includes('claude-code')) continue;
    if (rule.transport !== 'stdio') {
      if (rule.url) list.add({ serverUrl: rule.url });
      continue;
    }
    const forms = stdioForms(rule, execPath, defaults, mode);
    if (forms.plain) list.add({ serverCommand: forms.plain });
    else if (!hasSecretPlaceholder(rule.args ?? [])) {
      const why = effectiveSandbox(rule, defaults)?.mode === 'required' ? 'its sandbox is required' : 'tool pinning is on';
      notes.push(
        `server "${rule.id}": ${why}, so only the wrapped form (mcp-warden exec) is allowed natively; Claude Code blocks the plain entry until the agent rewrites it`,
      );
    } else {
      notes.push(
        `server "${rule.id}": its args hold {{secret:…}} placeholders, so only the wrapped form (mcp-warden exec) is allowed natively; an entry with the plaintext secret is blocked by Claude Code until the agent moves the secret into the keychain`,
      );
    }
    for (const argv of forms.wrapped) list.add({ serverCommand: argv });
    if (rule.trailingArgs) {
      notes.push(
        `server "${rule.id}": trailingArgs cannot be expressed natively (Claude Code matches serverCommand exactly); only the argv without appended arguments is allowed, so an entry with appended arguments is blocked by Claude Code's allowlist even though the agent approves it`,
      );
    }
  }
  return list.items;
}

const DENY_FIELDS = ['command', 'args', 'package', 'url', 'name'] as const;
type DenyField = (typeof DENY_FIELDS)[number];

/** The native deny entry for one policy deny rule, if one blocks a subset of what it denies. */
export function denyMatcher(rule: DenyRule): { matcher?: ServerMatcher; note?: string } {
  const fields = DENY_FIELDS.filter((k) => rule[k] !== undefined);
  const only = (...keys: DenyField[]): boolean => fields.length === keys.length && keys.every((k) => fields.includes(k));
  if (only('url') && rule.url) return { matcher: { serverUrl: rule.url } };
  if (only('name') && rule.name) return { matcher: { serverName: rule.name } };
  if (only('command', 'args') && rule.command) return { matcher: { serverCommand: [rule.command, ...(rule.args ?? [])] } };
  if (only('command') && rule.command) {
    return {
      matcher: { serverCommand: [rule.command] },
      note: `only "${rule.command}" without arguments is denied natively (Claude Code matches serverCommand exactly); the agent denies it with any arguments`,
    };
  }
  if (only('package')) {
    return { note: `package rules cannot be expressed natively (Claude Code has no package matching); the agent enforces it` };
  }
  return {
    note: `a rule combining ${fields.join(' + ')} cannot be expressed natively (Claude Code's deny entries have one key each and would deny more than the rule); the agent enforces it`,
  };
}

function renderDenied(rules: readonly DenyRule[], notes: string[]): ServerMatcher[] {
  const list = new MatcherList<ServerMatcher>();
  rules.forEach((rule, i) => {
    const { matcher, note } = denyMatcher(rule);
    if (matcher) list.add(matcher);
    if (note) notes.push(`deny[${i}]: ${note}`);
  });
  return list.items;
}

/** The managed settings for `policy`, and notes on what only the agent can enforce. */
export function renderManagedSettings(policy: Policy, opts: RenderOptions): RenderResult {
  const a = policy.allowlist;
  const notes: string[] = [];
  const allowed = renderAllowed(a.servers, opts.execPath, a.mode, notes, a);
  const denied = renderDenied(a.deny ?? [], notes);
  const tools = renderToolRules(a.servers);
  notes.push(...tools.notes);

  // Key order is the file's order: built in the order an admin reads it.
  const permissions: NonNullable<ManagedSettings['permissions']> = {
    ...(tools.ask.length > 0 ? { ask: tools.ask } : {}),
    ...(tools.deny.length > 0 ? { deny: tools.deny } : {}),
  };
  const settings: ManagedSettings = {
    allowedMcpServers: allowed,
    ...(denied.length > 0 ? { deniedMcpServers: denied } : {}),
    ...(a.settings?.allowManagedMcpServersOnly === true ? { allowManagedMcpServersOnly: true as const } : {}),
    enableAllProjectMcpServers: a.settings?.enableAllProjectMcpServers ?? false,
    // Claude Code checks these when a marketplace is added or updated; the agent handles the
    // marketplaces added before (it turns their plugins off).
    ...(a.marketplaces?.allowed !== undefined ? { strictKnownMarketplaces: a.marketplaces.allowed } : {}),
    ...((a.marketplaces?.blocked?.length ?? 0) > 0 ? { blockedMarketplaces: a.marketplaces?.blocked } : {}),
    ...(Object.keys(permissions).length > 0 ? { permissions } : {}),
  };

  if (allowed.length === 0) notes.push('the allowlist approves no server: Claude Code blocks every MCP server');
  if (a.settings?.allowManagedMcpServersOnly !== true) {
    notes.push(
      "settings.allowManagedMcpServersOnly is not true: allowlists in users' own settings files merge with this one, so a user can allow more servers natively; the agent still removes them",
    );
  }
  return { settings, notes };
}
