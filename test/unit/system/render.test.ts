import { renderManagedSettings, stdioForms, denyMatcher, ruleScopes } from '../../../src/system/render';
import { serializeManagedSettings, checkManagedSettings } from '../../../src/system/validate';
import { execArgv, looksLikeWarden, parseExecArgv } from '../../../src/inventory/wrapper';
import { compileSchema } from '../../../src/schema/compile';
import allowlistSchema from '../../../schemas/allowlist.schema.json';
import type { Allowlist, DenyRule, ServerRule } from '../../../src/policy/types';
import { EXEC, expectGolden, fixtureAllowlist, policyOf } from './helpers';

const FIXTURES = ['full', 'remote-only', 'empty'];

describe('renderManagedSettings', () => {
  describe('golden outputs', () => {
    it.each(FIXTURES)('%s fixture is a valid allowlist', (name) => {
      expect(compileSchema(allowlistSchema).validate(fixtureAllowlist(name))).toEqual([]);
    });

    it.each(FIXTURES)('%s renders the golden drop-in and notes', (name) => {
      const { settings, notes } = renderManagedSettings(policyOf(fixtureAllowlist(name)), { execPath: EXEC });
      expectGolden(`${name}.dropin.json`, serializeManagedSettings(settings));
      expectGolden(`${name}.notes.json`, `${JSON.stringify(notes, null, 2)}\n`);
      expect(checkManagedSettings(settings)).toEqual([]);
    });

    it('is deterministic: the same policy renders the same bytes', () => {
      const a = serializeManagedSettings(renderManagedSettings(policyOf(fixtureAllowlist('full')), { execPath: EXEC }).settings);
      const b = serializeManagedSettings(renderManagedSettings(policyOf(fixtureAllowlist('full')), { execPath: EXEC }).settings);
      expect(a).toBe(b);
    });
  });

  describe('stdio servers', () => {
    const full = fixtureAllowlist('full');
    const rule = (id: string): ServerRule => full.servers.find((s) => s.id === id)!;
    const allowed = renderManagedSettings(policyOf(full), { execPath: EXEC }).settings.allowedMcpServers;
    const commands = allowed.flatMap((m) => ('serverCommand' in m ? [m.serverCommand] : []));

    it('allows the plain argv', () => {
      expect(commands).toContainEqual(['npx', '-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/srv/shared']);
    });

    it('allows the wrapped argv exactly as src/inventory/wrapper.ts builds it, once per allowed scope', () => {
      const fs = rule('fs');
      const inner = [fs.command!, ...fs.args!];
      for (const scope of ['user', 'project'] as const) expect(commands).toContainEqual(execArgv(EXEC, 'fs', scope, inner));
      expect(commands).not.toContainEqual(execArgv(EXEC, 'fs', 'local', inner));
      const gh = rule('github');
      for (const scope of ['user', 'local', 'project'] as const) {
        expect(commands).toContainEqual(execArgv(EXEC, 'github', scope, [gh.command!, ...gh.args!]));
      }
    });

    it('renders wrapped forms that the judge parses back to the rule and scope', () => {
      for (const argv of commands.filter((c) => looksLikeWarden(c[0]))) {
        const parsed = parseExecArgv(argv[0], argv.slice(1), looksLikeWarden);
        expect(parsed).toBeDefined();
        const r = rule(parsed!.serverId);
        expect(parsed!.inner).toEqual([r.command, ...r.args!]);
        expect(ruleScopes(r)).toContain(parsed!.scope);
      }
    });

    it('omits the plain form when args hold secret placeholders, keeps the wrapped one', () => {
      const pg = rule('pg');
      const forms = stdioForms(pg, EXEC);
      expect(forms.plain).toBeUndefined();
      expect(forms.wrapped).toEqual([execArgv(EXEC, 'pg', 'local', [pg.command!, ...pg.args!])]);
      expect(commands.filter((c) => c.join(' ').includes('server-postgres'))).toEqual(forms.wrapped);
    });

    it('renders the base argv of a trailingArgs rule', () => {
      expect(commands).toContainEqual(['/opt/acme/bin/mcp-local', '--stdio']);
    });

    it('lists an argv shared by two rules once', () => {
      const keys = allowed.map((m) => JSON.stringify(m));
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('uses the exec path it is given', () => {
      const s = renderManagedSettings(policyOf(full), { execPath: 'C:\\Program Files\\mcp-warden\\mcp-warden.exe' }).settings;
      const wrapped = s.allowedMcpServers.filter((m) => 'serverCommand' in m && m.serverCommand[0].endsWith('mcp-warden.exe'));
      expect(wrapped.length).toBe(1 + 2 + 3 + 3 + 1);
    });
  });

  describe('remote servers and settings', () => {
    it('renders serverUrl entries from rule urls and never serverName', () => {
      const { settings } = renderManagedSettings(policyOf(fixtureAllowlist('remote-only')), { execPath: EXEC });
      expect(settings.allowedMcpServers).toEqual([
        { serverUrl: 'https://docs.acme.example/mcp' },
        { serverUrl: 'wss://feed.acme.example/mcp' },
      ]);
      expect(settings.allowManagedMcpServersOnly).toBeUndefined();
      expect(settings.enableAllProjectMcpServers).toBe(false);
      expect(settings.permissions).toBeUndefined();
      expect(settings.deniedMcpServers).toBeUndefined();
    });

    it('follows settings, and an empty allowlist is an explicit empty list', () => {
      const { settings, notes } = renderManagedSettings(policyOf(fixtureAllowlist('empty')), { execPath: EXEC });
      expect(settings).toEqual({ allowedMcpServers: [], allowManagedMcpServersOnly: true, enableAllProjectMcpServers: true });
      expect(notes.join('\n')).toMatch(/blocks every MCP server/);
    });

    it('renders the same for audit and enforce (audit decides whether to write, not what)', () => {
      const enforce = fixtureAllowlist('full');
      const audit: Allowlist = { ...enforce, mode: 'audit' };
      expect(renderManagedSettings(policyOf(audit), { execPath: EXEC }).settings).toEqual(
        renderManagedSettings(policyOf(enforce), { execPath: EXEC }).settings,
      );
    });
  });

  describe('deny rules', () => {
    const cases: [string, DenyRule, object | undefined][] = [
      ['url', { url: 'https://*.bad.example/*' }, { serverUrl: 'https://*.bad.example/*' }],
      ['name', { name: 'claude.ai Slack' }, { serverName: 'claude.ai Slack' }],
      ['command + args', { command: 'npx', args: ['-y', 'bad'] }, { serverCommand: ['npx', '-y', 'bad'] }],
      ['command + empty args', { command: 'nc', args: [] }, { serverCommand: ['nc'] }],
      ['command alone (a subset: no arguments)', { command: 'nc' }, { serverCommand: ['nc'] }],
      ['package', { package: 'evil' }, undefined],
      ['name + url', { name: 'x', url: 'https://x.example/*' }, undefined],
      ['command + args + name', { command: 'npx', args: ['bad'], name: 'x' }, undefined],
      ['command + package', { command: 'npx', package: 'evil' }, undefined],
    ];
    it.each(cases)('%s', (_label, rule, expected) => {
      const r = denyMatcher({ ...rule, reason: 'because' });
      expect(r.matcher).toEqual(expected);
      if (!expected || (rule.command && !rule.args)) expect(r.note).toBeTruthy();
    });
  });
});
