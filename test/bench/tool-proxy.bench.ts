// What `mcp-warden exec` costs a server, side by side in one run (issue 17 goals in brackets):
//   launch     time from spawn to the answer to `initialize`, then exit: the server direct,
//              through exec for a rule without tool pinning (execve where Node has it, else a
//              spawned child), and through exec as the tool-pinning proxy   [added p50 ≤ 30 ms, SEA]
//   rss        resident memory of a proxying exec after the throughput run  [≤ 40 MiB]
//   throughput pipelined tools/call requests through the proxy             [≥ 20k msg/s]
//   latency    sequential tools/call round trips, direct vs proxied          [added p99 ≤ 1 ms]
// Runners: the CLI bundle on this machine's Node, and the single executable (Node 24, code
// cache) when dist/packages/linux-x64/mcp-warden exists (npm run package) or MCP_WARDEN_SEA
// names one. Needs a Secret Service (exec looks the server's secrets up): re-runs itself under
// `dbus-run-session -- bash scripts/with-keyring.sh` like exec.bench. Prints figures only.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../helpers/policy';
import { serverDigests } from '../../src/tools/digest';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'cli', 'entry.ts'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
const ROOT = findRoot();

const SERVER = `'use strict';
const TOOLS = [{ name: 'echo', description: 'Echo text back.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }];
let buf = '';
process.stdin.on('data', (d) => {
  buf += d;
  let nl; let out = '';
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const m = JSON.parse(buf.slice(0, nl)); buf = buf.slice(nl + 1);
    if (m.id === undefined) continue;
    const result = m.method === 'initialize' ? { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'bench', version: '1' } }
      : m.method === 'tools/list' ? { tools: TOOLS } : { content: [{ type: 'text', text: String((m.params && m.params.arguments && m.params.arguments.text) || '') }] };
    out += JSON.stringify({ jsonrpc: '2.0', id: m.id, result }) + '\\n';
  }
  if (out) process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
`;

function q(ms: number[], p: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}
const fmt = (ms: number[]): string => `p50 ${q(ms, 0.5).toFixed(2)} ms, p99 ${q(ms, 0.99).toFixed(2)} ms (n=${ms.length})`;

class Client {
  readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private buf = '';
  private waiters = new Map<number, () => void>();
  private nextId = 1;
  received = 0;
  onAll?: () => void;
  constructor(argv: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(argv[0] ?? '', argv.slice(1), { env, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => {
      this.buf += d;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        this.received++;
        const id = Number(/"id":(\d+)/.exec(line)?.[1]);
        const w = this.waiters.get(id);
        if (w) {
          this.waiters.delete(id);
          w();
        }
      }
    });
  }
  request(method: string, params: unknown = {}): Promise<void> {
    const id = this.nextId++;
    const p = new Promise<void>((r) => this.waiters.set(id, r));
    this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    return p;
  }
  close(): Promise<number | null> {
    return new Promise((r) => {
      this.child.once('close', (c) => r(c));
      this.child.stdin.end();
    });
  }
}

const init = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } };

async function launchOnce(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t = performance.now();
  const c = new Client(argv, env);
  await c.request('initialize', init);
  const ms = performance.now() - t;
  const code = await c.close();
  if (code !== 0) throw new Error(`${argv.join(' ')} exited ${String(code)}`);
  return ms;
}

