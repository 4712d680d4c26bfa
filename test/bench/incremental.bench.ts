// Issue 22: a change in one project costs the same at any home size, and the agent's
// memory stays flat. Real agent processes (as MDM runs them), each on a big home built by
// test/helpers/bighome.ts (~/.claude.json of at least 20 MB):
//  1. reaction: an unapproved entry written into a project `.mcp.json` (temp + rename, as
//     editors save) → the file rewritten without it; p50/p90/p99 per home size (100,
//     1,000, 10,000 projects), with the agent's own pass time (from its status) beside it;
//  2. memory: RSS and V8 heap of the agent watching 1,000 projects, idle and then over
//     BENCH_CHANGES changes (default 2,000), sampled as it goes; flat = no growth;
//  3. floor: an empty Node process (peak RSS, start-up), for the ratio;
//  4. the pass alone, in process as the agent runs it (discovery cache, kept verdicts, audit:
//     nothing written, so no fsync noise): one changed .mcp.json, per home size.
// Printed, never asserted. BENCH_SIZES=100,1000 / BENCH_TRIALS / BENCH_CHANGES shorten a run;
// BENCH_PARTS=inproc,reaction,memory picks parts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { agentEnv, readAgentStatus, startAgent, serversIn, ECHO, type AgentEnv, type RunningAgent } from '../helpers/agent';
import { buildHome, rules } from '../helpers/bighome';
import { makeAllowlist } from '../helpers/policy';
import { runPass } from '../../src/reconcile/pass';
import { DiscoveryCache } from '../../src/discovery';
import { JudgedEntries } from '../../src/reconcile/judged';
import { MemorySink } from '../../src/events/types';
import { MemorySecretStore } from '../../src/vault/keychain/store';
import type { Policy } from '../../src/policy/types';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 100);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 2000);
/** How long the agent idles before its idle memory is read a second time (V8's memory reducer runs by then). */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30000);
const PARTS = (process.env.BENCH_PARTS ?? 'inproc,reaction,memory').split(',');
const ROOT = path.resolve(__dirname, '..', '..');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

/** Loaded into the agent with --require: its own memory figures, written every 200 ms. */
function memPreload(): string {
  const file = path.join(ROOT, '.test-build', 'bench', 'mem-preload.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    "const fs=require('fs');const out=process.env.MCPW_BENCH_MEM;if(out){setInterval(()=>{const m=process.memoryUsage();fs.writeFileSync(out,JSON.stringify({rss:m.rss,heapUsed:m.heapUsed,heapTotal:m.heapTotal,external:m.external}));},200).unref();}\n",
  );
  return file;
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.bench.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Poll every millisecond or so (not a busy loop: the agent shares two cores with us). */
async function waitUntil(pred: () => boolean, limitMs = 10000): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > limitMs) return false;
    await sleep(1);
  }
  return true;
}

interface Home {
  root: string;
  env: AgentEnv;
  size: number;
  mb: number;
}

function makeHome(projects: number): Home {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `mcpw-bench-inc-${projects}-`));
  const env = agentEnv(root, makeAllowlist({ mode: 'enforce', servers: rules(ECHO) }));
  fs.rmSync(env.home, { recursive: true, force: true });
  buildHome(root, ECHO, { projects });
  const mb = fs.statSync(path.join(env.home, '.claude.json')).size / 1048576;
  return { root, env, size: projects, mb };
}

/** One trial: an unapproved entry into a project's .mcp.json, until the agent has taken it out. */
async function trial(h: Home, n: number): Promise<number | undefined> {
  const project = (n * 10) % h.size; // projects i % 10 === 0 have a .mcp.json
  const file = path.join(h.env.home, 'src', `proj-${project}`, '.mcp.json');
  writeJson(file, {
    mcpServers: {
      docs: { type: 'http', url: 'https://mcp.example.com/mcp' },
      [`rogue-${n}`]: { command: 'npx', args: ['-y', `rogue-${n}`] },
    },
  });
  const t0 = performance.now();
  const ok = await waitUntil(() => serversIn(file).length === 1);
  return ok ? performance.now() - t0 : undefined;
}

