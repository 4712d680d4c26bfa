// Dashboard sign-in: the admin token (or a dashboard secret) is typed once into a form and
// exchanged for a random session id in an HttpOnly, SameSite=Strict cookie (Secure when
// the collector serves TLS). The session lives in the database (store/sessions.ts, only a
// SHA-256 of the id) with an absolute lifetime and an idle timeout. Every POST carries a
// CSRF token: the session's, or for the sign-in form a double-submit cookie value.
import * as crypto from 'node:crypto';
import type * as http from 'node:http';
import type { SessionRecord, SessionStore } from '../store/sessions';

export const SESSION_COOKIE = 'mcpw_session';
/** Double-submit cookie for the sign-in form (there is no session to hold a token yet). */
export const SIGNIN_COOKIE = 'mcpw_signin';
export const DEFAULT_SESSION_TTL_MS = 8 * 3600_000;
export const DEFAULT_IDLE_MS = 30 * 60_000;
/** Activity is written at most this often (a page view is a read, not a write). */
const TOUCH_EVERY_MS = 60_000;
const SIGNIN_COOKIE_MAX_AGE_S = 15 * 60;

export interface SessionPolicy {
  ttlMs: number;
  idleMs: number;
  /** Add `Secure` to cookies (the collector serves HTTPS). */
  secure: boolean;
}

export interface Session {
  idHash: string;
  csrf: string;
}

export const randomToken = (): string => crypto.randomBytes(32).toString('base64url');
const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/** Constant-time string equality (over digests: equal length whatever the input). */
export function sameSecret(a: string, b: string): boolean {
  return crypto.timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex')) && a.length > 0;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').slice(0, 8192).split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

export function cookie(name: string, value: string, maxAgeS: number, secure: boolean): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

export function signinCookie(value: string, secure: boolean): string {
  return cookie(SIGNIN_COOKIE, value, SIGNIN_COOKIE_MAX_AGE_S, secure);
}

export interface Sessions {
  /** The session of this request, or undefined (none, unknown, expired or idle too long). */
  current(req: http.IncomingMessage): Promise<Session | undefined>;
  /** A new session; returns its Set-Cookie value and CSRF token. */
  create(): Promise<{ setCookie: string; csrf: string }>;
  destroy(s: Session): Promise<void>;
  /** Set-Cookie value that removes the session cookie. */
  readonly clearCookie: string;
}

export function sessions(store: SessionStore, policy: SessionPolicy, now: () => number): Sessions {
  return {
    async current(req) {
      const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
      if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
      const idHash = sha256(id);
      const t = now();
      const rec: SessionRecord | undefined = await store.get(idHash, t);
      if (!rec) return undefined;
      if (t - rec.seenMs > policy.idleMs) {
        await store.delete(idHash);
        return undefined;
      }
      if (t - rec.seenMs > TOUCH_EVERY_MS) await store.touch(idHash, t);
      return { idHash, csrf: rec.csrf };
    },
    async create() {
      const t = now();
      await store.sweep(t);
      const id = randomToken();
      const csrf = randomToken();
      await store.create(sha256(id), { csrf, createdMs: t, seenMs: t, expiresMs: t + policy.ttlMs });
      return { setCookie: cookie(SESSION_COOKIE, id, Math.floor(policy.ttlMs / 1000), policy.secure), csrf };
    },
    destroy: (s) => store.delete(s.idHash),
    clearCookie: cookie(SESSION_COOKIE, '', 0, policy.secure),
  };
}
