// The two layers agree by construction: every entry the agent's judge approves (in a form
// the agent may leave on disk) is allowed by the rendered managed settings, and after the
// agent's pass an approved server with tool rules carries the name its rendered permission
// rules bind to. Uses the real judge and plan; the judge's machine questions (hashes, npx
// cache) are answered by a fake that says every pin holds.
import { judgeEntry } from '../../../src/judge';
import { plan, emptyPlanState } from '../../../src/plan';
import type { JudgeContext } from '../../../src/judge/context';
import type { Inventory, ServerEntry } from '../../../src/inventory/types';
import type { Policy, Scope, ServerRule } from '../../../src/policy/types';
import { execArgv, looksLikeWarden, parseExecArgv } from '../../../src/inventory/wrapper';
import { renderManagedSettings, ruleScopes } from '../../../src/system/render';
import { normaliseToolPattern } from '../../../src/system/permissions';
import { detectSecrets } from '../../../src/secrets/detect';
import { rewriteEntry } from '../../../src/vault/rewrite';
import { EXEC, fixtureAllowlist, matchingRules, policyOf } from './helpers';

const policy: Policy = policyOf(fixtureAllowlist('full'));
const rendered = renderManagedSettings(policy, { execPath: EXEC }).settings;
const nativeCommands = new Set(rendered.allowedMcpServers.flatMap((m) => ('serverCommand' in m ? [JSON.stringify(m.serverCommand)] : [])));
const nativeUrls = new Set(rendered.allowedMcpServers.flatMap((m) => ('serverUrl' in m ? [m.serverUrl] : [])));

const ctx: JudgeContext = {
  execPath: EXEC,
  home: '/home/dev',
  which: (c) => (c.startsWith('/') ? c : `/usr/bin/${c}`),
  hashFile: () => {
    const r = policy.allowlist.servers.find((s) => s.sha256);
    return { sha256: r?.sha256 ?? '' };
  },
  npxInstalls: (_spec, name) => {
    const pin = policy.allowlist.servers.find((s) => s.package?.name === name)?.package;
    return pin ? [{ folder: '/home/dev/.npm/_npx/0', version: pin.version, integrity: pin.integrity }] : [];
  },
};

let n = 0;
function entry(name: string, scope: Scope, raw: Record<string, unknown>): ServerEntry {
  const file = scope === 'project' ? '/work/app/.mcp.json' : '/home/dev/.claude.json';
  const jsonPath = scope === 'local' ? ['projects', '/work/app', 'mcpServers', name] : ['mcpServers', name];
  const command = typeof raw.command === 'string' ? raw.command : undefined;
  const args = Array.isArray(raw.args) ? (raw.args as string[]) : undefined;
  return {
    key: `${file}#${n++}`,
    file,
    scope,
    configHome: '/home/dev',
    project: scope === 'user' ? undefined : '/work/app',
    jsonPath,
    name,
    transport: command ? 'stdio' : (raw.type as ServerEntry['transport']),
    type: typeof raw.type === 'string' ? raw.type : undefined,
    command,
    args,
    url: typeof raw.url === 'string' ? raw.url : undefined,
    env: raw.env as Record<string, string> | undefined,
    wrapped: parseExecArgv(command, args, looksLikeWarden),
    raw,
  };
}

/** A real secret where the rule has a placeholder: what a user's plaintext config holds. */
const plaintext = (args: readonly string[]): string[] => args.map((a) => a.replace(/\{\{secret:[A-Za-z0-9_]+\}\}/g, 's3cr3t-value'));

function onDiskForms(rule: ServerRule): { entry: ServerEntry; nativeExpected: boolean }[] {
  const out: { entry: ServerEntry; nativeExpected: boolean }[] = [];
  for (const scope of ruleScopes(rule)) {
    if (rule.transport === 'stdio') {
      const inner = [rule.command!, ...rule.args!];
      const hasPlaceholder = inner.some((a) => a.includes('{{secret:'));
      // Plaintext form: allowed natively unless a secret sits in argv (documented: the agent migrates it).
      out.push({
        entry: entry(`user-${rule.id}`, scope, { type: 'stdio', command: rule.command, args: plaintext(rule.args!) }),
        nativeExpected: !hasPlaceholder,
      });
      const [cmd, ...args] = execArgv(EXEC, rule.id, scope, inner);
      out.push({ entry: entry(`wrapped-${rule.id}`, scope, { type: 'stdio', command: cmd, args }), nativeExpected: true });
    } else {
      out.push({
        entry: entry(`remote-${rule.id}`, scope, { type: rule.transport, url: rule.url!.replace(/\*/g, 'x') }),
        nativeExpected: true,
      });
    }
  }
  return out;
}

