// Exactly-once under concurrency: several devices post at once, each batch is retried
// while the first attempt is still in flight (an agent that timed out), on PostgreSQL to
// ANOTHER collector instance on the same database. Every event must be stored and counted
// once, and the answers must add up: accepted once in total, every other copy a duplicate.
// On SQLite one instance serves the database, so the retries go to the same one.
import { openStore, type Store } from '../../../src/collector/store';
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from './db-targets';
import { heartbeat, makeEvent } from './events';
import { credentialFor, postEvents, startCollector, type Running } from './harness';
import type { DriftEvent } from '../../../src/events/types';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const DEVICES = 6;
const BATCHES = 8;
const PER_BATCH = 40;

function batchFor(device: string, b: number): DriftEvent[] {
  return Array.from({ length: PER_BATCH }, (_, i) => {
    const time = new Date(T0 + (b * PER_BATCH + i) * 1000);
    if (i % 10 === 0) return heartbeat(device, time, i % 20 === 0);
    return makeEvent(
      {
        time: time.toISOString(),
        action: i % 3 === 0 ? 'removed' : 'none',
        server: { name: `srv-${i % 4}`, scope: 'user', transport: 'stdio', argv: ['npx', 'x'] },
      },
      device,
    );
  });
}

describe.each(dbTargets())('concurrent ingest with overlapping retries on $name', (target) => {
  let instances: Running[] = [];
  let check: Store | undefined;

  afterEach(async () => {
    await Promise.all(instances.map((r) => r.stop()));
    instances = [];
    await check?.close();
    check = undefined;
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it('stores and counts every event once, and the answers add up', async () => {
    const url = await target.create();
    instances = [await startCollector(url, { rateLimit: { perSecond: 0, burst: 0, maxKeys: 10 } })];
    if (target.name === 'postgres') instances.push(await startCollector(url, { rateLimit: { perSecond: 0, burst: 0, maxKeys: 10 } }));
    const [a, b = a] = instances;
    const batches = Array.from({ length: DEVICES }, (_, d) => Array.from({ length: BATCHES }, (_, n) => batchFor(`dev-${d}`, n)));
    // Enrolment is per database: a device enrols through one instance and posts to both.
    const tokens: string[] = [];
    for (let d = 0; d < DEVICES; d++) {
      tokens.push(await credentialFor(a.url, `dev-${d}`));
      await postEvents(a.url, [heartbeat(`dev-${d}`, new Date(T0 - 60_000), true)], tokens[d]);
    }

    let accepted = 0;
    let duplicates = 0;
    let sent = 0;
    await Promise.all(
      batches.map(async (list, d) => {
        for (const [n, batch] of list.entries()) {
          // Every batch twice at once (first try and its retry), on two instances when there
          // are two; every third batch a third time afterwards.
          const copies = [
            postEvents((d + n) % 2 ? a.url : b.url, batch, tokens[d]),
            postEvents((d + n) % 2 ? b.url : a.url, batch, tokens[d]),
          ];
          const replies = await Promise.all(copies);
          if (n % 3 === 0) replies.push(await postEvents(a.url, batch, tokens[d]));
          for (const r of replies) {
            expect(r.status).toBe(200);
            accepted += r.json.accepted as number;
            duplicates += r.json.duplicates as number;
            sent += batch.length;
          }
        }
      }),
    );
    const unique = DEVICES * BATCHES * PER_BATCH;
    expect(accepted).toBe(unique);
    expect(duplicates).toBe(sent - unique);

    check = await openStore(url);
    const stored: DriftEvent[] = [];
    for (let after: (string | number)[] | undefined, guard = 0; guard < 100; guard++) {
      const page = await check.queryEvents({ order: 'asc', limit: 500, after });
      stored.push(...page.items);
      if (!page.nextCursor) break;
      after = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString()) as (string | number)[];
    }
    const ids = new Set(batches.flat(2).map((e) => e.id));
    // The enrolment heartbeats are stored too.
    expect(stored).toHaveLength(unique + DEVICES);
    expect(stored.filter((e) => ids.has(e.id))).toHaveLength(unique);
    // The daily counts the dashboard charts: every stored event once.
    const counts = await check.dashboard.driftCounts(
      { sinceMs: T0 - 86_400_000, untilMs: T0 + 86_400_000 },
      { offset: 0, limit: 100, sort: 'day', dir: 'asc' },
    );
    expect(counts.items.reduce((n, c) => n + c.events, 0)).toBe(unique + DEVICES);
    const devices = await check.listDevices({ limit: 100 });
    expect(devices.items).toHaveLength(DEVICES);
    // Every open finding names an event that exists.
    const findings = await check.listFindings({ limit: 1000 });
    const storedIds = new Set(stored.map((e) => e.id));
    expect(findings.items.every((f) => storedIds.has(f.eventId))).toBe(true);
  });
});
