// A full `reconcile --once` over a big realistic home: 1,000 projects, a ~/.claude.json of
// 20 MB (Claude Code keeps per-project history and metrics there), user/local/project
// entries with some unapproved ones to remove. Measures the real CLI in a child process
// (wall time, peak RSS) for the enforce pass that removes, the following pass that finds
// nothing, and an audit pass; then the in-process runPass the agent uses, with and without
// the discovery cache. Beside them, in the same run, the floors (issue 22): a Node process
// that only reads + JSON.parses the same ~/.claude.json (for the quiet pass), and one that
// also writes it back with fsync (for the enforce pass), with the ours/floor ratios.
// Goals (issue 22): enforce ≤ 0.5 s and ≤ 120 MB, quiet ≤ 0.3 s and ≤ 100 MB, within 2× of
// the floor. Printed, not asserted.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { cliBundle } from '../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../helpers/policy';
import { runPass } from '../../src/reconcile/pass';
import { DiscoveryCache } from '../../src/discovery';
import { JudgedEntries } from '../../src/reconcile/judged';
import { MemorySink } from '../../src/events/types';
import { MemorySecretStore } from '../../src/vault/keychain/store';
import type { Policy } from '../../src/policy/types';
import { buildHome, rules, PROJECTS } from '../helpers/bighome';

const ROOT = path.resolve(__dirname, '..', '..');

function benchBundle(): { bundle: string; preload: string } {
  const bundle = cliBundle();
  fs.mkdirSync(path.join(ROOT, '.test-build', 'bench'), { recursive: true });
  const preload = path.join(ROOT, '.test-build', 'bench', 'maxrss.js');
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  return { bundle, preload };
}

function runCli(b: { bundle: string; preload: string }, args: string[]): { ms: number; rssMb: number; status: number | null; out: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', b.preload, b.bundle, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLAUDE_CONFIG_DIR: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status, out: r.stdout };
}

/** The floor of a pass over `file`: read + JSON.parse (+ write a copy back with fsync), in a fresh process. */
function floor(b: { preload: string }, file: string, write: boolean): { ms: number; rssMb: number; status: number | null } {
  const script = [
    "const fs = require('fs');",
    `const f = ${JSON.stringify(file)};`,
    "const text = fs.readFileSync(f, 'utf8');",
    'const doc = JSON.parse(text);',
    write
      ? "const out = f + '.floor'; const fd = fs.openSync(out, 'w', 0o600); fs.writeSync(fd, text); fs.fsyncSync(fd); fs.closeSync(fd); fs.rmSync(out);"
      : '',
    'if (!doc) process.exit(1);',
  ].join('\n');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', b.preload, '-e', script], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status };
}

function ratio(
  label: string,
  ours: { ms: number; rssMb: number },
  fl: { ms: number; rssMb: number },
  goal: { ms: number; mb: number },
): void {
  const met = ours.ms <= goal.ms && ours.rssMb <= goal.mb ? 'met' : 'not met';
  console.log(
    `${label.padEnd(44)} time ${(ours.ms / fl.ms).toFixed(2)}x floor, peak RSS ${(ours.rssMb / fl.rssMb).toFixed(2)}x floor  (goal ≤ ${goal.ms} ms, ≤ ${goal.mb} MB: ${met}; within 2x: ${ours.ms <= 2 * fl.ms && ours.rssMb <= 2 * fl.rssMb ? 'yes' : 'no'})`,
  );
}

