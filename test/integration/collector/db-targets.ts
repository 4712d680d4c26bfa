// The storage engines every collector test runs on. PostgreSQL comes from
// MCP_WARDEN_TEST_PG_URL (scripts/test.sh starts a throwaway cluster). Without it the
// PostgreSQL tests FAIL, loudly, unless MCP_WARDEN_SKIP_PG=1, which skips them with a
// warning: a green run must never hide untested PostgreSQL code.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { tmpDir } from '../../helpers/tmp';

export interface DbTarget {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database for one test file (or one test); returns its --db URL. */
  create(): Promise<string>;
  /** Drop every database this target created. */
  dropAll(): Promise<void>;
}

function sqliteTarget(): DbTarget {
  return {
    name: 'sqlite',
    create: () => Promise.resolve(`sqlite:${path.join(tmpDir('mcpw-col-'), 'collector.db')}`),
    dropAll: () => Promise.resolve(),
  };
}

function postgresTarget(adminUrl: string | undefined): DbTarget {
  const made: string[] = [];
  const admin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'postgres',
    async create() {
      if (!adminUrl) {
        throw new Error(
          'MCP_WARDEN_TEST_PG_URL is not set: start PostgreSQL with `eval "$(bash scripts/pg-throwaway.sh start)"` ' +
            '(npm test does), or set MCP_WARDEN_SKIP_PG=1 to skip the PostgreSQL tests knowingly',
        );
      }
      // A database per test file: parallel jest workers never see each other's rows.
      const name = `mcpw_t_${crypto.randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.href;
    },
    async dropAll() {
      if (!adminUrl || made.length === 0) return;
      await admin(async (c) => {
        for (const name of made.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

let warned = false;

export function dbTargets(): DbTarget[] {
  const url = process.env.MCP_WARDEN_TEST_PG_URL;
  if (!url && process.env.MCP_WARDEN_SKIP_PG === '1') {
    if (!warned) {
      warned = true;
      process.stderr.write(
        '\n' +
          '!'.repeat(78) +
          '\n!!! MCP_WARDEN_SKIP_PG=1: the PostgreSQL collector tests are SKIPPED. Not a full run.\n' +
          '!'.repeat(78) +
          '\n\n',
      );
    }
    return [sqliteTarget()];
  }
  return [sqliteTarget(), postgresTarget(url)];
}
