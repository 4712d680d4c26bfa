// Errors of `mcp-warden system`. Every refusal has a code an MDM script (and a test) can
// rely on; the message says what to do. An error here always means "nothing was written".
import { WardenError, ExitCode, type ErrorOptions, exitFor, type ExitTable } from '../errors';

export type SystemErrorCode =
  /** No verified policy exists (never accepted one): nothing to render. */
  | 'NO_POLICY'
  /** The candidate policy was rejected (tampered, rolled back, expired, other org, invalid). */
  | 'POLICY_REJECTED'
  /** What we would write fails the schema or a semantic check: an invalid drop-in blocks every server. */
  | 'RENDER_INVALID'
  /** `system.dropInName` is not a plain `*.json` file name. */
  | 'DROPIN_NAME_INVALID'
  /** A folder we would write into (or trust state from) is not root-owned or is writable by others. */
  | 'UNSAFE_PATH'
  /** The existing drop-in cannot be read (not a file, too large, permissions). */
  | 'DROPIN_UNREADABLE'
  | 'WRITE_FAILED';

const EXIT: ExitTable<SystemErrorCode> = {
  default: ExitCode.CHECK_FAILED,
  NO_POLICY: ExitCode.CHECK_FAILED,
  POLICY_REJECTED: ExitCode.CHECK_FAILED,
  RENDER_INVALID: ExitCode.CHECK_FAILED,
  DROPIN_NAME_INVALID: ExitCode.USAGE,
  UNSAFE_PATH: ExitCode.CHECK_FAILED,
  DROPIN_UNREADABLE: ExitCode.UNAVAILABLE,
  WRITE_FAILED: ExitCode.UNAVAILABLE,
};

export class SystemError extends WardenError<SystemErrorCode> {
  constructor(opts: ErrorOptions<SystemErrorCode>) {
    super({ exitCode: exitFor(EXIT, opts.code), ...opts });
  }
}
