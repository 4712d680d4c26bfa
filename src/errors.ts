// Typed errors with stable codes. Tests assert on `code`, never on message text
// (the sigstore-js habit). Messages must never contain secret values: callers pass
// names and paths, and the CLI runs every message through the redactor anyway.

/** Process exit codes. Documented in the README; keep stable. */
export const ExitCode = {
  OK: 0,
  /** A check failed: policy rejected, lint errors, drift that could not be fixed. */
  CHECK_FAILED: 1,
  /** Usage or input error: bad flags, unreadable or invalid input file or config. */
  USAGE: 2,
  /** The environment is not available: keychain locked, lock held, collector unreachable. */
  UNAVAILABLE: 3,
  /** A bug. */
  INTERNAL: 4,
  /** `exec` refused to start a server (not approved, pin mismatch, missing secret). */
  EXEC_REFUSED: 126,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error family's exit codes, all declared the same way: the family's usual exit code and
 * the codes that differ from it (each folder's errors.ts; the README's "Exit codes" table).
 */
export type ExitTable<C extends string> = { default: ExitCode } & Partial<Record<C, ExitCode>>;

export function exitFor<C extends string>(table: ExitTable<C>, code: C): ExitCode {
  return table[code] ?? table.default;
}

export interface ErrorOptions<C extends string> {
  code: C;
  message: string;
  cause?: unknown;
  /** File the error is about, when there is one. */
  file?: string;
  /** JSON path inside that file, e.g. `$.servers[2].package.version`. */
  jsonPath?: string;
  exitCode?: ExitCode;
}

export class WardenError<C extends string = string> extends Error {
  readonly code: C;
  readonly file?: string;
  readonly jsonPath?: string;
  readonly exitCode: ExitCode;

  constructor(opts: ErrorOptions<C>) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = this.constructor.name;
    this.code = opts.code;
    this.file = opts.file;
    this.jsonPath = opts.jsonPath;
    this.exitCode = opts.exitCode ?? ExitCode.CHECK_FAILED;
  }
}

/** Bad input from outside: files, flags, HTTP bodies. */
export type InputErrorCode = 'FILE_NOT_FOUND' | 'FILE_TOO_LARGE' | 'FILE_UNREADABLE' | 'PARSE_ERROR' | 'SCHEMA_INVALID' | 'USAGE';
export class InputError extends WardenError<InputErrorCode> {
  constructor(opts: ErrorOptions<InputErrorCode>) {
    super({ exitCode: ExitCode.USAGE, ...opts });
  }
}

/** The agent config (delivered by MDM) is missing or invalid. */
export type ConfigErrorCode = 'CONFIG_NOT_FOUND' | 'CONFIG_INVALID' | 'KEY_INVALID';
export class ConfigError extends WardenError<ConfigErrorCode> {
  constructor(opts: ErrorOptions<ConfigErrorCode>) {
    super({ exitCode: ExitCode.USAGE, ...opts });
  }
}

/** Something the machine should provide is not there right now. */
export type UnavailableErrorCode = 'KEYCHAIN_UNAVAILABLE' | 'LOCK_HELD' | 'LOCK_TIMEOUT' | 'NETWORK';
export class UnavailableError extends WardenError<UnavailableErrorCode> {
  constructor(opts: ErrorOptions<UnavailableErrorCode>) {
    super({ exitCode: ExitCode.UNAVAILABLE, ...opts });
  }
}

/** A broken invariant: a bug in mcp-warden, never the user's input (exit 4). */
export class InternalError extends WardenError<'INTERNAL'> {
  constructor(message: string, cause?: unknown) {
    super({ code: 'INTERNAL', message, cause, exitCode: ExitCode.INTERNAL });
  }
}

export function isWardenError(e: unknown): e is WardenError {
  return e instanceof WardenError;
}

/** A one-line description of any thrown value, for logs and stderr. */
export function describeError(e: unknown): string {
  if (e instanceof WardenError) {
    const where = [e.file, e.jsonPath].filter(Boolean).join(' at ');
    return `${e.code}: ${e.message}${where ? ` (${where})` : ''}`;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
