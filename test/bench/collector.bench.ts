// Collector throughput and query latency, on SQLite and (when MCP_WARDEN_TEST_PG_URL is
// set) PostgreSQL. The collector runs as its own process (the real CLI), the load comes
// from this one over keep-alive HTTP on 127.0.0.1:
//  1. ingest: 50 concurrent devices each POSTing 20 batches of 100 events; events/s and
//     request latency. Goals (issue 22, 2 cores): >= 30,000 events/s on SQLite, >= 15,000
//     on PostgreSQL, within 2x of the floor.
//     Side by side, in the same run and on the same rows: the FLOOR, a bare better-sqlite3 /
//     `pg` insert loop into a table of the same shape (the events table and its indexes,
//     nothing else: no HTTP, no validation, no devices or findings), a transaction per batch
//     of 100; the store alone (ingest() in this process, no HTTP); and the whole collector.
//     Each line prints its ratio to the floor (time taken / the floor's time).
//     PostgreSQL also with TWO collector instances on one database, one device in ten
//     retrying a batch on the other instance while the first try is in flight.
//  2. query: 1,000,000 events bulk-loaded through the store (not HTTP), then filtered
//     GET /v1/events pages; p50/p95/p99. Target: p95 < 50 ms.
// Figures are printed, never asserted. MCP_WARDEN_BENCH_EVENTS scales step 2 (0 skips it).
// Each device enrols once (POST /v1/enroll) before the clock starts and posts with its
// credential.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { cliBundle } from '../helpers/cli';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openStore } from '../../src/collector/store';
import { MIGRATIONS } from '../../src/collector/store/migrations';
import { severityRank } from '../../src/events/types';
import type { DriftEvent, EventKind, Severity } from '../../src/events/types';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const ENROLL = 'bench-enroll-token-0123456789abcdef';
const DEVICES = 50;
const BATCHES_PER_DEVICE = 20;
const BATCH = 100;
const STORED = Number(process.env.MCP_WARDEN_BENCH_EVENTS ?? 1_000_000);
const FLEET = 2000;
const DAYS = 30;

const KINDS: [EventKind, Severity, number][] = [
  ['agent.heartbeat', 'info', 60],
  ['server.unapproved', 'high', 12],
  ['server.removed', 'medium', 10],
  ['credential.exposed', 'critical', 4],
  ['credential.migrated', 'medium', 4],
  ['server.pin_mismatch', 'high', 3],
  ['settings.drift', 'medium', 3],
  ['policy.accepted', 'info', 4],
];
const WEIGHTS = KINDS.flatMap(([k, s, w]) => Array.from({ length: w }, () => [k, s] as const));

function event(device: number, timeMs: number, i: number): DriftEvent {
  const [kind, severity] = WEIGHTS[i % WEIGHTS.length];
  const id = `dev-${String(device).padStart(5, '0')}`;
  const server =
    kind === 'agent.heartbeat' || kind === 'policy.accepted'
      ? undefined
      : { name: `srv-${i % 17}`, scope: 'user' as const, transport: 'stdio', argv: ['npx', '-y', `pkg-${i % 17}@1.0.0`] };
  return {
    id: crypto.randomUUID(),
    time: new Date(timeMs).toISOString(),
    device: { id, hostname: `${id}.corp.example`, os: 'linux-6.1.0', user: `user${device}` },
    agentVersion: '0.1.0',
    policy: { org: 'acme', version: 7, digest: 'c'.repeat(64) },
    kind,
    severity,
    mode: 'enforce',
    action: kind === 'server.unapproved' ? (i % 3 === 0 ? 'none' : 'removed') : 'none',
    message: `${kind} on ${id}`,
    ...(server ? { server, file: `/home/user${device}/.claude.json` } : {}),
    ...(kind === 'agent.heartbeat'
      ? { detail: { compliant: i % 5 !== 0, policyVersion: 7, counts: { approved: 5, unapproved: i % 5 === 0 ? 1 : 0 }, pending: 0 } }
      : {}),
  };
}

