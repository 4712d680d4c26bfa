// PostgreSQL through pg: the fleet store. Several collector instances can share one
// database: nothing here keeps state between requests, every write is an atomic statement
// or a transaction, and duplicates are settled by primary keys (ON CONFLICT DO NOTHING).
import { Pool, types, type PoolClient } from 'pg';
import { CollectorError } from '../errors';
import { toDollar, type Db, type SqlParam } from './db';

const INT8_OID = 20;
// Our BIGINT columns hold epoch milliseconds and counts: far below 2^53, safe as numbers.
const typeParsers = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((v: string) => unknown) =>
    oid === INT8_OID ? (v: string) => Number(v) : (types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown),
};

// Connection-level failures (server down, restarting, unreachable) are "try again later",
// not bugs: the HTTP layer answers 503 with Retry-After for them.
const UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|57P0[1-3]|08\d\d\d|53300)$/;

function mapError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  const msg = e instanceof Error ? e.message : '';
  if ((typeof code === 'string' && UNAVAILABLE.test(code)) || /Connection terminated|timeout exceeded when trying to connect/.test(msg)) {
    return new CollectorError({ code: 'DB_UNAVAILABLE', message: 'PostgreSQL is not reachable', cause: e });
  }
  return e;
}

function onClient(client: Pick<PoolClient, 'query'>, tx: Db['tx'], close: () => Promise<void>): Db {
  return {
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      try {
        const r = await client.query(toDollar(sql), params as unknown[]);
        return r.rows as T[];
      } catch (e) {
        throw mapError(e);
      }
    },
    async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
      try {
        const r = await client.query(toDollar(sql), params as unknown[]);
        return r.rowCount ?? 0;
      } catch (e) {
        throw mapError(e);
      }
    },
    tx,
    close,
  };
}

export function openPostgres(url: string, opts: { maxConnections?: number } = {}): Db {
  const pool = new Pool({ connectionString: url, max: opts.maxConnections ?? 10, types: typeParsers, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const tx = async <T>(fn: (d: Db) => Promise<T>): Promise<T> => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw new CollectorError({ code: 'DB_UNAVAILABLE', message: 'PostgreSQL is not reachable', cause: e });
    }
    const inner = onClient(
      client,
      (f) => f(inner),
      () => Promise.resolve(),
    );
    let failed = false;
    try {
      await client.query('BEGIN');
      const out = await fn(inner);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      // After a failure the connection may be broken: discard it rather than reuse it.
      client.release(failed);
    }
  };
  return onClient(pool, tx, () => pool.end());
}
