// Versioned schema migrations, in code, the same on SQLite and PostgreSQL (the DDL below
// is valid in both). Applied at startup inside one transaction; on PostgreSQL under a
// transaction-scoped advisory lock, so several collector instances starting together
// migrate once. A database migrated by a newer collector is refused, not downgraded.
//
// Times are epoch milliseconds (BIGINT) in both engines: one comparison semantics, fast
// keyset pagination. Absent strings are stored as '' so that equality works alike in both.
import { CollectorError } from '../errors';
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, devices, findings',
    statements: [
      `CREATE TABLE events (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        time_ms BIGINT NOT NULL,
        received_ms BIGINT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank SMALLINT NOT NULL,
        action TEXT NOT NULL,
        mode TEXT NOT NULL,
        policy_version INTEGER,
        body TEXT NOT NULL
      )`,
      'CREATE INDEX events_time ON events (time_ms, id)',
      'CREATE INDEX events_device_time ON events (device_id, time_ms, id)',
      'CREATE INDEX events_kind_time ON events (kind, time_ms, id)',
      // No index on severity: a severity filter is "at least", rarely selective, and every
      // index costs on ingest; such queries walk events_time instead.
      `CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        hostname TEXT NOT NULL,
        os TEXT NOT NULL,
        user_name TEXT NOT NULL,
        agent_version TEXT NOT NULL,
        first_seen_ms BIGINT NOT NULL,
        last_seen_ms BIGINT NOT NULL,
        last_event_ms BIGINT NOT NULL,
        policy_org TEXT,
        policy_version INTEGER,
        policy_digest TEXT,
        posture_ms BIGINT,
        compliant SMALLINT,
        posture TEXT,
        clean_ms BIGINT
      )`,
      'CREATE INDEX devices_last_seen ON devices (last_seen_ms)',
      `CREATE TABLE findings (
        device_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        server_name TEXT NOT NULL,
        scope TEXT NOT NULL,
        file TEXT NOT NULL,
        credential TEXT NOT NULL,
        severity TEXT NOT NULL,
        first_seen_ms BIGINT NOT NULL,
        last_seen_ms BIGINT NOT NULL,
        last_event_id TEXT NOT NULL,
        PRIMARY KEY (device_id, kind, subject)
      )`,
      'CREATE INDEX findings_kind ON findings (kind, first_seen_ms)',
      'CREATE INDEX findings_first_seen ON findings (first_seen_ms, device_id)',
    ],
  },
  {
    version: 2,
    name: 'per-device credentials',
    statements: [
      // One credential per device id, stored as the SHA-256 (hex) of the token: a copy of
      // the database does not let anyone post as a device. The unique index is the lookup
      // path on every event POST. A reset deletes the row, which lets the device enrol again.
      `CREATE TABLE device_credentials (
        device_id TEXT PRIMARY KEY,
        token_sha256 TEXT NOT NULL,
        enrolled_ms BIGINT NOT NULL
      )`,
      'CREATE UNIQUE INDEX device_credentials_token ON device_credentials (token_sha256)',
    ],
  },
  {
    version: 3,
    name: 'dashboard: sessions, daily event counts, policy mode, findings by server',
    statements: [
      // The mode (audit / enforce) of the device's newest event: the rollout view.
      'ALTER TABLE devices ADD COLUMN policy_mode TEXT',
      `UPDATE devices SET policy_mode = (SELECT e.mode FROM events e WHERE e.device_id = devices.id ORDER BY e.time_ms DESC, e.id DESC LIMIT 1)`,
      'CREATE INDEX devices_policy ON devices (policy_version, policy_mode)',
      // Events per UTC day, kind and severity, kept by ingest: the drift chart reads a few
      // hundred rows instead of scanning a million events. `shard` (from the device id)
      // spreads concurrent PostgreSQL ingests over several rows of the same day.
      `CREATE TABLE event_counts (
        day_ms BIGINT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        shard SMALLINT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (day_ms, kind, severity, shard)
      )`,
      `INSERT INTO event_counts (day_ms, kind, severity, shard, n)
       SELECT (time_ms / 86400000) * 86400000, kind, severity, 0, COUNT(*) FROM events GROUP BY (time_ms / 86400000) * 86400000, kind, severity`,
      'CREATE INDEX findings_server ON findings (server_name, device_id)',
      // Dashboard sign-ins: the id is stored as its SHA-256 (a copy of the table signs no one in).
      `CREATE TABLE dashboard_sessions (
        id_hash TEXT PRIMARY KEY,
        csrf TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        seen_ms BIGINT NOT NULL,
        expires_ms BIGINT NOT NULL
      )`,
      'CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_ms)',
    ],
  },
  {
    version: 4,
    name: 'approval requests',
    statements: [
      // One row per server asked for (issue 19): what several devices ask for alike (same
      // `server_key`, the hash of the entry's identity) is one request, decided once.
      // `shape` is the entry as the device had it, secrets replaced by placeholders.
      `CREATE TABLE approval_requests (
        id TEXT PRIMARY KEY,
        server_key TEXT NOT NULL,
        live_key TEXT,
        name TEXT NOT NULL,
        transport TEXT NOT NULL,
        shape TEXT NOT NULL,
        status TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        updated_ms BIGINT NOT NULL,
        decided_ms BIGINT,
        decision_reason TEXT NOT NULL,
        rule_id TEXT NOT NULL
      )`,
      // At most one live (open or approved) request per server: `live_key` is the server key
      // while live and NULL once denied (NULLs never collide), so two devices asking at the
      // same moment land on one row (INSERT … ON CONFLICT) on both engines. A denied server
      // asked for again opens a new request; the denied one stays as history.
      'CREATE UNIQUE INDEX approval_requests_live ON approval_requests (live_key)',
      'CREATE INDEX approval_requests_key ON approval_requests (server_key)',
      'CREATE INDEX approval_requests_updated ON approval_requests (updated_ms, id)',
      // Who asked: one row per device and request; asking again bumps `asks`.
      `CREATE TABLE approval_request_devices (
        request_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        quarantine_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        hostname TEXT NOT NULL,
        scope TEXT NOT NULL,
        client TEXT NOT NULL,
        reason TEXT NOT NULL,
        asks INTEGER NOT NULL,
        first_ms BIGINT NOT NULL,
        last_ms BIGINT NOT NULL,
        restored_ms BIGINT,
        PRIMARY KEY (request_id, device_id)
      )`,
      'CREATE INDEX approval_request_devices_device ON approval_request_devices (device_id, last_ms)',
    ],
  },
];

/** Stable key for pg_advisory_xact_lock: "mcpwmigr" as an int64. */
const MIGRATION_LOCK_KEY = '7813586174553909618';

export async function migrate(db: Db, now = Date.now()): Promise<number> {
  return db.tx(async (t) => {
    if (t.dialect === 'postgres') await t.all(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await t.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)',
    );
    const rows = await t.all<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new CollectorError({
        code: 'SCHEMA_TOO_NEW',
        message: `the database is at schema version ${newest}, this collector knows up to ${known}: upgrade the collector`,
      });
    }
    let ran = 0;
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      for (const sql of m.statements) await t.run(sql);
      await t.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [m.version, m.name, now]);
      ran++;
    }
    return ran;
  });
}
