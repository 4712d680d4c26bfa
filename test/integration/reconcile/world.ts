// A throwaway workstation for reconcile tests: a home written by the REAL `claude mcp add`,
// a state folder, a signed allowlist and agent config (exec.path set explicitly), and
// helpers to run our CLI and Claude Code's against it.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Allowlist, ServerRule } from '../../../src/policy/types';
import { installWardenShim, runCli, type CliResult } from '../../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist, type TestKey } from '../../helpers/policy';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { filesContaining, sha256File } from '../../helpers/tmp';

export { filesContaining, sha256File };

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
/** A real MCP server that `claude mcp list` reports as connected. */
export const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

/** Parsed JSON of many shapes, navigated freely by assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const rnd = (n: number): string =>
  Array.from(crypto.randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');
/** A GitHub-token-shaped canary secret. */
export const canary = (): string => 'ghp_' + rnd(36);

export interface World {
  root: string;
  home: string;
  stateDir: string;
  execPath: string;
  configFile: string;
  envelope: string;
  key: TestKey;
  /** Global flags for our CLI. */
  flags: string[];
}

export function makeWorld(over: Partial<Allowlist> = {}, extra: Record<string, unknown> = {}): World {
  const root = tmpDir('mcpw-rec-');
  const home = path.join(root, 'home');
  const stateDir = path.join(root, 'state');
  fs.mkdirSync(home, { recursive: true });
  const execPath = installWardenShim(root);
  const key = makeKey();
  const envelope = writeSignedAllowlist(path.join(root, 'etc', 'allowlist.dsse.json'), makeAllowlist(over), [key]);
  const configFile = writeAgentConfig(path.join(root, 'etc'), {
    keys: [key],
    envelopeFile: envelope,
    extra: { exec: { path: execPath }, ...extra },
  });
  return {
    root,
    home,
    stateDir,
    execPath,
    configFile,
    envelope,
    key,
    flags: ['--home', home, '--state-dir', stateDir, '--config', configFile],
  };
}

/** Sign a new allowlist version for the world. */
export function resign(w: World, over: Partial<Allowlist>): void {
  writeSignedAllowlist(w.envelope, makeAllowlist(over), [w.key]);
}

export function warden(w: World, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  return runCli([...w.flags, ...args], { env: { CLAUDE_CONFIG_DIR: '', ...env } });
}

export function wardenJson<T = Record<string, unknown>>(w: World, args: string[]): T {
  const r = warden(w, [...args, '--json']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`mcp-warden ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Run the real Claude Code CLI with HOME = the world's home. */
export function claude(w: World, args: string[], cwd?: string): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: w.home, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };
  delete env.CLAUDE_CONFIG_DIR;
  const r = spawnSync(CLAUDE, args, { cwd: cwd ?? w.home, env, encoding: 'utf8', timeout: 90_000 });
  if (r.status !== 0) throw new Error(`claude ${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project folder that is a git repository (Claude Code keys local scope by the git root). */
export function makeProject(w: World, name: string): string {
  const dir = path.join(w.home, 'src', name);
  fs.mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q', dir]);
  return dir;
}

export function readJson(file: string): Record<string, Json> {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function writeJson(file: string, value: unknown): string {
  return writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

/** Snapshot of every file's bytes under `dir` (for "audit changes no byte"). */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(p, fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/**
 * True when `after` is `before` with exactly one contiguous run of bytes taken out: every
 * byte outside the removed entry is where it was (formatting preserved byte for byte).
 */
export function isOneCut(before: string, after: string): { ok: boolean; removed: string } {
  let p = 0;
  while (p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const ok = p + s === after.length && before.length > after.length;
  return { ok, removed: before.slice(p, before.length - s) };
}

/** Drift events spooled in the state folder. */
export function spooled(w: World): Array<Record<string, Json>> {
  const f = path.join(w.stateDir, 'spool', 'events.jsonl');
  if (!fs.existsSync(f)) return [];
  return fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, Json>);
}

export function everythingRule(id = 'everything', over: Partial<ServerRule> = {}): ServerRule {
  return { id, transport: 'stdio', command: 'node', args: [EVERYTHING, 'stdio'], sha256: sha256File(EVERYTHING), ...over };
}
