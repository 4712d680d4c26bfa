// judgeEntry: one server entry against the verified policy. Pure, given the JudgeContext.
// Identity is never the name alone: a stdio server is its argv (the inner argv for an
// entry wrapped by `mcp-warden exec`) plus what its pins resolve to; a remote server is
// its URL. Order: ungoverned → shape → wrapper → deny (always wins) → matching rules →
// per rule: wrapper id, scope, env.allowed, pins.
import * as path from 'node:path';
import type { ServerEntry } from '../inventory/types';
import type { Policy, Scope, ServerRule } from '../policy/types';
import type { Verdict, VerdictKind } from './types';
import { looksLikeWarden, parseExecArgv, parseHeadersHelper } from '../inventory/wrapper';
import type { JudgeContext } from './context';
import { argsMatch, commandBase, packageNameOf } from './argv';
import { findDeny } from './deny';
import { checkPins } from './pins';
import { urlMatches } from './url';

const GOVERNED_SCOPES: readonly string[] = ['user', 'local', 'project'];

interface Outcome {
  verdict: VerdictKind;
  reason: string;
  ruleId?: string;
  notes?: string[];
}

// When several rules match the argv and none approves, report the most telling failure.
const FAILURE_RANK: Record<string, number> = { pin_mismatch: 3, unverifiable: 2, unapproved: 1 };

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

// Commands that run whatever their arguments name: sharing one of them says nothing.
const RUNNERS = /^(npx|npm|pnpm|yarn|bunx|bun|uvx|uv|pipx|node|nodejs|deno|python[0-9.]*|ruby|perl|php|bash|sh|zsh|docker|podman|java)$/;

/** The rule an unapproved argv was probably meant to be (for the message), if any. */
function isNear(rule: ServerRule, cmd: string, args: readonly string[]): boolean {
  if (rule.transport !== 'stdio' || rule.command !== cmd) return false;
  if (rule.package) return args.some((a) => packageNameOf(a.replace(/^--package=/, '')) === rule.package?.name);
  if (rule.image?.name)
    return args.some((a) => a.startsWith(`${rule.image?.name as string}@`) || a.startsWith(`${rule.image?.name as string}:`));
  if (!RUNNERS.test(commandBase(cmd))) return true;
  const first = (xs: readonly string[]): string | undefined => xs.find((a) => !a.startsWith('-'));
  return first(rule.args ?? []) === first(args);
}

function checkEnv(rule: ServerRule, entry: ServerEntry): Outcome | undefined {
  const allowed = rule.env?.allowed;
  if (allowed === undefined) return undefined;
  const ok = new Set([...allowed, ...(rule.env?.secrets ?? [])]);
  const extra = Object.keys(entry.env ?? {}).filter((k) => !ok.has(k));
  if (extra.length === 0) return undefined;
  return {
    verdict: 'unapproved',
    ruleId: rule.id,
    reason: `sets environment variables rule ${rule.id} does not allow: ${extra.join(', ')}`,
  };
}

function checkScope(rule: ServerRule, scope: Scope, entry: ServerEntry): Outcome | undefined {
  const client = entry.client ?? 'claude-code';
  if (rule.clients !== undefined && !rule.clients.includes(client)) {
    return {
      verdict: 'unapproved',
      ruleId: rule.id,
      reason: `rule ${rule.id} is not approved in ${client} (allowed: ${rule.clients.join(', ')})`,
    };
  }
  if (rule.scopes === undefined || rule.scopes.includes(scope)) return undefined;
  return {
    verdict: 'unapproved',
    ruleId: rule.id,
    reason: `rule ${rule.id} is not approved in ${scope} scope (allowed: ${rule.scopes.join(', ')})`,
  };
}

function pick(outcomes: Outcome[]): Outcome {
  const approved = outcomes.find((o) => o.verdict === 'approved');
  if (approved) return approved;
  return [...outcomes].sort((a, b) => (FAILURE_RANK[b.verdict] ?? 0) - (FAILURE_RANK[a.verdict] ?? 0))[0];
}

