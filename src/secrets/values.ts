// Judging one VALUE whose context (a variable, header or flag name) is known. Pure.
import { findTokenShapes } from '../log/secret-patterns';
import { looksRandom } from './entropy';
import { isCredentialParam, isLocatorName } from './names';
import { hasPlaceholder } from '../policy/placeholder';

/** Why a value is a secret: `rule`, `name`, `shape:<id>`, `url-password`, `url-query:<param>`, `entropy`. */
export interface ValueVerdict {
  reason: string;
  /** false: report only (the secret sits inside a `${VAR:-default}` reference, which we cannot move). */
  movable: boolean;
}

const REF_RE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g;
const AUTH_SCHEME_RE = /^(?:Bearer|Basic|Token|Bot|Digest|ApiKey)\s+(\S+)$/i;

/** The text of a value outside `${…}` references, and the defaults inside them. */
export function splitReferences(value: string): { literal: string; defaults: string[] } {
  const defaults: string[] = [];
  const literal = value.replace(REF_RE, (_m, _name: string, def: string | undefined) => {
    if (def) defaults.push(def);
    return '';
  });
  return { literal, defaults };
}

export function isPathLike(value: string): boolean {
  return /^(?:\/|~[/\\]|\.\.?[/\\]|[A-Za-z]:[\\/]|\\\\|file:\/\/)/.test(value);
}

/** Flags and counters, not credentials: `true`, `off`, `3600`. */
function isTrivial(value: string): boolean {
  return /^(?:true|false|yes|no|on|off|null|none|enabled|disabled|\d{1,5})$/i.test(value.trim());
}

/** The credential inside `Bearer X` / `Basic X` / `Token X`, or the value itself. */
export function stripAuthScheme(value: string): string {
  return AUTH_SCHEME_RE.exec(value.trim())?.[1] ?? value;
}

/** A password in URL userinfo, or a credential-named query parameter with a value. */
export function urlSecret(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:[^\s/@]+@/i.test(value)) return 'url-password';
  const q = value.indexOf('?');
  if (q < 0 || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  for (const pair of value
    .slice(q + 1)
    .split('#')[0]
    ?.split('&') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const v = pair.slice(eq + 1);
    if (v && !v.startsWith('${') && isCredentialParam(decodeURIComponentSafe(pair.slice(0, eq)))) {
      return `url-query:${pair.slice(0, eq)}`;
    }
  }
  return undefined;
}

export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Secrets a value carries by itself, whatever its name: token shapes, URL credentials, randomness. */
function intrinsic(value: string): string | undefined {
  const url = urlSecret(value);
  if (url) return url;
  const shape = findTokenShapes(value)[0];
  if (shape) return `shape:${shape.id}`;
  if (looksRandom(stripAuthScheme(value))) return 'entropy';
  return undefined;
}

/**
 * Judge a whole value (env value, header value) given how its name marks it.
 * `marked`: 'rule' (the allowlist lists it as a secret), 'name' (credential-like name), 'none'.
 */
export function judgeValue(value: string, marked: 'rule' | 'name' | 'none', name: string): ValueVerdict | undefined {
  if (value.trim() === '' || hasPlaceholder(value)) return undefined;
  // `$VAR` alone: Gemini CLI expands it (as `${VAR}`) from its environment; a bare `$NAME`
  // literal is not a plausible secret for any client, so it is a reference everywhere.
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value.trim())) return undefined;
  if (value.includes('${')) {
    // `${VAR}` is a reference, not a secret. A default (`${VAR:-ghp_…}`) or text around the
    // reference may still carry one; we cannot move half a reference, so it is report-only.
    const { literal, defaults } = splitReferences(value);
    for (const part of [literal, ...defaults]) {
      const why = part.trim() && (findTokenShapes(part)[0] ? 'shape' : urlSecret(part));
      if (why) return { reason: `${why === 'shape' ? `shape:${findTokenShapes(part)[0]?.id ?? ''}` : why}-in-reference`, movable: false };
    }
    return undefined;
  }
  const own = intrinsic(value);
  if (own && own !== 'entropy') return { reason: own, movable: true };
  if (marked === 'rule') return { reason: 'rule', movable: true };
  if (marked === 'name' && !isPathLike(value) && !isTrivial(value) && !isLocatorName(name)) {
    return { reason: 'name', movable: true };
  }
  if (own) return { reason: own, movable: true };
  return undefined;
}
