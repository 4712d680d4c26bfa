// Errors of tool pinning (`allowlist pin-tools`). A server that does not start or answer is
// the machine's problem (exit 3); a rule that cannot be pinned is the admin's input (exit 2).
import { ExitCode, WardenError, exitFor, type ExitTable } from '../errors';

export type ToolPinErrorCode = 'PIN_TIMEOUT' | 'PIN_PROTOCOL' | 'PIN_LAUNCH_FAILED' | 'PIN_REFUSED' | 'PIN_RULE_INVALID';

const EXIT: ExitTable<ToolPinErrorCode> = {
  default: ExitCode.CHECK_FAILED,
  PIN_TIMEOUT: ExitCode.UNAVAILABLE,
  PIN_PROTOCOL: ExitCode.UNAVAILABLE,
  PIN_LAUNCH_FAILED: ExitCode.UNAVAILABLE,
  PIN_REFUSED: ExitCode.CHECK_FAILED,
  PIN_RULE_INVALID: ExitCode.USAGE,
};

export class ToolPinError extends WardenError<ToolPinErrorCode> {
  constructor(opts: { code: ToolPinErrorCode; message: string; cause?: unknown; file?: string; jsonPath?: string }) {
    super({ ...opts, exitCode: exitFor(EXIT, opts.code) });
  }
}
