// The sender against a collector that misbehaves (a scripted server on 127.0.0.1):
// Retry-After and backoff honoured (measured, asserted as lower bounds), permanent
// refusals kept aside, oversized batches split, insecure endpoints refused, TLS checked.
import * as fs from 'node:fs';
import { spoolStatus } from '../../../src/report';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { makePki } from '../../helpers/net';
import { ENROLL, startCollector } from '../collector/harness';
import { startStub } from './stub';
import { agentSide, unapproved } from './helpers';
import { dbTargets } from '../collector/db-targets';

const OK = (n: number) => ({ status: 200, body: JSON.stringify({ accepted: n, duplicates: 0, rejected: [] }) });

afterEach(cleanupTmp);

describe('#sendPending', () => {
  it('waits at least as long as Retry-After says after a 500 and a 429', async () => {
    const stub = await startStub(
      [
        { status: 500, headers: { 'retry-after': '1' }, body: '{"error":{"code":"INTERNAL"}}' },
        { status: 429, headers: { 'retry-after': '1' }, body: '{"error":{"code":"RATE_LIMITED"}}' },
      ],
      OK(2),
    );
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));
      a.spool.emit(unapproved('b'));

      const r = await a.send({ retry: { initialBackoffMs: 10, maxBackoffMs: 20 } });

      expect(r).toMatchObject({ outcome: 'ok', accepted: 2, pending: 0 });
      expect(stub.hits).toHaveLength(3);
      expect(stub.hits[1].at - stub.hits[0].at).toBeGreaterThanOrEqual(995);
      expect(stub.hits[2].at - stub.hits[1].at).toBeGreaterThanOrEqual(995);
      // Every attempt carries the same events: the collector deduplicates on their ids.
      expect(new Set(stub.hits.map((h) => h.body)).size).toBe(1);
      // Events go with the device credential from the one enrolment, never the shared token.
      expect(stub.enrolls).toHaveLength(1);
      expect(JSON.parse(stub.enrolls[0].body)).toEqual({ deviceId: 'dev-test' });
      expect(stub.enrolls[0].headers.authorization).toBe(`Bearer ${ENROLL}`);
      expect(stub.hits[0].headers.authorization).toMatch(/^Bearer mwd1_/);
      expect(stub.hits[0].headers['x-mcp-warden-device']).toBeUndefined();
    } finally {
      await stub.close();
    }
  });

  it('backs off exponentially without Retry-After', async () => {
    const stub = await startStub([{ status: 503 }, { status: 503 }, { status: 502 }], OK(1));
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));

      const r = await a.send({ retry: { initialBackoffMs: 100, multiplier: 2, jitter: 0.2, maxBackoffMs: 1000 } });

      expect(r.outcome).toBe('ok');
      const gaps = stub.hits.slice(1).map((h, i) => h.at - stub.hits[i].at);
      expect(gaps[0]).toBeGreaterThanOrEqual(80);
      expect(gaps[1]).toBeGreaterThanOrEqual(160);
      expect(gaps[2]).toBeGreaterThanOrEqual(320);
    } finally {
      await stub.close();
    }
  });

  it('stops within the deadline and remembers when to try again', async () => {
    const stub = await startStub([], { status: 503, headers: { 'retry-after': '120' } });
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));

      const r = await a.send({ deadlineMs: 2000 });

      expect(r).toMatchObject({ outcome: 'retryable', httpStatus: 503, pending: 1 });
      expect(stub.hits).toHaveLength(1);
      const notBefore = Date.parse(spoolStatus(a.stateDir).notBefore!);
      expect(notBefore - Date.now()).toBeGreaterThan(100_000);
      expect((await a.send()).outcome).toBe('deferred');
      expect(stub.hits).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it('treats 401 as permanent: no retries, events kept, a slow retry unless the token changes', async () => {
    const stub = await startStub([{ status: 401, body: '{"error":{"code":"UNAUTHORIZED"}}' }], OK(1));
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));

      const r = await a.send();

      expect(r).toMatchObject({ outcome: 'permanent', httpStatus: 401, error: 'HTTP 401 UNAUTHORIZED', pending: 1 });
      expect(stub.hits).toHaveLength(1);
      expect(spoolStatus(a.stateDir)).toMatchObject({ pending: 1, deadLetters: 0, lastSend: { outcome: 'permanent' } });
      expect((await a.send()).outcome).toBe('deferred');

      a.config.report!.token = 'enroll-token-rotated-000000000';
      expect(await a.send()).toMatchObject({ outcome: 'ok', accepted: 1, pending: 0 });
    } finally {
      await stub.close();
    }
  });

  it('keeps a batch the collector cannot use (400) aside in dead letters', async () => {
    const stub = await startStub([{ status: 400, body: '{"error":{"code":"BAD_REQUEST"}}' }], OK(1));
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));

      const r = await a.send();

      expect(r).toMatchObject({ outcome: 'ok', rejected: 1, pending: 0 });
      expect(spoolStatus(a.stateDir)).toMatchObject({ pending: 0, deadLetters: 1, deadLetterReasons: { 'HTTP 400 BAD_REQUEST': 1 } });
    } finally {
      await stub.close();
    }
  });

  it('halves a batch the collector finds too large, and sets aside a single event that still is', async () => {
    const stub = await startStub([{ status: 413 }, OK(2), { status: 413 }, { status: 413 }, OK(1)], { status: 500 });
    try {
      const a = agentSide(stub.url);
      for (const n of ['a', 'b', 'c', 'd']) a.spool.emit(unapproved(n));

      const r = await a.send();

      const sizes = stub.hits.map((h) => (JSON.parse(h.body) as { events: unknown[] }).events.length);
      expect(sizes).toEqual([4, 2, 2, 1, 1]);
      expect(r).toMatchObject({ outcome: 'ok', accepted: 3, rejected: 1, pending: 0 });
      expect(spoolStatus(a.stateDir)).toMatchObject({ deadLetters: 1, deadLetterReasons: { 'HTTP 413': 1 } });
    } finally {
      await stub.close();
    }
  });

  it('refuses plain http:// to an address that is not loopback, before any connection', async () => {
    const a = agentSide('http://10.255.255.1:8080');
    a.spool.emit(unapproved('a'));

    const r = await a.send();

    expect(r).toMatchObject({ outcome: 'permanent', errorCode: 'ENDPOINT_INSECURE', pending: 1 });
    expect(spoolStatus(a.stateDir).lastSend?.errorCode).toBe('ENDPOINT_INSECURE');
  });

  it('cuts off an oversized response', async () => {
    const stub = await startStub([], { status: 200, body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) });
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));
      const r = await a.send();
      expect(r).toMatchObject({ outcome: 'permanent', pending: 1 });
      expect(r.error).toContain('size limit');
    } finally {
      await stub.close();
    }
  });

  it('lets one process send at a time', async () => {
    const stub = await startStub([{ status: 503, headers: { 'retry-after': '1' } }], OK(1));
    try {
      const a = agentSide(stub.url);
      a.spool.emit(unapproved('a'));
      const [x, y] = await Promise.all([a.send(), new Promise((r) => setTimeout(r, 200)).then(() => a.send())]);
      expect([x.outcome, y.outcome].sort()).toEqual(['busy', 'ok']);
    } finally {
      await stub.close();
    }
  });
});

describe('TLS', () => {
  const [sqlite] = dbTargets();

  it('verifies the collector against the CA file, and refuses it without, whatever NODE_TLS_REJECT_UNAUTHORIZED says', async () => {
    const pki = makePki(tmpDir('mcpw-pki-'));
    const c = await startCollector(await sqlite.create(), { tls: { cert: fs.readFileSync(pki.cert), key: fs.readFileSync(pki.key) } });
    const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    try {
      expect(c.url).toMatch(/^https:/);
      const untrusting = agentSide(c.url);
      untrusting.spool.emit(unapproved('a'));
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      const refused = await untrusting.send();
      if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
      expect(refused).toMatchObject({ outcome: 'retryable', pending: 1 });
      expect(refused).toMatchObject({
        netCode: 'TLS_UNTRUSTED',
        error: expect.stringMatching(/^TLS_UNTRUSTED: .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)$/),
      });

      const trusting = agentSide(c.url, { caFile: pki.ca });
      trusting.spool.emit(unapproved('b'));
      expect(await trusting.send()).toMatchObject({ outcome: 'ok', accepted: 1 });
    } finally {
      if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
      await c.stop();
      await sqlite.dropAll();
    }
  });
});
