// Each command group lives in its own file and registers itself. Modules load lazily:
// `exec` and `headers` run on every MCP server launch by Claude Code, so when the command
// line names one group, only that group's module (and its dependencies) is loaded.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Command } from 'commander';

type Register = { register(program: Command): void };

const GROUPS: Record<string, () => Register> = {
  keygen: () => require('./keygen') as Register,
  allowlist: () => require('./allowlist') as Register,
  trust: () => require('./trust') as Register,
  scan: () => require('./scan') as Register,
  reconcile: () => require('./reconcile') as Register,
  quarantine: () => require('./quarantine') as Register,
  exec: () => require('./exec') as Register,
  headers: () => require('./headers') as Register,
  credentials: () => require('./credentials') as Register,
  agent: () => require('./agent') as Register,
  status: () => require('./status') as Register,
  collector: () => require('./collector') as Register,
  drift: () => require('./drift') as Register,
  fleet: () => require('./fleet') as Register,
  system: () => require('./system') as Register,
  request: () => require('./request') as Register,
  requests: () => require('./requests') as Register,
};

/** Root options that take a value (so their value is not mistaken for the command). */
const VALUE_OPTIONS = new Set(['--config', '--home', '--state-dir', '--log-level']);

/** The command group the argv names, if any (argv as process.argv: node, script, …). */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

export function registerAll(program: Command, argv: readonly string[] = []): void {
  const named = commandNamed(argv);
  const only = named !== undefined && named in GROUPS ? [named] : Object.keys(GROUPS);
  for (const name of only) GROUPS[name]().register(program);
}
