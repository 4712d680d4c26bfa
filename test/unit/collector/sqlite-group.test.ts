import * as path from 'node:path';
import { openSqlite } from '../../../src/collector/store/sqlite';
import { takeGroup } from '../../../src/collector/store/ingest-queue';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

afterEach(cleanupTmp);

describe('SQLite group commit', () => {
  it('commits concurrent transactions together, rolling back only the one that failed', async () => {
    const db = openSqlite(path.join(tmpDir(), 'g.db'));
    await db.run('CREATE TABLE t (v TEXT PRIMARY KEY)');
    const results = await Promise.allSettled([
      db.tx(async (t) => t.run('INSERT INTO t (v) VALUES (?)', ['a'])),
      db.tx(async (t) => {
        await t.run('INSERT INTO t (v) VALUES (?)', ['b']);
        throw new Error('boom');
      }),
      db.tx(async (t) => t.run('INSERT INTO t (v) VALUES (?)', ['c'])),
      db.tx(async (t) => t.run('INSERT INTO t (v) VALUES (?)', ['a'])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((await db.all<{ v: string }>('SELECT v FROM t ORDER BY v')).map((r) => r.v)).toEqual(['a', 'c']);
    await db.close();
  });
});

describe('#takeGroup (group ingest)', () => {
  const part = (id: string, devices: string[], n = 1) => ({ id, devices: new Set(devices), events: Array.from({ length: n }) });

  it('takes the oldest part, then later ones with no device in common, up to the event cap', () => {
    const waiting = [
      part('1', ['a'], 3),
      part('2', ['a']),
      part('3', ['b'], 3),
      part('4', ['c'], 5),
      part('5', ['d', 'a']),
      part('6', ['e']),
    ];
    expect(takeGroup(waiting, 8).map((p) => p.id)).toEqual(['1', '3', '6']);
    expect(waiting.map((p) => p.id)).toEqual(['2', '4', '5']);
    expect(takeGroup(waiting, 8).map((p) => p.id)).toEqual(['2', '4']);
    expect(takeGroup(waiting, 8).map((p) => p.id)).toEqual(['5']);
    expect(waiting).toEqual([]);
  });

  it('always takes the oldest part, even over the cap', () => {
    const waiting = [part('big', ['a'], 50), part('small', ['b'])];
    expect(takeGroup(waiting, 10).map((p) => p.id)).toEqual(['big']);
  });
});
