// The batched ingest (posture and findings worked out in memory, written in a few
// statements) must leave the database exactly as the per-event ingest did. Random batches
// over a few devices and subjects (opens, remedies, heartbeats with and without findings
// lists, events late and early, repeated ids, batches sent twice) go through both, on
// SQLite and PostgreSQL, and every derived table is compared row for row.
import type { DriftEvent, EventKind } from '../../../src/events/types';
import type { Db } from '../../../src/collector/store/db';
import { ingest, ingestParts } from '../../../src/collector/store/ingest';
import { takeGroup } from '../../../src/collector/store/ingest-queue';
import { migrate } from '../../../src/collector/store/migrations';
import { openPostgres } from '../../../src/collector/store/postgres';
import { openSqlite } from '../../../src/collector/store/sqlite';
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from './db-targets';
import { heartbeat, makeEvent } from './events';
import { ingest as referenceIngest } from './reference-ingest';

const T0 = Date.parse('2024-05-01T10:00:00Z');

/** Small deterministic PRNG (mulberry32): a failing seed can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: [EventKind, string][] = [
  ['server.unapproved', 'none'],
  ['server.unapproved', 'failed'],
  ['server.unapproved', 'removed'],
  ['server.pin_mismatch', 'none'],
  ['server.pin_mismatch', 'quarantined'],
  ['server.removed', 'removed'],
  ['credential.exposed', 'none'],
  ['credential.exposed', 'migrated'],
  ['credential.migrated', 'migrated'],
  ['settings.drift', 'none'],
  ['settings.drift', 'fixed'],
  ['settings.fixed', 'fixed'],
  ['policy.accepted', 'none'],
];

function randomEvent(r: () => number, only?: string): DriftEvent {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const device = only ?? pick(['dev-a', 'dev-b', 'dev-c']);
  const time = new Date(T0 + Math.floor(r() * 12) * 60_000);
  const server = { name: pick(['gh', 'fs', 'db']), scope: pick(['user', 'project'] as const) };
  const file = pick(['/home/a/.claude.json', '/repo/.mcp.json']);
  if (r() < 0.3) {
    const findings =
      r() < 0.4
        ? Array.from({ length: Math.floor(r() * 3) }, () => ({
            kind: pick(['server.unapproved', 'credential.exposed', 'settings.drift']),
            server: { ...server, name: pick(['gh', 'fs', 'db']) },
            file,
            credential: 'TOKEN',
          }))
        : undefined;
    return heartbeat(device, time, r() < 0.5, findings);
  }
  const [kind, action] = pick(KINDS);
  return makeEvent(
    {
      kind,
      action: action as DriftEvent['action'],
      severity: pick(['low', 'medium', 'high', 'critical'] as const),
      time: time.toISOString(),
      server: { ...server, transport: 'stdio', argv: ['npx', 'x'] },
      file,
      ...(kind.startsWith('credential') ? { credential: { name: 'TOKEN', location: 'env' } } : {}),
    },
    device,
  );
}

async function dump(db: Db): Promise<unknown> {
  return {
    devices: await db.all(
      'SELECT id, hostname, last_event_ms, policy_version, policy_mode, posture_ms, compliant, posture, clean_ms FROM devices ORDER BY id',
    ),
    findings: await db.all('SELECT * FROM findings ORDER BY device_id, kind, subject'),
    counts: await db.all('SELECT * FROM event_counts ORDER BY day_ms, kind, severity, shard'),
    // Every column of every event: PostgreSQL's json_to_recordset form and its text[]
    // fallback must store what the per-event ingest stored, byte for byte.
    events: await db.all(
      'SELECT id, device_id, time_ms, received_ms, kind, severity, severity_rank, action, mode, policy_version, body FROM events ORDER BY id',
    ),
  };
}

describe.each(dbTargets())('batched ingest against the per-event one on $name', (target) => {
  const open = async (): Promise<Db> => {
    const url = await target.create();
    const db = url.startsWith('sqlite:') ? openSqlite(url.slice('sqlite:'.length)) : openPostgres(url);
    await migrate(db);
    return db;
  };
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('ends in the same state (seed %i)', async (seed) => {
    const r = rng(seed);
    const ours = await open();
    const theirs = await open();
    try {
      const sent: DriftEvent[][] = [];
      for (let b = 0; b < 30; b++) {
        const batch = Array.from({ length: 1 + Math.floor(r() * 12) }, () => randomEvent(r));
        if (r() < 0.15 && batch.length > 1) batch.push(batch[0]);
        sent.push(batch);
        // A retried batch now and then (the agent did not see the answer).
        const again = r() < 0.2 && sent.length > 1 ? sent[Math.floor(r() * sent.length)] : undefined;
        for (const x of again ? [batch, again] : [batch]) {
          const received = T0 + 3_600_000;
          expect(await ingest(ours, x, received)).toEqual(await referenceIngest(theirs, x, received));
        }
      }
      expect(await dump(ours)).toEqual(await dump(theirs));
    } finally {
      await ours.close();
      await theirs.close();
    }
  });

  it('stores every string as sent, including those PostgreSQL JSON cannot hold as text', async () => {
    const ours = await open();
    const theirs = await open();
    try {
      const odd = [
        'nul \u0000 here',
        'lone \ud800 high',
        'lone \udc00 low',
        'a pair 😀',
        'backslash-u \\u0000 text',
        'quotes "\' and \\ and \n',
      ];
      const ev = (message: string, i: number): DriftEvent => ({
        ...makeEvent({ kind: 'server.unapproved', action: 'none', time: new Date(T0 + i * 1000).toISOString(), message }, 'dev-a'),
      });
      const plain = Array.from({ length: 5 }, (_, i) => ev(`plain ${i}`, i));
      // One batch of plain events (the JSON form), then each odd string alone and all mixed in (the fallback).
      const batches = [plain, ...odd.map((m, i) => [ev(m, 10 + i)]), [...odd.map((m, i) => ev(m, 20 + i)), ev('plain again', 30)]];
      for (const b of batches) expect(await ingest(ours, b, T0 + 60_000)).toEqual(await referenceIngest(theirs, b, T0 + 60_000));
      const got = (await ours.all<{ body: string }>('SELECT body FROM events ORDER BY id')).map(
        (r) => (JSON.parse(r.body) as DriftEvent).message,
      );
      expect(got.sort()).toEqual(
        batches
          .flat()
          .map((e) => e.message)
          .sort(),
      );
      expect(await dump(ours)).toEqual(await dump(theirs));
    } finally {
      await ours.close();
      await theirs.close();
    }
  });

  it.each([11, 12, 13])('stores a group of batches as it stores them one by one (seed %i)', async (seed) => {
    const r = rng(seed);
    const ours = await open();
    const theirs = await open();
    try {
      // Batches of one device each (as devices send them), queued as ingest-queue.ts queues them.
      const waiting = Array.from({ length: 40 }, () => {
        const device = ['dev-a', 'dev-b', 'dev-c', 'dev-d'][Math.floor(r() * 4)];
        const events = Array.from({ length: 1 + Math.floor(r() * 8) }, () => randomEvent(r, device));
        return { events, receivedMs: T0 + 3_600_000 + Math.floor(r() * 1000), devices: new Set([device]) };
      });
      // Some retried while the first try waits.
      for (let i = 0; i < 6; i++) waiting.splice(Math.floor(r() * waiting.length), 0, waiting[Math.floor(r() * waiting.length)]);
      let groups = 0;
      while (waiting.length > 0) {
        const group = takeGroup(waiting, 20);
        expect(new Set(group.flatMap((g) => [...g.devices])).size).toBe(group.length);
        groups++;
        const one: unknown[] = [];
        for (const g of group) one.push(await referenceIngest(theirs, g.events, g.receivedMs));
        expect(await ingestParts(ours, group)).toEqual(one);
      }
      expect(groups).toBeLessThan(46);
      expect(await dump(ours)).toEqual(await dump(theirs));
    } finally {
      await ours.close();
      await theirs.close();
    }
  });
});
