// A machine for `system apply` tests: a signing key, an agent config, a root state folder
// and a managed folder, all in a temp dir; and the CLI run against them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliResult } from '../../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist, type TestKey } from '../../helpers/policy';
import { tmpDir } from '../../helpers/tmp';
import type { Allowlist } from '../../../src/policy/types';
import type { AgentConfig } from '../../../src/config/types';
import { GOLDEN } from '../../unit/system/helpers';

export const EXEC_PATH = '/usr/bin/mcp-warden';

export interface Machine {
  dir: string;
  key: TestKey;
  config: string;
  envelope: string;
  stateDir: string;
  managedDir: string;
  dropIn: string;
  /** Sign `allowlist` into the envelope the config reads. */
  publish(allowlist: Allowlist): void;
  run(args: string[]): CliResult;
}

/** The golden fixture, made current (fresh expiry) and overridable. */
export function fixture(name: string, over: Partial<Allowlist> = {}): Allowlist {
  const a = JSON.parse(fs.readFileSync(path.join(GOLDEN, `${name}.allowlist.json`), 'utf8')) as Allowlist;
  return { ...a, expires: makeAllowlist().expires, ...over };
}

export function machine(opts: { extra?: Partial<AgentConfig> } = {}): Machine {
  const dir = tmpDir('mcpw-sys-');
  const key = makeKey();
  const envelope = path.join(dir, 'allowlist.dsse.json');
  const config = writeAgentConfig(path.join(dir, 'etc'), {
    keys: [key],
    envelopeFile: envelope,
    extra: { exec: { path: EXEC_PATH }, ...opts.extra },
  });
  const stateDir = path.join(dir, 'var', 'lib', 'mcp-warden');
  const managedDir = path.join(dir, 'claude-code');
  return {
    dir,
    key,
    config,
    envelope,
    stateDir,
    managedDir,
    dropIn: path.join(managedDir, 'managed-settings.d', opts.extra?.system?.dropInName ?? '50-mcp-warden.json'),
    publish(allowlist) {
      writeSignedAllowlist(envelope, allowlist, [key]);
    },
    run(args) {
      return runCli(['--config', config, '--state-dir', stateDir, 'system', ...args, '--managed-dir', managedDir]);
    },
  };
}

export function json<T = Record<string, unknown>>(r: CliResult): T {
  return JSON.parse(r.stdout) as T;
}

/** Every regular file under `dir` with its bytes, for "nothing changed" checks. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export function spooled(stateDir: string): { kind: string; action: string; detail?: Record<string, unknown> }[] {
  const f = path.join(stateDir, 'spool', 'events.jsonl');
  if (!fs.existsSync(f)) return [];
  return fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; action: string; detail?: Record<string, unknown> });
}
