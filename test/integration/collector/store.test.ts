// The collector store on SQLite AND PostgreSQL: the same suite, the same expectations.
import { openStore, type Store } from '../../../src/collector/store';
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from './db-targets';
import { at, heartbeat, makeEvent } from './events';

const T0 = new Date('2024-05-01T10:00:00Z');

describe.each(dbTargets())('collector store on $name', (target) => {
  let store: Store;
  let url: string;

  beforeEach(async () => {
    url = await target.create();
    store = await openStore(url);
  });
  afterEach(async () => {
    await store?.close();
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  describe('#ingest', () => {
    it('stores a batch once: sending it again adds nothing', async () => {
      const batch = [makeEvent(), makeEvent(), makeEvent({ kind: 'agent.started', severity: 'info', action: 'none' })];

      expect(await store.ingest(batch, Date.now())).toEqual({ accepted: 3, duplicates: 0 });
      expect(await store.ingest(batch, Date.now())).toEqual({ accepted: 0, duplicates: 3 });

      const page = await store.queryEvents({ order: 'desc', limit: 100 });
      expect(page.items).toHaveLength(3);
    });

    it('counts a repeated id inside one batch once', async () => {
      const e = makeEvent();
      expect(await store.ingest([e, e], Date.now())).toEqual({ accepted: 1, duplicates: 1 });
    });

    it('is safe when several instances store the same batch (at once on PostgreSQL)', async () => {
      const other = await openStore(url);
      try {
        const batch = Array.from({ length: 50 }, (_, i) => makeEvent({ time: at(T0, i).toISOString() }, `dev-${i % 5}`));
        const send = [() => store.ingest(batch, Date.now()), () => other.ingest(batch, Date.now()), () => store.ingest(batch, Date.now())];
        // SQLite serves one instance; two connections in ONE process would block each other
        // (its busy wait is synchronous), so there the instances take turns.
        const results =
          target.name === 'postgres' ? await Promise.all(send.map((f) => f())) : [await send[0](), await send[1](), await send[2]()];
        expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(50);
        expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(100);
        expect((await store.listDevices({ limit: 100 })).items).toHaveLength(5);
      } finally {
        await other.close();
      }
    });

    it('migrates once and reopens an existing database', async () => {
      await store.ingest([makeEvent()], Date.now());
      const again = await openStore(url);
      expect((await again.queryEvents({ order: 'asc', limit: 10 })).items).toHaveLength(1);
      await again.close();
    });
  });

  describe('#queryEvents', () => {
    beforeEach(async () => {
      const events = [];
      for (let i = 0; i < 30; i++) {
        events.push(
          makeEvent(
            {
              time: at(T0, i).toISOString(),
              kind: i % 3 === 0 ? 'credential.exposed' : 'server.unapproved',
              severity: i % 2 === 0 ? 'critical' : 'low',
            },
            i % 2 === 0 ? 'dev-a' : 'dev-b',
          ),
        );
      }
      await store.ingest(events, Date.now());
    });

    it('filters by device, kind, severity and time', async () => {
      const q = (f: object) => store.queryEvents({ order: 'asc', limit: 100, ...f }).then((p) => p.items);

      expect(await q({ devices: ['dev-a'] })).toHaveLength(15);
      expect(await q({ kinds: ['credential.exposed'] })).toHaveLength(10);
      expect(await q({ minSeverity: 4 })).toHaveLength(15);
      expect(await q({ sinceMs: at(T0, 10).getTime(), untilMs: at(T0, 20).getTime() })).toHaveLength(10);
      const both = await q({ devices: ['dev-a'], kinds: ['credential.exposed'] });
      expect(both.every((e) => e.device.id === 'dev-a' && e.kind === 'credential.exposed')).toBe(true);
    });

    it('pages in a stable order without skipping or repeating', async () => {
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let after: (string | number)[] | undefined;
        for (let guard = 0; guard < 20; guard++) {
          const page = await store.queryEvents({ order, limit: 7, after });
          seen.push(...page.items.map((e) => e.time));
          if (!page.nextCursor) break;
          after = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString());
        }
        expect(seen).toHaveLength(30);
        expect(new Set(seen).size).toBe(30);
        const sorted = [...seen].sort();
        expect(seen).toEqual(order === 'asc' ? sorted : sorted.reverse());
      }
    });

    it.each(["x' OR '1'='1", "'; DROP TABLE events; --", '%', 'dev-a" OR 1=1 --', '\\'])(
      'treats %j as a plain value in every filter',
      async (evil) => {
        expect((await store.queryEvents({ order: 'asc', limit: 100, devices: [evil] })).items).toEqual([]);
        expect((await store.queryEvents({ order: 'asc', limit: 100, kinds: [evil] })).items).toEqual([]);
        expect((await store.listDevices({ limit: 100, driftKinds: [evil] })).items).toEqual([]);
        expect((await store.listFindings({ limit: 100, devices: [evil], kinds: [evil] })).items).toEqual([]);
        expect((await store.queryEvents({ order: 'asc', limit: 100 })).items).toHaveLength(30);
      },
    );
  });

  describe('devices, compliance and open drift', () => {
    it('reports last seen, policy version and the latest posture', async () => {
      await store.ingest([makeEvent({ time: T0.toISOString() }), heartbeat('dev-a', at(T0, 1), false)], Date.now());

      const [d] = (await store.listDevices({ limit: 10 })).items;
      expect(d).toMatchObject({ id: 'dev-a', hostname: 'dev-a.corp', user: 'alice', policy: { version: 3 }, compliant: false });
      expect(d.openDrift.kinds).toEqual([{ kind: 'server.unapproved', count: 1, firstSeen: T0.toISOString(), lastSeen: T0.toISOString() }]);
      expect(Date.parse(d.lastSeen!)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('keeps the first-seen time while the drift is reported again', async () => {
      await store.ingest([makeEvent({ time: T0.toISOString() })], Date.now());
      await store.ingest([makeEvent({ time: at(T0, 30).toISOString() })], Date.now());

      const [f] = (await store.listFindings({ limit: 10, kinds: ['server.unapproved'] })).items;
      expect(f).toMatchObject({
        device: { id: 'dev-a', hostname: 'dev-a.corp' },
        server: { name: 'github', scope: 'user' },
        firstSeen: T0.toISOString(),
        lastSeen: at(T0, 30).toISOString(),
      });
    });

    it('closes drift when the server is removed', async () => {
      await store.ingest([makeEvent({ time: T0.toISOString() })], Date.now());
      await store.ingest(
        [makeEvent({ time: at(T0, 1).toISOString(), kind: 'server.removed', severity: 'medium', action: 'removed' })],
        Date.now(),
      );
      expect((await store.listFindings({ limit: 10 })).items).toEqual([]);
    });

    it('closes drift on a compliant heartbeat, and a late older event does not reopen it', async () => {
      await store.ingest([makeEvent({ time: T0.toISOString() })], Date.now());
      await store.ingest([heartbeat('dev-a', at(T0, 5), true)], Date.now());
      expect((await store.listDevices({ limit: 10 })).items[0]).toMatchObject({ compliant: true, openDrift: { total: 0 } });

      await store.ingest([makeEvent({ time: at(T0, 2).toISOString(), server: { name: 'other', scope: 'user' } })], Date.now());
      expect((await store.listFindings({ limit: 10 })).items).toEqual([]);

      await store.ingest([makeEvent({ time: at(T0, 9).toISOString(), server: { name: 'new', scope: 'user' } })], Date.now());
      expect((await store.listFindings({ limit: 10 })).items.map((f) => f.server?.name)).toEqual(['new']);
      expect((await store.listDevices({ limit: 10, status: 'noncompliant' })).items).toHaveLength(1);
    });

    it('replaces open drift with the list a heartbeat carries', async () => {
      await store.ingest(
        [
          makeEvent({ time: T0.toISOString() }),
          makeEvent({ time: T0.toISOString(), server: { name: 'gone', scope: 'project' }, file: '/p/.mcp.json' }),
        ],
        Date.now(),
      );
      await store.ingest(
        [
          heartbeat('dev-a', at(T0, 5), false, [
            { kind: 'server.unapproved', server: { name: 'github', scope: 'user' }, file: '/home/alice/.claude.json' },
          ]),
        ],
        Date.now(),
      );
      const open = (await store.listFindings({ limit: 10 })).items;
      expect(open.map((f) => f.server?.name)).toEqual(['github']);
      expect(open[0].firstSeen).toBe(T0.toISOString());
    });

    it('ignores an older heartbeat that arrives after a newer one', async () => {
      await store.ingest([heartbeat('dev-a', at(T0, 10), true)], Date.now());
      await store.ingest([heartbeat('dev-a', at(T0, 5), false)], Date.now());
      expect((await store.listDevices({ limit: 10 })).items[0].compliant).toBe(true);
    });

    it('ends in the same state whether a day offline arrives as one batch or event by event', async () => {
      const seq = [
        makeEvent({ time: at(T0, 0).toISOString(), server: { name: 'one', scope: 'user' } }),
        heartbeat('dev-a', at(T0, 1), false),
        heartbeat('dev-a', at(T0, 2), true),
        makeEvent({ time: at(T0, 3).toISOString(), server: { name: 'two', scope: 'user' } }),
        heartbeat('dev-a', at(T0, 4), false),
        makeEvent({ time: at(T0, 5).toISOString(), server: { name: 'three', scope: 'user' } }),
        heartbeat('dev-a', at(T0, 6), true),
        makeEvent({ time: at(T0, 7).toISOString(), server: { name: 'four', scope: 'user' } }),
        heartbeat('dev-a', at(T0, 8), false),
        heartbeat('dev-a', at(T0, 9), false),
      ];
      const other = await openStore(await target.create());
      try {
        await store.ingest(seq, Date.now());
        for (const e of seq) await other.ingest([{ ...e, device: { ...e.device } }], Date.now());
        const state = async (s: typeof store) => ({
          findings: (await s.listFindings({ limit: 100 })).items.map((f) => [f.server?.name, f.firstSeen]),
          device: (await s.listDevices({ limit: 10 })).items.map((d) => [d.compliant, d.posture?.time]),
        });
        expect(await state(store)).toEqual(await state(other));
        expect((await state(store)).findings).toEqual([['four', at(T0, 7).toISOString()]]);
      } finally {
        await other.close();
      }
    });

    it('does not let a device clock running years ahead freeze its posture', async () => {
      const received = Date.now();
      await store.ingest([heartbeat('dev-a', new Date('2099-01-01T00:00:00Z'), true)], received);
      await store.ingest([heartbeat('dev-a', new Date(received + 10 * 60_000), false)], received + 10 * 60_000);

      const [d] = (await store.listDevices({ limit: 10 })).items;
      expect(d.compliant).toBe(false);
      const [latest] = (await store.queryEvents({ order: 'desc', limit: 1 })).items;
      expect(latest.detail).toMatchObject({ compliant: false });
    });

    it('filters devices by status, drift kind and staleness, and sums up the fleet', async () => {
      await store.ingest(
        [
          makeEvent({ time: T0.toISOString() }, 'dev-bad'),
          heartbeat('dev-good', T0, true),
          makeEvent({ kind: 'agent.started', severity: 'info', action: 'none' }, 'dev-new'),
        ],
        Date.now(),
      );

      const ids = async (f: object) => (await store.listDevices({ limit: 10, ...f })).items.map((d) => d.id);
      expect(await ids({ status: 'noncompliant' })).toEqual(['dev-bad']);
      expect(await ids({ status: 'compliant' })).toEqual(['dev-good']);
      expect(await ids({ status: 'unknown' })).toEqual(['dev-new']);
      expect(await ids({ driftKinds: ['server.unapproved'] })).toEqual(['dev-bad']);
      expect(await ids({ staleBeforeMs: Date.now() - 3600_000 })).toEqual([]);
      expect(await ids({ staleBeforeMs: Date.now() + 1000 })).toHaveLength(3);

      const s = await store.summary(24 * 3600_000, Date.now());
      expect(s.devices).toEqual({ total: 3, compliant: 1, nonCompliant: 1, unknown: 1, stale: 0 });
      expect(s.compliantShare).toBeCloseTo(1 / 3);
      expect(s.topDriftKinds).toEqual([{ kind: 'server.unapproved', devices: 1, findings: 1 }]);
    });

    it('pages through devices and findings', async () => {
      const events = Array.from({ length: 12 }, (_, i) =>
        makeEvent({ time: at(T0, i).toISOString() }, `dev-${String(i).padStart(2, '0')}`),
      );
      await store.ingest(events, Date.now());
      const devices: string[] = [];
      let after: (string | number)[] | undefined;
      do {
        const p = await store.listDevices({ limit: 5, after });
        devices.push(...p.items.map((d) => d.id));
        after = p.nextCursor ? JSON.parse(Buffer.from(p.nextCursor, 'base64url').toString()) : undefined;
      } while (after);
      expect(devices).toHaveLength(12);

      const findings: string[] = [];
      after = undefined;
      do {
        const p = await store.listFindings({ limit: 5, after });
        findings.push(...p.items.map((f) => f.device.id));
        after = p.nextCursor ? JSON.parse(Buffer.from(p.nextCursor, 'base64url').toString()) : undefined;
      } while (after);
      expect(findings).toEqual(devices);
    });
  });
});
