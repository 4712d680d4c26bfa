// Pure pieces of issue 21's second half: the wrapper's --client/--project shapes, keychain
// accounts per client, the client a finding's file names, and the admin controls rendered
// for Gemini CLI and Codex from a policy.
import { execArgv, parseExecArgv } from '../../../src/inventory/wrapper';
import { indexAccount, launchBindings, parseAccount, secretAccount } from '../../../src/vault/account';
import { clientOfFile } from '../../../src/clients/of-file';
import { renderCodexRequirements, renderGeminiControls } from '../../../src/system/clients-render';
import { checkClientValue } from '../../../src/system/clients-apply';
import { judgeValue } from '../../../src/secrets/values';
import { makeAllowlist } from '../../helpers/policy';
import type { Allowlist, Policy } from '../../../src/policy/types';

const policy = (over: Partial<Allowlist>): Policy => ({
  allowlist: makeAllowlist(over),
  digest: '0'.repeat(64),
  keyIds: ['k'],
  acceptedAt: new Date().toISOString(),
  source: 'test',
});

describe('wrapper with --client / --project', () => {
  it('round-trips, and Claude Code keeps its exact old shape', () => {
    expect(execArgv('/w', 'gh', 'user', ['npx', 'x'])).toEqual(['/w', 'exec', '--server', 'gh', '--scope', 'user', '--', 'npx', 'x']);
    expect(execArgv('/w', 'gh', 'user', ['npx'], { client: 'claude-code', project: '/p' })).toEqual([
      '/w',
      'exec',
      '--server',
      'gh',
      '--scope',
      'user',
      '--',
      'npx',
    ]);
    const argv = execArgv('/w', 'gh', 'project', ['npx', 'x'], { client: 'vscode', project: '/p' });
    expect(argv).toEqual(['/w', 'exec', '--server', 'gh', '--scope', 'project', '--client', 'vscode', '--project', '/p', '--', 'npx', 'x']);
    expect(parseExecArgv(argv[0], argv.slice(1), () => true)).toEqual({
      serverId: 'gh',
      scope: 'project',
      client: 'vscode',
      project: '/p',
      inner: ['npx', 'x'],
      innerAt: 10,
    });
  });

  it('refuses shapes it does not write', () => {
    const p = (args: string[]) => parseExecArgv('/w', args, () => true);
    expect(p(['exec', '--server', 'gh', '--scope', 'user', '--client', 'claude-code', '--', 'npx'])).toBeUndefined();
    expect(p(['exec', '--server', 'gh', '--scope', 'user', '--client', 'emacs', '--', 'npx'])).toBeUndefined();
    expect(p(['exec', '--server', 'gh', '--scope', 'user', '--project', '/p', '--', 'npx'])).toBeUndefined();
    expect(p(['exec', '--server', 'gh', '--scope', 'user', '--client', 'cursor', '--'])).toBeUndefined();
  });
});

describe('keychain accounts per client', () => {
  it('keeps Claude Code accounts as they were and gives each other client its own', () => {
    const b = { scope: 'user' as const, configHome: '/home/u', serverId: 'gh' };
    expect(secretAccount(b, 'env', 'T')).toBe('v1|user|/home/u|-|gh|env|T');
    const c = { ...b, client: 'cursor' as const };
    expect(secretAccount(c, 'env', 'T')).toBe('v1|cursor|user|/home/u|-|gh|env|T');
    expect(parseAccount(indexAccount(c))).toEqual({ binding: c, location: 'index', name: '-' });
    expect(parseAccount('v1|claude-code|user|/h|-|gh|env|T')).toBeUndefined();
    expect(launchBindings({ scope: 'project', serverId: 'gh', configHome: '/h', projectDir: '/p/a', client: 'codex' })[1]).toEqual({
      scope: 'project',
      configHome: '/h',
      project: '/p',
      serverId: 'gh',
      client: 'codex',
    });
  });
});