function judgeStdio(entry: ServerEntry, scope: Scope, policy: Policy, ctx: JudgeContext): Outcome {
  const raw = entry.raw;
  if (typeof raw.command !== 'string' || raw.command === '') return { verdict: 'unapproved', reason: 'stdio entry without a command' };
  if (raw.args !== undefined && !isStringArray(raw.args)) return { verdict: 'unapproved', reason: '`args` is not a list of strings' };
  const command = raw.command;
  const args = raw.args ?? [];
  let argv: string[] = [command, ...args];
  let wrapperId: string | undefined;
  if (looksLikeWarden(command)) {
    const w = entry.wrapped ?? parseExecArgv(command, args, looksLikeWarden);
    if (!w) return { verdict: 'unapproved', reason: 'runs mcp-warden with arguments other than `exec --server ID --scope SCOPE -- …`' };
    if (!samePath(command, ctx.execPath)) {
      return { verdict: 'unapproved', reason: `runs an mcp-warden at ${command}, not the installed ${ctx.execPath}` };
    }
    if (w.scope !== scope)
      return { verdict: 'unapproved', reason: `the wrapper says --scope ${w.scope} but the entry is in ${scope} scope` };
    // A wrapper names its client (and project) only in another client's file; one copied
    // between files would be launched with the wrong client's rules and secrets.
    if (w.client !== undefined && w.client !== (entry.client ?? 'claude-code')) {
      return {
        verdict: 'unapproved',
        reason: `the wrapper says --client ${w.client} but the entry is in ${entry.client ?? 'claude-code'}'s file`,
      };
    }
    if (w.project !== undefined && (entry.project === undefined || !samePath(w.project, entry.project))) {
      return {
        verdict: 'unapproved',
        reason: `the wrapper says --project ${w.project} but the entry belongs to ${entry.project ?? 'no project'}`,
      };
    }
    if (w.inner.length === 0 || !w.inner[0]) return { verdict: 'unapproved', reason: 'the wrapper runs no command' };
    argv = w.inner;
    wrapperId = w.serverId;
  }
  const deny = findDeny(policy.allowlist.deny, { name: entry.name, argv });
  if (deny) return { verdict: 'denied', reason: deny.rule.reason ?? `matches deny rule #${deny.index + 1}` };

  const [cmd, ...rest] = argv as [string, ...string[]];
  let matching = policy.allowlist.servers.filter(
    (r) => r.transport === 'stdio' && r.command === cmd && argsMatch(r.args ?? [], rest, r.trailingArgs === true),
  );
  if (matching.length === 0) {
    const near = policy.allowlist.servers.find((r) => isNear(r, cmd, rest));
    return {
      verdict: 'unapproved',
      ruleId: near?.id,
      reason: near ? `the arguments do not match rule ${near.id}` : 'the command and arguments match no approved server',
    };
  }
  if (wrapperId !== undefined) {
    const named = matching.filter((r) => r.id === wrapperId);
    if (named.length === 0) {
      return {
        verdict: 'unapproved',
        ruleId: matching[0]?.id,
        reason: `the wrapper names rule ${wrapperId} but the command matches rule ${matching.map((r) => r.id).join(', ')}`,
      };
    }
    matching = named;
  }
  return pick(
    matching.map((rule): Outcome => {
      const bad = checkScope(rule, scope, entry) ?? checkEnv(rule, entry);
      if (bad) return bad;
      const pins = checkPins(rule, argv, entry.project, ctx);
      if (pins.status === 'mismatch') return { verdict: 'pin_mismatch', ruleId: rule.id, reason: pins.reason };
      if (pins.status === 'unverifiable') return { verdict: 'unverifiable', ruleId: rule.id, reason: pins.reason };
      return { verdict: 'approved', ruleId: rule.id, reason: `matches rule ${rule.id}`, notes: pins.notes };
    }),
  );
}

