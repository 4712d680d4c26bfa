// What the sandbox adds to a server's launch (Linux, bubblewrap). Fresh processes, wall
// clock, interleaved so that the machine's load hits every variant alike.
//
// Side by side, the real CLI (a bundle of the current sources, signed policy, keyring):
//   direct            node server.js                                    (the server as configured)
//   exec              mcp-warden exec … -- node server.js               (rule without sandbox)
//   exec+sandbox      the same, rule with `sandbox: required`           (namespace probe cached)
//   exec+sandbox,     the same, the probe's cache removed before each   (what every launch
//     probe uncached    launch                                            cost before the cache)
//   exec+sandbox+net  rule with allowedDomains: egress proxy in exec, bridge in the sandbox
// and in process (no CLI start): prepareSandboxedLaunch with the probe cached / uncached,
// and the probe (`bwrap … true`) alone.
// Needs a Secret Service (exec looks for the server's secrets): outside one, the bench
// re-runs itself under `dbus-run-session -- bash scripts/with-keyring.sh`.
// Run: node scripts/bench.js sandbox [launches]
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliBundle } from '../helpers/cli';
import { prepareSandboxedLaunch } from '../../src/sandbox/launch';
import { PROBE_CACHE_FILE } from '../../src/sandbox/probe-cache';
import type { Policy, ServerRule } from '../../src/policy/types';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../helpers/policy';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'cli', 'entry.ts'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
const ROOT = findRoot();

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}
const fmt = (xs: number[]): string =>
  `p50 ${q(xs, 0.5).toFixed(1).padStart(6)} ms, p95 ${q(xs, 0.95).toFixed(1).padStart(6)} ms (n=${xs.length})`;

function timed(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} … exited ${String(r.status)}: ${r.stderr}`);
  return ms;
}

function main(): void {
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/bwrap')) {
    console.log('sandbox bench: needs Linux with /usr/bin/bwrap; skipped');
    return;
  }
  if (!process.env.MCP_WARDEN_TEST_KEYRING) {
    const r = spawnSync(
      'dbus-run-session',
      ['--', 'bash', path.join(ROOT, 'scripts', 'with-keyring.sh'), process.execPath, ...process.argv.slice(1)],
      { stdio: 'inherit' },
    );
    process.exit(r.status ?? 1);
  }
  const n = Number(process.argv[2] ?? 30);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-sbx-bench-')));
  try {
    const home = path.join(root, 'home');
    const stateDir = path.join(root, 'state');
    const pkg = path.join(root, 'pkg');
    const ws = path.join(root, 'proj');
    for (const d of [home, pkg, ws]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"bench-server","version":"1.0.0"}\n');
    const script = path.join(pkg, 'server.js');
    fs.writeFileSync(script, "require('fs').writeFileSync(require('path').join(process.cwd(), 'ran'), 'x');\n");
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(script)).digest('hex');
    const rule = (id: string, over: Partial<ServerRule> = {}): ServerRule => ({
      id,
      transport: 'stdio',
      command: process.execPath,
      args: [script],
      sha256,
      ...over,
    });
    const servers = [
      rule('plain'),
      rule('sbx', { sandbox: { mode: 'required' } }),
      rule('net', { sandbox: { mode: 'required', network: { allowedDomains: ['api.example.com'] } } }),
    ];
    const allowlist = makeAllowlist({ servers });

    const bundle = cliBundle();
    const key = makeKey();
    const envelope = writeSignedAllowlist(path.join(root, 'etc', 'allowlist.json'), allowlist, [key]);
    const config = writeAgentConfig(path.join(root, 'etc'), { keys: [key], envelopeFile: envelope });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MCP_WARDEN_HOME: home,
      MCP_WARDEN_STATE_DIR: stateDir,
      MCP_WARDEN_CONFIG: config,
      CLAUDE_PROJECT_DIR: ws,
      CLAUDE_CONFIG_DIR: '',
      HOME: home,
    };
    const exec = (id: string): string[] => [bundle, 'exec', '--server', id, '--scope', 'user', '--', process.execPath, script];
    const cache = path.join(stateDir, PROBE_CACHE_FILE);

    const policy: Policy = { allowlist, digest: '0'.repeat(64), keyIds: [], acceptedAt: new Date().toISOString(), source: 'bench' };
    const input = {
      policy,
      serverId: 'sbx',
      scope: 'user' as const,
      argv: [process.execPath, script],
      shownArgv: ['node', script],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      workspace: ws,
      home,
    };
    const inProcStateDir = path.join(root, 'state-inproc');
    const prepare = (cached: boolean): number => {
      if (!cached) fs.rmSync(path.join(inProcStateDir, PROBE_CACHE_FILE), { force: true });
      const t = performance.now();
      const o = prepareSandboxedLaunch({ ...input, stateDir: inProcStateDir });
      const ms = performance.now() - t;
      if (o.kind !== 'sandboxed') throw new Error(`not sandboxed: ${o.kind}`);
      o.launch.cleanup();
      return ms;
    };

    const rows: Record<string, number[]> = {};
    const add = (k: string, ms: number): void => {
      (rows[k] ??= []).push(ms);
    };
    for (let i = 0; i < n + 3; i++) {
      const sample: [string, () => number][] = [
        ['direct            node server.js', () => timed(process.execPath, [script], env, ws)],
        ['exec              no sandbox', () => timed(process.execPath, exec('plain'), env, ws)],
        ['exec+sandbox      probe cached', () => timed(process.execPath, exec('sbx'), env, ws)],
        [
          'exec+sandbox      probe uncached',
          () => {
            fs.rmSync(cache, { force: true });
            return timed(process.execPath, exec('sbx'), env, ws);
          },
        ],
        ['exec+sandbox+net  proxy + bridge', () => timed(process.execPath, exec('net'), env, ws)],
        ['in-process prepare, probe cached', () => prepare(true)],
        ['in-process prepare, probe uncached', () => prepare(false)],
        [
          'the probe alone (bwrap … true)',
          () =>
            timed(
              '/usr/bin/bwrap',
              [
                '--unshare-user-try',
                '--unshare-pid',
                '--unshare-net',
                '--ro-bind',
                '/',
                '/',
                '--proc',
                '/proc',
                '--dev',
                '/dev',
                '--',
                'true',
              ],
              env,
              ws,
            ),
        ],
      ];
      for (const [k, f] of sample) {
        const ms = f();
        if (i >= 3) add(k, ms); // the first rounds warm the page cache and the keyring
      }
    }
    console.log(
      `sandbox.bench: launch cost (Linux, bubblewrap; ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1) ?? '?'})`,
    );
    for (const [k, xs] of Object.entries(rows)) console.log(`  ${k.padEnd(36)} ${fmt(xs)}`);
    const p50 = (k: string): number => q(rows[k] ?? [], 0.5);
    console.log(
      `  added by the sandbox to exec, p50: ${(p50('exec+sandbox      probe cached') - p50('exec              no sandbox')).toFixed(1)} ms cached, ${(p50('exec+sandbox      probe uncached') - p50('exec              no sandbox')).toFixed(1)} ms uncached; network adds ${(p50('exec+sandbox+net  proxy + bridge') - p50('exec+sandbox      probe cached')).toFixed(1)} ms`,
    );
    fs.rmSync(bundle, { force: true });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
