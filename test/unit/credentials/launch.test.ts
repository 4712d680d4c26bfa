// decideLaunch / decideHeaders with a fake judge context and an in-memory keychain: every
// branch of the launch decision (the real-keychain, real-process version is in
// test/integration/credentials).
import { PassThrough } from 'node:stream';
import { decideLaunch } from '../../../src/launch/exec';
import { decideHeaders } from '../../../src/launch/headers';
import { storeSecrets } from '../../../src/vault/migrate';
import { commandDigest } from '../../../src/vault/manifest';
import { fillPlaceholders, placeholderNames } from '../../../src/launch/inject';
import { readSecretValue } from '../../../src/vault/prompt';
import type { JudgeContext } from '../../../src/judge/context';
import { MemorySecretStore } from '../../../src/vault/keychain/store';
import type { ServerRule } from '../../../src/policy/types';
import { policyOf } from './fixtures';

const EXEC = '/opt/mcp-warden/bin/mcp-warden';
const HOME = '/home/dev';
const inner = ['npx', '-y', '@acme/gh-mcp@1.0.0', '--key={{secret:API_KEY}}'];
const rules: ServerRule[] = [
  {
    id: 'gh',
    transport: 'stdio',
    command: 'npx',
    args: ['-y', '@acme/gh-mcp@1.0.0', '--key={{secret:API_KEY}}'],
    sha256: 'f'.repeat(64),
    env: { secrets: ['GH_TOKEN'] },
  },
  { id: 'other', transport: 'stdio', command: 'npx', args: ['-y', 'other@1.0.0'], sha256: 'f'.repeat(64) },
  { id: 'api', transport: 'http', url: 'https://mcp.example.com/mcp' },
];

const jctx = (): JudgeContext => ({
  execPath: EXEC,
  home: HOME,
  which: (c) => `/usr/bin/${c}`,
  hashFile: () => ({ sha256: 'f'.repeat(64) }),
  npxInstalls: () => [],
});

const site = (serverId: string, scope: 'user' | 'local' = 'user') => ({ serverId, scope, configHome: HOME, projectDir: '/src/acme/sub' });

async function seeded(): Promise<MemorySecretStore> {
  const store = new MemorySecretStore();
  const base = { v: 1 as const, scope: 'user' as const, configHome: HOME, entryName: 'gh', file: `${HOME}/.claude.json`, updatedAt: 'x' };
  await storeSecrets(
    store,
    { scope: 'user', configHome: HOME, serverId: 'gh' },
    [
      { location: 'env', name: 'GH_TOKEN', value: 'tok-123456' },
      { location: 'args', name: 'API_KEY', value: 'key-abcdef' },
    ],
    { ...base, serverId: 'gh', boundTo: commandDigest(inner) },
  );
  await storeSecrets(
    store,
    { scope: 'user', configHome: HOME, serverId: 'api' },
    [{ location: 'headers', name: 'Authorization', value: 'Bearer tok-999999' }],
    {
      ...base,
      serverId: 'api',
      entryName: 'api',
      boundTo: commandDigest('https://mcp.example.com/mcp'),
    },
  );
  return store;
}

