// Quarantine records: no secret value ever in a record, values stashed losslessly in the
// keychain (an in-memory store here; the integration tests use the real one), a locked
// keychain seals them to the device instead, and restore puts back exactly what was.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemorySecretStore, type SecretStore } from '../../../src/vault/keychain/store';
import { UnavailableError } from '../../../src/errors';
import { discardRecord, quarantineEntry, type QuarantineContext } from '../../../src/quarantine/quarantine';
import { restoreRecord, insertOps } from '../../../src/quarantine/restore';
import { listRecords, readRecord } from '../../../src/quarantine/store';
import { sanitizeEntry } from '../../../src/quarantine/sanitize';
import type { Verdict } from '../../../src/judge/types';
import { execArgv } from '../../../src/inventory/wrapper';
import { cleanupTmp, filesContaining, tmpDir, writeFile } from '../../helpers/tmp';
import { keyFile, openSealed, sealedFile } from '../../../src/quarantine/sealed';
import { entry, EXEC } from '../judge/fake';

afterEach(cleanupTmp);

const TOKEN = 'ghp_' + 'Q'.repeat(36);
const PW = 'cnry-s3cr3t-pw-9';
const VERDICT: Verdict = { entryKey: 'k', verdict: 'unapproved', reason: 'the command and arguments match no approved server' };

function ctx(stateDir: string, store: SecretStore = new MemorySecretStore()): QuarantineContext {
  return { stateDir, now: new Date('2026-06-01T12:00:00Z'), policy: null, secretStore: () => Promise.resolve(store) };
}

class LockedStore extends MemorySecretStore {
  override set(): Promise<void> {
    return Promise.reject(new UnavailableError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'locked' }));
  }
}

describe('sanitizeEntry', () => {
  it('replaces every secret with a placeholder naming it, and returns the originals', () => {
    const e = entry('x', {
      command: 'srv',
      args: ['--api-key', PW, `--token=${TOKEN}`, 'postgres://u:pw12345678@db/x'],
      env: { GITHUB_TOKEN: TOKEN, LOG_LEVEL: 'debug', FROM_ENV: '${GH}' },
      headers: { Authorization: `Bearer ${TOKEN}` },
      extra: { deep: [`x ${TOKEN}`] },
    });
    const s = sanitizeEntry(e);
    const shown = JSON.stringify(s.entry);
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain(PW);
    expect(shown).not.toContain('pw12345678');
    expect(s.entry.env).toEqual({ GITHUB_TOKEN: '{{secret:GITHUB_TOKEN}}', LOG_LEVEL: 'debug', FROM_ENV: '${GH}' });
    expect((s.entry.args as string[])[0]).toBe('--api-key');
    expect((s.entry.args as string[])[2]).toMatch(/^--token=\{\{secret:[A-Z_]+\}\}$/);
    // Lossless: putting the originals back at their paths gives the entry.
    const back = JSON.parse(JSON.stringify(s.entry));
    for (const sec of s.secrets) {
      let holder = back;
      for (const k of sec.path.slice(0, -1)) holder = holder[k];
      holder[sec.path[sec.path.length - 1] as string] = sec.value;
    }
    expect(back).toEqual(e.raw);
  });

  it('does not treat placeholders of a migrated (wrapped) entry as secrets', () => {
    const [command, ...args] = execArgv(EXEC, 'github', 'local', ['gh', '--token={{secret:TOKEN}}']);
    const s = sanitizeEntry(entry('x', { command, args, env: { OTHER: 'kept' } }));
    expect(s.secrets).toEqual([]);
    expect(s.entry.args).toEqual(args);
  });
});

