// The collector API over real HTTP on 127.0.0.1, on SQLite and PostgreSQL.
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from './db-targets';
import { at, heartbeat, makeEvent } from './events';
import { ADMIN, adminGet, credentialFor, ENROLL, postEvents, request, startCollector, type Running } from './harness';

const T0 = new Date('2024-05-01T10:00:00Z');

describe.each(dbTargets())('collector API on $name', (target) => {
  let c: Running;

  beforeEach(async () => {
    c = await startCollector(await target.create(), { rateLimit: { perSecond: 0, burst: 1 } });
  });
  afterEach(async () => {
    await c?.stop();
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  describe('POST /v1/events', () => {
    it('stores a batch once: re-sending it adds nothing', async () => {
      const batch = [makeEvent(), makeEvent()];

      const first = await postEvents(c.url, batch);
      const again = await postEvents(c.url, batch);

      expect(first.status).toBe(200);
      expect(first.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      expect(again.json).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
      expect((await adminGet(c.url, '/v1/events')).json.events).toHaveLength(2);
    });

    it('keeps the good events of a batch with one invalid event and says why', async () => {
      const good = [makeEvent(), makeEvent()];
      const bad = { ...makeEvent(), kind: 'server.bogus', secret: 'x' };

      const r = await postEvents(c.url, [good[0], bad, good[1]]);

      expect(r.status).toBe(200);
      expect(r.json.accepted).toBe(2);
      expect(r.json.rejected).toEqual([{ index: 1, id: bad.id, code: 'EVENT_INVALID', reason: expect.stringContaining('$.kind') }]);
      expect(r.json.rejected[0].reason).toContain('$.secret');
      const ids = (await adminGet(c.url, '/v1/events')).json.events.map((e: { id: string }) => e.id).sort();
      expect(ids).toEqual(good.map((e) => e.id).sort());
    });

    it('refuses an oversized body with 413 before storing anything', async () => {
      const small = await startCollector(await target.create(), { maxBodyBytes: 64 * 1024 });
      try {
        const many = Array.from({ length: 200 }, () => makeEvent({ message: 'x'.repeat(1000) }));
        const r = await postEvents(small.url, many);
        expect(r.status).toBe(413);
        expect(r.json.error.code).toBe('PAYLOAD_TOO_LARGE');
        expect((await adminGet(small.url, '/v1/events')).json.events).toEqual([]);
      } finally {
        await small.stop();
      }
    });

    it('refuses more events than one batch may hold', async () => {
      const r = await postEvents(
        c.url,
        Array.from({ length: 1001 }, () => ({})),
      );
      expect(r.status).toBe(413);
      expect(r.json.error.code).toBe('TOO_MANY_EVENTS');
    });

    it.each([
      ['no token', undefined],
      ['a wrong token', 'enroll-token-wrong-000000'],
      ['the admin token', ADMIN],
    ])('refuses %s with 401', async (_label, token) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const r = await request(`${c.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ events: [makeEvent()] }) });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('UNAUTHORIZED');
      expect((await adminGet(c.url, '/v1/events')).json.events).toEqual([]);
    });

    it('answers bad JSON, a wrong shape and a wrong content type with codes, never a stack', async () => {
      const credential = await credentialFor(c.url, 'dev-a');
      const post = (body: string, type = 'application/json') =>
        request(`${c.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${credential}`, 'content-type': type }, body });
      const cases = [await post('{nope'), await post('[1,2]'), await post('{"events":{}}'), await post('{}', 'text/plain')];
      expect(cases.map((r) => [r.status, r.json.error.code])).toEqual([
        [400, 'INVALID_JSON'],
        [400, 'BAD_REQUEST'],
        [400, 'BAD_REQUEST'],
        [415, 'UNSUPPORTED_MEDIA_TYPE'],
      ]);
      for (const r of cases) expect(r.text).not.toMatch(/\bat .+\.(js|ts):\d+/);
    });

    it('limits each device to its rate and says when to come back', async () => {
      const limited = await startCollector(await target.create(), { rateLimit: { perSecond: 1, burst: 2 } });
      try {
        // Enrolments count against the address, events against the device: separate buckets.
        const rate = await credentialFor(limited.url, 'dev-rate');
        const otherCred = await credentialFor(limited.url, 'dev-other');
        const codes = [];
        for (let i = 0; i < 3; i++) codes.push((await postEvents(limited.url, [makeEvent({}, 'dev-rate')], rate)).status);
        const last = await postEvents(limited.url, [makeEvent({}, 'dev-rate')], rate);
        const other = await postEvents(limited.url, [makeEvent({}, 'dev-other')], otherCred);

        expect(codes).toEqual([200, 200, 429]);
        expect(last.status).toBe(429);
        expect(Number(last.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(other.status).toBe(200);
      } finally {
        await limited.stop();
      }
    });
  });

  describe('admin API', () => {
    beforeEach(async () => {
      await postEvents(c.url, [
        makeEvent({ time: T0.toISOString() }, 'dev-a'),
        makeEvent({ time: at(T0, 1).toISOString(), kind: 'credential.exposed', severity: 'critical' }, 'dev-b'),
        heartbeat('dev-c', at(T0, 2), true),
      ]);
    });

    it('refuses the enrollment token and no token on every admin endpoint', async () => {
      for (const p of ['/v1/events', '/v1/devices', '/v1/findings', '/v1/summary']) {
        expect((await adminGet(c.url, p, ENROLL)).status).toBe(401);
        expect((await request(`${c.url}${p}`)).status).toBe(401);
      }
    });

    it('filters events and pages with a cursor', async () => {
      const q = async (s: string) => (await adminGet(c.url, `/v1/events?${s}`)).json;
      expect((await q('device=dev-a')).events.map((e: { device: { id: string } }) => e.device.id)).toEqual(['dev-a']);
      expect((await q('kind=credential.exposed&severity=high')).events).toHaveLength(1);
      expect((await q(`since=${at(T0, 1).toISOString()}`)).events).toHaveLength(2);
      expect((await q(`until=${at(T0, 1).toISOString()}`)).events).toHaveLength(1);
      const p1 = await q('limit=2');
      const p2 = await q(`limit=2&cursor=${p1.nextCursor}`);
      expect(p1.events).toHaveLength(2);
      expect(p2.events).toHaveLength(1);
      expect(p2.nextCursor).toBeNull();
    });

    it.each(["' OR '1'='1", "x'); DROP TABLE events;--", '1 OR 1=1', '%27%3B--', '"', '\\'])(
      'answers the SQL-injection string %j in every filter with 400 or nothing, and keeps the data',
      async (evil) => {
        const e = encodeURIComponent(evil);
        const urls = [
          `/v1/events?device=${e}`,
          `/v1/events?kind=${e}`,
          `/v1/events?severity=${e}`,
          `/v1/events?since=${e}`,
          `/v1/events?until=${e}`,
          `/v1/events?limit=${e}`,
          `/v1/events?cursor=${e}`,
          `/v1/events?order=${e}`,
          `/v1/devices?status=${e}`,
          `/v1/devices?kind=${e}`,
          `/v1/devices?staleAfter=${e}`,
          `/v1/devices?cursor=${e}`,
          `/v1/findings?device=${e}`,
          `/v1/findings?kind=${e}`,
          `/v1/summary?staleAfter=${e}`,
          `/v1/events?${e}=1`,
        ];
        for (const u of urls) {
          const r = await adminGet(c.url, u);
          expect([u, r.status]).toEqual([u, 400]);
          expect(r.json.error.code).toMatch(/^INVALID_(FILTER|CURSOR)$/);
        }
        expect((await adminGet(c.url, '/v1/events')).json.events).toHaveLength(3);
        expect((await adminGet(c.url, '/v1/devices')).json.devices).toHaveLength(3);
      },
    );

    it('lists devices with compliance and open drift, and the open findings since when', async () => {
      const devices = (await adminGet(c.url, '/v1/devices')).json.devices;
      expect(devices.map((d: { id: string; compliant: boolean | null }) => [d.id, d.compliant])).toEqual([
        ['dev-a', false],
        ['dev-b', false],
        ['dev-c', true],
      ]);
      const unapproved = (await adminGet(c.url, '/v1/findings?kind=server.unapproved')).json.findings;
      expect(unapproved).toEqual([
        expect.objectContaining({
          device: expect.objectContaining({ id: 'dev-a' }),
          kind: 'server.unapproved',
          firstSeen: T0.toISOString(),
        }),
      ]);
      const noncompliant = (await adminGet(c.url, '/v1/devices?status=noncompliant&kind=server.unapproved')).json.devices;
      expect(noncompliant.map((d: { id: string }) => d.id)).toEqual(['dev-a']);
    });

    it('sums up the fleet', async () => {
      const s = (await adminGet(c.url, '/v1/summary')).json;
      expect(s.devices).toEqual({ total: 3, compliant: 1, nonCompliant: 2, unknown: 0, stale: 0 });
      expect(s.topDriftKinds.map((k: { kind: string }) => k.kind).sort()).toEqual(['credential.exposed', 'server.unapproved']);
    });
  });

  describe('health, metrics, routing', () => {
    it('answers /healthz and /metrics without a token', async () => {
      await postEvents(c.url, [makeEvent(), { bad: true }]);
      const h = await request(`${c.url}/healthz`);
      const m = await request(`${c.url}/metrics`);

      expect(h.json).toEqual({ status: 'ok', database: target.name });
      expect(m.headers['content-type']).toContain('text/plain');
      expect(m.text).toContain('mcp_warden_collector_events_received_total{result="accepted"} 1');
      expect(m.text).toContain('mcp_warden_collector_events_received_total{result="rejected"} 1');
      expect(m.text).toMatch(/mcp_warden_collector_http_requests_total\{route="events_post",method="POST",code="200"\} 1/);
      expect(m.text).toContain('mcp_warden_collector_devices{status="noncompliant"} 1');
    });

    it('answers unknown paths and methods with JSON errors', async () => {
      const nf = await request(`${c.url}/v2/nothing`);
      const na = await request(`${c.url}/v1/summary`, { method: 'DELETE' });
      expect([nf.status, nf.json.error.code]).toEqual([404, 'NOT_FOUND']);
      expect([na.status, na.json.error.code, na.headers.allow]).toEqual([405, 'METHOD_NOT_ALLOWED', 'GET']);
    });
  });
});
