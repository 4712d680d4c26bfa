// SQLite through better-sqlite3: the embedded default (a pilot, the quickstart). WAL lets
// readers run during a write; synchronous=FULL because an acknowledged event must survive
// a power cut (the agent has already deleted it). better-sqlite3 is synchronous, so the
// async Db interface wraps it, and transactions are serialized by a queue: nothing else
// may run on the one connection between BEGIN and COMMIT.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { CollectorError } from '../errors';
import type { Db, SqlValue } from './db';

export function openSqlite(file: string): Db {
  let db: Database.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
  } catch (e) {
    throw new CollectorError({ code: 'DB_UNAVAILABLE', message: `cannot open SQLite database ${file}`, file, cause: e });
  }
  const stmts = new Map<string, Database.Statement>();
  const prep = (sql: string): Database.Statement => {
    let s = stmts.get(sql);
    if (!s) {
      s = db.prepare(sql);
      stmts.set(sql, s);
    }
    return s;
  };
  let queue: Promise<unknown> = Promise.resolve();
  let inTx = false;

  const direct: Db = {
    dialect: 'sqlite',
    all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return Promise.resolve(prep(sql).all(...params) as T[]);
    },
    run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const s = prep(sql);
      return Promise.resolve(s.reader ? s.all(...params).length : s.run(...params).changes);
    },
    tx<T>(fn: (d: Db) => Promise<T>): Promise<T> {
      if (inTx) return fn(direct);
      const next = queue.then(async () => {
        inTx = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(direct);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          inTx = false;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      db.close();
    },
  };
  return direct;
}
