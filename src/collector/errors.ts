import { WardenError, ExitCode, exitFor, type ErrorOptions, type ExitTable } from '../errors';

/** Problems starting or running the collector (not per-request errors: see HttpError). */
export type CollectorErrorCode =
  /** `--db` is not `sqlite:PATH` or `postgres://…`. */
  | 'DB_URL_INVALID'
  /** The database cannot be opened or reached. */
  | 'DB_UNAVAILABLE'
  /** The database was migrated by a newer collector than this one. */
  | 'SCHEMA_TOO_NEW'
  /** `--listen` is not HOST:PORT. */
  | 'LISTEN_INVALID'
  | 'LISTEN_FAILED'
  /** A token is missing, unreadable, or too short to be a secret. */
  | 'TOKEN_MISSING'
  | 'TOKEN_WEAK'
  /** `--tls-cert` / `--tls-key` unreadable or only one of them given. */
  | 'TLS_INVALID'
  /** An admin request to a collector failed (drift query, fleet status). */
  | 'QUERY_FAILED'
  | 'UNAUTHORIZED';

const UNAVAILABLE = ExitCode.UNAVAILABLE;
const EXIT: ExitTable<CollectorErrorCode> = {
  default: ExitCode.USAGE,
  DB_UNAVAILABLE: UNAVAILABLE,
  LISTEN_FAILED: UNAVAILABLE,
  QUERY_FAILED: UNAVAILABLE,
};

export class CollectorError extends WardenError<CollectorErrorCode> {
  constructor(opts: ErrorOptions<CollectorErrorCode>) {
    super({ exitCode: exitFor(EXIT, opts.code), ...opts });
  }
}

/** Error codes in JSON error bodies: `{ "error": { "code": "…", "message": "…" } }`. */
export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'INVALID_FILTER'
  | 'INVALID_CURSOR'
  | 'UNAUTHORIZED'
  /** A device credential the collector does not know (reset, or a new database): enrol again. */
  | 'CREDENTIAL_UNKNOWN'
  /** The shared enrollment token was used to post events: enrol for a device credential. */
  | 'ENROLLMENT_REQUIRED'
  /** POST /v1/enroll for a device id that holds a credential already: an admin must reset it. */
  | 'ALREADY_ENROLLED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_EVENTS'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** A request error with the HTTP status and the code clients see. Never carries a stack to the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
