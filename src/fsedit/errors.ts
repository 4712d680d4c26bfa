import { WardenError, ExitCode, type ErrorOptions } from '../errors';

export type FileEditErrorCode =
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'UNREADABLE'
  /** The file is not valid JSON: it is never rewritten. */
  | 'PARSE_ERROR'
  | 'LOCK_TIMEOUT'
  /** The file kept changing under us (a writer that ignores the lock). */
  | 'CONTENDED'
  /** What we would write does not parse back to what we intended: nothing written. */
  | 'VERIFY_FAILED'
  /** The path leads through a symlink we did not read and judge: nothing read or written. */
  | 'UNEXPECTED_SYMLINK'
  | 'WRITE_FAILED';

export class FileEditError extends WardenError<FileEditErrorCode> {
  constructor(opts: ErrorOptions<FileEditErrorCode>) {
    super({ exitCode: ExitCode.CHECK_FAILED, ...opts });
  }
}
