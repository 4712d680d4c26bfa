// What reading the other MCP clients' files costs (src/clients), on the big home of the
// reconcile bench (1,000 projects, a 20 MB ~/.claude.json):
//  1. discovery in-process, other clients off vs on (no client files: only the stats), then
//     with client files (six user files, Cursor + VS Code files in 100 projects), cold and
//     with the agent's warm discovery cache; median of RUNS;
//  2. the agent: idle RSS/CPU over IDLE_SECONDS without client files, and with them both
//     unwatched (agent config discovery.otherClients: false) and watched (the default);
//  3. on a small home (as agent.bench.ts), the reaction to an unapproved server written into
//     ~/.claude.json and into ~/.cursor/mcp.json (p50/p99 over TRIALS writes).
// Printed, never asserted. BENCH_RUNS / BENCH_IDLE_SECONDS / BENCH_TRIALS shorten a run;
// BENCH_ONLY=idle runs part 2 alone.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { discover, DiscoveryCache } from '../../src/discovery';
import { agentEnv, echoAllowlist, readAgentStatus, startAgent, serversIn, ECHO } from '../helpers/agent';
import { buildHome, rules, PROJECTS } from '../helpers/bighome';
import { makeAllowlist } from '../helpers/policy';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 50);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.bench.${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function addClientFiles(home: string): number {
  const srv = (n: string): string => JSON.stringify({ mcpServers: { [n]: { command: ECHO, args: ['--profile', 'p1'] } } }, null, 2);
  write(path.join(home, '.cursor', 'mcp.json'), srv('ok'));
  write(
    path.join(home, '.config', 'Code', 'User', 'mcp.json'),
    `// user servers\n{ "servers": { "ok": { "type": "stdio", "command": "${ECHO}", "args": ["--profile", "p1"] } } }\n`,
  );
  write(path.join(home, '.config', 'Claude', 'claude_desktop_config.json'), srv('ok'));
  write(
    path.join(home, '.codeium', 'windsurf', 'mcp_config.json'),
    JSON.stringify({ mcpServers: { docs: { serverUrl: 'https://mcp.example.com/mcp' } } }),
  );
  write(
    path.join(home, '.gemini', 'settings.json'),
    JSON.stringify({ theme: 'GitHub', mcpServers: { docs: { url: 'https://mcp.example.com/mcp', type: 'http' } } }),
  );
  write(path.join(home, '.codex', 'config.toml'), `# codex\n[mcp_servers.ok]\ncommand = "${ECHO}"\nargs = ["--profile", "p1"]\n`);
  let n = 6;
  for (let i = 0; i < PROJECTS; i += 10) {
    const p = path.join(home, 'src', `proj-${i}`);
    write(path.join(p, '.cursor', 'mcp.json'), srv('ok'));
    write(
      path.join(p, '.vscode', 'mcp.json'),
      `{\n  // workspace\n  "servers": { "ok": { "type": "stdio", "command": "${ECHO}", "args": ["--profile", "p1"] } }\n}\n`,
    );
    n += 2;
  }
  return n;
}

type Timing = { cold: number; warm: number; entries: number; folders: number; files: number };

/** Off and on interleaved, so a loaded machine slows both alike. */
function timeDiscover(home: string): { off: Timing; on: Timing } {
  const runs = { off: { cold: [] as number[], warm: [] as number[] }, on: { cold: [] as number[], warm: [] as number[] } };
  const out: Partial<Record<'off' | 'on', Timing>> = {};
  for (let i = 0; i < RUNS; i++) {
    for (const k of ['off', 'on'] as const) {
      const otherClients = k === 'on';
      let t0 = performance.now();
      const inv = discover({ home, otherClients });
      runs[k].cold.push(performance.now() - t0);
      const cache = new DiscoveryCache();
      discover({ home, otherClients, cache });
      t0 = performance.now();
      discover({ home, otherClients, cache });
      runs[k].warm.push(performance.now() - t0);
      out[k] = { cold: 0, warm: 0, entries: inv.entries.length, folders: inv.folders.length, files: inv.files.length };
    }
  }
  const fin = (k: 'off' | 'on'): Timing => ({ ...(out[k] as Timing), cold: median(runs[k].cold), warm: median(runs[k].warm) });
  return { off: fin('off'), on: fin('on') };
}

function line(label: string, r: Timing): void {
  console.log(
    `  ${label.padEnd(40)} cold ${r.cold.toFixed(0).padStart(5)} ms  warm cache ${r.warm.toFixed(0).padStart(5)} ms  entries ${r.entries}  files ${r.files}  folders ${r.folders}`,
  );
}

function procStat(pid: number): { cpuTicks: number; rssKb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuTicks: Number(fields[11]) + Number(fields[12]), rssKb: Number(rss?.[1] ?? 0) };
}

