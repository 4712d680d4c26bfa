// Shared plumbing for commands: global options, output, and error → exit code mapping.
import type { Command } from 'commander';
import { describeError, ExitCode, isWardenError } from '../errors';
import { redactor } from '../log/redact';
import { log, closeLogger, type LogLevel } from '../log/logger';

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  config?: string;
  home?: string;
  stateDir?: string;
  verbose?: boolean;
  logLevel?: LogLevel;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function out(line = ''): void {
  process.stdout.write(redactor.redactString(line) + '\n');
}

export function outJson(value: unknown): void {
  process.stdout.write(JSON.stringify(redactor.redact(value), null, 2) + '\n');
}

export function err(line: string): void {
  process.stderr.write(redactor.redactString(line) + '\n');
}

/**
 * Wrap a command action: the action returns an exit code (or nothing for 0); a thrown
 * WardenError prints `mcp-warden: CODE: message (file at $.path)` and maps to its exit
 * code; anything else is a bug (exit 4).
 */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | void> | number | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? ExitCode.OK;
    } catch (e) {
      if (isWardenError(e)) {
        err(`mcp-warden: ${describeError(e)}`);
        process.exitCode = e.exitCode;
      } else {
        err(`mcp-warden: internal error: ${describeError(e)}`);
        log().error('internal error', { error: e instanceof Error ? e.stack : String(e) });
        process.exitCode = ExitCode.INTERNAL;
      }
    } finally {
      await closeLogger();
    }
  };
}
