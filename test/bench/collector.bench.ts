// Collector throughput and query latency, on SQLite and (when MCP_WARDEN_TEST_PG_URL is
// set) PostgreSQL. The collector runs as its own process (the real CLI), the load comes
// from this one over keep-alive HTTP on 127.0.0.1:
//  1. ingest: 50 concurrent devices each POSTing batches of 100 events; events/s and
//     request latency. Target on a 2-core machine: >= 5,000 events/s on SQLite.
//  2. query: 1,000,000 events bulk-loaded through the store (not HTTP), then filtered
//     GET /v1/events pages; p50/p95/p99. Target: p95 < 50 ms.
// Figures are printed, never asserted. MCP_WARDEN_BENCH_EVENTS scales step 2. Each device
// enrols once (POST /v1/enroll) before the clock starts and posts with its credential.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { Client } from 'pg';
import { openStore } from '../../src/collector/store';
import type { DriftEvent, EventKind, Severity } from '../../src/events/types';

const ROOT = path.resolve(__dirname, '..', '..');
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
  const server = kind === 'agent.heartbeat' || kind === 'policy.accepted' ? undefined : { name: `srv-${i % 17}`, scope: 'user' as const, transport: 'stdio', argv: ['npx', '-y', `pkg-${i % 17}@1.0.0`] };
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
    ...(kind === 'agent.heartbeat' ? { detail: { compliant: i % 5 !== 0, policyVersion: 7, counts: { approved: 5, unapproved: i % 5 === 0 ? 1 : 0 }, pending: 0 } } : {}),
  };
}

function cliBundle(): string {
  const out = path.join(ROOT, '.test-build', 'bench', 'cli.js');
  buildSync({ entryPoints: [path.join(ROOT, 'src', 'cli', 'entry.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile: out, logLevel: 'error' });
  return out;
}

async function startCollector(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliBundle(), 'collector', 'serve', '--db', db, '--listen', '127.0.0.1:0', '--rate-limit', '0', '--log-level', 'warn'], {
    env: { ...process.env, MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: ENROLL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method, agent, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - t0 }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const f1 = (n: number) => n.toFixed(1);

async function ingestBench(name: string, db: string): Promise<void> {
  // Bodies built before the clock starts: the load generator must not be what we measure.
  const now = Date.now();
  const bodies = Array.from({ length: DEVICES }, (_, d) =>
    Array.from({ length: BATCHES_PER_DEVICE }, (_, b) =>
      JSON.stringify({ events: Array.from({ length: BATCH }, (_, i) => event(d, now - (BATCHES_PER_DEVICE - b) * 60_000 + i, b * BATCH + i)) }),
    ),
  );
  const { child, url } = await startCollector(db);
  try {
    // Each device enrols once for its credential (not timed: it happens once per device's life).
    const credentials = await Promise.all(
      bodies.map(async (_, d) => {
        const r = await call(`${url}/v1/enroll`, 'POST', ENROLL, JSON.stringify({ deviceId: `dev-${String(d).padStart(5, '0')}` }));
        if (r.status !== 201) throw new Error(`enrol ${d}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return (JSON.parse(r.text) as { credential: string }).credential;
      }),
    );
    const lat: number[] = [];
    let accepted = 0;
    const t0 = performance.now();
    await Promise.all(
      bodies.map(async (batches, d) => {
        for (const body of batches) {
          const r = await call(`${url}/v1/events`, 'POST', credentials[d] ?? '', body);
          if (r.status !== 200) throw new Error(`device ${d}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
          accepted += (JSON.parse(r.text) as { accepted: number }).accepted;
          lat.push(r.ms);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `${name} ingest: ${accepted} events from ${DEVICES} concurrent devices in ${f1(secs)} s = ${Math.round(accepted / secs)} events/s ` +
        `(target >= 5000 on SQLite); POST of ${BATCH} events p50 ${f1(pct(lat, 50))} ms, p99 ${f1(pct(lat, 99))} ms`,
    );
    const again = await call(`${url}/v1/events`, 'POST', credentials[0] ?? '', bodies[0][0]);
    console.log(`${name} ingest: re-sent batch -> ${again.text}`);
  } finally {
    await stopCollector(child);
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
      console.log(`${name} query: ${label.padEnd(34)} p50 ${f1(pct(lat, 50)).padStart(6)} ms  p95 ${f1(pct(lat, 95)).padStart(6)} ms  p99 ${f1(pct(lat, 99)).padStart(6)} ms  (${Math.round(rows / 60)} rows/page)`);
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
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-col-'));
  try {
    await ingestBench('sqlite', `sqlite:${path.join(dir, 'ingest.db')}`);
    const pg = process.env.MCP_WARDEN_TEST_PG_URL;
    if (pg) {
      const d = await pgDatabase(pg);
      try {
        await ingestBench('postgres', d.url);
      } finally {
        await d.drop();
      }
    } else {
      console.log('postgres: MCP_WARDEN_TEST_PG_URL is not set, PostgreSQL NOT measured (eval "$(bash scripts/pg-throwaway.sh start)")');
    }
    await queryBench('sqlite', `sqlite:${path.join(dir, 'query.db')}`);
    if (pg) {
      const d = await pgDatabase(pg);
      try {
        await queryBench('postgres', d.url);
      } finally {
        await d.drop();
      }
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
