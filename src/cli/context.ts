// What every command derives from the global options: the home, the state folder, the
// agent config, the exec path, the logger. One place, so every command resolves them alike.
import * as path from 'node:path';
import type { Command } from 'commander';
import { globalOptions, type GlobalOptions } from './runtime';
import { userHome, userStateDir, systemStateDir, resolveExecPath } from '../paths';
import { configureLogger, type LogLevel } from '../log/logger';
import { loadAgentConfig } from '../config/load';
import type { LoadedConfig } from '../config/types';

export interface CommandContext {
  globals: GlobalOptions;
  home: string;
  stateDir: string;
  /** The process environment (tests pass their own through the child's env). */
  env: NodeJS.ProcessEnv;
}

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
  const stateDir =
    role === 'system' ? systemStateDir({ stateDir: stateOpt }) : userStateDir({ home: homeOpt, stateDir: stateOpt });
  return { globals: g, home, stateDir, env };
}

/** The agent config: --config, then $MCP_WARDEN_CONFIG, then the OS location. Throws ConfigError. */
export function agentConfig(ctx: CommandContext): LoadedConfig {
  return loadAgentConfig({ configPath: ctx.globals.config, env: ctx.env });
}

export function execPathFor(loaded: LoadedConfig | undefined): string {
  return resolveExecPath(loaded?.config.exec?.path);
}

/**
 * Configure the process logger: JSON lines into `<stateDir>/logs/mcp-warden.log` when
 * `file` is set (agent, reconcile, exec), stderr when --verbose. Quiet otherwise.
 */
export function setupLogging(ctx: CommandContext, opts: { file?: boolean; level?: LogLevel; console?: boolean } = {}): void {
  configureLogger({
    level: ctx.globals.logLevel ?? opts.level ?? 'info',
    file: opts.file ? path.join(ctx.stateDir, 'logs', 'mcp-warden.log') : undefined,
    console: Boolean(ctx.globals.verbose || opts.console),
  });
}
