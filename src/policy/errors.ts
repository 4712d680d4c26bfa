// Every way a signed allowlist can be refused has its own code, so an admin reading a
// drift report (policy.rejected) or `allowlist verify` output knows exactly what to fix,
// and tests assert on the code.
import { ExitCode, exitFor, WardenError, type ErrorOptions, type ExitTable } from '../errors';
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
  | 'LINT_FAILED'
  // --- the trust root (docs/allowlist.md "Trust root and key rotation") ---
  /** trust.root.file does not exist, or no root in the chain has the pinned trust.root.sha256. */
  | 'ROOT_MISSING'
  /** A root file or roots chain file cannot be read. */
  | 'ROOT_UNREADABLE'
  /** A root envelope or the roots chain is over its byte cap. */
  | 'ROOT_TOO_LARGE'
  /** The roots chain is not `{"roots": [envelope, …]}`. */
  | 'ROOT_CHAIN_MALFORMED'
  /** The bootstrap root's payload digest is not trust.root.sha256. */
  | 'ROOT_PIN_MISMATCH'
  /** Signed, but not a root (another payloadType, e.g. an allowlist). */
  | 'ROOT_PAYLOAD_TYPE'
  /** The root payload is not UTF-8 JSON (or repeats a key). */
  | 'ROOT_PAYLOAD_PARSE'
  /** The root breaks schemas/root.schema.json or a rule it cannot express (key id, Ed25519, threshold). */
  | 'ROOT_SCHEMA_INVALID'
  /** Root N+1 is not signed by a threshold of the trusted root N's root keys. */
  | 'ROOT_THRESHOLD_OLD'
  /** A root is not signed by a threshold of its own root keys. */
  | 'ROOT_THRESHOLD_NEW'
  /** A root's version is more than one above the trusted root's (versions apply one at a time). */
  | 'ROOT_VERSION_SKIP'
  /** A root's version is not above the trusted root's. */
  | 'ROOT_ROLLBACK'
  /** Same version as a trusted root, different content (a fork). */
  | 'ROOT_VERSION_CONFLICT'
  /** The root is for another organisation. */
  | 'ROOT_ORG_MISMATCH'
  /** The newest trusted root has expired: no new allowlist is accepted (freeze). */
  | 'ROOT_EXPIRED'
  /** `trust rotate`/`init` was asked for something that would not verify (e.g. a threshold above the key count). */
  | 'ROOT_USAGE';

const USAGE = ExitCode.USAGE;
const EXIT: ExitTable<PolicyErrorCode> = {
  default: ExitCode.CHECK_FAILED,
  KEY_INVALID: USAGE,
  SOURCE_MISSING: USAGE,
  SOURCE_UNREADABLE: USAGE,
  ROOT_UNREADABLE: USAGE,
  ROOT_USAGE: USAGE,
};

export class PolicyError extends WardenError<PolicyErrorCode> {
  /** Every schema problem, for SCHEMA_INVALID. */
  readonly issues?: SchemaIssue[];

  constructor(opts: ErrorOptions<PolicyErrorCode> & { issues?: SchemaIssue[] }) {
    super({ exitCode: exitFor(EXIT, opts.code), ...opts });
    this.issues = opts.issues;
  }
}

export function isPolicyError(e: unknown): e is PolicyError {
  return e instanceof PolicyError;
}
