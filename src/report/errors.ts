import { WardenError, ExitCode, exitFor, type ErrorOptions, type ExitTable } from '../errors';

export type ReportErrorCode =
  /** `report.url` is missing, malformed, or uses a scheme other than https (http only for loopback). */
  | 'ENDPOINT_INVALID'
  /** Plain http:// to an address that is not loopback: refused, the token would travel in clear. */
  | 'ENDPOINT_INSECURE'
  /** Neither `report.token` nor a readable `report.tokenFile`. */
  | 'TOKEN_MISSING'
  | 'TOKEN_UNREADABLE'
  /** A token with surrounding whitespace (tokens are compared exactly, never trimmed). */
  | 'TOKEN_INVALID'
  /** `report.caFile` cannot be read or holds no certificate. */
  | 'CA_UNREADABLE'
  /** The spool lock stayed held by another live process for too long. */
  | 'SPOOL_LOCKED'
  /** The spool folder or a spool file cannot be read or written. */
  | 'SPOOL_IO'
  /** An event does not match schemas/drift-event.schema.json (a producer bug). */
  | 'EVENT_INVALID';

const EXIT: ExitTable<ReportErrorCode> = { default: ExitCode.USAGE, SPOOL_LOCKED: ExitCode.UNAVAILABLE, SPOOL_IO: ExitCode.UNAVAILABLE };

export class ReportError extends WardenError<ReportErrorCode> {
  constructor(opts: ErrorOptions<ReportErrorCode>) {
    super({ exitCode: exitFor(EXIT, opts.code), ...opts });
  }
}