async function throughput(argv: string[], env: NodeJS.ProcessEnv, n: number): Promise<{ perSec: number; rssKiB?: number }> {
  const c = new Client(argv, env);
  await c.request('initialize', init);
  await c.request('tools/list');
  const base = c.received;
  const line = (i: number): string => JSON.stringify({ jsonrpc: '2.0', id: 100000 + i, method: 'tools/call', params: { name: 'echo', arguments: { text: `m${i}` } } }) + '\n';
  const t = performance.now();
  const done = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (c.received - base >= n) {
        clearInterval(check);
        resolve();
      }
    }, 1);
  });
  let i = 0;
  const pump = (): void => {
    while (i < n) {
      let chunk = '';
      for (let k = 0; k < 200 && i < n; k++) chunk += line(i++);
      if (!c.child.stdin.write(chunk)) {
        c.child.stdin.once('drain', pump);
        return;
      }
    }
  };
  pump();
  await done;
  const secs = (performance.now() - t) / 1000;
  let rssKiB: number | undefined;
  try {
    rssKiB = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${c.child.pid ?? 0}/status`, 'utf8'))?.[1]);
  } catch {
    rssKiB = undefined;
  }
  await c.close();
  return { perSec: n / secs, rssKiB };
}

async function latency(argv: string[], env: NodeJS.ProcessEnv, n: number): Promise<number[]> {
  const c = new Client(argv, env);
  await c.request('initialize', init);
  await c.request('tools/list');
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await c.request('tools/call', { name: 'echo', arguments: { text: `m${i}` } });
    out.push(performance.now() - t);
  }
  await c.close();
  return out;
}

async function main(): Promise<void> {
  if (!process.env.MCP_WARDEN_TEST_KEYRING) {
    const r = spawnSync('dbus-run-session', ['--', 'bash', path.join(ROOT, 'scripts', 'with-keyring.sh'), process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const launches = Number(process.argv[2] ?? 20);
  const messages = Number(process.argv[3] ?? 50_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-proxy-bench-'));
  try {
    const bundle = path.join(ROOT, '.test-build', `tool-proxy-cli-${process.pid}.js`);
    buildSync({ entryPoints: [path.join(ROOT, 'src', 'cli', 'entry.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile: bundle, logLevel: 'error' });
    const server = path.join(root, 'server.js');
    fs.writeFileSync(server, SERVER);
    const sha256 = crypto.createHash('sha256').update(SERVER).digest('hex');
    const d = serverDigests({ tools: [{ name: 'echo', description: 'Echo text back.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }] });
    const home = path.join(root, 'home');
    fs.mkdirSync(home, { recursive: true });
    const key = makeKey();
    const rules = [
      { id: 'plain', transport: 'stdio' as const, command: process.execPath, args: [server, 'plain'], sha256, toolPinning: 'off' as const },
      { id: 'pinned', transport: 'stdio' as const, command: process.execPath, args: [server, 'pinned'], sha256, toolPins: { server: d.server, tools: d.tools } },
      ...Array.from({ length: 50 }, (_, i) => ({ id: `srv-${i}`, transport: 'stdio' as const, command: 'npx', args: ['-y', `@acme/mcp-${i}@1.0.${i}`], sha256: 'a'.repeat(64) })),
    ];
    const envelope = writeSignedAllowlist(path.join(root, 'etc', 'allowlist.json'), makeAllowlist({ servers: rules }), [key]);
    const config = writeAgentConfig(path.join(root, 'etc'), { keys: [key], envelopeFile: envelope });
    const env: NodeJS.ProcessEnv = { ...process.env, MCP_WARDEN_HOME: home, MCP_WARDEN_STATE_DIR: path.join(root, 'state'), MCP_WARDEN_CONFIG: config, CLAUDE_PROJECT_DIR: home, CLAUDE_CONFIG_DIR: '' };
    const sea = process.env.MCP_WARDEN_SEA ?? path.join(ROOT, 'dist', 'packages', 'linux-x64', 'mcp-warden');
    const runners: Record<string, string[]> = { [`node ${process.version} bundle`]: [process.execPath, bundle] };
    if (fs.existsSync(sea)) runners['single executable'] = [sea];
    const exec = (runner: string[], id: string): string[] => [...runner, 'exec', '--server', id, '--scope', 'user', '--', process.execPath, server, id];

    const cases: Record<string, string[]> = { 'direct                 ': [process.execPath, server, 'plain'] };
    for (const [name, r] of Object.entries(runners)) {
      cases[`exec, no pinning (${name})`] = exec(r, 'plain');
      cases[`exec, proxy     (${name})`] = exec(r, 'pinned');
    }
    for (const argv of Object.values(cases)) await launchOnce(argv, env); // warm caches, keyring
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    for (let i = 0; i < launches; i++) for (const [k, argv] of Object.entries(cases)) times[k]?.push(await launchOnce(argv, env));
    const direct = times['direct                 '] ?? [];
    process.stdout.write(`tool-proxy.bench: what exec adds (interleaved, wall clock; ${os.cpus().length} CPUs, shared)\n`);
    process.stdout.write(`launch to initialize answer:\n`);
    for (const [k, ms] of Object.entries(times)) {
      const added = k.startsWith('direct') ? '' : `   added p50 ${(q(ms, 0.5) - q(direct, 0.5)).toFixed(1)} ms [goal ≤ 30 ms in the SEA]`;
      process.stdout.write(`  ${k}: ${fmt(ms)}${added}\n`);
    }
    const directTp = await throughput([process.execPath, server, 'pinned'], env, messages);
    process.stdout.write(`throughput, ${messages} pipelined tools/call:\n  direct: ${directTp.perSec.toFixed(0)} msg/s\n`);
    const lat: Record<string, number[]> = { direct: await latency([process.execPath, server, 'pinned'], env, 2000) };
    for (const [name, r] of Object.entries(runners)) {
      const tp = await throughput(exec(r, 'pinned'), env, messages);
      process.stdout.write(`  through the proxy (${name}): ${tp.perSec.toFixed(0)} msg/s [goal ≥ 20000]; proxy RSS after: ${tp.rssKiB ? (tp.rssKiB / 1024).toFixed(1) : 'n/a'} MiB [goal ≤ 40 MiB]\n`);
      lat[name] = await latency(exec(r, 'pinned'), env, 2000);
    }
    process.stdout.write(`round trip per tools/call (sequential):\n`);
    const dl = lat.direct ?? [];
    for (const [k, ms] of Object.entries(lat)) {
      const added = k === 'direct' ? '' : `   added p50 ${(q(ms, 0.5) - q(dl, 0.5)).toFixed(3)} ms, p99 ${(q(ms, 0.99) - q(dl, 0.99)).toFixed(3)} ms [goal p99 ≤ 1 ms]`;
      process.stdout.write(`  ${k}: ${fmt(ms)}${added}\n`);
    }
    fs.rmSync(bundle, { force: true });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
