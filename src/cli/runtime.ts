// Shared plumbing for commands: global options and the error → exit code mapping.
import type { Command } from 'commander';
import { describeError, ExitCode, isWardenError } from '../errors';
import { err } from '../host/output';
import type { GlobalOptions } from '../host/context';
import { log, closeLogger } from '../log/logger';

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/**
 * Wrap a command action: the action returns an exit code (or nothing for 0); a thrown
 * WardenError prints `mcp-warden: CODE: message (file at $.path)` and maps to its exit
 * code; anything else is a bug (exit 4).
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void> | number | void): (...args: A) => Promise<void> {
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
