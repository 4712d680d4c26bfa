// Bearer tokens. Stored as SHA-256 digests and compared with crypto.timingSafeEqual over
// the digests (equal length whatever the input), checking every configured token without
// an early exit, so the time taken says nothing about how close a guess was.
import * as crypto from 'node:crypto';
import { redactor } from '../log/redact';

/** Shortest token accepted at startup: a secret an attacker cannot enumerate. */
export const MIN_TOKEN_LENGTH = 16;

export interface TokenSet {
  matches(authorization: string | undefined): boolean;
  readonly size: number;
}

const digest = (s: string): Buffer => crypto.createHash('sha256').update(s, 'utf8').digest();

export function tokenSet(tokens: readonly string[]): TokenSet {
  for (const t of tokens) redactor.learn(t);
  const digests = tokens.map(digest);
  return {
    size: digests.length,
    matches(authorization) {
      const m = /^Bearer ([\x21-\x7e]{1,4096})$/.exec(authorization ?? '');
      const presented = digest(m?.[1] ?? '');
      let ok = false;
      for (const d of digests) ok = crypto.timingSafeEqual(d, presented) || ok;
      return ok && m !== null;
    },
  };
}
