// What a command runs with, whoever started it (the CLI, Claude Code launching `exec`, the
// agent): the home, the state folder, the agent config, the exec path, the logger. One
// place, so every entry point resolves them alike; it knows nothing of commander.
import * as path from 'node:path';
import { resolveExecPath } from '../paths';
import { configureLogger, type LogLevel } from '../log/logger';
import { loadAgentConfig } from '../config/load';
import type { LoadedConfig } from '../config/types';

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  config?: string;
  home?: string;
  stateDir?: string;
  verbose?: boolean;
  logLevel?: LogLevel;
}

export interface CommandContext {
  globals: GlobalOptions;
  home: string;
  stateDir: string;
  /** The process environment (tests pass their own through the child's env). */
  env: NodeJS.ProcessEnv;
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
