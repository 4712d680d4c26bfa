import { WardenError, ExitCode, type ErrorOptions } from '../errors';

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

export class QuarantineError extends WardenError<QuarantineErrorCode> {
  constructor(opts: ErrorOptions<QuarantineErrorCode>) {
    super({ exitCode: opts.code === 'BAD_ID' || opts.code === 'NOT_FOUND' ? ExitCode.USAGE : ExitCode.CHECK_FAILED, ...opts });
  }
}
