// The background agent, measured as MDM runs it (a real child process):
//  1. reaction latency: write an unapproved entry into ~/.claude.json → the file is
//     rewritten without it (enforce), p50/p99 over TRIALS writes (target p99 < 150 ms);
//  2. idle: RSS and CPU while watching 1,000 projects with a 20 MB ~/.claude.json
//     (target RSS < 80 MB, CPU < 1 %) over IDLE_SECONDS (default 60);
//  3. burst: 1,000 writes in about a second to one file: passes run, time to the final state.
// Printed, never asserted. BENCH_TRIALS / BENCH_IDLE_SECONDS shorten a run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { agentEnv, echoAllowlist, readAgentStatus, startAgent, serversIn, ECHO } from '../helpers/agent';
import { buildHome, rules } from '../helpers/bighome';
import { makeAllowlist } from '../helpers/policy';

const TRIALS = Number(process.env.BENCH_TRIALS ?? 200);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function procStat(pid: number): { cpuTicks: number; rssKb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuTicks, rssKb: Number(rss?.[1] ?? 0) };
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.bench.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file); // as Claude Code saves: temp + rename
}

async function waitUntil(pred: () => boolean, limitMs = 10000): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > limitMs) return false;
    await new Promise((r) => setImmediate(r));
  }
  return true;
}

async function latency(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-agent-'));
  const env = agentEnv(root, echoAllowlist());
  const file = path.join(env.home, '.claude.json');
  const approved = { command: ECHO, args: ['approved'] };
  writeJson(file, { mcpServers: { ok: approved } });
  const agent = await startAgent(env);
  const samples: number[] = [];
  let missed = 0;
  for (let i = 0; i < TRIALS; i++) {
    writeJson(file, { n: i, mcpServers: { ok: approved, [`rogue${i}`]: { command: 'npx', args: ['-y', `rogue-${i}`] } } });
    const t0 = performance.now();
    const ok = await waitUntil(() => serversIn(file).length === 1);
    if (ok) samples.push(performance.now() - t0);
    else missed++;
    await new Promise((r) => setTimeout(r, 30));
  }
  await agent.stop();
  samples.sort((a, b) => a - b);
  console.log(`reaction latency (write of an unapproved entry → file rewritten), ${samples.length} trials, enforce:`);
  console.log(
    `  p50 ${pct(samples, 50).toFixed(1)} ms   p90 ${pct(samples, 90).toFixed(1)} ms   p99 ${pct(samples, 99).toFixed(1)} ms   max ${samples.at(-1)?.toFixed(1)} ms   missed ${missed}   (target p99 < 150 ms)`,
  );
  fs.rmSync(root, { recursive: true, force: true });
}

async function idle(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-idle-'));
  const bin = ECHO;
  const env = agentEnv(root, makeAllowlist({ servers: rules(bin) }));
  fs.rmSync(env.home, { recursive: true, force: true });
  const built = buildHome(root, bin);
  if (built.home !== env.home) throw new Error('bench home mismatch');
  const size = fs.statSync(path.join(env.home, '.claude.json')).size;
  const t0 = performance.now();
  const agent = await startAgent(env, {}, 180000);
  const startMs = performance.now() - t0;
  const pid = agent.proc.pid!;
  const st = readAgentStatus(env.stateDir)!;
  const a = procStat(pid);
  const tick = 100; // USER_HZ on Linux
  let peakRss = a.rssKb;
  const t1 = Date.now();
  while (Date.now() - t1 < IDLE_SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    peakRss = Math.max(peakRss, procStat(pid).rssKb);
  }
  const b = procStat(pid);
  const cpuPct = ((b.cpuTicks - a.cpuTicks) / tick / ((Date.now() - t1) / 1000)) * 100;
  await agent.stop();
  console.log(`idle, watching ${st.watchedFolders} folders (1,000 projects, ~/.claude.json ${(size / 1048576).toFixed(1)} MB):`);
  console.log(
    `  start to watching ${startMs.toFixed(0)} ms; over ${IDLE_SECONDS} s: RSS ${(b.rssKb / 1024).toFixed(1)} MB (peak ${(peakRss / 1024).toFixed(1)} MB), CPU ${cpuPct.toFixed(2)} %   (targets < 80 MB, < 1 %)`,
  );
  fs.rmSync(root, { recursive: true, force: true });
}

async function burst(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-burst-'));
  const env = agentEnv(root, echoAllowlist());
  const file = path.join(env.home, '.claude.json');
  const approved = { command: ECHO, args: ['approved'] };
  writeJson(file, { mcpServers: { ok: approved } });
  const agent = await startAgent(env);
  const before = readAgentStatus(env.stateDir)!.passes;
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    writeJson(file, {
      n: i,
      mcpServers: i === 999 ? { ok: approved, rogue: { command: 'npx', args: ['-y', 'rogue'] } } : { ok: approved },
    });
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 1));
  }
  const writeMs = performance.now() - t0;
  await waitUntil(() => serversIn(file).length === 1 && (JSON.parse(fs.readFileSync(file, 'utf8')) as { n?: number }).n === 999, 30000);
  const totalMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 300));
  const after = readAgentStatus(env.stateDir)!.passes;
  await agent.stop();
  console.log(
    `burst: 1,000 writes in ${writeMs.toFixed(0)} ms → final state after ${totalMs.toFixed(0)} ms; passes run: ${after.incremental - before.incremental} incremental, ${after.full - before.full} full`,
  );
  fs.rmSync(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  await latency();
  await burst();
  await idle();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
