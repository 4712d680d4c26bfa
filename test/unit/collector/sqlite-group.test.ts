import * as path from 'node:path';
import { openSqlite } from '../../../src/collector/store/sqlite';
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
