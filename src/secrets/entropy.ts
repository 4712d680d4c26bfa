// The last-resort detector: a value that looks like random key material although neither
// its name nor a known token shape says so. It must stay quiet on the ordinary values that
// fill MCP configs (paths, URLs, flags, package specs, identifiers, digests): the false
// positive rate is measured on test/fixtures/entropy/ordinary.txt (test/unit/credentials/
// entropy.test.ts prints it). Decisions, each measured there:
//  - UUIDs are ordinary (project/org ids are everywhere); a UUID-shaped API key is still
//    caught when its NAME marks it (API_KEY=…).
//  - 40- and 64-digit hex strings are ordinary (git commits, SHA-256 pins); other hex of 32+
//    digits is key material.
//  - SRI integrity (`sha512-…`) and `sha256:` digests are ordinary.

const TOKEN_CHARSET = /^[A-Za-z0-9+/=_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const DIGEST_PREFIX = /^(?:sha(?:1|224|256|384|512)|md5)[-:]/i;

export const MIN_RANDOM_LENGTH = 20;
const MAX_RANDOM_LENGTH = 1024;

/** Shannon entropy in bits per character of the string's own character distribution. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Expected entropy of `n` characters drawn uniformly from an alphabet of `k`, roughly:
 * a short random string cannot reach log2(k) because it has too few characters.
 */
function expectedEntropy(n: number, k: number): number {
  const distinct = k * (1 - Math.pow(1 - 1 / k, n));
  return Math.log2(Math.min(distinct, n));
}

/** Made of words: every chunk between separators is letters in one case (or Capitalised) or digits. */
function isWordy(s: string): boolean {
  const chunks = s.split(/[-_/+=.]+/).filter(Boolean);
  if (chunks.length === 0) return true;
  return chunks.every((c) => /^(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*|[0-9]+)$/.test(c));
}

/** Case changes between adjacent letters, per letter pair: random base62 flips often, camelCase rarely. */
function caseFlipRate(s: string): number {
  let pairs = 0;
  let flips = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s.charAt(i - 1);
    const b = s.charAt(i);
    if (!/[A-Za-z]/.test(a) || !/[A-Za-z]/.test(b)) continue;
    pairs++;
    if ((a === a.toUpperCase()) !== (b === b.toUpperCase())) flips++;
  }
  return pairs === 0 ? 0 : flips / pairs;
}

function hexLooksRandom(s: string): boolean {
  if (s.length < 32 || s.length === 40 || s.length === 64) return false;
  const digits = (s.match(/[0-9]/g) ?? []).length;
  // Random hex is ~62% digits; a run of letters only (or digits only) is a word or a number.
  if (digits < s.length * 0.3 || digits > s.length * 0.9) return false;
  return shannonEntropy(s) >= expectedEntropy(s.length, 16) - 0.6;
}

/** True when `s` (one whole value, no surrounding text) looks like random key material. */
export function looksRandom(s: string): boolean {
  if (s.length < MIN_RANDOM_LENGTH || s.length > MAX_RANDOM_LENGTH) return false;
  if (!TOKEN_CHARSET.test(s)) return false;
  if (UUID.test(s) || DIGEST_PREFIX.test(s)) return false;
  if (HEX.test(s)) return hexLooksRandom(s);
  if (s.startsWith('/') || s.startsWith('-') || isWordy(s)) return false;
  const lower = /[a-z]/.test(s);
  const upper = /[A-Z]/.test(s);
  const digits = (s.match(/[0-9]/g) ?? []).length;
  // Base62/64 key material mixes all three classes; identifiers rarely carry digits.
  if (!(lower && upper && digits >= 2)) return false;
  if (caseFlipRate(s) < 0.3) return false;
  return shannonEntropy(s) >= expectedEntropy(s.length, 64) - 0.7;
}
