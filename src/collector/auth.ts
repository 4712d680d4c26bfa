// Bearer tokens. Shared tokens (enrollment, admin) are kept as SHA-256 digests and compared
// with crypto.timingSafeEqual over the digests (equal length whatever the input), checking
// every configured token without an early exit, so the time taken says nothing about how
// close a guess was. The header must be exactly `Bearer <token>`: no second space, no
// whitespace inside; Node itself strips spaces around a header value (RFC 9110 §5.5).
//
// Device credentials are 256-bit random tokens the collector mints at enrolment and keeps
// only as SHA-256: a device is found by the digest of what it presents (an index lookup on
// a hash of a 256-bit secret leaks nothing usable about the secret).
import * as crypto from 'node:crypto';
import { redactor } from '../log/redact';
// Minted credentials are not learned by the redactor (it would grow with the fleet): their
// shape is one of src/log/secret-patterns.ts, masked on every log transport.

/** Shortest token accepted at startup: a secret an attacker cannot enumerate. */
export const MIN_TOKEN_LENGTH = 16;

/** Prefix of device credentials, so that a request shows which kind it carries. */
export const DEVICE_CREDENTIAL_PREFIX = 'mwd1_';
const DEVICE_CREDENTIAL = /^mwd1_[A-Za-z0-9_-]{43}$/;

export interface TokenSet {
  matches(authorization: string | undefined): boolean;
  /** Exact, constant-time comparison of an already extracted token. */
  has(token: string): boolean;
  readonly size: number;
}

const digest = (s: string): Buffer => crypto.createHash('sha256').update(s, 'utf8').digest();

/** The token of an `Authorization: Bearer <token>` header, or undefined when it is not exactly that. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer ([\x21-\x7e]{1,4096})$/.exec(authorization ?? '')?.[1];
}

export function tokenSet(tokens: readonly string[]): TokenSet {
  for (const t of tokens) redactor.learn(t);
  const digests = tokens.map(digest);
  const has = (token: string): boolean => {
    const presented = digest(token);
    let ok = false;
    for (const d of digests) ok = crypto.timingSafeEqual(d, presented) || ok;
    return ok;
  };
  return {
    size: digests.length,
    has,
    matches(authorization) {
      const t = bearerToken(authorization);
      // Compare even when the header is malformed: the same work either way.
      const ok = has(t ?? '');
      return ok && t !== undefined;
    },
  };
}

/** A fresh device credential: the prefix and 32 random bytes, base64url. */
export function mintDeviceCredential(): string {
  return `${DEVICE_CREDENTIAL_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export function isDeviceCredential(token: string): boolean {
  return DEVICE_CREDENTIAL.test(token);
}

/** What the collector stores and looks up: hex SHA-256 of the credential. */
export function credentialDigest(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}
