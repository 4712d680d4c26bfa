// Dashboard sessions, in the database so that several collector instances behind a load
// balancer share them. Only the SHA-256 of a session id is stored.
import type { Db } from './db';

export interface SessionRecord {
  csrf: string;
  createdMs: number;
  seenMs: number;
  expiresMs: number;
}

export interface SessionStore {
  create(idHash: string, rec: SessionRecord): Promise<void>;
  /** The live session, or undefined (unknown or expired). */
  get(idHash: string, now: number): Promise<SessionRecord | undefined>;
  /** Record activity (idle expiry). */
  touch(idHash: string, now: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Drop expired sessions; returns how many. */
  sweep(now: number): Promise<number>;
}

export function sessionStore(db: Db): SessionStore {
  return {
    async create(idHash, r) {
      await db.run('INSERT INTO dashboard_sessions (id_hash, csrf, created_ms, seen_ms, expires_ms) VALUES (?, ?, ?, ?, ?)', [
        idHash,
        r.csrf,
        r.createdMs,
        r.seenMs,
        r.expiresMs,
      ]);
    },
    async get(idHash, now) {
      const [r] = await db.all<{ csrf: string; created_ms: number; seen_ms: number; expires_ms: number }>(
        'SELECT csrf, created_ms, seen_ms, expires_ms FROM dashboard_sessions WHERE id_hash = ? AND expires_ms > ?',
        [idHash, now],
      );
      return r ? { csrf: r.csrf, createdMs: Number(r.created_ms), seenMs: Number(r.seen_ms), expiresMs: Number(r.expires_ms) } : undefined;
    },
    async touch(idHash, now) {
      await db.run('UPDATE dashboard_sessions SET seen_ms = ? WHERE id_hash = ?', [now, idHash]);
    },
    async delete(idHash) {
      await db.run('DELETE FROM dashboard_sessions WHERE id_hash = ?', [idHash]);
    },
    sweep: (now) => db.run('DELETE FROM dashboard_sessions WHERE expires_ms <= ?', [now]),
  };
}
