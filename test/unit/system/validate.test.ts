import { checkManagedSettings, prepareDropIn, serializeManagedSettings } from '../../../src/system/validate';
import { renderManagedSettings } from '../../../src/system/render';
import { SystemError } from '../../../src/system/errors';
import type { ManagedSettings } from '../../../src/system/types';
import type { Allowlist } from '../../../src/policy/types';
import { EXEC, fixtureAllowlist, policyOf } from './helpers';

const ok: ManagedSettings = { allowedMcpServers: [{ serverCommand: ['npx', '-y', 'x@1.0.0'] }], enableAllProjectMcpServers: false };

function issuesOf(value: unknown): string[] {
  return checkManagedSettings(value).map((i) => i.path);
}

describe('checkManagedSettings', () => {
  it('accepts a minimal drop-in', () => {
    expect(checkManagedSettings(ok)).toEqual([]);
  });

  const bad: [string, unknown, string][] = [
    ['an unknown top-level key', { ...ok, managedMcpServers: {} }, '$.managedMcpServers'],
    ['serverName in the allowlist', { ...ok, allowedMcpServers: [{ serverName: 'github' }] }, '$.allowedMcpServers[0]'],
    ['two keys in one entry', { ...ok, allowedMcpServers: [{ serverCommand: ['a'], serverUrl: 'https://x' }] }, '$.allowedMcpServers[0]'],
    ['an empty serverCommand', { ...ok, allowedMcpServers: [{ serverCommand: [] }] }, '$.allowedMcpServers[0]'],
    ['a non-string argument', { ...ok, allowedMcpServers: [{ serverCommand: ['a', 1] }] }, '$.allowedMcpServers[0]'],
    ['an empty serverUrl', { ...ok, allowedMcpServers: [{ serverUrl: '' }] }, '$.allowedMcpServers[0]'],
    ['allowManagedMcpServersOnly false', { ...ok, allowManagedMcpServersOnly: false }, '$.allowManagedMcpServersOnly'],
    ['a missing allowedMcpServers', { enableAllProjectMcpServers: false }, '$.allowedMcpServers'],
    ['a non-MCP permission rule', { ...ok, permissions: { deny: ['Bash(rm -rf *)'] } }, '$.permissions.deny[0]'],
    ['a permission rule with parentheses', { ...ok, permissions: { ask: ['mcp__x__y(z)'] } }, '$.permissions.ask[0]'],
    ['an empty permissions object', { ...ok, permissions: {} }, '$.permissions'],
    ['an empty deny list', { ...ok, deniedMcpServers: [] }, '$.deniedMcpServers'],
    ['an empty command', { ...ok, allowedMcpServers: [{ serverCommand: [' '] }] }, '$.allowedMcpServers[0].serverCommand[0]'],
    [
      '${VAR} in an argument',
      { ...ok, allowedMcpServers: [{ serverCommand: ['node', '${HOME}/x.js'] }] },
      '$.allowedMcpServers[0].serverCommand[1]',
    ],
    ['${VAR} in a URL', { ...ok, allowedMcpServers: [{ serverUrl: 'https://${HOST}/mcp' }] }, '$.allowedMcpServers[0].serverUrl'],
    ['${VAR} in a deny command', { ...ok, deniedMcpServers: [{ serverCommand: ['${X}'] }] }, '$.deniedMcpServers[0].serverCommand[0]'],
    ['a control character', { ...ok, allowedMcpServers: [{ serverCommand: ['a\u0000b'] }] }, '$.allowedMcpServers[0].serverCommand[0]'],
  ];
  it.each(bad)('refuses %s', (_label, value, path) => {
    expect(issuesOf(value)).toContain(path);
  });

  it('allows ${ in a deny serverName (names never expand)', () => {
    expect(checkManagedSettings({ ...ok, deniedMcpServers: [{ serverName: '${odd}' }] })).toEqual([]);
  });
});

describe('prepareDropIn', () => {
  it('returns the serialized text for a valid render', () => {
    const { settings } = renderManagedSettings(policyOf(fixtureAllowlist('full')), { execPath: EXEC });
    const text = prepareDropIn(settings);
    expect(text).toBe(serializeManagedSettings(settings));
    expect(JSON.parse(text)).toEqual(settings);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses, with RENDER_INVALID and the JSON path, a policy whose argv would expand from the user environment', () => {
    const allowlist: Allowlist = {
      ...fixtureAllowlist('remote-only'),
      servers: [{ id: 'x', transport: 'stdio', command: '${HOME}/bin/server', args: [], sha256: 'a'.repeat(64) }],
    };
    const { settings } = renderManagedSettings(policyOf(allowlist), { execPath: EXEC });
    let caught: unknown;
    try {
      prepareDropIn(settings);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SystemError);
    expect((caught as SystemError).code).toBe('RENDER_INVALID');
    expect((caught as SystemError).jsonPath).toBe('$.allowedMcpServers[0].serverCommand[0]');
  });
});