describe('agent and Claude Code agree', () => {
  const cases = policy.allowlist.servers.flatMap((r) => onDiskForms(r).map((f) => [r.id, f.entry.scope, f.entry.name, f] as const));

  it.each(cases)('%s in %s scope as %s: approved by the judge and allowed natively', (id, _scope, _name, f) => {
    const v = judgeEntry(f.entry, policy, ctx);
    expect(v.verdict).toBe('approved');
    // Two rules may share an argv (fs and fs-dup): the judge picks one of them.
    expect(policy.allowlist.servers.filter((s) => s.id === v.ruleId || s.id === id).length).toBeGreaterThan(0);
    const e = f.entry;
    const allowed =
      e.transport === 'stdio'
        ? nativeCommands.has(JSON.stringify([e.command, ...(e.args ?? [])]))
        : nativeUrls.has(policy.allowlist.servers.find((s) => s.id === id)!.url!);
    expect(allowed).toBe(f.nativeExpected);
  });
});

describe('the credential migration writes only argv forms the drop-in allows', () => {
  // Plaintext secrets as `claude mcp add -e` leaves them: a declared one (env.secrets), one
  // the detector finds by name and shape on a rule that declares none, and one in args.
  const env = { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_' + 'a1B2c3D4'.repeat(4) + 'zZ9x', API_TOKEN: 'sk-' + 'Q7w8E9r0'.repeat(5) };
  const cases = policy.allowlist.servers
    .filter((r) => r.transport === 'stdio' && !r.trailingArgs)
    .flatMap((r) => ruleScopes(r).map((scope) => [r.id, scope, r] as const));

  it.each(cases)('%s in %s scope', (_id, scope, rule) => {
    const e = entry(`user-${rule.id}`, scope, { type: 'stdio', command: rule.command, args: plaintext(rule.args!), env });
    const moved = detectSecrets(e, rule).filter((d) => d.movable);
    expect(moved.length).toBeGreaterThan(0);
    const rewritten = rewriteEntry(e, moved, { execPath: EXEC, ruleId: rule.id, scope })!;
    const argv = [rewritten.command as string, ...(rewritten.args as string[])];
    expect(nativeCommands.has(JSON.stringify(argv))).toBe(true);
    // And the judge approves what the migration wrote.
    expect(judgeEntry(entry(e.name, scope, rewritten), policy, ctx).verdict).toBe('approved');
  });
});

describe('a renamed server cannot escape its ask rule (agent pass end to end)', () => {
  const github = policy.allowlist.servers.find((s) => s.id === 'github')!;
  const linear = policy.allowlist.servers.find((s) => s.id === 'linear')!;
  const entries = [
    entry('my github', 'user', { type: 'stdio', command: github.command, args: github.args }),
    entry('Linear (work)', 'user', { type: 'http', url: 'https://mcp.linear.app/mcp' }),
  ];
  const inventory: Inventory = { entries, settings: [], unreadable: [], files: [], folders: [], projects: [], configHomes: ['/home/dev'] };
  const verdicts = entries.map((e) => judgeEntry(e, policy, ctx));
  const p = plan(inventory, { policy, verdicts }, emptyPlanState('salt'), { now: new Date('2026-01-01T00:00:00Z') });

  it('the plan renames each approved entry with tool rules to its rule id', () => {
    expect(verdicts.map((v) => v.verdict)).toEqual(['approved', 'approved']);
    const renames = p.actions.flatMap((a) => (a.kind === 'rename' ? [[a.entry.name, a.to]] : []));
    expect(renames).toEqual([
      ['my github', 'github'],
      ['Linear (work)', 'linear'],
    ]);
  });

  it('under the new name every ask tool asks and every deny tool is denied by its exact rule', () => {
    const newName = new Map(p.actions.flatMap((a) => (a.kind === 'rename' ? [[a.entry.key, a.to] as const] : [])));
    for (const [e, rule] of [
      [entries[0], github],
      [entries[1], linear],
    ] as const) {
      const name = newName.get(e.key)!;
      for (const t of rule.tools?.ask ?? []) {
        expect(matchingRules(rendered.permissions?.ask, name, t.replace(/\*/g, 'x'))).toContain(
          `mcp__${rule.id}__${normaliseToolPattern(t)}`,
        );
      }
      for (const t of rule.tools?.deny ?? []) {
        expect(matchingRules(rendered.permissions?.deny, name, t.replace(/\*/g, 'x'))).toContain(
          `mcp__${rule.id}__${normaliseToolPattern(t)}`,
        );
      }
    }
  });

  it('before the rename (agent killed) the exact rules miss, and the any-name ask rules still catch the named tools', () => {
    for (const t of github.tools?.deny ?? []) {
      expect(matchingRules(rendered.permissions?.deny, 'my github', t)).toEqual([]);
      expect(matchingRules(rendered.permissions?.ask, 'my github', t)).toContain(`mcp__*__${t}`);
    }
  });
});
