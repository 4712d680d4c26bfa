// Agent side → collector over real HTTP on 127.0.0.1: exactly-once delivery through
// outages, on SQLite and PostgreSQL.
import { redactor } from '../../../src/log/redact';
import { heartbeatEvent, spoolStatus } from '../../../src/report';
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from '../collector/db-targets';
import { adminGet, startCollector, type Running } from '../collector/harness';
import { startStub } from './stub';
import { agentSide, unapproved } from './helpers';

async function storedIds(c: Running): Promise<string[]> {
  return (await adminGet(c.url, '/v1/events?limit=1000')).json.events.map((e: { id: string }) => e.id).sort();
}

describe.each(dbTargets())('delivery to a collector on $name', (target) => {
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it('delivers every event once and empties the spool', async () => {
    const c = await startCollector(await target.create());
    try {
      const a = agentSide(c.url);
      for (const n of ['a', 'b', 'c']) a.spool.emit(unapproved(n));
      const ids = a.spool
        .pending()
        .map((e) => e.id)
        .sort();

      const first = await a.send();
      const second = await a.send();

      expect(first).toMatchObject({ outcome: 'ok', accepted: 3, duplicates: 0, rejected: 0, pending: 0 });
      expect(second).toMatchObject({ outcome: 'ok', accepted: 0, pending: 0 });
      expect(await storedIds(c)).toEqual(ids);
      expect(spoolStatus(a.stateDir)).toMatchObject({ pending: 0, lastSend: { outcome: 'ok' } });
    } finally {
      await c.stop();
    }
  });

  it('keeps events through an outage and delivers all of them, none twice, when the collector is back', async () => {
    const db = await target.create();
    let c = await startCollector(db);
    const port = Number(new URL(c.url).port);
    await c.stop();
    const a = agentSide(`http://127.0.0.1:${port}`);
    for (let i = 0; i < 25; i++) a.spool.emit(unapproved(`s${i}`));

    const down = await a.send({ deadlineMs: 1500, retry: { initialBackoffMs: 100, maxBackoffMs: 200 } });
    expect(down).toMatchObject({
      outcome: 'retryable',
      pending: 25,
      netCode: 'UNREACHABLE',
      error: expect.stringMatching(/^UNREACHABLE: .*\(ECONNREFUSED\)$/),
    });
    expect(spoolStatus(a.stateDir).notBefore).toBeDefined();
    expect((await a.send()).outcome).toBe('deferred');

    c = await startCollector(db, {}, port);
    try {
      a.spool.emit(unapproved('after-outage'));
      const up = await a.send({ force: true });
      expect(up).toMatchObject({ outcome: 'ok', accepted: 26, duplicates: 0, pending: 0 });
      expect(await storedIds(c)).toHaveLength(26);
    } finally {
      await c.stop();
    }
  });

  it('stores an event once when the acknowledgement is lost and the batch is sent again', async () => {
    const c = await startCollector(await target.create());
    const stub = await startStub([{ forwardThenDrop: true }], { forward: true }, c.url);
    try {
      const a = agentSide(stub.url);
      for (const n of ['x', 'y']) a.spool.emit(unapproved(n));

      const r = await a.send({ retry: { initialBackoffMs: 50 } });

      expect(stub.hits).toHaveLength(2);
      expect(r).toMatchObject({ outcome: 'ok', accepted: 0, duplicates: 2, pending: 0 });
      expect(await storedIds(c)).toHaveLength(2);
    } finally {
      await stub.close();
      await c.stop();
    }
  });

  it('reports what a full spool dropped, heartbeats first', async () => {
    const c = await startCollector(await target.create());
    try {
      const a = agentSide(c.url, { spoolMaxBytes: 3000 });
      const beat = () => heartbeatEvent({ compliant: false, policyVersion: null, counts: { unapproved: 1 }, pending: 0 });
      a.spool.emit(beat());
      for (let i = 0; i < 12; i++) {
        a.spool.emit(unapproved(`s${i}`));
        a.spool.emit(beat());
      }
      const st = spoolStatus(a.stateDir);
      expect(st.dropped.total).toBeGreaterThan(0);
      expect(a.spool.pending().filter((e) => e.kind === 'server.unapproved').length).toBeGreaterThan(1);
      expect(st.dropped.byKind['agent.heartbeat']).toBeGreaterThan(0);

      await a.send();
      a.spool.emit(unapproved('after'));
      await a.send();

      const dropped = (await adminGet(c.url, '/v1/events?kind=agent.events_dropped')).json.events;
      expect(dropped).toHaveLength(1);
      expect(dropped[0].detail.dropped).toBe(st.dropped.total);
    } finally {
      await c.stop();
    }
  });

  it('never sends a secret a producer let slip into an event', async () => {
    const c = await startCollector(await target.create());
    try {
      const canary = 'canary-4b1d9e0f7a2c-secret';
      redactor.learn(canary);
      const a = agentSide(c.url);
      a.spool.emit({ ...unapproved('leaky'), message: `token ${canary}`, server: { name: 'leaky', argv: ['run', `--key=${canary}`] } });
      await a.send();
      const text = JSON.stringify((await adminGet(c.url, '/v1/events')).json);
      expect(text).toContain('leaky');
      expect(text).not.toContain(canary);
    } finally {
      await c.stop();
    }
  });
});
