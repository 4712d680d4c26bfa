// Per-device credentials: the digest of each device's token, one row per device id.
// Writes go through db.tx (on SQLite the one connection may be inside a group commit, and
// a write outside it would join that transaction).
import type { Db } from './db';

export type EnrolResult = 'enrolled' | 'already_enrolled';

/** Record `digest` as `deviceId`'s credential, unless that device already has one. */
export function enrolDevice(db: Db, deviceId: string, digest: string, now: number): Promise<EnrolResult> {
  return db.tx(async (t) => {
    // ON CONFLICT DO NOTHING: of two enrolments racing for one id, exactly one wins.
    const rows = await t.all<{ device_id: string }>(
      'INSERT INTO device_credentials (device_id, token_sha256, enrolled_ms) VALUES (?, ?, ?) ON CONFLICT (device_id) DO NOTHING RETURNING device_id',
      [deviceId, digest, now],
    );
    return rows.length === 1 ? 'enrolled' : 'already_enrolled';
  });
}

/** The device a credential digest belongs to, if any. */
export async function deviceForCredential(db: Db, digest: string): Promise<string | undefined> {
  const rows = await db.all<{ device_id: string }>('SELECT device_id FROM device_credentials WHERE token_sha256 = ?', [digest]);
  return rows[0]?.device_id;
}

/** Forget `deviceId`'s credential so that it may enrol again; false when it had none. */
export function resetDevice(db: Db, deviceId: string): Promise<boolean> {
  return db.tx(async (t) => (await t.run('DELETE FROM device_credentials WHERE device_id = ?', [deviceId])) > 0);
}
