// Dashboard page times at fleet size: 2,000 devices and 1,000,000 events (bulk-seeded
// through the store, test/integration/dashboard/seed.ts), on SQLite and (when
// MCP_WARDEN_TEST_PG_URL is set) PostgreSQL. The collector runs as its own process (the
// real CLI); this process signs in through the form and GETs every page 40 times over
// keep-alive HTTP on 127.0.0.1. Goal: p95 <= 50 ms per page. Printed, never asserted.
// MCP_WARDEN_BENCH_EVENTS scales the seed.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { cliBundle } from '../helpers/cli';
import { Client } from 'pg';
import { PAGE_URLS, req, signIn } from '../integration/dashboard/client';
import { seed } from '../integration/dashboard/seed';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const ENROLL = 'bench-enroll-token-0123456789abcdef';
const EVENTS = Number(process.env.MCP_WARDEN_BENCH_EVENTS ?? 1_000_000);
const RUNS = 40;
const WARMUP = 5;

async function startCollector(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliBundle(), 'collector', 'serve', '--db', db, '--listen', '127.0.0.1:0', '--log-level', 'warn'], {
    env: { ...process.env, MCP_WARDEN_ADMIN_TOKEN: ADMIN, MCP_WARDEN_ENROLL_TOKEN: ENROLL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`collector exited ${code}`)));
  });
  return { child, url };
}

/**
 * CPU time (ms) the collector process has used, from /proc (Linux): a figure the load of a
 * shared machine does not inflate the way it inflates wall-clock latency.
 */
function cpuMs(pid: number | undefined): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function bench(name: string, db: string): Promise<void> {
  const s = await seed(db, { events: EVENTS });
  console.log(
    `${name}: seeded ${s.devices} devices, ${s.events} events, ${s.findings} open findings in ${(s.ms / 1000).toFixed(1)} s (${(s.cpuMs / 1000).toFixed(1)} s CPU in this process), load ${os.loadavg()[0]?.toFixed(1)}`,
  );
  const { child, url } = await startCollector(db);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const cookie = await signIn(url, ADMIN);
    let worst = 0;
    for (const [label, p] of PAGE_URLS) {
      const lat: number[] = [];
      let bytes = 0;
      let cpu0 = 0;
      for (let i = 0; i < RUNS + WARMUP; i++) {
        if (i === WARMUP) cpu0 = cpuMs(child.pid);
        const r = await req(`${url}${p}`, { headers: { cookie }, agent });
        if (r.status !== 200) throw new Error(`${label}: HTTP ${r.status}`);
        bytes = r.text.length;
        if (i >= WARMUP) lat.push(r.ms);
      }
      const cpu = (cpuMs(child.pid) - cpu0) / RUNS;
      if (!p.includes('format=csv')) worst = Math.max(worst, pct(lat, 95)); // an export is not a page
      console.log(
        `${name}: ${label.padEnd(44)} p50 ${pct(lat, 50).toFixed(1).padStart(6)} ms  p95 ${pct(lat, 95).toFixed(1).padStart(6)} ms  collector CPU ${cpu.toFixed(1).padStart(5)} ms/request  (${Math.round(bytes / 1024)} KiB)`,
      );
    }
    console.log(
      `${name}: worst page p95 ${worst.toFixed(1)} ms (goal <= 50 ms; machine load now ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
    );
  } finally {
    agent.destroy();
    await new Promise<void>((r) => {
      child.on('exit', () => r());
      child.kill('SIGTERM');
    });
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
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-dash-'));
  try {
    if (!process.env.MCP_WARDEN_BENCH_ONLY_PG) await bench('sqlite', `sqlite:${path.join(dir, 'dash.db')}`);
    const pg = process.env.MCP_WARDEN_BENCH_ONLY_SQLITE ? undefined : process.env.MCP_WARDEN_TEST_PG_URL;
    if (pg) {
      const d = await pgDatabase(pg);
      try {
        await bench('postgres', d.url);
      } finally {
        await d.drop();
      }
    } else {
      console.log('postgres: MCP_WARDEN_TEST_PG_URL is not set, PostgreSQL NOT measured (eval "$(bash scripts/pg-throwaway.sh start)")');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
