// The approval queue over real HTTP on 127.0.0.1, on SQLite and PostgreSQL: devices file
// requests with their credential, duplicates merge, several devices group, admins decide,
// a `server.restored` event closes a device's part, and nothing secret is ever stored.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from './db-targets';
import { makeEvent } from './events';
import { ADMIN, credentialFor, postEvents, request, startCollector, type Reply, type Running } from './harness';

const QID = 'q-20261203T120000Z-0123abcd';

function body(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'thing',
    transport: 'stdio',
    scope: 'user',
    client: 'claude-code',
    entry: { type: 'stdio', command: 'npx', args: ['-y', '@acme/mcp-thing@1.2.0'], env: { THING_TOKEN: '{{secret:THING_TOKEN}}' } },
    secrets: [{ path: ['env', 'THING_TOKEN'], name: 'THING_TOKEN' }],
    quarantineId: QID,
    removedBecause: 'matches no approved server',
    reason: 'needed for the release',
    user: 'alice',
    hostname: 'alice-laptop',
    ...over,
  };
}

async function file(base: string, device: string, b: unknown): Promise<Reply> {
  return request(`${base}/v1/requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await credentialFor(base, device)}`, 'content-type': 'application/json' },
    body: typeof b === 'string' ? b : JSON.stringify(b),
  });
}

