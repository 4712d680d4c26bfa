// runPass in process, as the agent runs it: keychain outages, entries that change under
// the pass, audit and dry runs, `only`, reporting once, the state folder, and what the
// agent is told (written files with their hashes, counts, retry time).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPass, type PassOptions } from '../../../src/reconcile/pass';
import { loadState, statePath } from '../../../src/reconcile/state-file';
import { DiscoveryCache } from '../../../src/discovery';
import { MemorySink } from '../../../src/events/types';
import { MemorySecretStore, type SecretStore } from '../../../src/vault/keychain/store';
import { UnavailableError } from '../../../src/errors';
import { makeAllowlist } from '../../helpers/policy';
import type { Mode, Policy, ServerRule } from '../../../src/policy/types';
import { cleanupTmp, filesContaining, tmpDir, writeFile } from '../../helpers/tmp';
import { listRecords } from '../../../src/quarantine/store';
import { restoreRecord } from '../../../src/quarantine/restore';
import { keyFile, sealedFile } from '../../../src/quarantine/sealed';

afterEach(cleanupTmp);

const TOKEN = 'ghp_' + 'Z'.repeat(36);
const RULE: ServerRule = {
  id: 'ok',
  transport: 'stdio',
  command: '/bin/sh',
  args: ['-c', 'true'],
  file: '/bin/sh',
  sha256: crypto.createHash('sha256').update(fs.readFileSync('/bin/sh')).digest('hex'),
};

function policyOf(mode: Mode, servers: ServerRule[] = [RULE]): Policy {
  return {
    allowlist: makeAllowlist({ mode, servers }),
    digest: 'f'.repeat(64),
    keyIds: [],
    acceptedAt: new Date().toISOString(),
    source: 'test',
  };
}

class LockedStore extends MemorySecretStore {
  override set(): Promise<void> {
    return Promise.reject(new UnavailableError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'locked' }));
  }
}

function world(mode: Mode = 'enforce', store: SecretStore = new MemorySecretStore()) {
  const root = tmpDir();
  const home = path.join(root, 'home');
  const stateDir = path.join(root, 'state');
  const sink = new MemorySink();
  const file = writeFile(
    path.join(home, '.claude.json'),
    JSON.stringify(
      {
        mcpServers: {
          ok: { command: '/bin/sh', args: ['-c', 'true'] },
          plain: { command: 'evil' },
          secret: { command: 'evil2', env: { GITHUB_TOKEN: TOKEN } },
        },
      },
      null,
      2,
    ),
  );
  const opts: PassOptions = {
    home,
    stateDir,
    policy: policyOf(mode),
    sink,
    execPath: '/opt/mcp-warden',
    secretStore: () => Promise.resolve(store),
    env: {},
  };
  return { root, home, stateDir, sink, file, opts };
}

const names = (file: string): string[] => Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers as object);

