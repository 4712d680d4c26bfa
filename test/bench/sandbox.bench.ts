// What the sandbox adds to a server's launch (Linux, bubblewrap). Interleaved in one run,
// fresh processes, wall clock:
//   direct      node server.js                      (the server as configured; it exits at once)
//   bwrap       bwrap <argv from src/sandbox> -- node server.js
//   prepare     prepareSandboxedLaunch in process   (spec, backend lookup, the namespace probe
//               — one trivial bwrap start — and the private temp folder), then cleanup
//   probe       bwrap … true alone (what `prepare` spends on telling "cannot sandbox" apart)
// Added per launch = prepare + (bwrap − direct). Run: node scripts/bench.js sandbox [launches]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareSandboxedLaunch } from '../../src/sandbox/launch';
import type { Policy } from '../../src/policy/types';
import { makeAllowlist } from '../helpers/policy';

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}
const fmt = (xs: number[]): string => `p50 ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms (n=${xs.length})`;

function main(): void {
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/bwrap')) {
    console.log('sandbox bench: needs Linux with /usr/bin/bwrap; skipped');
    return;
  }
  const n = Number(process.argv[2] ?? 40);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-sbx-bench-'));
  const pkg = path.join(root, 'pkg');
  const ws = path.join(root, 'proj');
  fs.mkdirSync(pkg, { recursive: true });
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"bench-server","version":"1.0.0"}\n');
  const script = path.join(pkg, 'server.js');
  fs.writeFileSync(script, "require('fs').writeFileSync(require('path').join(process.cwd(), 'ran'), 'x');\n");
  const allowlist = makeAllowlist({ servers: [{ id: 'b', transport: 'stdio', command: 'node', args: [script], sha256: '0'.repeat(64), sandbox: { mode: 'required' } }] });
  const policy: Policy = { allowlist, digest: '0'.repeat(64), keyIds: [], acceptedAt: new Date().toISOString(), source: 'bench' };
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const input = { policy, serverId: 'b', scope: 'user' as const, argv: [process.execPath, script], shownArgv: ['node', script], env, workspace: ws, home: root };

  const direct: number[] = [];
  const wrapped: number[] = [];
  const prepare: number[] = [];
  const probe: number[] = [];
  const run = (cmd: string, args: string[], e: NodeJS.ProcessEnv): number => {
    const t = performance.now();
    const r = spawnSync(cmd, args, { env: e, cwd: ws, stdio: 'ignore' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${cmd} exited ${String(r.status)}`);
    return ms;
  };
  for (let i = 0; i < n + 3; i++) {
    const t = performance.now();
    const o = prepareSandboxedLaunch(input);
    const prep = performance.now() - t;
    if (o.kind !== 'sandboxed') throw new Error(`not sandboxed: ${o.kind}`);
    const d = run(process.execPath, [script], env);
    const w = run(o.launch.cmd, o.launch.args, o.launch.env);
    o.launch.cleanup();
    const pr = run('/usr/bin/bwrap', ['--unshare-user-try', '--unshare-pid', '--unshare-net', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--', 'true'], env);
    if (i < 3) continue; // warm-up
    probe.push(pr);
    direct.push(d);
    wrapped.push(w);
    prepare.push(prep);
  }
  const added = prepare.map((p, i) => p + (wrapped[i] ?? 0) - (direct[i] ?? 0));
  console.log(`direct   node server.js              ${fmt(direct)}`);
  console.log(`bwrap    node server.js in sandbox   ${fmt(wrapped)}`);
  console.log(`prepare  spec + probe + temp folder  ${fmt(prepare)}`);
  console.log(`  of which the probe (bwrap … true)  ${fmt(probe)}`);
  console.log(`ADDED by the sandbox per launch      ${fmt(added)}`);
  fs.rmSync(root, { recursive: true, force: true });
}

main();
