// The launch fast path's command line. Claude Code starts `mcp-warden exec --server ID
// --scope SCOPE -- CMD…` for every stdio server of a session (and `headers --server ID
// --scope SCOPE` for every remote one), always in the shape reconcile wrote; building the
// commander tree for that costs more than the rest of the start. Pure: only that exact shape
// (global options first, each option once, space-separated values) is recognised here, and
// anything else — --help, a missing, repeated or malformed option, an extra argument — is
// left to the full CLI, which accepts or rejects it with its usual messages.
import type { Scope } from '../policy/types';
import { isScope, isServerId } from './cli-checks';
import type { GlobalOptions } from '../host/context';
import type { LogLevel } from '../log/logger';

export interface LaunchArgv {
  command: 'exec' | 'headers';
  globals: GlobalOptions;
  server: string;
  scope: Scope;
  /** exec: the server's argv (after `--`, never empty). */
  inner: string[];
}

type ValueKey = 'config' | 'home' | 'stateDir' | 'logLevel';
const GLOBAL_VALUES: Record<string, ValueKey> = {
  '--config': 'config',
  '--home': 'home',
  '--state-dir': 'stateDir',
  '--log-level': 'logLevel',
};

/** A value commander would take as the option's argument, and that is not another option. */
const plainValue = (v: string | undefined): v is string => v !== undefined && v !== '' && !v.startsWith('-');

/** The launch command in `argv` (as process.argv: node, script, …), or undefined: use commander. */
export function parseLaunchArgv(argv: readonly string[]): LaunchArgv | undefined {
  const globals: GlobalOptions = {};
  let i = 2;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const key = GLOBAL_VALUES[a];
    if (key) {
      const v = argv[i + 1];
      if (!plainValue(v) || globals[key] !== undefined) return undefined;
      if (key === 'logLevel') globals.logLevel = v as LogLevel;
      else globals[key] = v;
      i++;
    } else if (a === '-v' || a === '--verbose') {
      if (globals.verbose) return undefined;
      globals.verbose = true;
    } else break;
  }
  const command = argv[i];
  if (command !== 'exec' && command !== 'headers') return undefined;
  let server: string | undefined;
  let scope: string | undefined;
  for (i++; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const v = argv[i + 1];
    if ((a !== '--server' && a !== '--scope') || !plainValue(v)) return undefined;
    if (a === '--server') {
      if (server !== undefined || !isServerId(v)) return undefined;
      server = v;
    } else {
      if (scope !== undefined || !isScope(v)) return undefined;
      scope = v;
    }
    i++;
  }
  if (server === undefined || scope === undefined || !isScope(scope)) return undefined;
  const inner = argv.slice(i + 1);
  if (command === 'exec' ? argv[i] !== '--' || inner.length === 0 : i < argv.length) return undefined;
  return { command, globals, server, scope, inner };
}