async function reaction(): Promise<void> {
  console.log(`reaction: unapproved entry written into a project .mcp.json → removed (${TRIALS} trials per size, enforce, debounceMs 20)`);
  for (const size of SIZES) {
    const tBuild = performance.now();
    const h = makeHome(size);
    const built = performance.now() - tBuild;
    let agent: RunningAgent | undefined;
    try {
      const t0 = performance.now();
      agent = await startAgent(h.env, {}, 600000);
      const startMs = performance.now() - t0;
      const samples: number[] = [];
      const passMs: number[] = [];
      let missed = 0;
      for (let i = 0; i < TRIALS; i++) {
        const ms = await trial(h, i);
        if (ms === undefined) missed++;
        else samples.push(ms);
        // Past the trailing re-check (75 ms): each trial is a fresh reaction.
        await sleep(100);
        const lp = readAgentStatus(h.env.stateDir)?.lastPass;
        if (lp?.kind === 'incremental') passMs.push(lp.durationMs);
      }
      samples.sort((a, b) => a - b);
      passMs.sort((a, b) => a - b);
      const st = readAgentStatus(h.env.stateDir);
      console.log(
        `  ${String(size).padStart(6)} projects (~/.claude.json ${h.mb.toFixed(1)} MB, ${st?.watchedFolders ?? '?'} folders; built ${(built / 1000).toFixed(1)} s, agent watching after ${(startMs / 1000).toFixed(1)} s): ` +
          `p50 ${pct(samples, 50).toFixed(1)} ms  p90 ${pct(samples, 90).toFixed(1)} ms  p99 ${pct(samples, 99).toFixed(1)} ms  max ${samples.at(-1)?.toFixed(1)} ms  missed ${missed}; ` +
          `incremental pass p50 ${pct(passMs, 50).toFixed(0)} ms p99 ${pct(passMs, 99).toFixed(0)} ms; RSS ${rssMb(agent.proc.pid!).toFixed(1)} MB`,
      );
    } finally {
      await agent?.stop();
      fs.rmSync(h.root, { recursive: true, force: true });
    }
  }
  console.log('  goal: p99 ≤ 50 ms at any home size');
}

function readMem(file: string): { rss: number; heapUsed: number; heapTotal: number; external: number } | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { rss: number; heapUsed: number; heapTotal: number; external: number };
  } catch {
    return undefined;
  }
}

const MB = 1048576;

/**
 * How the packages start the agent, for the memory figures: the systemd unit's
 * `Environment=` lines (glibc's malloc settings) and the single executable's V8 flags
 * (packaging/sea/build-sea.sh `exec_argv`), read from the files that ship them.
 */
function packagedStart(): { env: Record<string, string>; nodeFlags: string[] } {
  const unit = fs.readFileSync(path.join(ROOT, 'packaging', 'linux', 'systemd', 'mcp-warden.service'), 'utf8');
  const env: Record<string, string> = {};
  for (const m of unit.matchAll(/^Environment=(\w+)=(\S+)$/gm)) env[m[1]] = m[2]!;
  const sea = fs.readFileSync(path.join(ROOT, 'packaging', 'sea', 'build-sea.sh'), 'utf8');
  const flags = /^exec_argv=(\S+)$/m.exec(sea)?.[1];
  return { env, nodeFlags: flags ? flags.split(',') : [] };
}