describe('decideLaunch', () => {
  it('approves, fills placeholders and sets secret variables', async () => {
    const d = await decideLaunch(
      { site: site('gh'), inner, env: { PATH: '/bin' } },
      { policy: policyOf(rules), execPath: EXEC, judgeContext: jctx, store: await seeded() },
    );
    expect(d).toMatchObject({
      ok: true,
      argv: ['npx', '-y', '@acme/gh-mcp@1.0.0', '--key=key-abcdef'],
      env: { PATH: '/bin', GH_TOKEN: 'tok-123456' },
    });
  });

  it('refuses a command approved under another rule id (no borrowing secrets)', async () => {
    const d = await decideLaunch(
      { site: site('gh'), inner: ['npx', '-y', 'other@1.0.0'], env: {} },
      { policy: policyOf(rules), execPath: EXEC, judgeContext: jctx, store: await seeded() },
    );
    expect(d).toMatchObject({ ok: false, kind: 'server.exec_refused', code: 'EXEC_REFUSED' });
  });

  it('in an audit-mode policy, starts an unapproved command but reports it, without secrets bound elsewhere', async () => {
    const d = await decideLaunch(
      { site: site('gh'), inner: ['npx', '-y', 'evil@1.0.0'], env: {} },
      { policy: policyOf(rules, 'audit'), execPath: EXEC, judgeContext: jctx, store: await seeded() },
    );
    expect(d).toMatchObject({ ok: false, code: 'EXEC_REFUSED' });
    const clean = await decideLaunch(
      { site: site('other'), inner: ['npx', '-y', 'evil@1.0.0'], env: {} },
      { policy: policyOf(rules, 'audit'), execPath: EXEC, judgeContext: jctx, store: new MemorySecretStore() },
    );
    expect(clean).toMatchObject({ ok: true, audit: { kind: 'server.exec_refused' } });
  });

  it('with no policy, hands secrets only to the argv they were moved for', async () => {
    const store = await seeded();
    expect(
      await decideLaunch({ site: site('gh'), inner, env: {} }, { policy: null, execPath: EXEC, judgeContext: jctx, store }),
    ).toMatchObject({ ok: true });
    expect(
      await decideLaunch(
        { site: site('gh'), inner: ['sh', '-c', 'env'], env: {} },
        { policy: null, execPath: EXEC, judgeContext: jctx, store },
      ),
    ).toMatchObject({ ok: false, code: 'EXEC_REFUSED' });
  });

  it('tells a missing secret from a locked keychain', async () => {
    const store = await seeded();
    await store.delete('v1|user|/home/dev|-|gh|env|GH_TOKEN');
    expect(
      await decideLaunch({ site: site('gh'), inner, env: {} }, { policy: policyOf(rules), execPath: EXEC, judgeContext: jctx, store }),
    ).toMatchObject({
      ok: false,
      kind: 'credential.missing',
      code: 'SECRET_MISSING',
    });
    store.available = false;
    expect(
      await decideLaunch({ site: site('gh'), inner, env: {} }, { policy: policyOf(rules), execPath: EXEC, judgeContext: jctx, store }),
    ).toMatchObject({
      ok: false,
      code: 'KEYCHAIN_UNAVAILABLE',
    });
  });

  it('refuses placeholders it cannot fill, and an empty command', async () => {
    const empty = new MemorySecretStore();
    expect(
      await decideLaunch(
        { site: site('gh', 'local'), inner, env: {} },
        { policy: policyOf(rules), execPath: EXEC, judgeContext: jctx, store: empty },
      ),
    ).toMatchObject({ code: 'SECRET_MISSING' });
    expect(
      await decideLaunch({ site: site('gh'), inner: [], env: {} }, { policy: null, execPath: EXEC, judgeContext: jctx, store: empty }),
    ).toMatchObject({ ok: false });
  });
});

describe('decideHeaders', () => {
  const req = (url?: string) => ({ site: site('api'), url, name: 'api' });
  it('serves the headers for the approved URL only', async () => {
    const store = await seeded();
    const deps = { policy: policyOf(rules), execPath: EXEC, judgeContext: jctx, store };
    expect(await decideHeaders(req('https://mcp.example.com/mcp'), deps)).toMatchObject({
      ok: true,
      headers: { Authorization: 'Bearer tok-999999' },
    });
    expect(await decideHeaders(req('https://evil.example.net/mcp'), deps)).toMatchObject({ ok: false, code: 'EXEC_REFUSED' });
    expect(await decideHeaders(req(undefined), deps)).toMatchObject({ ok: false, code: 'HELPER_MISMATCH' });
    expect(await decideHeaders(req('https://evil.example.net/mcp'), { ...deps, policy: null })).toMatchObject({
      ok: false,
      code: 'EXEC_REFUSED',
    });
  });
});

describe('placeholders', () => {
  it('lists and fills them', () => {
    expect(placeholderNames(['a={{secret:A}}', '{{secret:B}}:{{secret:A}}'])).toEqual(['A', 'B']);
    expect(fillPlaceholders(['x', 'a={{secret:A}}'], new Map([['args:A', 'v$&1']]))).toEqual(['x', 'a=v$&1']);
  });
});

describe('readSecretValue', () => {
  it('reads piped stdin, dropping one trailing newline', async () => {
    const s = new PassThrough();
    s.end('s3cret-value\n');
    await expect(readSecretValue('x', { input: s as unknown as NodeJS.ReadStream })).resolves.toBe('s3cret-value');
  });

  it('refuses an empty value', async () => {
    const s = new PassThrough();
    s.end('\n');
    await expect(readSecretValue('x', { input: s as unknown as NodeJS.ReadStream })).rejects.toMatchObject({ code: 'BAD_VALUE' });
  });

  it('reads a terminal without echo, honouring backspace', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: jest.fn() });
    const out = new PassThrough();
    const p = readSecretValue('Value', { input: tty as unknown as NodeJS.ReadStream, output: out });
    tty.write('abX\u007fc\r');
    await expect(p).resolves.toBe('abc');
    expect(String(out.read())).not.toContain('abc');
    expect(tty.setRawMode).toHaveBeenCalledWith(true);
  });
});
