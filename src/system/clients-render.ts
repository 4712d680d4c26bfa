// The other clients' own admin controls, rendered from the same verified policy (issue 21).
// Pure, like render.ts, and on the same principle: a native control may block only what
// the policy blocks, and may allow only by what the client can match.
//
// Both controls are keyed by the entry's NAME, which users choose, while our rules match
// the command or URL. So:
//  - Gemini CLI system settings (`mcp.allowed` / `mcp.excluded`, server names):
//    `excluded` = the names of name-only deny rules (a subset of what the policy denies);
//    `allowed` only when the admin opts in with settings.allowManagedMcpServersOnly: then
//    the ids of the rules Gemini CLI may run, and an entry must be named as its rule id.
//  - Codex `requirements.toml` (`[mcp_servers.NAME.identity]`, `command` = the program,
//    or `url`, exact; Codex disables every server whose name is not listed): only on the
//    same opt-in, one requirement per rule whose identity Codex can match.
// Without the opt-in an allow list would disable servers the policy approves under other
// names; the agent still removes what is not approved, and a note says so.
import type { Policy, ServerRule } from '../policy/types';
import type { ClientId } from '../policy/client-ids';
import { stdioForms } from './render';
import { effectiveMode } from '../policy/effective';

/** The keys of Gemini CLI's system settings that we own. */
export interface GeminiControls {
  allowed?: string[];
  excluded?: string[];
}

/** `[mcp_servers.NAME.identity]` of Codex requirements.toml (openai/codex config_requirements.rs). */
export type CodexIdentity = { command: string } | { url: string };
export type CodexRequirements = Record<string, { identity: CodexIdentity }>;

export interface ClientRender<T> {
  /** Undefined: nothing of ours belongs in the file (our keys are removed). */
  value?: T;
  notes: string[];
}

function appliesTo(rule: ServerRule, client: ClientId): boolean {
  return rule.clients === undefined || rule.clients.includes(client);
}

function uniq(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}

export function renderGeminiControls(policy: Policy): ClientRender<GeminiControls> {
  const a = policy.allowlist;
  const notes: string[] = [];
  const excluded = uniq(
    (a.deny ?? [])
      .filter((d) => d.name !== undefined && Object.keys(d).every((k) => k === 'name' || k === 'reason'))
      .map((d) => d.name ?? ''),
  );
  const other = (a.deny ?? []).length - excluded.length;
  if (other > 0)
    notes.push(
      `gemini-cli: ${other} deny rule(s) match commands, URLs or packages, which mcp.excluded (server names) cannot express; the agent enforces them`,
    );
  const out: GeminiControls = {};
  if (excluded.length > 0) out.excluded = excluded;
  if (a.settings?.allowManagedMcpServersOnly === true) {
    out.allowed = uniq(a.servers.filter((r) => appliesTo(r, 'gemini-cli')).map((r) => r.id));
    notes.push(
      'gemini-cli: mcp.allowed lists rule ids: Gemini CLI runs a server only when its entry is named as the rule that approves it',
    );
  } else {
    notes.push(
      'gemini-cli: mcp.allowed is not rendered (it matches server names, not commands); set settings.allowManagedMcpServersOnly to allow only entries named as their rule ids',
    );
  }
  return { value: out.allowed || out.excluded ? out : undefined, notes };
}

/** The identity Codex matches for `rule`, or why it has none. */
function codexIdentity(rule: ServerRule, policy: Policy, execPath: string): CodexIdentity | string {
  if (rule.transport === 'stdio') {
    const forms = stdioForms(rule, execPath, policy.allowlist, effectiveMode(policy));
    // Codex matches the program only: the wrapped form runs mcp-warden.
    return { command: forms.plain ? (rule.command ?? '') : execPath };
  }
  if (rule.transport !== 'http') return `Codex has no ${rule.transport} transport`;
  if (!rule.url || rule.url.includes('*')) return 'its URL has a wildcard, and Codex matches URLs exactly';
  return { url: rule.url };
}

export function renderCodexRequirements(policy: Policy, execPath: string): ClientRender<CodexRequirements> {
  const a = policy.allowlist;
  const notes: string[] = [];
  if (a.settings?.allowManagedMcpServersOnly !== true) {
    notes.push(
      'codex: requirements.toml [mcp_servers] is not rendered (Codex disables every server not listed by name); set settings.allowManagedMcpServersOnly to render one requirement per rule',
    );
    return { notes };
  }
  const out: CodexRequirements = {};
  for (const rule of a.servers) {
    if (!appliesTo(rule, 'codex')) continue;
    const id = codexIdentity(rule, policy, execPath);
    if (typeof id === 'string') {
      notes.push(`codex: server "${rule.id}" is not listed (${id}); Codex disables it`);
      continue;
    }
    out[rule.id] = { identity: id };
    if ('command' in id && id.command !== execPath) {
      notes.push(
        `codex: server "${rule.id}" is listed with command ${id.command}; once the agent moves a secret of that entry into the keychain it runs mcp-warden, and Codex disables it`,
      );
    }
  }
  notes.push(
    'codex: requirements list rule ids: Codex runs a server only when its entry is named as the rule that approves it, and checks the program, not the arguments (the agent checks those)',
  );
  return { value: out, notes };
}
