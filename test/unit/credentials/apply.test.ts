import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyMigration } from '../../../src/vault/migrate';
import { planCredentialActions } from '../../../src/vault/plan';
import { indexAccount, parseAccount, secretAccount } from '../../../src/vault/account';
import { parseManifest } from '../../../src/vault/manifest';
import { MemorySink } from '../../../src/events/types';
import { MemorySecretStore } from '../../../src/vault/keychain/store';
import { redactor } from '../../../src/log/redact';
import type { ServerRule } from '../../../src/policy/types';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { canary, entryFrom, policyOf } from './fixtures';

const EXEC = '/opt/mcp-warden/bin/mcp-warden';
const rules: ServerRule[] = [
  { id: 'github', transport: 'stdio', command: 'npx', args: ['-y', '@acme/gh-mcp@1.0.0'], env: { secrets: ['GITHUB_TOKEN'] } },
  { id: 'pg', transport: 'stdio', command: 'npx', args: ['-y', 'pg-mcp@1.0.0', 'postgres://app:{{secret:PG_PASSWORD}}@db/app'] },
  { id: 'api', transport: 'http', url: 'https://mcp.example.com/mcp' },
];

afterEach(cleanupTmp);

function setup(token: string, scope: 'user' | 'local' = 'user') {
  const home = tmpDir();
  const servers = {
    gh: { type: 'stdio', command: 'npx', args: ['-y', '@acme/gh-mcp@1.0.0'], env: { GITHUB_TOKEN: token, LOG_LEVEL: 'debug' } },
    pg: { command: 'npx', args: ['-y', 'pg-mcp@1.0.0', `postgres://app:${token}@db/app`] },
    api: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: `Bearer ${token}` } },
  };
  const project = '/work/acme-app';
  const doc = scope === 'user' ? { mcpServers: servers, other: { keep: true } } : { projects: { [project]: { mcpServers: servers } } };
  const file = writeFile(path.join(home, '.claude.json'), JSON.stringify(doc, null, '\t') + '\n');
  const base = scope === 'user' ? ['mcpServers'] : ['projects', project, 'mcpServers'];
  const entries = ['gh', 'pg', 'api'].map((n) =>
    entryFrom(file, [...base, n], { configHome: home, scope, project: scope === 'local' ? project : undefined }),
  );
  const verdicts = entries.map((e, i) => ({ entryKey: e.key, verdict: 'approved' as const, ruleId: rules[i].id, reason: '' }));
  const plan = planCredentialActions({ entries }, verdicts, policyOf(rules), { execPath: EXEC, mode: 'enforce' });
  return { home, file, entries, plan, project };
}

describe('applyMigration', () => {
  it('stores every secret, then rewrites each entry; no value stays in the file', async () => {
    const token = canary();
    const { file, plan, home } = setup(token);
    const store = new MemorySecretStore();
    const sink = new MemorySink();
    for (const a of plan.actions) expect((await applyMigration(a, { store, sink, mode: 'enforce' })).status).toBe('migrated');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toContain('\t'); // formatting kept
    const doc = JSON.parse(text);
    expect(doc.other).toEqual({ keep: true });
    expect(doc.mcpServers.pg.args).toEqual([
      'exec',
      '--server',
      'pg',
      '--scope',
      'user',
      '--',
      'npx',
      '-y',
      'pg-mcp@1.0.0',
      'postgres://app:{{secret:PG_PASSWORD}}@db/app',
    ]);
    const b = { scope: 'user' as const, configHome: home, serverId: 'github' };
    expect(await store.get(secretAccount(b, 'env', 'GITHUB_TOKEN'))).toBe(token);
    expect(await store.get(secretAccount({ ...b, serverId: 'pg' }, 'args', 'PG_PASSWORD'))).toBe(token);
    expect(await store.get(secretAccount({ ...b, serverId: 'api' }, 'headers', 'Authorization'))).toBe(`Bearer ${token}`);
    const manifest = parseManifest(await store.get(indexAccount(b)));
    expect(manifest).toMatchObject({ serverId: 'github', env: ['GITHUB_TOKEN'], entryName: 'gh', file });
    expect(sink.events.filter((e) => e.kind === 'credential.migrated')).toHaveLength(3);
    expect(JSON.stringify(sink.events)).not.toContain(token);
    expect(redactor.redactString(`x ${token} y`)).not.toContain(token);
    for (const acct of store.items.keys()) expect(parseAccount(acct)).toBeDefined();
  });

  it('keys local-scope secrets by config home and project', async () => {
    const token = canary();
    const { plan, home, project } = setup(token, 'local');
    const store = new MemorySecretStore();
    await applyMigration(plan.actions[0], { store, mode: 'enforce' });
    expect(await store.get(secretAccount({ scope: 'local', configHome: home, project, serverId: 'github' }, 'env', 'GITHUB_TOKEN'))).toBe(
      token,
    );
  });

  it('rewrites nothing when the keychain is locked, and reports', async () => {
    const token = canary();
    const { file, plan } = setup(token);
    const before = fs.readFileSync(file, 'utf8');
    const store = new MemorySecretStore();
    store.available = false;
    const sink = new MemorySink();
    for (const a of plan.actions) {
      const r = await applyMigration(a, { store, sink, mode: 'enforce' });
      expect(r.status).toBe('keychain-unavailable');
      expect(r.error?.code).toBe('KEYCHAIN_UNAVAILABLE');
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(sink.events.every((e) => e.kind === 'credential.exposed' && e.action === 'failed')).toBe(true);
  });

  it('rewrites nothing when a value does not read back', async () => {
    const token = canary();
    const { file, plan } = setup(token);
    const before = fs.readFileSync(file, 'utf8');
    const store = new MemorySecretStore();
    store.get = () => Promise.resolve('something else');
    const r = await applyMigration(plan.actions[0], { store, mode: 'enforce' });
    expect(r.status).toBe('keychain-mismatch');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('leaves an entry that changed since the plan alone', async () => {
    const token = canary();
    const { file, plan } = setup(token);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.mcpServers.gh.env.GITHUB_TOKEN = 'a-newer-token-the-user-pasted';
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = await applyMigration(plan.actions[0], { store: new MemorySecretStore(), mode: 'enforce' });
    expect(r.status).toBe('entry-changed');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.gh.env.GITHUB_TOKEN).toBe('a-newer-token-the-user-pasted');
  });

  it('keeps the old config working when the file cannot be rewritten', async () => {
    const token = canary();
    const { file, plan } = setup(token);
    fs.writeFileSync(file, '{ "mcpServers": ');
    const sink = new MemorySink();
    const store = new MemorySecretStore();
    const r = await applyMigration(plan.actions[0], { store, sink, mode: 'enforce' });
    expect(r.status).toBe('write-failed');
    expect(r.error?.code).toBe('PARSE_ERROR');
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "mcpServers": ');
    expect(sink.events.map((e) => e.kind)).toEqual(['write.failed']);
    expect(JSON.stringify(sink.events)).not.toContain(token);
  });
});