async function startCollector(db: string): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_COLLECTOR_PROF=DIR: each collector writes a CPU profile there (node --cpu-prof).
  const prof = process.env.BENCH_COLLECTOR_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_COLLECTOR_PROF}`] : [];
  const child = spawn(
    process.execPath,
    [...prof, cliBundle(), 'collector', 'serve', '--db', db, '--listen', '127.0.0.1:0', '--rate-limit', '0', '--log-level', 'warn'],
    {
      env: { ...process.env, MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: ENROLL },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`collector exited ${code}`)));
  });
  return { child, url };
}

function stopCollector(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.on('exit', () => r());
    child.kill('SIGTERM');
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: DEVICES });

function call(url: string, method: string, token: string, body?: string): Promise<{ status: number; text: string; ms: number }> {
  const t0 = performance.now();
  return new Promise<{ status: number; text: string; ms: number }>((resolve, reject) => {
    const r = http.request(
      url,
      { method, agent, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - t0 }));
      },
    );
    // A kept-alive socket the server closed as it was reused: the request never reached
    // the server (Node's documented case), so sending it again is safe.
    r.on('error', (e: NodeJS.ErrnoException) => {
      if (r.reusedSocket && e.code === 'ECONNRESET') void call(url, method, token, body).then(resolve, reject);
      else reject(e);
    });
    r.end(body);
  });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const f1 = (n: number) => n.toFixed(1);

type Batches = DriftEvent[][][];

/** The ingest load: DEVICES devices, each BATCHES_PER_DEVICE batches of BATCH events. */
function ingestLoad(): Batches {
  const now = Date.now();
  return Array.from({ length: DEVICES }, (_, d) =>
    Array.from({ length: BATCHES_PER_DEVICE }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => event(d, now - (BATCHES_PER_DEVICE - b) * 60_000 + i, b * BATCH + i)),
    ),
  );
}
const TOTAL = DEVICES * BATCHES_PER_DEVICE * BATCH;

/** The events table's row for an event, as ingest stores it. */
function row(e: DriftEvent, receivedMs: number): (string | number | null)[] {
  return [
    e.id,
    e.device.id,
    Date.parse(e.time),
    receivedMs,
    e.kind,
    e.severity,
    severityRank(e.severity),
    e.action,
    e.mode,
    e.policy?.version ?? null,
    JSON.stringify(e),
  ];
}
const EVENT_DDL = MIGRATIONS[0].statements.filter((q) => /^CREATE TABLE events\b/.test(q) || /^CREATE INDEX \w+ ON events\b/.test(q));
const INSERT_ROW =
  'INSERT INTO events (id, device_id, time_ms, received_ms, kind, severity, severity_rank, action, mode, policy_version, body) VALUES ';

const floors = new Map<string, number>();
function report(name: string, what: string, secs: number, events: number, extra = ''): void {
  const floor = floors.get(name);
  const ratio = floor === undefined ? '' : `, ${(secs / floor).toFixed(2)}x the floor's time (goal <= 2x)`;
  console.log(
    `${name} ingest: ${what.padEnd(58)} ${events} events in ${f1(secs)} s = ${String(Math.round(events / secs)).padStart(6)} events/s${ratio}${extra}`,
  );
}

/** The floor on SQLite: better-sqlite3, the collector's pragmas, one prepared INSERT, a transaction per batch. */
function sqliteFloor(file: string, load: Batches): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const q of EVENT_DDL) db.exec(q);
  const ins = db.prepare(`${INSERT_ROW}(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
  const rows = load.flat().map((b) => b.map((e) => row(e, Date.now())));
  const batch = db.transaction((rs: (string | number | null)[][]) => {
    for (const r of rs) ins.run(...r);
  });
  const t0 = performance.now();
  for (const rs of rows) batch(rs);
  const secs = (performance.now() - t0) / 1000;
  db.close();
  floors.set('sqlite', secs);
  report('sqlite', 'FLOOR bare better-sqlite3 loop, tx per batch of 100', secs, TOTAL);
}

/**
 * The floor on PostgreSQL: `pg`, as many connections as the collector's pool (10), each
 * taking the next batch: BEGIN, one prepared single-row INSERT per event, COMMIT. And the
 * same with one multi-row INSERT per batch; the faster of the two is the floor.
 */
async function pgFloor(url: string, load: Batches): Promise<void> {
  const setup = new Client({ connectionString: url });
  await setup.connect();
  for (const q of EVENT_DDL) await setup.query(q);
  const rows = load.flat().map((b) => b.map((e) => row(e, Date.now())));
  const run = async (label: string, one: (c: Client, rs: (string | number | null)[][]) => Promise<void>): Promise<number> => {
    await setup.query('TRUNCATE events');
    const clients = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = new Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        while (next < rows.length) {
          const rs = rows[next++];
          await c.query('BEGIN');
          await one(c, rs);
          await c.query('COMMIT');
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    await Promise.all(clients.map((c) => c.end()));
    report('postgres', label, secs, TOTAL);
    return secs;
  };
  const single = await run('FLOOR bare pg loop, 10 conns, row by row, tx per batch', async (c, rs) => {
    for (const r of rs)
      await c.query({
        name: 'floor-row',
        text: `${INSERT_ROW}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
        values: r,
      });
  });
  const multi = await run('FLOOR bare pg, 10 conns, one multi-row INSERT per batch', async (c, rs) => {
    const values = rs.map((_, i) => `(${Array.from({ length: 11 }, (_, j) => `$${i * 11 + j + 1}`).join(', ')})`).join(', ');
    await c.query(`${INSERT_ROW}${values} ON CONFLICT (id) DO NOTHING`, rs.flat());
  });
  await setup.end();
  floors.set('postgres', Math.min(single, multi));
}

