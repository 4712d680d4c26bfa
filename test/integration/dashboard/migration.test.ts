// Migration 3 on a database that already holds events (a collector upgraded in place):
// the daily counts and each device's policy mode are filled from what is there.
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from '../collector/db-targets';
import { makeEvent } from '../collector/events';
import { migrate, MIGRATIONS } from '../../../src/collector/store/migrations';
import { openPostgres } from '../../../src/collector/store/postgres';
import { openSqlite } from '../../../src/collector/store/sqlite';
import { parseDbUrl } from '../../../src/collector/store';
import { ingest } from '../../../src/collector/store/ingest';
import type { Db } from '../../../src/collector/store/db';

describe.each(dbTargets())('migration 3 on $name', (target) => {
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it('backfills event_counts and devices.policy_mode from the stored events', async () => {
    const loc = parseDbUrl(await target.create());
    const db: Db = loc.kind === 'sqlite' ? openSqlite(loc.file) : openPostgres(loc.url);
    try {
      // A version-1 database, as an older collector left it.
      await db.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)');
      for (const sql of MIGRATIONS[0]?.statements ?? []) await db.run(sql);
      await db.run("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (1, 'v1', 0)");
      const t = Date.parse('2024-05-01T10:00:00Z');
      const rows = [
        makeEvent({ time: new Date(t).toISOString(), mode: 'enforce' }, 'dev-a'),
        makeEvent({ time: new Date(t + 60_000).toISOString(), mode: 'enforce' }, 'dev-a'),
      ];
      for (const e of rows) {
        await db.run(
          'INSERT INTO events (id, device_id, time_ms, received_ms, kind, severity, severity_rank, action, mode, policy_version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [e.id, e.device.id, Date.parse(e.time), t, e.kind, e.severity, 3, e.action, e.mode, 3, JSON.stringify(e)],
        );
      }
      await db.run(
        "INSERT INTO devices (id, hostname, os, user_name, agent_version, first_seen_ms, last_seen_ms, last_event_ms) VALUES ('dev-a', 'a', 'linux', 'u', '0.1.0', 0, 0, 0)",
      );

      expect(await migrate(db)).toBe(MIGRATIONS.length - 1);

      expect(await db.all('SELECT day_ms, kind, severity, n FROM event_counts')).toEqual([
        { day_ms: Date.parse('2024-05-01T00:00:00Z'), kind: 'server.unapproved', severity: 'high', n: 2 },
      ]);
      expect(await db.all('SELECT policy_mode FROM devices')).toEqual([{ policy_mode: 'enforce' }]);
      // New events add to the same day's counts.
      await ingest(db, [makeEvent({ time: new Date(t + 120_000).toISOString() }, 'dev-a')], t + 200_000);
      const [sum] = await db.all<{ n: number | string }>('SELECT SUM(n) AS n FROM event_counts');
      expect(Number(sum?.n)).toBe(3);
    } finally {
      await db.close();
    }
  });
});