async function idle(label: string, withClients: boolean, otherClients = true): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-clients-'));
  const env = agentEnv(root, makeAllowlist({ servers: rules(ECHO) }), otherClients ? {} : { discovery: { otherClients: false } });
  fs.rmSync(env.home, { recursive: true, force: true });
  buildHome(root, ECHO);
  if (withClients) addClientFiles(env.home);
  const agent = await startAgent(env, {}, 180000);
  const pid = agent.proc.pid as number;
  const a = procStat(pid);
  const t1 = Date.now();
  let peak = a.rssKb;
  while (Date.now() - t1 < IDLE_SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    peak = Math.max(peak, procStat(pid).rssKb);
  }
  const b = procStat(pid);
  const cpu = ((b.cpuTicks - a.cpuTicks) / 100 / ((Date.now() - t1) / 1000)) * 100;
  const st = readAgentStatus(env.stateDir);
  console.log(
    `  ${label.padEnd(48)} watching ${st?.watchedFolders} folders; over ${IDLE_SECONDS} s RSS ${(b.rssKb / 1024).toFixed(1)} MB (start ${(a.rssKb / 1024).toFixed(1)}, peak ${(peak / 1024).toFixed(1)}), CPU ${cpu.toFixed(2)} %`,
  );
  await agent.stop();
  fs.rmSync(root, { recursive: true, force: true });
}

async function idleAll(): Promise<void> {
  console.log('clients: agent idle (big home):');
  await idle('no client files', false);
  await idle('client files, other clients not watched', true, false);
  await idle('client files in home and 100 projects, watched', true);
}

/** Reaction on a small home (as agent.bench.ts measures it): ~/.claude.json vs a client file. */
async function reaction(label: string, rel: string): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-clients-r-'));
  const env = agentEnv(root, echoAllowlist());
  const file = path.join(env.home, rel);
  const ok = { command: ECHO, args: ['approved'] };
  write(file, JSON.stringify({ mcpServers: { ok } }, null, 2));
  const agent = await startAgent(env);
  const samples: number[] = [];
  let missed = 0;
  for (let i = 0; i < TRIALS; i++) {
    write(file, JSON.stringify({ n: i, mcpServers: { ok, [`rogue${i}`]: { command: 'npx', args: ['-y', `rogue-${i}`] } } }, null, 2));
    const t0 = performance.now();
    const limit = t0 + 10000;
    while (serversIn(file).length !== 1 && performance.now() < limit) await new Promise((r) => setImmediate(r));
    if (serversIn(file).length === 1) samples.push(performance.now() - t0);
    else missed++;
  }
  await agent.stop();
  samples.sort((x, y) => x - y);
  console.log(
    `  ${label.padEnd(40)} p50 ${pct(samples, 50).toFixed(0)} ms, p99 ${pct(samples, 99).toFixed(0)} ms, missed ${missed} of ${TRIALS}`,
  );
  fs.rmSync(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'idle') return idleAll();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-clients-d-'));
  const { home } = buildHome(root, ECHO);
  console.log(`clients: discovery over ${PROJECTS} projects (median of ${RUNS}):`);
  const none = timeDiscover(home);
  line('no client files, other clients off', none.off);
  line('no client files, other clients on', none.on);
  const n = addClientFiles(home);
  const some = timeDiscover(home);
  line(`${n} client files, other clients off`, some.off);
  line(`${n} client files, other clients on`, some.on);
  fs.rmSync(root, { recursive: true, force: true });
  await idleAll();
  console.log('clients: agent reaction to a rogue server (small home, enforce):');
  await reaction('~/.claude.json', '.claude.json');
  await reaction('~/.cursor/mcp.json', path.join('.cursor', 'mcp.json'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