describe('quarantineEntry', () => {
  it('writes a 0600 record without any secret value, values stashed under accounts from the record id', async () => {
    const d = tmpDir();
    const store = new MemorySecretStore();
    const e = entry('x', { command: 'srv', env: { GITHUB_TOKEN: TOKEN } });
    const { record, created } = await quarantineEntry(e, VERDICT, undefined, ctx(d, store));
    expect(created).toBe(true);
    const file = path.join(d, 'quarantine', `${record.id}.json`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(d, 'quarantine')).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(record).toMatchObject({
      name: 'x',
      file: e.file,
      scope: 'local',
      jsonPath: e.jsonPath,
      verdict: 'unapproved',
      reason: VERDICT.reason,
      policy: null,
    });
    expect(record.secrets).toEqual([{ path: ['env', 'GITHUB_TOKEN'], name: 'GITHUB_TOKEN', account: `quarantine|${record.id}|0` }]);
    expect(store.items.get(`quarantine|${record.id}|0`)).toBe(TOKEN);
  });

  it('without a keychain, seals the secrets to the device: nothing in plaintext, restore is lossless', async () => {
    const d = tmpDir();
    const file = writeFile(path.join(d, 'home', '.claude.json'), '{"mcpServers": {}}\n');
    const raw = { command: 'srv', args: ['--api-key', PW], env: { GITHUB_TOKEN: TOKEN } };
    const e = { ...entry('x', raw), file, jsonPath: ['mcpServers', 'x'] };
    const c = { ...ctx(d, new LockedStore()), keychain: {} };
    const q = await quarantineEntry(e, VERDICT, undefined, c);
    expect(q.sealed).toBe(2);
    expect(q.record.secrets.every((s) => s.store === 'sealed')).toBe(true);
    expect(c.keychain).toEqual({ down: expect.stringContaining('locked') });
    for (const secret of [TOKEN, PW]) expect(filesContaining(d, secret)).toEqual([]);
    expect(fs.statSync(sealedFile(d, q.record.id)).mode & 0o777).toBe(0o600);
    await restoreRecord({ stateDir: d, id: q.record.id, now: new Date(), secretStore: () => Promise.resolve(new LockedStore()) });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.x).toEqual(raw);
    expect(fs.existsSync(sealedFile(d, q.record.id))).toBe(false);
  });

  it('a keychain that fails half-way takes back what it got; all values are sealed', async () => {
    const d = tmpDir();
    class FailsSecond extends MemorySecretStore {
      override set(account: string, value: string): Promise<void> {
        return this.items.size >= 1
          ? Promise.reject(new UnavailableError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'gone' }))
          : super.set(account, value);
      }
    }
    const store = new FailsSecond();
    const q = await quarantineEntry(
      entry('x', { command: 'srv', args: ['--api-key', PW], env: { GITHUB_TOKEN: TOKEN } }),
      VERDICT,
      undefined,
      ctx(d, store),
    );
    expect(q.sealed).toBe(2);
    expect(store.items.size).toBe(0);
  });

  it('sealed values do not open with another key or after tampering (SEALED_UNREADABLE)', async () => {
    const d = tmpDir();
    const q = await quarantineEntry(
      entry('x', { command: 'srv', env: { GITHUB_TOKEN: TOKEN } }),
      VERDICT,
      undefined,
      ctx(d, new LockedStore()),
    );
    expect([...openSealed(d, q.record.id).values()]).toEqual([TOKEN]);
    const sealed = JSON.parse(fs.readFileSync(sealedFile(d, q.record.id), 'utf8'));
    const account = Object.keys(sealed.values)[0];
    const ct = Buffer.from(sealed.values[account].ct, 'base64');
    ct[0] ^= 1;
    sealed.values[account].ct = ct.toString('base64');
    fs.writeFileSync(sealedFile(d, q.record.id), JSON.stringify(sealed));
    expect(() => openSealed(d, q.record.id)).toThrow(expect.objectContaining({ code: 'SEALED_UNREADABLE' }));
    fs.writeFileSync(keyFile(d), Buffer.alloc(32, 7).toString('base64'));
    expect(() => openSealed(d, q.record.id)).toThrow(expect.objectContaining({ code: 'SEALED_UNREADABLE' }));
  });

  it('finds the record a killed pass left for the same entry (fingerprint + file + path): no duplicates', async () => {
    const d = tmpDir();
    const e = entry('x', { command: 'srv' });
    const first = await quarantineEntry(e, VERDICT, undefined, ctx(d), undefined, 'fp-1');
    const again = await quarantineEntry(e, VERDICT, undefined, ctx(d), undefined, 'fp-1');
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    const other = await quarantineEntry(e, VERDICT, undefined, ctx(d), undefined, 'fp-2');
    expect(other.created).toBe(true);
    expect(listRecords(d).records).toHaveLength(2);
  });

  it('needs no keychain for an entry without secrets', async () => {
    const d = tmpDir();
    const { record } = await quarantineEntry(entry('x', { command: 'srv' }), VERDICT, undefined, ctx(d, new LockedStore()));
    expect(record.secrets).toEqual([]);
  });

  it('reuses an active record of the same entry, and discards one on request (secrets too)', async () => {
    const d = tmpDir();
    const store = new MemorySecretStore();
    const e = entry('x', { command: 'srv', env: { GITHUB_TOKEN: TOKEN } });
    const first = await quarantineEntry(e, VERDICT, undefined, ctx(d, store));
    const again = await quarantineEntry(e, VERDICT, undefined, ctx(d, store), first.record.id);
    expect(again).toEqual({ record: first.record, created: false, sealed: 0 });
    await discardRecord(first.record, ctx(d, store));
    expect(listRecords(d).records).toEqual([]);
    expect(store.items.size).toBe(0);
  });
});