const admin = (base: string, p: string, method = 'GET', b?: unknown): Promise<Reply> =>
  request(`${base}${p}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(b !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: b === undefined ? undefined : JSON.stringify(b),
  });

describe.each(dbTargets())('approval requests on $name', (target) => {
  let c: Running;
  let db: string;

  beforeEach(async () => {
    db = await target.create();
    c = await startCollector(db, { rateLimit: { perSecond: 0, burst: 1 } });
  });
  afterEach(async () => {
    await c?.stop();
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it('merges a device asking twice (a count) and groups devices asking for the same server', async () => {
    const a1 = await file(c.url, 'dev-a', body());
    expect(a1.status).toBe(201);
    expect(a1.json.merged).toBe(false);
    const id = a1.json.request.id as string;
    expect(id).toMatch(/^r-[0-9a-f]{16}$/);

    const a2 = await file(c.url, 'dev-a', body({ reason: 'still needed' }));
    expect(a2.status).toBe(200);
    expect(a2.json).toMatchObject({ merged: true, request: { id, devices: 1, asks: 2 } });

    // Another device, another name and home, the same package: the same request.
    const b = await file(c.url, 'dev-b', body({ name: 'acme-thing', user: 'bob', quarantineId: 'q-20261203T130000Z-89abcdef' }));
    expect(b.json).toMatchObject({ merged: true, request: { id, devices: 2, asks: 3, status: 'open' } });

    // A different package is a different request.
    const other = await file(c.url, 'dev-b', body({ entry: { command: 'npx', args: ['-y', 'other-mcp@1.0.0'] }, secrets: [] }));
    expect(other.status).toBe(201);

    const list = await admin(c.url, '/v1/requests?status=open');
    expect(list.status).toBe(200);
    expect(list.json.requests).toHaveLength(2);
    const shown = await admin(c.url, `/v1/requests/${id}`);
    expect(shown.json.request).toMatchObject({
      id,
      name: 'thing',
      devices: 2,
      asks: 3,
      restored: 0,
      secrets: [{ path: ['env', 'THING_TOKEN'], name: 'THING_TOKEN' }],
    });
    const rows = shown.json.request.deviceList as Array<{
      deviceId: string;
      asks: number;
      reason: string;
      removedBecause: string;
      user: string;
    }>;
    expect(rows.map((d) => [d.deviceId, d.asks, d.user])).toEqual([
      ['dev-a', 2, 'alice'],
      ['dev-b', 1, 'bob'],
    ]);
    expect(rows[0].reason).toBe('still needed');
    expect(rows[0].removedBecause).toBe('matches no approved server');
  });

  it('approve → restored on N devices (server.restored events); a denial carries its reason and frees the server', async () => {
    const id = (await file(c.url, 'dev-a', body())).json.request.id as string;
    await file(c.url, 'dev-b', body({ quarantineId: 'q-20261203T130000Z-89abcdef' }));

    const ok = await admin(c.url, `/v1/requests/${id}/approve`, 'POST', { ruleId: 'mcp-thing' });
    expect(ok.json.request).toMatchObject({ status: 'approved', ruleId: 'mcp-thing', restored: 0 });

    // dev-a restores it (by request id), dev-b too (by its quarantine id only).
    const restored = (device: string, detail: Record<string, unknown>) =>
      makeEvent({ kind: 'server.restored', severity: 'info', action: 'restored', wouldDo: undefined, mode: 'enforce', detail }, device);
    expect((await postEvents(c.url, [restored('dev-a', { quarantineId: QID, requestId: id })])).json.accepted).toBe(1);
    expect((await admin(c.url, `/v1/requests/${id}`)).json.request.restored).toBe(1);
    await postEvents(c.url, [restored('dev-b', { quarantineId: 'q-20261203T130000Z-89abcdef' })]);
    const after = (await admin(c.url, `/v1/requests/${id}`)).json.request;
    expect(after).toMatchObject({ status: 'approved', devices: 2, restored: 2 });
    expect(after.deviceList.every((d: { restoredAt: string | null }) => d.restoredAt !== null)).toBe(true);

    // A device joining an approved request joins it (its agent restores when the policy arrives).
    expect((await file(c.url, 'dev-c', body())).json.request).toMatchObject({ id, status: 'approved', devices: 3 });

    const other = (await file(c.url, 'dev-a', body({ entry: { command: 'npx', args: ['-y', 'blog-mcp@0.0.1'] }, secrets: [] }))).json
      .request.id as string;
    expect((await admin(c.url, `/v1/requests/${other}/deny`, 'POST', {})).status).toBe(400);
    const no = await admin(c.url, `/v1/requests/${other}/deny`, 'POST', { reason: 'use the approved GitHub server' });
    expect(no.json.request).toMatchObject({ status: 'denied', decisionReason: 'use the approved GitHub server' });
    // The developer's device reads its own requests, with the reason.
    const mine = await request(`${c.url}/v1/requests?device=me`, {
      headers: { authorization: `Bearer ${await credentialFor(c.url, 'dev-a')}` },
    });
    expect(mine.status).toBe(200);
    expect(mine.json.requests.map((r: { id: string; status: string }) => [r.id, r.status]).sort()).toEqual(
      [
        [id, 'approved'],
        [other, 'denied'],
      ].sort(),
    );
    expect(
      mine.json.requests.every((r: { deviceList: Array<{ deviceId: string }> }) => r.deviceList.every((d) => d.deviceId === 'dev-a')),
    ).toBe(true);
    // Asked again after the denial: a new request (the denied one stays as history).
    const again = await file(c.url, 'dev-a', body({ entry: { command: 'npx', args: ['-y', 'blog-mcp@0.0.1'] }, secrets: [] }));
    expect(again.status).toBe(201);
    expect(again.json.request.id).not.toBe(other);
  });

  it('checks who asks and what: credentials, admin token, schema (JSON paths), size, depth', async () => {
    const noCred = await request(`${c.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    expect(noCred.status).toBe(401);
    // The admin token cannot file requests, and a device cannot decide or read another's.
    expect((await admin(c.url, '/v1/requests', 'POST', body())).status).toBe(401);
    const id = (await file(c.url, 'dev-a', body())).json.request.id as string;
    const devB = await credentialFor(c.url, 'dev-b');
    const asB = (p: string, method = 'GET') =>
      request(`${c.url}${p}`, {
        method,
        headers: { authorization: `Bearer ${devB}`, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
    expect((await asB(`/v1/requests/${id}/approve`, 'POST')).status).toBe(401);
    expect((await asB(`/v1/requests/${id}`)).status).toBe(404);
    expect((await asB('/v1/requests?device=dev-a')).status).toBe(403);
    expect((await admin(c.url, '/v1/requests/r-nope')).status).toBe(404);
    expect((await admin(c.url, '/v1/requests/r-0123456789abcdef')).status).toBe(404);

    const bad = await file(c.url, 'dev-a', body({ transport: 'carrier-pigeon', secrets: [{ path: [], name: 'X' }], extra: 1 }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('$.transport');
    expect(bad.json.error.message).toContain('$.secrets[0].path');
    expect(bad.json.error.message).toMatch(/\$\.extra|additional/);
    const big = await file(c.url, 'dev-a', body({ reason: 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const tooDeep = await file(c.url, 'dev-a', body({ entry: { command: 'x', deep } }));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.json.error.message).toMatch(/^\$\.entry\.deep/);
    expect((await file(c.url, 'dev-a', '{"name":')).status).toBe(400);
  });

  it('never stores a secret, even one the device failed to redact (canary)', async () => {
    const canary = `ghp_${crypto.randomBytes(24).toString('hex').slice(0, 36)}`;
    const r = await file(
      c.url,
      'dev-a',
      body({
        entry: {
          command: 'npx',
          args: ['-y', 'leaky-mcp@1.0.0', `--token=${canary}`],
          env: { LEAKED: canary },
          nested: { deeper: [canary] },
        },
      }),
    );
    expect(r.status).toBe(201);
    expect(r.text).not.toContain(canary);
    const shown = await admin(c.url, `/v1/requests/${r.json.request.id as string}`);
    expect(shown.text).not.toContain(canary);
    expect(shown.json.request.entry.env.LEAKED).toMatch(/^\{\{secret:/);
    expect(shown.json.request.secrets.map((s: { path: unknown[] }) => s.path)).toEqual(
      expect.arrayContaining([
        ['env', 'LEAKED'],
        ['args', 2],
        ['nested', 'deeper', 0],
      ]),
    );
    // Not in the database either.
    if (target.name === 'sqlite') {
      await c.stop();
      const f = db.slice('sqlite:'.length);
      for (const x of [f, `${f}-wal`]) if (fs.existsSync(x)) expect(fs.readFileSync(x).includes(canary)).toBe(false);
    } else {
      const { Client } = await import('pg');
      const pg = new Client({ connectionString: db });
      await pg.connect();
      const rows = await pg.query('SELECT shape FROM approval_requests');
      await pg.end();
      expect(JSON.stringify(rows.rows)).not.toContain(canary);
    }
  });
});
