import { WardenError, ExitCode, exitFor, type ErrorOptions, type ExitTable } from '../errors';

export type QuarantineErrorCode =
  /** No record with that id. */
  | 'NOT_FOUND'
  /** The id is not one we issue (refused before touching the file system). */
  | 'BAD_ID'
  /** A record file that is not a record of ours. */
  | 'INVALID_RECORD'
  | 'ALREADY_RESTORED'
  /** A different server now has the record's name in that file. */
  | 'NAME_TAKEN'
  /** A secret value the record needs is not in the keychain. */
  | 'SECRET_MISSING'
  /** The entry holds secrets and the keychain cannot store them: nothing removed. */
  | 'KEYCHAIN_UNAVAILABLE'
  /** Secrets sealed to this device (keychain was unavailable) that do not open here. */
  | 'SEALED_UNREADABLE'
  | 'WRITE_FAILED'
  /** RestoreOptions.accept refused the entry (the policy does not approve it). */
  | 'NOT_APPROVED';

const EXIT: ExitTable<QuarantineErrorCode> = { default: ExitCode.CHECK_FAILED, BAD_ID: ExitCode.USAGE, NOT_FOUND: ExitCode.USAGE };

export class QuarantineError extends WardenError<QuarantineErrorCode> {
  constructor(opts: ErrorOptions<QuarantineErrorCode>) {
    super({ exitCode: exitFor(EXIT, opts.code), ...opts });
  }
}
