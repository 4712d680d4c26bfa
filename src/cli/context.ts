// The CommandContext of one CLI command, from its global options: `--home` / `--state-dir`,
// then the environment, then the OS defaults (src/host/context.ts says what it holds).
import type { Command } from 'commander';
import { globalOptions } from './runtime';
import { userHome, userStateDir, systemStateDir } from '../paths';
import type { CommandContext, GlobalOptions } from '../host/context';

/**
 * `--home` / `--state-dir` win; then `MCP_WARDEN_HOME` / `MCP_WARDEN_STATE_DIR` (so that
 * `exec` and `headers`, which Claude Code starts with a fixed argv, can be pointed at a
 * test home); then the OS defaults. `role: 'system'` uses the root-owned state folder.
 */
export function commandContext(cmd: Command, role: 'user' | 'system' = 'user'): CommandContext {
  return contextFrom(globalOptions(cmd), role);
}

/** The same from global options parsed without commander (the launch fast path). */
export function contextFrom(g: GlobalOptions, role: 'user' | 'system' = 'user'): CommandContext {
  const env = process.env;
  const homeOpt = g.home ?? env.MCP_WARDEN_HOME;
  const stateOpt = g.stateDir ?? env.MCP_WARDEN_STATE_DIR;
  const home = userHome({ home: homeOpt });
  const stateDir = role === 'system' ? systemStateDir({ stateDir: stateOpt }) : userStateDir({ home: homeOpt, stateDir: stateOpt });
  return { globals: g, home, stateDir, env };
}
