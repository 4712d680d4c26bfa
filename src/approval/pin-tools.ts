// `mcp-warden allowlist pin-tools FILE --server ID`: launch the rule's server once, through
// exec's own launch decision (argv judged against the rule, pins verified, offline), list
// what it offers and write the digests into the rule as `toolPins` (format-preserving).
// Placeholders `{{secret:NAME}}` are filled from the environment variable NAME, and the
// variables of `env.secrets` are inherited: the admin supplies test credentials, never the file.
import type { CommandContext } from '../host/context';
import { execPathFor } from '../host/context';
import { decideLaunch } from '../launch/exec';
import { launchSite } from '../launch/inject';
import { createJudgeContext } from '../judge/fs-context';
import { MemorySecretStore } from '../vault/keychain/store';
import { lintAllowlist } from '../policy/lint';
import type { Allowlist, Policy, ServerRule, ToolPins } from '../policy/types';
import { setRuleKey } from './rule-key';
import { sourceValue } from './source-edit';
import { SECRET_PLACEHOLDER_RE } from '../policy/placeholder';
import { listServer } from '../tools/client';
import { ITEM_KINDS, serverDigests, type ItemKind } from '../tools/digest';
import { ToolPinError } from '../tools/errors';

export const DEFAULT_PIN_TIMEOUT_MS = 30_000;

export interface PinDiff {
  kind: ItemKind;
  name: string;
  change: 'added' | 'changed' | 'removed';
}

export interface PinResult {
  pins: ToolPins;
  diff: PinDiff[];
  text: string;
  index: number;
  serverInfo?: { name?: string; version?: string };
  counts: Record<ItemKind, number>;
}

function ruleOf(file: string, text: string, id: string): { allowlist: Allowlist; rule: ServerRule } {
  const lint = lintAllowlist(text, { fileName: file });
  if (lint.syntax.length > 0)
    throw new ToolPinError({ code: 'PIN_RULE_INVALID', message: `${file}: cannot be parsed (${lint.syntax[0]?.message ?? ''})`, file });
  const value = sourceValue(text, file) as unknown as Allowlist;
  const index = Array.isArray(value.servers) ? value.servers.findIndex((r) => r && r.id === id) : -1;
  const rule = value.servers[index];
  if (!rule) throw new ToolPinError({ code: 'PIN_RULE_INVALID', message: `${file}: no rule with id "${id}"`, file });
  // The rule must be valid before it is launched (a sha256 YAML reads as a number is not a pin).
  const bad = lint.errors.filter(
    (p) => p.path === `$.servers[${index}]` || p.path.startsWith(`$.servers[${index}].`) || p.path.startsWith(`$.servers[${index}][`),
  );
  if (bad[0])
    throw new ToolPinError({
      code: 'PIN_RULE_INVALID',
      message: `${file}:${bad[0].line}:${bad[0].column}: ${bad[0].path}: ${bad[0].message}`,
      file,
      jsonPath: bad[0].path,
    });
  if (rule.transport !== 'stdio' || !rule.command) {
    throw new ToolPinError({
      code: 'PIN_RULE_INVALID',
      message: `${file}: rule "${id}" is not a stdio server; remote servers are not proxied (docs/tool-pinning.md)`,
      file,
    });
  }
  return { allowlist: value, rule };
}

/** The argv with placeholders filled from the environment (for this one launch). */
function filledArgv(rule: ServerRule, env: NodeJS.ProcessEnv): string[] {
  const missing = new Set<string>();
  const args = (rule.args ?? []).map((a) =>
    a.replace(SECRET_PLACEHOLDER_RE, (m, name: string) => {
      const v = env[name];
      if (!v) missing.add(name);
      return v ?? m;
    }),
  );
  if (missing.size > 0) {
    throw new ToolPinError({
      code: 'PIN_RULE_INVALID',
      message: `rule "${rule.id}" needs ${[...missing].join(', ')} to start: set ${missing.size === 1 ? 'it' : 'them'} in the environment for this run`,
    });
  }
  return [rule.command ?? '', ...args];
}

function diffPins(old: ToolPins | undefined, next: ToolPins): PinDiff[] {
  const out: PinDiff[] = [];
  for (const kind of ITEM_KINDS) {
    const a = old?.[kind] ?? {};
    const b = next[kind] ?? {};
    for (const name of Object.keys(b).sort()) {
      if (!(name in a)) out.push({ kind, name, change: 'added' });
      else if (a[name] !== b[name]) out.push({ kind, name, change: 'changed' });
    }
    for (const name of Object.keys(a).sort()) if (!(name in b)) out.push({ kind, name, change: 'removed' });
  }
  return out;
}

export async function pinTools(
  ctx: CommandContext,
  file: string,
  text: string,
  id: string,
  opts: { timeoutMs: number; now?: Date },
): Promise<PinResult> {
  const { allowlist, rule } = ruleOf(file, text, id);
  const env: NodeJS.ProcessEnv = { ...ctx.env, npm_config_offline: 'true', npm_config_yes: 'true' };
  const inner = filledArgv(rule, env);
  const execPath = execPathFor(undefined);
  // The file is not signed yet: judged as an enforce-mode policy, so a pin that does not hold
  // (wrong sha256, another package version) refuses the launch exactly as exec would.
  const policy: Policy = { allowlist: { ...allowlist, mode: 'enforce' }, digest: '', keyIds: [], acceptedAt: '', source: file };
  const d = await decideLaunch(
    { site: launchSite(id, (rule.scopes ?? ['user'])[0] ?? 'user', env, ctx.home, process.cwd()), inner, env },
    { policy, execPath, store: new MemorySecretStore(), judgeContext: () => createJudgeContext({ home: ctx.home, execPath, env }) },
  );
  if (!d.ok) throw new ToolPinError({ code: 'PIN_REFUSED', message: `${file}: rule "${id}": not launched: ${d.reason}`, file });
  const listing = await listServer(d.argv, d.env, opts.timeoutMs);
  const digests = serverDigests(listing.lists);
  const pins: ToolPins = { server: digests.server, tools: digests.tools };
  if (Object.keys(digests.prompts).length > 0) pins.prompts = digests.prompts;
  if (Object.keys(digests.resourceTemplates).length > 0) pins.resourceTemplates = digests.resourceTemplates;
  pins.pinnedAt = (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const edit = setRuleKey(file, text, id, 'toolPins', pins);
  const problems = lintAllowlist(edit.text, { fileName: file }).errors.filter((p) => p.path.startsWith(`$.servers[${edit.index}]`));
  if (problems.length > 0) {
    throw new ToolPinError({
      code: 'PIN_RULE_INVALID',
      message: `${file}: the pinned rule would not be valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      file,
    });
  }
  const counts = {
    tools: listing.lists.tools.length,
    prompts: listing.lists.prompts.length,
    resourceTemplates: listing.lists.resourceTemplates.length,
  };
  return { pins, diff: diffPins(rule.toolPins, pins), text: edit.text, index: edit.index, serverInfo: listing.serverInfo, counts };
}
