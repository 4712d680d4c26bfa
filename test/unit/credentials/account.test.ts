import { bindingOf, indexAccount, launchBindings, normalizeDir, parseAccount, secretAccount } from '../../../src/vault/account';

describe('keychain account names', () => {
  it.each([
    [
      { scope: 'user' as const, configHome: '/home/a', serverId: 'github' },
      'env',
      'GITHUB_TOKEN',
      'v1|user|/home/a|-|github|env|GITHUB_TOKEN',
    ],
    [
      { scope: 'local' as const, configHome: '/home/a/', project: '/src/p', serverId: 'pg' },
      'args',
      'PG_PASSWORD',
      'v1|local|/home/a|/src/p|pg|args|PG_PASSWORD',
    ],
    [
      { scope: 'project' as const, configHome: '/home/a', project: '/src/p', serverId: 'api' },
      'headers',
      'Authorization',
      'v1|project|*|/src/p|api|headers|authorization',
    ],
  ])('%j %s %s → %s', (b, loc, name, want) => {
    expect(secretAccount(b, loc as 'env', name)).toBe(want);
  });

  it('escapes separators so any path round-trips', () => {
    const b = { scope: 'local' as const, configHome: '/home/a|b%c', project: '/src/x|y', serverId: 's' };
    const acct = secretAccount(b, 'env', 'T');
    expect(acct.split('|')).toHaveLength(7);
    expect(parseAccount(acct)).toEqual({ binding: { ...b }, location: 'env', name: 'T' });
    expect(parseAccount(indexAccount(b))?.location).toBe('index');
    expect(parseAccount('something|else')).toBeUndefined();
    expect(parseAccount('mcp-warden:probe')).toBeUndefined();
  });

  it('a project-scope account does not depend on the config home', () => {
    const a = secretAccount({ scope: 'project', configHome: '/home/a', project: '/p', serverId: 's' }, 'env', 'T');
    const b = secretAccount({ scope: 'project', configHome: '/home/a/.claude-work', project: '/p', serverId: 's' }, 'env', 'T');
    expect(a).toBe(b);
  });

  it('launch bindings walk up from the project folder', () => {
    const bs = launchBindings({ scope: 'local', serverId: 's', configHome: '/home/a', projectDir: '/src/p/sub' });
    expect(bs.map((b) => b.project)).toEqual(['/src/p/sub', '/src/p', '/src', '/']);
    expect(launchBindings({ scope: 'user', serverId: 's', configHome: '/home/a', projectDir: '/x' })).toEqual([
      { scope: 'user', configHome: '/home/a', serverId: 's' },
    ]);
  });

  it('binds entries in editable scopes only', () => {
    expect(bindingOf({ scope: 'plugin', configHome: '/h' }, 's')).toBeUndefined();
    expect(bindingOf({ scope: 'local', configHome: '/h' }, 's')).toBeUndefined();
    expect(bindingOf({ scope: 'local', configHome: '/h/', project: '/p/' }, 's')).toEqual({
      scope: 'local',
      configHome: '/h',
      project: '/p',
      serverId: 's',
    });
    expect(normalizeDir('/')).toBe('/');
  });
});
