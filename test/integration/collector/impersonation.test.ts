// Attacks on the collector (issue 14, item 3 and 6), over real HTTP on 127.0.0.1, on SQLite
// and PostgreSQL: device impersonation with the shared token and with another device's
// credential, re-enrolment, rate-limit key rotation, hostile single events in a batch.
// The figures (attempts tried / accepted) are printed for the report.
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from './db-targets';
import { at, heartbeat, makeEvent } from './events';
import { ADMIN, adminGet, enrol, ENROLL, postEvents, request, startCollector, type Running } from './harness';

const T0 = new Date('2026-12-01T10:00:00Z');

function figure(line: string): void {
  process.stdout.write(`[attack] ${line}\n`);
}

const reset = (base: string, deviceId: string, token = ADMIN) =>
  request(`${base}/v1/devices/reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId }),
  });

describe.each(dbTargets())('collector attacks on $name', (target) => {
  let c: Running;
  // A frozen clock: rate-limit buckets never refill during a test, so counts are exact.
  const clock = { ms: Date.UTC(2026, 11, 3, 12) };

  beforeEach(async () => {
    c = await startCollector(await target.create(), { rateLimit: { perSecond: 10, burst: 40 }, now: () => clock.ms });
  });
  afterEach(async () => {
    await c?.stop();
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  /** The victim: non-compliant, with an open finding. */
  async function victim(): Promise<string> {
    const cred = (await enrol(c.url, 'dev-victim')).json.credential as string;
    const r = await postEvents(
      c.url,
      [makeEvent({ time: T0.toISOString() }, 'dev-victim'), heartbeat('dev-victim', at(T0, 1), false)],
      cred,
    );
    expect(r.json).toMatchObject({ accepted: 2, rejected: [] });
    return cred;
  }

  async function victimState(): Promise<{ compliant: number; nonCompliant: number; findings: number }> {
    const s = (await adminGet(c.url, '/v1/summary')).json;
    const f = (await adminGet(c.url, '/v1/findings?device=dev-victim')).json.findings as unknown[];
    return { compliant: s.devices.compliant, nonCompliant: s.devices.nonCompliant, findings: f.length };
  }

  describe('impersonation', () => {
    it('refuses events sent with the shared enrollment token: a forged heartbeat changes nothing', async () => {
      await victim();
      const before = await victimState();

      const forged = await postEvents(c.url, [heartbeat('dev-victim', at(T0, 5), true)], ENROLL);

      expect(forged.status).toBe(403);
      expect(forged.json.error.code).toBe('ENROLLMENT_REQUIRED');
      expect(forged.json.error.message).toContain('/v1/enroll');
      expect(await victimState()).toEqual(before);
      expect(before).toEqual({ compliant: 0, nonCompliant: 1, findings: 1 });
      figure(
        `${target.name}: forged heartbeat with the shared token: 1 tried, 0 accepted (before the fix: 1 of 1, device turned compliant)`,
      );
    });

    it("rejects the events device A's credential sends for device B, and only those", async () => {
      await victim();
      const a = (await enrol(c.url, 'dev-a')).json.credential as string;

      const r = await postEvents(
        c.url,
        [makeEvent({ time: at(T0, 2).toISOString() }, 'dev-a'), heartbeat('dev-victim', at(T0, 5), true)],
        a,
      );

      expect(r.status).toBe(200);
      expect(r.json.accepted).toBe(1);
      expect(r.json.rejected).toEqual([
        { index: 1, id: expect.any(String), code: 'DEVICE_MISMATCH', reason: expect.stringContaining('dev-a') },
      ]);
      expect(await victimState()).toEqual({ compliant: 0, nonCompliant: 2, findings: 1 });
      const stored = (await adminGet(c.url, '/v1/events?device=dev-victim')).json.events as { kind: string }[];
      expect(stored.map((e) => e.kind).sort()).toEqual(['agent.heartbeat', 'server.unapproved']);
      figure(`${target.name}: heartbeat for B with A's credential: 1 tried, 0 accepted`);
    });

    it('refuses a second enrolment of an enrolled device id until an admin resets it', async () => {
      const first = await enrol(c.url, 'dev-victim');
      const second = await enrol(c.url, 'dev-victim');

      expect(first.status).toBe(201);
      expect(first.json.credential).toMatch(/^mwd1_[A-Za-z0-9_-]{43}$/);
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('ALREADY_ENROLLED');
      expect(second.text).not.toContain(first.json.credential);

      // Only the admin token resets.
      expect((await reset(c.url, 'dev-victim', ENROLL)).status).toBe(401);
      expect((await reset(c.url, 'dev-victim', first.json.credential)).status).toBe(401);
      const done = await reset(c.url, 'dev-victim');
      expect(done.json).toEqual({ deviceId: 'dev-victim', reset: true });
      expect((await reset(c.url, 'dev-victim')).json.reset).toBe(false);

      // The old credential is dead at once; the device enrols again and gets a new one.
      const old = await postEvents(c.url, [makeEvent({}, 'dev-victim')], first.json.credential);
      expect([old.status, old.json.error.code]).toEqual([401, 'CREDENTIAL_UNKNOWN']);
      const again = await enrol(c.url, 'dev-victim');
      expect(again.status).toBe(201);
      expect(again.json.credential).not.toBe(first.json.credential);
      expect((await postEvents(c.url, [makeEvent({}, 'dev-victim')], again.json.credential)).json.accepted).toBe(1);
    });

    it('settles two enrolments racing for one device id with exactly one credential', async () => {
      const replies = await Promise.all(Array.from({ length: 8 }, () => enrol(c.url, 'dev-race')));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    });

    it('lets shared-token events through only with allowSharedTokenEvents, limited per source address', async () => {
      const legacy = await startCollector(await target.create(), {
        allowSharedTokenEvents: true,
        rateLimit: { perSecond: 10, burst: 40 },
        now: () => clock.ms,
      });
      try {
        const r = await postEvents(legacy.url, [makeEvent({}, 'dev-old')], ENROLL);
        expect(r.json.accepted).toBe(1);
      } finally {
        await legacy.stop();
      }
    });

    it.each([
      ['two spaces', (t: string) => `Bearer  ${t}`],
      ['a trailing character', (t: string) => `Bearer ${t}x`],
      ['lower-case scheme and a tab', (t: string) => `bearer\t${t}`],
    ])('refuses a token with %s', async (_label, header) => {
      const r = await request(`${c.url}/v1/enroll`, {
        method: 'POST',
        headers: { authorization: header(ENROLL), 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: 'dev-ws' }),
      });
      expect(r.status).toBe(401);
    });
  });

  describe('rate limits', () => {
    async function rotate(base: string, token: string, n: number): Promise<{ accepted: number; limited: number; other: number }> {
      const out = { accepted: 0, limited: 0, other: 0 };
      for (let i = 0; i < n; i++) {
        const dev = `dev-rot-${i}`;
        const r = await postEvents(base, [makeEvent({}, 'dev-a')], token, { 'x-mcp-warden-device': dev });
        if (r.status === 200) out.accepted++;
        else if (r.status === 429) out.limited++;
        else out.other++;
      }
      return out;
    }

    it('keys on the credential, not a header: 2,000 rotating-header requests get the burst, no more', async () => {
      const cred = (await enrol(c.url, 'dev-a')).json.credential as string;
      const r = await rotate(c.url, cred, 2000);
      expect(r).toEqual({ accepted: 40, limited: 1960, other: 0 });
      figure(
        `${target.name}: 2,000 rotating-header requests with one device credential: ${r.accepted} accepted (before the fix: 2,000 of 2,000)`,
      );
    });

    it('keys shared-token (migration) events on the source address: rotating the header does not help', async () => {
      const legacy = await startCollector(await target.create(), {
        allowSharedTokenEvents: true,
        rateLimit: { perSecond: 10, burst: 40 },
        now: () => clock.ms,
      });
      try {
        const r = await rotate(legacy.url, ENROLL, 2000);
        expect(r).toEqual({ accepted: 40, limited: 1960, other: 0 });
        figure(
          `${target.name}: 2,000 rotating-header requests with the shared token (--allow-shared-token-events): ${r.accepted} accepted`,
        );
      } finally {
        await legacy.stop();
      }
    });

    it('refuses shared-token events by default and limits the refusals per address', async () => {
      const r = await rotate(c.url, ENROLL, 100);
      expect(r).toEqual({ accepted: 0, limited: 60, other: 40 });
      figure(`${target.name}: 100 rotating-header requests with the shared token (default): 0 accepted`);
    });

    it('limits enrolments per source address: minting identities costs the address', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 60; i++) codes.push((await enrol(c.url, `dev-mint-${i}`)).status);
      expect(codes.filter((s) => s === 201)).toHaveLength(40);
      expect(codes.filter((s) => s === 429)).toHaveLength(20);
    });
  });

  describe('hostile single events', () => {
    it('rejects a deeply nested detail alone, normalises a leap second, and keeps the rest of the batch', async () => {
      const cred = (await enrol(c.url, 'dev-a')).json.credential as string;
      const good = makeEvent({ time: T0.toISOString() }, 'dev-a');
      const leap = makeEvent({ time: '2026-12-31T23:59:60Z' }, 'dev-a');
      const deep = makeEvent({}, 'dev-a');
      const depth = 5000;
      const deepText = JSON.stringify(deep).replace(/}$/, `,"detail":{"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`);
      const lateLeap = makeEvent({ time: '2026-12-31T12:59:60Z' }, 'dev-a');
      const body = `{"events":[${JSON.stringify(good)},${deepText},${JSON.stringify(leap)},${JSON.stringify(lateLeap)}]}`;

      const r = await request(`${c.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cred}`, 'content-type': 'application/json' },
        body,
      });

      expect(r.status).toBe(200);
      expect(r.json.accepted).toBe(2);
      expect(r.json.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
        [1, 'EVENT_TOO_DEEP'],
        [3, 'EVENT_INVALID'],
      ]);
      const stored = (await adminGet(c.url, `/v1/events?device=dev-a`)).json.events as { id: string; time: string }[];
      expect(stored.find((e) => e.id === leap.id)?.time).toBe('2027-01-01T00:00:00.000Z');
      expect(stored.map((e) => e.id).sort()).toEqual([good.id, leap.id].sort());
      figure(
        `${target.name}: batch with a ${depth}-deep detail and a leap second: HTTP 200, 2 of 4 stored, deep one rejected alone (before the fix: HTTP 500, 0 stored)`,
      );
    });
  });
});