function judgeRemote(entry: ServerEntry, scope: Scope, policy: Policy, ctx: JudgeContext): Outcome {
  // The client's URL key (`url`, Windsurf `serverUrl`, Gemini CLI `httpUrl`): discovery sets entry.url.
  const url = entry.client === undefined ? entry.raw.url : entry.url;
  if (typeof url !== 'string' || url === '') return { verdict: 'unapproved', reason: `${entry.transport} entry without a url` };
  const helper = entry.raw.headersHelper;
  let helperId: string | undefined;
  if (helper !== undefined) {
    const ours = typeof helper === 'string' ? parseHeadersHelper(helper) : undefined;
    // A headersHelper is a shell command Claude Code runs: only our own is acceptable.
    if (!ours) return { verdict: 'unapproved', reason: 'headersHelper runs a command that is not mcp-warden' };
    if (!samePath(ours.execPath, ctx.execPath)) {
      return { verdict: 'unapproved', reason: `headersHelper runs an mcp-warden at ${ours.execPath}, not the installed ${ctx.execPath}` };
    }
    if (ours.scope !== scope)
      return { verdict: 'unapproved', reason: `headersHelper says --scope ${ours.scope} but the entry is in ${scope} scope` };
    helperId = ours.serverId;
  }
  const deny = findDeny(policy.allowlist.deny, { name: entry.name, url });
  if (deny) return { verdict: 'denied', reason: deny.rule.reason ?? `matches deny rule #${deny.index + 1}` };
  let matching = policy.allowlist.servers.filter((r) => r.transport === entry.transport && r.url !== undefined && urlMatches(r.url, url));
  if (matching.length === 0) return { verdict: 'unapproved', reason: 'the URL matches no approved server' };
  if (helperId !== undefined) {
    const named = matching.filter((r) => r.id === helperId);
    if (named.length === 0) {
      return {
        verdict: 'unapproved',
        ruleId: matching[0]?.id,
        reason: `headersHelper names rule ${helperId} but the URL matches rule ${matching.map((r) => r.id).join(', ')}`,
      };
    }
    matching = named;
  }
  return pick(
    matching.map(
      (rule): Outcome => checkScope(rule, scope, entry) ?? { verdict: 'approved', ruleId: rule.id, reason: `matches rule ${rule.id}` },
    ),
  );
}

/** The verdict for one entry. Usable on a synthetic entry (`exec` re-checks at launch). */
export function judgeEntry(entry: ServerEntry, policy: Policy, ctx: JudgeContext): Verdict {
  let o: Outcome;
  // Plugin and subagent servers are judged by the same rules, in the scope that brings them.
  const scope = GOVERNED_SCOPES.includes(entry.scope) ? (entry.scope as Scope) : entry.governedAs;
  if (scope === undefined) {
    o = { verdict: 'ignored', reason: `${entry.scope} servers are governed by Claude Code's managed settings` };
  } else if (entry.reference) {
    o = { verdict: 'ignored', reason: `names the server ${entry.name}, judged where it is defined` };
  } else if (entry.transport === 'other') {
    o = { verdict: 'ignored', reason: `type ${entry.type ?? '(unknown)'} is not governed by mcp-warden` };
  } else if (entry.transport === 'stdio') {
    o = judgeStdio(entry, scope, policy, ctx);
  } else {
    o = judgeRemote(entry, scope, policy, ctx);
  }
  const v: Verdict = { entryKey: entry.key, verdict: o.verdict, reason: o.reason };
  if (o.ruleId !== undefined) v.ruleId = o.ruleId;
  if (o.notes && o.notes.length > 0) v.notes = o.notes;
  return v;
}

/** The rule a verdict names, if any. */
export function ruleOf(policy: Policy, verdict: Verdict): ServerRule | undefined {
  return verdict.ruleId === undefined ? undefined : policy.allowlist.servers.find((r) => r.id === verdict.ruleId);
}
