// Runs the real CLI as a child process, from a bundle of the current sources (so tests
// never depend on a stale dist/). One bundle per jest worker, inside the repo so that
// node_modules resolves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync, spawn, type SpawnSyncReturns, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
let bundle: string | undefined;

export function cliBundle(): string {
  if (bundle && fs.existsSync(bundle)) return bundle;
  const out = path.join(ROOT, '.test-build', `cli-${process.pid}.js`);
  buildSync({
    entryPoints: [path.join(ROOT, 'src', 'cli', 'entry.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  bundle = out;
  return out;
}

/**
 * An executable named `mcp-warden` in `dir/bin` that runs the bundle: what rewritten
 * config entries point at in tests (agent config `exec.path`).
 */
export function installWardenShim(dir: string): string {
  const bin = path.join(dir, 'bin', 'mcp-warden');
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  fs.writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${cliBundle()}" "$@"\n`, { mode: 0o755 });
  return bin;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [cliBundle(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    input: opts.input,
    timeout: opts.timeoutMs ?? 60000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Start the CLI in the background (agent, collector). The caller kills it. */
export function spawnCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [cliBundle(), ...args], {
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