describe('restoreRecord', () => {
  async function removed(
    d: string,
    file: string,
    raw: Record<string, unknown>,
    scope: 'user' | 'local' | 'project' = 'user',
    store = new MemorySecretStore(),
  ) {
    const e = entry('x', raw, { scope, file });
    const { record } = await quarantineEntry(e, VERDICT, undefined, ctx(d, store));
    return { record, store };
  }

  it('puts the entry back with its secrets, then retires the record and the stashed values', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, 'home', '.claude.json'), '{\n  "mcpServers": {\n    "keep": {"command": "k"}\n  }\n}\n');
    const raw = { command: 'srv', env: { GITHUB_TOKEN: TOKEN } };
    const { record, store } = await removed(d, f, raw);
    const r = await restoreRecord({ stateDir: d, id: record.id, now: new Date(), secretStore: () => Promise.resolve(store) });
    expect(r.alreadyPresent).toBe(false);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(fs.readFileSync(f, 'utf8')).mcpServers).toEqual({ keep: { command: 'k' }, x: raw });
    expect(listRecords(d).records).toEqual([]);
    expect(listRecords(d, { all: true }).records[0]?.restoredAt).toBeDefined();
    expect(store.items.size).toBe(0);
    await expect(
      restoreRecord({ stateDir: d, id: record.id, now: new Date(), secretStore: () => Promise.resolve(store) }),
    ).rejects.toMatchObject({ code: 'ALREADY_RESTORED' });
  });

  it('refuses when a different entry now has the name, changing nothing', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), JSON.stringify({ mcpServers: { x: { command: 'other' } } }));
    const { record, store } = await removed(d, f, { command: 'srv' });
    const before = fs.readFileSync(f);
    await expect(
      restoreRecord({ stateDir: d, id: record.id, now: new Date(), secretStore: () => Promise.resolve(store) }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN', exitCode: 1 });
    expect(fs.readFileSync(f).equals(before)).toBe(true);
    expect(readRecord(d, record.id).restoredAt).toBeUndefined();
  });

  it('treats the very same entry already there as restored', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), JSON.stringify({ mcpServers: { x: { command: 'srv' } } }));
    const { record, store } = await removed(d, f, { command: 'srv' });
    const r = await restoreRecord({ stateDir: d, id: record.id, now: new Date(), secretStore: () => Promise.resolve(store) });
    expect(r.alreadyPresent).toBe(true);
  });

  it('recreates a deleted .mcp.json and a missing project entry', async () => {
    const d = tmpDir();
    const mcp = path.join(d, 'proj', '.mcp.json');
    const { record: r1, store } = await removed(d, mcp, { type: 'http', url: 'https://x' }, 'project');
    await restoreRecord({ stateDir: d, id: r1.id, now: new Date(), secretStore: () => Promise.resolve(store) });
    expect(JSON.parse(fs.readFileSync(mcp, 'utf8'))).toEqual({ mcpServers: { x: { type: 'http', url: 'https://x' } } });
    const cj = writeFile(path.join(d, 'h', '.claude.json'), '{"numStartups": 3}');
    const { record: r2 } = await removed(d, cj, { command: 'l' }, 'local', store);
    await restoreRecord({ stateDir: d, id: r2.id, now: new Date(), secretStore: () => Promise.resolve(store) });
    const doc = JSON.parse(fs.readFileSync(cj, 'utf8'));
    expect(doc.numStartups).toBe(3);
    expect(Object.values(doc.projects as Record<string, { mcpServers: unknown }>)[0]?.mcpServers).toEqual({ x: { command: 'l' } });
  });

  it('refuses when a stashed secret is gone from the keychain', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), '{}');
    const { record, store } = await removed(d, f, { command: 'srv', env: { GITHUB_TOKEN: TOKEN } });
    store.items.clear();
    await expect(
      restoreRecord({ stateDir: d, id: record.id, now: new Date(), secretStore: () => Promise.resolve(store) }),
    ).rejects.toMatchObject({ code: 'SECRET_MISSING' });
    expect(fs.readFileSync(f, 'utf8')).toBe('{}');
  });

  it.each(['../../etc/passwd', 'q-1', ''])('refuses the id %j before touching the disk', async (id) => {
    await expect(
      restoreRecord({ stateDir: tmpDir(), id, now: new Date(), secretStore: () => Promise.resolve(new MemorySecretStore()) }),
    ).rejects.toMatchObject({ code: 'BAD_ID', exitCode: 2 });
  });

  it('reports an unknown id as NOT_FOUND', async () => {
    await expect(
      restoreRecord({
        stateDir: tmpDir(),
        id: 'q-20260101T000000Z-0123abcd',
        now: new Date(),
        secretStore: () => Promise.resolve(new MemorySecretStore()),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('insertOps refuses to restore into something that is not an object', () => {
    expect(() => insertOps({ mcpServers: [] }, ['mcpServers', 'x'], {}, 'f')).toThrow(expect.objectContaining({ code: 'WRITE_FAILED' }));
    expect(insertOps({}, ['projects', '/p', 'mcpServers', 'x'], { a: 1 }, 'f')).toEqual([
      { path: ['projects'], value: { '/p': { mcpServers: { x: { a: 1 } } } }, expect: { value: undefined } },
    ]);
  });
});

describe('listRecords', () => {
  it('lists records oldest first and reports files that are not records', async () => {
    const d = tmpDir();
    const store = new MemorySecretStore();
    const c1 = { ...ctx(d, store), now: new Date('2026-06-02T00:00:00Z') };
    const c0 = { ...ctx(d, store), now: new Date('2026-06-01T00:00:00Z') };
    await quarantineEntry(entry('late', { command: 'a' }), VERDICT, undefined, c1);
    await quarantineEntry(entry('early', { command: 'b' }), VERDICT, undefined, c0);
    writeFile(path.join(d, 'quarantine', 'junk.json'), '{"not": "a record"}');
    const l = listRecords(d);
    expect(l.records.map((r) => r.name)).toEqual(['early', 'late']);
    expect(l.invalid).toEqual([expect.objectContaining({ file: path.join(d, 'quarantine', 'junk.json') })]);
  });
});

describe('records of one edit, one folder fsync', () => {
  it('with ctx.unsynced, each record is on disk at once (no secret in it) and its folder waits for syncRecordDirs', async () => {
    const stateDir = tmpDir();
    const c: QuarantineContext = { ...ctx(stateDir), unsynced: new Set() };
    const fsio = await import('../../../src/util/fsio');
    const dirSyncs = jest.spyOn(fsio, 'fsyncDir');
    const writes = jest.spyOn(fsio, 'writeFileAtomic');
    const a = await quarantineEntry(entry('a', { command: 'srv', env: { GITHUB_TOKEN: TOKEN } }), VERDICT, undefined, c);
    const b = await quarantineEntry(entry('b', { command: 'srv' }), VERDICT, undefined, c);

    expect(
      listRecords(stateDir)
        .records.map((r) => r.id)
        .sort(),
    ).toEqual([a.record.id, b.record.id].sort());
    expect(filesContaining(stateDir, TOKEN)).toEqual([]);
    // Each record file fsync'd and renamed into place; the folder fsync left to the caller.
    const recordWrites = writes.mock.calls.filter(([f]) => f.startsWith(path.join(stateDir, 'quarantine')));
    expect(recordWrites).toHaveLength(2);
    for (const [, , opts] of recordWrites) expect(opts?.deferDirSync).toBe(true);
    expect(dirSyncs).not.toHaveBeenCalled();
    expect([...(c.unsynced ?? [])]).toEqual([path.join(stateDir, 'quarantine')]);

    const { syncRecordDirs } = await import('../../../src/quarantine/store');
    syncRecordDirs(c.unsynced ?? new Set());
    expect(dirSyncs).toHaveBeenCalledTimes(1);
    expect(c.unsynced?.size).toBe(0);
    dirSyncs.mockRestore();
    writes.mockRestore();
  });
});
