import { WardenError, ExitCode, type ErrorOptions } from '../errors';

export type CredentialErrorCode =
  /** A value written to the keychain did not read back identical: nothing was rewritten. */
  | 'KEYCHAIN_READBACK_MISMATCH'
  /** A migrate action does not fit the entry it names (values cannot be recovered). */
  | 'PLAN_MISMATCH'
  /** A secret `exec`/`headers` needs is not in the keychain. */
  | 'SECRET_MISSING'
  /** `exec` refused: not approved, pin mismatch, wrong server id, no command. */
  | 'EXEC_REFUSED'
  /** `headers` was started for a server whose name or URL does not match what was migrated. */
  | 'HELPER_MISMATCH'
  /** `credentials set/delete` named no migrated secret. */
  | 'NOT_FOUND'
  /** A value given to `credentials set` is empty or too large. */
  | 'BAD_VALUE';

export class CredentialError extends WardenError<CredentialErrorCode> {
  constructor(opts: ErrorOptions<CredentialErrorCode>) {
    const exitCode =
      opts.code === 'SECRET_MISSING' || opts.code === 'EXEC_REFUSED' || opts.code === 'HELPER_MISMATCH'
        ? ExitCode.EXEC_REFUSED
        : opts.code === 'BAD_VALUE' || opts.code === 'NOT_FOUND'
          ? ExitCode.USAGE
          : ExitCode.CHECK_FAILED;
    super({ exitCode, ...opts });
  }
}
