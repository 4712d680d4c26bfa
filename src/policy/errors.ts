// Every way a signed allowlist can be refused has its own code, so an admin reading a
// drift report (policy.rejected) or `allowlist verify` output knows exactly what to fix,
// and tests assert on the code.
import { ExitCode, WardenError, type ErrorOptions } from '../errors';
import type { SchemaIssue } from '../schema/issues';

export type PolicyErrorCode =
  /** The envelope is bigger than allowlist.maxBytes. */
  | 'ENVELOPE_TOO_LARGE'
  /** Not a DSSE JSON envelope (`{payload, payloadType, signatures:[{keyid?, sig}]}`). */
  | 'ENVELOPE_MALFORMED'
  /** payload or a sig is not base64. */
  | 'BAD_BASE64'
  /** The envelope carries no signature. */
  | 'NO_SIGNATURES'
  /** No signature names or matches a trusted key. */
  | 'UNKNOWN_KEY'
  /** A signature claims a trusted key but does not verify: the payload or its type changed. */
  | 'SIGNATURE_INVALID'
  /** A signature verifies over the raw payload, not over DSSE's PAE: signed by the wrong tool. */
  | 'SIGNATURE_NOT_PAE'
  /** The threshold is met only by counting one key more than once. */
  | 'DUPLICATE_SIGNATURES'
  /** Fewer distinct trusted keys signed than trust.threshold. */
  | 'THRESHOLD_NOT_MET'
  /** Signed, but not an mcp-warden allowlist (another payloadType). */
  | 'PAYLOAD_TYPE'
  /** The payload is not UTF-8 JSON (or repeats a key). */
  | 'PAYLOAD_PARSE'
  /** The allowlist breaks the schema or a rule the schema cannot express. */
  | 'SCHEMA_INVALID'
  /** Signed for another organisation. */
  | 'ORG_MISMATCH'
  /** Past `expires` (plus the allowed clock skew). */
  | 'EXPIRED'
  /** Older `version` than the last accepted one. */
  | 'ROLLBACK'
  /** Same `version` as the last accepted one, different content. */
  | 'VERSION_CONFLICT'
  /** allowlist.file does not exist. */
  | 'SOURCE_MISSING'
  /** allowlist.file cannot be read. */
  | 'SOURCE_UNREADABLE'
  /** A signing key given to `allowlist sign` is not an Ed25519 private key. */
  | 'KEY_INVALID'
  /** `allowlist sign` was given an allowlist that does not lint. */
  | 'LINT_FAILED';

export class PolicyError extends WardenError<PolicyErrorCode> {
  /** Every schema problem, for SCHEMA_INVALID. */
  readonly issues?: SchemaIssue[];

  constructor(opts: ErrorOptions<PolicyErrorCode> & { issues?: SchemaIssue[] }) {
    const usage = opts.code === 'KEY_INVALID' || opts.code === 'SOURCE_MISSING' || opts.code === 'SOURCE_UNREADABLE';
    super({ exitCode: usage ? ExitCode.USAGE : ExitCode.CHECK_FAILED, ...opts });
    this.issues = opts.issues;
  }
}

export function isPolicyError(e: unknown): e is PolicyError {
  return e instanceof PolicyError;
}