describe('the client a file belongs to', () => {
  it.each([
    ['/home/u/.cursor/mcp.json', 'cursor'],
    ['/p/.vscode/mcp.json', 'vscode'],
    ['C:\\Users\\u\\AppData\\Roaming\\Code\\User\\mcp.json', 'vscode'],
    ['/home/u/Library/Application Support/Code - Insiders/User/mcp.json', 'vscode'],
    ['/home/u/.config/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['/home/u/.codeium/windsurf/mcp_config.json', 'windsurf'],
    ['/home/u/.gemini/settings.json', 'gemini-cli'],
    ['/home/u/.codex/config.toml', 'codex'],
    ['/home/u/.claude.json', 'claude-code'],
    ['/p/.mcp.json', 'claude-code'],
    ['/home/u/.claude/settings.json', 'claude-code'],
  ])('%s → %s', (file, client) => expect(clientOfFile(file)).toBe(client));
});

describe('Gemini CLI $VAR references are not secrets', () => {
  it('treats a bare $NAME as a reference', () => {
    expect(judgeValue('$GITHUB_TOKEN', 'name', 'GITHUB_TOKEN')).toBeUndefined();
    expect(judgeValue('ghp_' + 'a1B2'.repeat(9), 'name', 'GITHUB_TOKEN')).toBeDefined();
  });
});

describe('admin controls for Gemini CLI and Codex', () => {
  const servers: Allowlist['servers'] = [
    { id: 'gh', transport: 'stdio', command: 'npx', args: ['-y', 'gh'], sha256: 'a'.repeat(64) },
    { id: 'docs', transport: 'http', url: 'https://mcp.example.com/mcp' },
    { id: 'events', transport: 'sse', url: 'https://mcp.example.com/sse' },
    { id: 'vs', transport: 'stdio', command: 'node', args: ['x'], sha256: 'a'.repeat(64), clients: ['vscode'] },
  ];

  it('renders only name-only deny rules into mcp.excluded, and no allow list without the opt-in', () => {
    const r = renderGeminiControls(
      policy({ servers, deny: [{ name: 'evil' }, { name: 'bad', reason: 'x' }, { command: 'curl' }, { name: 'n', command: 'c' }] }),
    );
    expect(r.value).toEqual({ excluded: ['bad', 'evil'] });
    expect(r.notes.join('\n')).toContain('2 deny rule(s)');
    expect(renderGeminiControls(policy({ servers })).value).toBeUndefined();
    expect(renderCodexRequirements(policy({ servers }), '/w').value).toBeUndefined();
  });

  it('with allowManagedMcpServersOnly: rule ids the client may run; Codex identities it can match', () => {
    const p = policy({ servers, settings: { allowManagedMcpServersOnly: true } });
    expect(renderGeminiControls(p).value).toEqual({ allowed: ['docs', 'events', 'gh'] });
    const c = renderCodexRequirements(p, '/w');
    expect(c.value).toEqual({ gh: { identity: { command: 'npx' } }, docs: { identity: { url: 'https://mcp.example.com/mcp' } } });
    expect(c.notes.join('\n')).toContain('"events" is not listed (Codex has no sse transport)');
  });

  it('validates what it would write', () => {
    expect(checkClientValue('gemini-cli', { allowed: ['ok', 'b a d', '$X'] })).toEqual([
      'mcp.allowed[1] is not a server name ([A-Za-z0-9_-])',
      'mcp.allowed[2] is not a server name ([A-Za-z0-9_-])',
    ]);
    expect(checkClientValue('gemini-cli', { other: [] })).toEqual(['mcp.other is not ours']);
    expect(checkClientValue('codex', { ok: { identity: { command: 'a', url: 'b' } } })).toEqual([
      'mcp_servers.ok.identity must have exactly one of command, url',
    ]);
    expect(checkClientValue('codex', { ok: { identity: { command: 'a\nb' } } })).toEqual([
      'mcp_servers.ok.identity.command contains a control character',
    ]);
    expect(checkClientValue('codex', { ok: { identity: { url: 'https://x' } } })).toEqual([]);
  });
});