/** ingest() of the same batches in this process, the devices concurrently (no HTTP, no validation). */
async function storeIngest(name: string, db: string, load: Batches): Promise<void> {
  const store = await openStore(db);
  const t0 = performance.now();
  let accepted = 0;
  await Promise.all(
    load.map(async (batches) => {
      for (const b of batches) {
        const r = await store.ingest(b, Date.now());
        accepted += r.accepted;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await store.close();
  report(name, 'store: ingest() in-process, 50 devices concurrently', secs, accepted);
}

/**
 * The whole collector over HTTP: one instance, or several on one database (PostgreSQL),
 * device d posting to instance d mod n. With `retryEvery`, every retryEvery-th batch is
 * also sent to the next instance at the same time (an agent retrying while its first try
 * is in flight): the duplicates must come back as duplicates.
 */
async function httpIngest(name: string, db: string, load: Batches, instances: number, retryEvery = 0): Promise<void> {
  const bodies = load.map((batches) => batches.map((b) => JSON.stringify({ events: b })));
  const collectors: { child: ChildProcess; url: string }[] = [];
  for (let i = 0; i < instances; i++) collectors.push(await startCollector(db));
  const urls = collectors.map((c) => c.url);
  try {
    // Each device enrols once for its credential (not timed: it happens once per device's life).
    const credentials = await Promise.all(
      bodies.map(async (_, d) => {
        const r = await call(`${urls[0]}/v1/enroll`, 'POST', ENROLL, JSON.stringify({ deviceId: `dev-${String(d).padStart(5, '0')}` }));
        if (r.status !== 201) throw new Error(`enrol ${d}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return (JSON.parse(r.text) as { credential: string }).credential;
      }),
    );
    const lat: number[] = [];
    let accepted = 0;
    let duplicates = 0;
    let retried = 0;
    const post = async (url: string, d: number, body: string): Promise<void> => {
      const r = await call(`${url}/v1/events`, 'POST', credentials[d] ?? '', body);
      if (r.status !== 200) throw new Error(`device ${d}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      const j = JSON.parse(r.text) as { accepted: number; duplicates: number };
      accepted += j.accepted;
      duplicates += j.duplicates;
      lat.push(r.ms);
    };
    const t0 = performance.now();
    await Promise.all(
      bodies.map(async (batches, d) => {
        for (const [n, body] of batches.entries()) {
          const home = urls[d % urls.length];
          if (retryEvery > 0 && (d * BATCHES_PER_DEVICE + n) % retryEvery === 0) {
            retried += BATCH;
            await Promise.all([post(home, d, body), post(urls[(d + 1) % urls.length], d, body)]);
          } else await post(home, d, body);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const what =
      instances > 1
        ? `${instances} collector instances, one DB, ${retryEvery ? `1 batch in ${retryEvery} retried at once` : 'no retries'}`
        : 'collector over HTTP, 50 concurrent devices';
    report(name, what, secs, accepted, `; POST of ${BATCH} p50 ${f1(pct(lat, 50))} ms, p99 ${f1(pct(lat, 99))} ms`);
    const exact = accepted === TOTAL && duplicates === retried;
    console.log(
      `${name} ingest:   exactly once: accepted ${accepted} of ${TOTAL}, duplicates ${duplicates} of ${retried} re-sent -> ${exact ? 'OK' : 'WRONG'}`,
    );
    if (instances === 1) {
      const again = await call(`${urls[0]}/v1/events`, 'POST', credentials[0] ?? '', bodies[0][0]);
      console.log(`${name} ingest:   re-sent batch -> ${again.text}`);
    }
  } finally {
    for (const c of collectors) await stopCollector(c.child);
  }
}

async function queryBench(name: string, db: string): Promise<void> {
  const store = await openStore(db);
  const now = Date.now();
  const span = DAYS * 86_400_000;
  const t0 = performance.now();
  const CHUNK = 5000;
  for (let done = 0; done < STORED; done += CHUNK) {
    const batch: DriftEvent[] = [];
    for (let i = done; i < Math.min(STORED, done + CHUNK); i++) {
      // A random kind: i alone would tie each device to one kind (FLEET is a multiple of the mix).
      batch.push(event(i % FLEET, now - span + Math.floor((i / STORED) * span), Math.floor(Math.random() * 1e9)));
    }
    await store.ingest(batch, now);
  }
  const loadS = (performance.now() - t0) / 1000;
  await store.close();
  const size = db.startsWith('sqlite:') ? `, ${(fs.statSync(db.slice(7)).size / 1e6).toFixed(0)} MB` : '';
  console.log(`${name} query: bulk-loaded ${STORED} events (${FLEET} devices, ${DAYS} days) in ${f1(loadS)} s through the store${size}`);

  const { child, url } = await startCollector(db);
  try {
    const since = (h: number) => new Date(now - h * 3_600_000).toISOString();
    const dev = () => `dev-${String(Math.floor(Math.random() * FLEET)).padStart(5, '0')}`;
    const queries: [string, () => string][] = [
      ['latest page (no filter)', () => '/v1/events?limit=100'],
      ['device, last 7 days', () => `/v1/events?device=${dev()}&since=${since(168)}&limit=100`],
      ['kind=server.unapproved, last 24 h', () => `/v1/events?kind=server.unapproved&since=${since(24)}&limit=100`],
      ['severity>=critical, last 24 h', () => `/v1/events?severity=critical&since=${since(24)}&limit=100`],
      ['device + kind, all time', () => `/v1/events?device=${dev()}&kind=credential.exposed&limit=100`],
      ['kind, 1-day window 2 weeks ago', () => `/v1/events?kind=server.removed&since=${since(24 * 15)}&until=${since(24 * 14)}&limit=100`],
    ];
    const all: number[] = [];
    for (const [label, q] of queries) {
      const lat: number[] = [];
      let rows = 0;
      for (let i = 0; i < 60; i++) {
        const r = await call(`${url}${q()}`, 'GET', ADMIN);
        if (r.status !== 200) throw new Error(`${label}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        rows += (JSON.parse(r.text) as { events: unknown[] }).events.length;
        if (i >= 5) lat.push(r.ms); // the first few warm the caches
      }
      all.push(...lat);
      console.log(
        `${name} query: ${label.padEnd(34)} p50 ${f1(pct(lat, 50)).padStart(6)} ms  p95 ${f1(pct(lat, 95)).padStart(6)} ms  p99 ${f1(pct(lat, 99)).padStart(6)} ms  (${Math.round(rows / 60)} rows/page)`,
      );
    }
    console.log(`${name} query: all filtered queries p95 ${f1(pct(all, 95))} ms (target < 50 ms)`);
    for (const p of ['/v1/devices?status=noncompliant&limit=100', '/v1/summary', '/v1/findings?kind=server.unapproved&limit=100']) {
      const lat: number[] = [];
      for (let i = 0; i < 20; i++) lat.push((await call(`${url}${p}`, 'GET', ADMIN)).ms);
      console.log(`${name} query: ${p.padEnd(44)} p50 ${f1(pct(lat, 50))} ms, p95 ${f1(pct(lat, 95))} ms`);
    }
  } finally {
    await stopCollector(child);
  }
}

async function pgDatabase(admin: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mcpw_bench_${crypto.randomBytes(4).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.href,
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.cpus().length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-col-'));
  const pg = process.env.MCP_WARDEN_TEST_PG_URL;
  const withPg = async (fn: (url: string) => Promise<void>): Promise<void> => {
    const d = await pgDatabase(pg!);
    try {
      await fn(d.url);
    } finally {
      await d.drop();
    }
  };
  try {
    const load = ingestLoad();
    sqliteFloor(path.join(dir, 'floor.db'), load);
    await storeIngest('sqlite', `sqlite:${path.join(dir, 'store.db')}`, load);
    await httpIngest('sqlite', `sqlite:${path.join(dir, 'ingest.db')}`, load, 1);
    if (pg) {
      await withPg((url) => pgFloor(url, load));
      await withPg((url) => storeIngest('postgres', url, load));
      await withPg((url) => httpIngest('postgres', url, load, 1));
      await withPg((url) => httpIngest('postgres', url, load, 2, 10));
    } else {
      console.log('postgres: MCP_WARDEN_TEST_PG_URL is not set, PostgreSQL NOT measured (eval "$(bash scripts/pg-throwaway.sh start)")');
    }
    if (STORED > 0) {
      await queryBench('sqlite', `sqlite:${path.join(dir, 'query.db')}`);
      if (pg) await withPg((url) => queryBench('postgres', url));
    }
  } finally {
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