describe('runPass', () => {
  it('removes what is not approved, and tells the agent what it wrote (sha256 of the bytes)', async () => {
    const w = world();
    const r = await runPass(w.opts);
    expect(names(w.file)).toEqual(['ok']);
    expect(r.counts).toMatchObject({ approved: 1, unapproved: 2 });
    expect(r.results.map((x) => [x.action.kind, x.status])).toEqual([
      ['remove', 'done'],
      ['remove', 'done'],
    ]);
    expect(r.written).toEqual([{ file: w.file, sha256: crypto.createHash('sha256').update(fs.readFileSync(w.file)).digest('hex') }]);
    expect(r.executed).toBe(true);
    expect(r.errors).toEqual([]);
    expect(fs.statSync(statePath(w.stateDir)).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(w.sink.events)).not.toContain(TOKEN);
  });

  it('with the keychain locked, still removes the entry with secrets: sealed to the device, reported, restorable', async () => {
    const store = new LockedStore();
    const w = world('enforce', store);
    const r = await runPass(w.opts);
    expect(names(w.file)).toEqual(['ok']);
    expect(r.errors).toEqual([]);
    const removed = w.sink.events.find((e) => e.kind === 'server.unapproved' && e.server?.name === 'secret');
    expect(removed).toMatchObject({ action: 'removed', detail: { secretsSealed: 1 } });
    expect(removed?.message).toMatch(/keychain was unavailable/);
    // The value is nowhere in plaintext: not in the state folder, not in events.
    expect(filesContaining(w.stateDir, TOKEN)).toEqual([]);
    expect(JSON.stringify(w.sink.events)).not.toContain(TOKEN);
    const rec = listRecords(w.stateDir).records.find((x) => x.name === 'secret');
    expect(rec?.secrets).toEqual([expect.objectContaining({ store: 'sealed', name: 'GITHUB_TOKEN' })]);
    expect(fs.statSync(keyFile(w.stateDir)).mode & 0o777).toBe(0o600);
    // Restore while the keychain is still locked: the value goes back into the file as it was.
    await restoreRecord({ stateDir: w.stateDir, id: rec?.id ?? '', now: new Date(), secretStore: () => Promise.resolve(store) });
    expect(JSON.parse(fs.readFileSync(w.file, 'utf8')).mcpServers.secret).toEqual({ command: 'evil2', env: { GITHUB_TOKEN: TOKEN } });
    expect(fs.existsSync(sealedFile(w.stateDir, rec?.id ?? ''))).toBe(false);
  });

  it('a replayed pass (killed before its state was saved) reuses the quarantine record', async () => {
    const w = world();
    const first = fs.readFileSync(w.file);
    await runPass(w.opts);
    const ids = listRecords(w.stateDir)
      .records.map((x) => x.id)
      .sort();
    // As if killed after the records but before the edit and the state: file back, and the
    // state as the killed pass left it (its salt, saved before acting; no removals).
    fs.writeFileSync(w.file, first);
    const st = JSON.parse(fs.readFileSync(statePath(w.stateDir), 'utf8'));
    fs.writeFileSync(statePath(w.stateDir), JSON.stringify({ ...st, removals: {}, reported: {} }));
    await runPass(w.opts);
    expect(names(w.file)).toEqual(['ok']);
    expect(
      listRecords(w.stateDir)
        .records.map((x) => x.id)
        .sort(),
    ).toEqual(ids);
  });

  it('in audit mode changes nothing and says what enforce would do, once', async () => {
    const w = world('audit');
    const before = fs.readFileSync(w.file);
    const r = await runPass(w.opts);
    expect(fs.readFileSync(w.file).equals(before)).toBe(true);
    expect(r.executed).toBe(false);
    expect(r.results.every((x) => x.status === 'not-run')).toBe(true);
    const findings = w.sink.events.filter((e) => e.kind === 'server.unapproved');
    expect(findings.map((e) => [e.action, e.wouldDo])).toEqual([
      ['none', 'removed'],
      ['none', 'removed'],
    ]);
    // The next pass finds the same and does not report it again…
    await runPass(w.opts);
    expect(w.sink.events.filter((e) => e.kind === 'server.unapproved')).toHaveLength(2);
    // …until it went away and came back.
    const doc = JSON.parse(fs.readFileSync(w.file, 'utf8'));
    const plain = doc.mcpServers.plain;
    delete doc.mcpServers.plain;
    fs.writeFileSync(w.file, JSON.stringify(doc));
    await runPass(w.opts);
    doc.mcpServers.plain = plain;
    fs.writeFileSync(w.file, JSON.stringify(doc));
    await runPass(w.opts);
    expect(w.sink.events.filter((e) => e.kind === 'server.unapproved')).toHaveLength(3);
  });

  it('a dry run in enforce mode changes nothing, emits nothing and keeps no state', async () => {
    const w = world();
    const before = fs.readFileSync(w.file);
    const r = await runPass({ ...w.opts, dryRun: true });
    expect(fs.readFileSync(w.file).equals(before)).toBe(true);
    expect(r.results.map((x) => x.status)).toEqual(['not-run', 'not-run']);
    expect(w.sink.events).toEqual([]);
    expect(fs.existsSync(statePath(w.stateDir))).toBe(false);
  });

  it('with no policy: judges nothing, changes nothing', async () => {
    const w = world();
    const r = await runPass({ ...w.opts, policy: null });
    expect(r.noPolicy).toBe(true);
    expect(r.mode).toBe('audit');
    expect(r.results).toEqual([]);
    expect(names(w.file)).toEqual(['ok', 'plain', 'secret']);
  });

  it('acts only on the files in `only`, reusing the cache for the rest', async () => {
    const w = world();
    const mcp = writeFile(path.join(w.home, 'p', '.mcp.json'), JSON.stringify({ mcpServers: { rogue: { command: 'x' } } }));
    fs.writeFileSync(w.file, JSON.stringify({ projects: { [path.join(w.home, 'p')]: {} }, mcpServers: { plain: { command: 'evil' } } }));
    const cache = new DiscoveryCache();
    const r = await runPass({ ...w.opts, cache, only: [mcp] });
    expect(r.results.map((x) => x.action.kind === 'remove' && x.action.entry.name)).toEqual(['rogue']);
    expect(names(w.file)).toEqual(['plain']);
    expect(r.counts.unapproved).toBe(2);
  });

  it('skips an entry that changed since it was judged, discarding its quarantine record', async () => {
    const w = world();
    // A writer changes the entry between discovery and the edit: simulate with a secret store
    // whose first use (stashing `secret`'s token) rewrites the file.
    let hit = false;
    const store = new MemorySecretStore();
    const racing: SecretStore = {
      ...store,
      get: (a) => store.get(a),
      delete: (a) => store.delete(a),
      list: () => store.list(),
      set: async (a, v) => {
        if (!hit) {
          hit = true;
          const doc = JSON.parse(fs.readFileSync(w.file, 'utf8'));
          doc.mcpServers.secret.args = ['--changed'];
          fs.writeFileSync(w.file, JSON.stringify(doc, null, 2));
        }
        await store.set(a, v);
      },
    };
    const r = await runPass({ ...w.opts, secretStore: () => Promise.resolve(racing) });
    const secret = r.results.find((x) => x.action.kind === 'remove' && x.action.entry.name === 'secret');
    expect(secret?.status).toBe('skipped');
    expect(names(w.file)).toEqual(['ok', 'secret']);
    expect(fs.readdirSync(path.join(w.stateDir, 'quarantine')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(store.items.size).toBe(0);
    // The next pass judges the changed entry and removes it.
    await runPass(w.opts);
    expect(names(w.file)).toEqual(['ok']);
  });

  it('survives a damaged state file (starts fresh)', async () => {
    const w = world();
    writeFile(statePath(w.stateDir), '{oops');
    await runPass(w.opts);
    expect(loadState(w.stateDir).salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tells the agent when to pass again during a flapping backoff', async () => {
    const w = world();
    const orig = fs.readFileSync(w.file, 'utf8');
    for (let i = 0; i < 3; i++) {
      fs.writeFileSync(w.file, orig);
      const r = await runPass(w.opts);
      if (i === 2) {
        expect(r.retryAfterMs).toBeGreaterThan(0);
        expect(r.retryAfterMs).toBeLessThanOrEqual(2000);
      }
    }
    expect(w.sink.events.filter((e) => e.kind === 'server.flapping').length).toBeGreaterThanOrEqual(2);
  });
});