/** One agent's memory: idle (5 s and IDLE_MS after watching), then over CHANGES changes. */
async function memoryOf(label: string, h: ReturnType<typeof makeHome>, extra: Record<string, string>, flags: string[]): Promise<void> {
  const memFile = path.join(h.root, 'mem.json');
  let agent: RunningAgent | undefined;
  try {
    agent = await startAgent(
      h.env,
      { ...extra, NODE_OPTIONS: [`--require ${memPreload()}`, ...flags].join(' '), MCPW_BENCH_MEM: memFile },
      600000,
    );
    const pid = agent.proc.pid!;
    const idleAt = (ms: number): string => {
      const m = readMem(memFile);
      return `idle ${ms / 1000} s after watching: RSS ${rssMb(pid).toFixed(1)} MB, heap used ${((m?.heapUsed ?? NaN) / MB).toFixed(1)} MB of ${((m?.heapTotal ?? NaN) / MB).toFixed(1)} MB, external ${((m?.external ?? NaN) / MB).toFixed(1)} MB`;
    };
    console.log(`  ${label}:`);
    await sleep(5000);
    console.log(`    ${idleAt(5000)}   (goal ≤ 60 MB RSS)`);
    if (IDLE_MS > 5000) {
      await sleep(IDLE_MS - 5000);
      console.log(`    ${idleAt(IDLE_MS)}`);
    }
    const step = Math.max(1, Math.round(CHANGES / 10));
    const rows: string[] = [];
    const rss: number[] = [];
    const heap: number[] = [];
    let missed = 0;
    const t0 = performance.now();
    for (let i = 1; i <= CHANGES; i++) {
      if ((await trial(h, 100000 + i)) === undefined) missed++;
      if (i % step === 0) {
        await sleep(300); // the preload's next sample
        const m = readMem(memFile);
        rss.push(rssMb(pid));
        heap.push((m?.heapUsed ?? NaN) / MB);
        rows.push(`${String(i).padStart(6)}: RSS ${rss.at(-1)!.toFixed(1)} MB heap ${heap.at(-1)!.toFixed(1)} MB`);
      }
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(`    ${rows.join('\n    ')}`);
    const half = Math.floor(rss.length / 2);
    const growth = (xs: number[]): string => (xs.length > 1 ? `${(xs.at(-1)! - xs[half]).toFixed(1)} MB` : 'n/a');
    console.log(
      `    ${CHANGES} changes in ${secs.toFixed(0)} s, missed ${missed}; growth over the second half: RSS ${growth(rss)}, heap ${growth(heap)}; peak RSS ${Math.max(...rss).toFixed(1)} MB   (goal: flat)`,
    );
  } finally {
    await agent?.stop();
  }
}

async function memory(): Promise<void> {
  const h = makeHome(1000);
  try {
    console.log(
      `memory: agent watching 1,000 projects (~/.claude.json ${h.mb.toFixed(1)} MB), then ${CHANGES} changes (an unapproved entry into a project .mcp.json, removed each time):`,
    );
    // BENCH_AGENT_ENV (JSON; NODE_OPTIONS in it become flags): a third start to try settings.
    const tryEnv = JSON.parse(process.env.BENCH_AGENT_ENV ?? 'null') as Record<string, string> | null;
    const packaged = packagedStart();
    await memoryOf(`node ${process.version}, plain`, h, {}, []);
    await memoryOf(
      `node ${process.version}, started as packaged (${[...Object.entries(packaged.env).map(([k, v]) => `${k}=${v}`), ...packaged.nodeFlags].join(' ')})`,
      h,
      packaged.env,
      packaged.nodeFlags,
    );
    if (tryEnv) {
      const { NODE_OPTIONS: flags, ...env } = tryEnv;
      await memoryOf(`BENCH_AGENT_ENV ${JSON.stringify(tryEnv)}`, h, env, flags ? [flags] : []);
    }
  } finally {
    fs.rmSync(h.root, { recursive: true, force: true });
  }
}

/** The floor for RSS and start-up: an empty Node process. */
function emptyNode(): void {
  const preload = path.join(ROOT, '.test-build', 'bench', 'maxrss.js');
  fs.mkdirSync(path.dirname(preload), { recursive: true });
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  const times: number[] = [];
  let rss = NaN;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['-r', preload, '-e', ''], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1]) / 1024;
  }
  times.sort((a, b) => a - b);
  console.log(`floor: empty Node process: start-up ${pct(times, 50).toFixed(0)} ms, peak RSS ${rss.toFixed(1)} MB`);
}

/** The pass alone: what one changed project file costs the agent, per home size. */
async function inProcess(): Promise<void> {
  console.log('incremental pass in process (audit: judged, nothing written), one changed .mcp.json, 50 passes per size:');
  for (const size of SIZES) {
    const h = makeHome(size);
    try {
      const policy: Policy = {
        allowlist: makeAllowlist({ mode: 'audit', servers: rules(ECHO) }),
        digest: '0'.repeat(64),
        keyIds: [],
        acceptedAt: new Date().toISOString(),
        source: 'bench',
      };
      const store = new MemorySecretStore();
      const common = {
        home: h.env.home,
        stateDir: path.join(h.root, 'state-inproc'),
        policy,
        sink: new MemorySink(),
        execPath: ECHO,
        secretStore: () => Promise.resolve(store),
      };
      const cache = new DiscoveryCache();
      const judged = new JudgedEntries();
      let t0 = performance.now();
      await runPass({ ...common, cache, judged });
      const full = performance.now() - t0;
      const file = path.join(h.env.home, 'src', 'proj-10', '.mcp.json');
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        fs.appendFileSync(file, ' ');
        t0 = performance.now();
        await runPass({ ...common, cache, judged, only: [file] });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${String(size).padStart(6)} projects: full pass ${full.toFixed(0)} ms; incremental p50 ${pct(times, 50).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms`,
      );
    } finally {
      fs.rmSync(h.root, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  emptyNode();
  if (PARTS.includes('inproc')) await inProcess();
  if (PARTS.includes('reaction')) await reaction();
  if (PARTS.includes('memory')) await memory();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