function fmt(label: string, r: { ms: number; rssMb: number; status: number | null }, extra = ''): void {
  console.log(
    `${label.padEnd(44)} ${r.ms.toFixed(0).padStart(6)} ms  peak RSS ${r.rssMb.toFixed(1).padStart(6)} MB  exit ${r.status}${extra}`,
  );
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-rec-')));
  try {
    const bin = path.join(dir, 'bin', 'mcp-srv');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.writeFileSync(bin, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const key = makeKey();
    const servers = rules(bin);
    const tBuild = performance.now();
    const { home, unapproved } = buildHome(dir, bin);
    const size = fs.statSync(path.join(home, '.claude.json')).size;
    console.log(
      `home: ${PROJECTS} projects, ~/.claude.json ${(size / 1024 / 1024).toFixed(1)} MB, ${unapproved} unapproved entries (built in ${(performance.now() - tBuild).toFixed(0)} ms)`,
    );
    const b = benchBundle();
    const flags = (mode: 'audit' | 'enforce'): string[] => {
      const env = writeSignedAllowlist(path.join(dir, 'etc', `allowlist-${mode}.json`), makeAllowlist({ mode, servers }), [key]);
      const cfg = writeAgentConfig(path.join(dir, 'etc', mode), {
        keys: [key],
        envelopeFile: env,
        extra: { exec: { path: path.join(dir, 'bin', 'mcp-warden') } },
      });
      return ['--home', home, '--state-dir', path.join(dir, `state-${mode}`), '--config', cfg];
    };
    const audit = runCli(b, [...flags('audit'), 'reconcile', '--once', '--json']);
    fmt('reconcile --once (audit: judge, change nothing)', audit);
    const scan = runCli(b, [...flags('enforce'), 'scan', '--json']);
    fmt('scan --json', scan);
    const enforce = runCli(b, [...flags('enforce'), 'reconcile', '--once', '--json']);
    const done = (JSON.parse(enforce.out) as { actions: Array<{ status: string }> }).actions.filter((a) => a.status === 'done').length;
    fmt('reconcile --once (enforce: removes)', enforce, `  ${done} actions done`);
    const again = runCli(b, [...flags('enforce'), 'reconcile', '--once', '--json']);
    fmt('reconcile --once (enforce: nothing left to do)', again);
    const claudeJson = path.join(home, '.claude.json');
    const readFloor = floor(b, claudeJson, false);
    fmt('floor: read + JSON.parse (fresh node)', readFloor);
    const writeFloor = floor(b, claudeJson, true);
    fmt('floor: read + JSON.parse + write + fsync', writeFloor);
    ratio('enforce pass / floor (read+parse+write+fsync)', enforce, writeFloor, { ms: 500, mb: 120 });
    ratio('quiet pass / floor (read+parse)', again, readFloor, { ms: 300, mb: 100 });

    // In process, as the agent runs it.
    const policy: Policy = {
      allowlist: makeAllowlist({ mode: 'audit', servers }),
      digest: '0'.repeat(64),
      keyIds: [],
      acceptedAt: new Date().toISOString(),
      source: 'bench',
    };
    const store = new MemorySecretStore();
    const common = {
      home,
      stateDir: path.join(dir, 'state-inproc'),
      policy,
      sink: new MemorySink(),
      execPath: path.join(dir, 'bin', 'mcp-warden'),
      secretStore: () => Promise.resolve(store),
    };
    for (const [label, cache] of [
      ['runPass in process, no cache', undefined],
      ['runPass in process, discovery cache', new DiscoveryCache()],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 8; i++) {
        const t0 = performance.now();
        await runPass({ ...common, cache });
        times.push(performance.now() - t0);
      }
      console.log(
        `${label.padEnd(44)} p50 ${pct(times, 50).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  (8 passes, first ${times[0]?.toFixed(0)} ms)`,
      );
    }
    const only = await (async () => {
      // As the agent runs it: the cache and the verdicts kept across passes.
      const cache = new DiscoveryCache();
      const judged = new JudgedEntries();
      await runPass({ ...common, cache, judged });
      const file = path.join(home, 'src', 'proj-10', '.mcp.json');
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        fs.appendFileSync(file, ' ');
        const t0 = performance.now();
        await runPass({ ...common, cache, judged, only: [file] });
        times.push(performance.now() - t0);
      }
      return times;
    })();
    console.log(
      `${'runPass, one changed .mcp.json (only + cache)'.padEnd(44)} p50 ${pct(only, 50).toFixed(1)} ms  p99 ${pct(only, 99).toFixed(1)} ms`,
    );
    console.log(
      'goals (issue 22): enforce ≤ 500 ms / 120 MB, quiet ≤ 300 ms / 100 MB, within 2x of the floor; CLI figures include Node start-up (the floors too)',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (/reconcile\.bench\.js$/.test(process.argv[1] ?? '')) void main();
