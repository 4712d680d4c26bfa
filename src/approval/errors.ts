// Errors of the approval tools (`allowlist add`). Registry failures are the machine's
// (exit 3: the registry or npm is unavailable); a package that is not what was asked for is
// the admin's input (exit 2); a review that finds a blocking problem is a failed check (1).
import { ExitCode, WardenError, exitFor, type ExitTable } from '../errors';

export type ApprovalErrorCode =
  | 'SPEC_INVALID'
  /** A kind of package the allowlist cannot pin (pypi:). */
  | 'REGISTRY_UNSUPPORTED'
  | 'REGISTRY_UNAVAILABLE'
  | 'REGISTRY_RESPONSE_INVALID'
  | 'VERSION_NOT_FOUND'
  | 'REVIEW_BLOCKED'
  | 'RULE_EXISTS'
  | 'SOURCE_INVALID';

const EXIT: ExitTable<ApprovalErrorCode> = {
  default: ExitCode.CHECK_FAILED,
  SPEC_INVALID: ExitCode.USAGE,
  REGISTRY_UNSUPPORTED: ExitCode.USAGE,
  REGISTRY_UNAVAILABLE: ExitCode.UNAVAILABLE,
  REGISTRY_RESPONSE_INVALID: ExitCode.UNAVAILABLE,
  VERSION_NOT_FOUND: ExitCode.USAGE,
  REVIEW_BLOCKED: ExitCode.CHECK_FAILED,
  RULE_EXISTS: ExitCode.CHECK_FAILED,
  SOURCE_INVALID: ExitCode.USAGE,
};

export class ApprovalError extends WardenError<ApprovalErrorCode> {
  constructor(opts: { code: ApprovalErrorCode; message: string; cause?: unknown; file?: string; jsonPath?: string }) {
    super({ ...opts, exitCode: exitFor(EXIT, opts.code) });
  }
}
