// The web dashboard, served by `collector serve` on its own port at `/`: server-rendered
// HTML pages (no client framework, no CDN), one CSS and one JS file from assets.ts, SVG
// charts rendered here. Every response carries a strict CSP. Pages and CSV exports need a
// session (session.ts); without one a page answers 401 with the sign-in form and no data.
import type * as http from 'node:http';
import { HttpError } from '../errors';
import { readBody } from '../http-util';
import type { TokenSet } from '../auth';
import type { Metrics } from '../metrics';
import type { RateLimiter } from '../ratelimit';
import type { Store } from '../store';
import { ASSETS } from './assets';
import { errorBox, page, signinPage } from './layout';
import { device, devices } from './pages-device';
import { drift, overview, policiesPage, servers } from './pages-fleet';
import type { PageHandler } from './page-types';
import { randomToken, parseCookies, sameSecret, sessions, signinCookie, SIGNIN_COOKIE, type SessionPolicy, type Sessions } from './session';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on our own form posts.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const PAGES: Record<string, { name: string; handler: PageHandler; nav: string }> = {
  '/': { name: 'overview', handler: overview, nav: '/' },
  '/drift': { name: 'drift', handler: drift, nav: '/drift' },
  '/servers': { name: 'servers', handler: servers, nav: '/servers' },
  '/devices': { name: 'devices', handler: devices, nav: '/devices' },
  '/device': { name: 'device', handler: device, nav: '/devices' },
  '/policies': { name: 'policies', handler: policiesPage, nav: '/policies' },
};

/** Sign-in form bodies are tiny. */
const MAX_FORM_BYTES = 8 * 1024;

export interface DashboardOptions {
  store: Store;
  /** What the sign-in form accepts: the admin tokens, or the --admin-secret-file secrets. */
  signIn: TokenSet;
  session: SessionPolicy;
  /** Sign-in attempts per client address. */
  loginLimiter: RateLimiter;
  metrics: Metrics;
  now: () => number;
}

export interface Dashboard {
  /** The route name (for metrics) when this request is the dashboard's, else undefined. */
  route(pathname: string, method: string): string | undefined;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string, type: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

const HTML = 'text/html; charset=utf-8';

/** A local path to return to after sign-in (never another origin: no `//`, no scheme). */
function safeNext(raw: string | null | undefined): string {
  return raw && /^\/(?![/\\])[\x21-\x7e]{0,2000}$/.test(raw) ? raw : '/';
}

/** POSTs must come from our own pages: a cross-site Origin or Fetch-Metadata is refused outright. */
function sameOrigin(req: http.IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function form(req: http.IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'a form post is expected');
  return new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
}

export function createDashboard(opts: DashboardOptions): Dashboard {
  const s: Sessions = sessions(opts.store.dashboard.sessions, opts.session, opts.now);

  const showSignin = (res: http.ServerResponse, status: number, next: string, error?: string, extra: Record<string, string> = {}) => {
    const csrf = randomToken();
    send(res, status, signinPage(csrf, next, error), HTML, { 'set-cookie': signinCookie(csrf, opts.session.secure), ...extra });
  };

  const signin = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const key = `login:${req.socket.remoteAddress ?? '?'}`;
    const wait = opts.loginLimiter.take(key, opts.now());
    if (wait > 0) {
      opts.metrics.rateLimited++;
      req.resume(); // the form is not read: drain it so the connection stays usable
      const retry = String(Math.max(1, Math.ceil(wait / 1000)));
      showSignin(res, 429, '/', `Too many sign-in attempts: try again in ${retry} s.`, { 'retry-after': retry });
      return;
    }
    const f = await form(req);
    const next = safeNext(f.get('next'));
    const expected = parseCookies(req.headers.cookie).get(SIGNIN_COOKIE) ?? '';
    if (!sameOrigin(req) || !sameSecret(f.get('csrf') ?? '', expected)) {
      showSignin(res, 403, next, 'The sign-in form expired or came from another site: sign in again.');
      return;
    }
    const token = f.get('token') ?? '';
    if (!opts.signIn.matches(`Bearer ${token}`)) {
      opts.metrics.authFailures.admin++;
      showSignin(res, 401, next, 'That token is not accepted.');
      return;
    }
    const created = await s.create();
    send(res, 303, '', HTML, {
      location: next,
      'set-cookie': [created.setCookie, signinCookie('', opts.session.secure).replace(/Max-Age=\d+/, 'Max-Age=0')],
    });
  };

  const signout = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const f = await form(req);
    const cur = await s.current(req);
    if (cur) {
      if (!sameOrigin(req) || !sameSecret(f.get('csrf') ?? '', cur.csrf))
        throw new HttpError(403, 'UNAUTHORIZED', 'the sign-out form is missing its CSRF token');
      await s.destroy(cur);
    }
    send(res, 303, '', HTML, { location: '/signin', 'set-cookie': s.clearCookie });
  };

  return {
    route(pathname, method) {
      if (method === 'GET' && ASSETS[pathname]) return 'dashboard_asset';
      if (method === 'GET' && PAGES[pathname]) return `dashboard_${PAGES[pathname].name}`;
      if (method === 'GET' && pathname === '/signin') return 'dashboard_signin';
      if (method === 'POST' && (pathname === '/signin' || pathname === '/signout')) return `dashboard_${pathname.slice(1)}`;
      return undefined;
    },
    async handle(req, res, url) {
      const asset = ASSETS[url.pathname];
      if (asset) {
        // Content-hashed names: a new build is a new URL, so the old file may be cached for ever.
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': asset.type,
          'content-length': Buffer.byteLength(asset.body),
          'cache-control': 'public, max-age=31536000, immutable',
        });
        res.end(asset.body);
        return;
      }
      if (req.method === 'POST') {
        await (url.pathname === '/signin' ? signin(req, res) : signout(req, res));
        return;
      }
      const cur = await s.current(req);
      if (url.pathname === '/signin') {
        if (cur) send(res, 303, '', HTML, { location: safeNext(url.searchParams.get('next')) });
        else showSignin(res, 200, safeNext(url.searchParams.get('next')));
        return;
      }
      const p = PAGES[url.pathname];
      if (!p) throw new HttpError(404, 'NOT_FOUND', 'no such page');
      if (!cur) {
        if (url.searchParams.get('format') === 'csv') {
          send(res, 401, 'sign in to the dashboard first\n', 'text/plain; charset=utf-8');
          return;
        }
        showSignin(res, 401, safeNext(url.pathname + url.search));
        return;
      }
      try {
        const r = await p.handler({ store: opts.store, now: opts.now() }, url.searchParams);
        if ('csv' in r)
          send(res, 200, r.csv, 'text/csv; charset=utf-8', {
            'content-disposition': `attachment; filename="${r.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          });
        else send(res, 200, page(r.title, p.nav, cur.csrf, r.body), HTML);
      } catch (e) {
        if (!(e instanceof HttpError) || e.status !== 400) throw e;
        send(res, 400, page('Cannot show this page', p.nav, cur.csrf, errorBox(e.message)), HTML);
      }
    },
  };
}
