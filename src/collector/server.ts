// The collector's HTTP(S) server on node:http (no framework: six routes, and every limit
// we need is a few lines; a framework would add surface without removing any code).
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { log } from '../log/logger';
import { CollectorError, HttpError } from './errors';
import { sendError } from './http-util';
import { tokenSet } from './auth';
import { Metrics } from './metrics';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './ratelimit';
import { DEFAULT_MAX_BODY_BYTES, ROUTES, type RouteContext } from './routes';
import { REQUEST_ROUTES, requestRouteKey } from './request-routes';
import type { Store } from './store';
import { createDashboard } from './dashboard';
import { DEFAULT_IDLE_MS, DEFAULT_SESSION_TTL_MS } from './dashboard/session';

/** Sign-in attempts per client address: 5 in a burst, then one every 12 s. */
export const LOGIN_RATE_LIMIT: RateLimitOptions = { perSecond: 1 / 12, burst: 5, maxKeys: 10_000 };

export interface CollectorServerOptions {
  store: Store;
  enrollTokens: readonly string[];
  adminTokens: readonly string[];
  tls?: { cert: Buffer; key: Buffer };
  maxBodyBytes?: number;
  rateLimit?: RateLimitOptions;
  /** Accept events sent with the shared enrollment token (migration only; off by default). */
  allowSharedTokenEvents?: boolean;
  /** When set, GET /metrics needs one of these as a Bearer token. */
  metricsTokens?: readonly string[];
  /** Dashboard sign-in secrets (--admin-secret-file); default: the admin tokens. */
  dashboardSecrets?: readonly string[];
  sessionTtlMs?: number;
  sessionIdleMs?: number;
  loginRateLimit?: RateLimitOptions;
  /** The clock, for tests (rate limits, receive times, session expiry). */
  now?: () => number;
}

export interface CollectorServer {
  readonly metrics: Metrics;
  listen(host: string, port: number): Promise<{ url: string; port: number }>;
  /** Stop accepting, let requests in flight finish (up to `graceMs`), then close the store. */
  close(graceMs?: number): Promise<void>;
}

/** Slow clients may not hold a connection open for ever. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 15_000;

export function createCollectorServer(opts: CollectorServerOptions): CollectorServer {
  const metrics = new Metrics();
  const ctx: RouteContext = {
    store: opts.store,
    enroll: tokenSet(opts.enrollTokens),
    admin: tokenSet(opts.adminTokens),
    limiter: createRateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT),
    metrics,
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    allowSharedTokenEvents: opts.allowSharedTokenEvents ?? false,
    now: opts.now ?? Date.now,
    ...(opts.metricsTokens?.length ? { metricsAuth: tokenSet(opts.metricsTokens) } : {}),
  };
  const dashboard = createDashboard({
    store: opts.store,
    signIn: opts.dashboardSecrets?.length ? tokenSet(opts.dashboardSecrets) : ctx.admin,
    session: {
      ttlMs: opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      idleMs: opts.sessionIdleMs ?? DEFAULT_IDLE_MS,
      secure: opts.tls !== undefined,
    },
    loginLimiter: createRateLimiter(opts.loginRateLimit ?? LOGIN_RATE_LIMIT),
    metrics,
    now: ctx.now,
  });
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const started = process.hrtime.bigint();
    let routeName = 'unknown';
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://collector.invalid');
        const page = dashboard.route(url.pathname, req.method ?? '');
        if (page) {
          routeName = page;
          await dashboard.handle(req, res, url);
          return;
        }
        const key = requestRouteKey(url.pathname) ?? url.pathname;
        const routes = key.startsWith('/v1/requests') ? REQUEST_ROUTES : ROUTES;
        const route = routes[`${key}:${req.method ?? ''}`];
        if (!route) {
          const other = Object.keys(routes).filter((k) => k.startsWith(`${key}:`));
          if (other.length > 0) {
            throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'method not allowed', { allow: other.map((k) => k.split(':')[1]).join(', ') });
          }
          throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
        }
        routeName = route.name;
        await route.handle(req, res, url, ctx);
      } catch (e) {
        if (e instanceof HttpError) {
          sendError(res, e);
        } else if (e instanceof CollectorError && e.code === 'DB_UNAVAILABLE') {
          log().error('database unavailable', { route: routeName, error: e.message });
          sendError(res, new HttpError(503, 'UNAVAILABLE', 'the database is not reachable; retry later', { 'retry-after': '5' }));
        } else {
          // The stack goes to the log, never to the client.
          log().error('collector request failed', { route: routeName, error: e instanceof Error ? e.stack : String(e) });
          sendError(res, new HttpError(500, 'INTERNAL', 'internal error'));
        }
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.observe(routeName, req.method ?? '?', res.statusCode, seconds);
        log().debug('request', { route: routeName, method: req.method, status: res.statusCode, ms: Math.round(seconds * 1000) });
      }
    })();
  };
  const server: http.Server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' }, handler)
    : http.createServer(handler);
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.keepAliveTimeout = 5_000;
  let closing: Promise<void> | undefined;

  return {
    metrics,
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) =>
          reject(
            new CollectorError({ code: 'LISTEN_FAILED', message: `cannot listen on ${host}:${port} (${e.code ?? e.message})`, cause: e }),
          ),
        );
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve({ url: `${opts.tls ? 'https' : 'http'}://${h}:${a.port}`, port: a.port });
        });
      });
    },
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const done = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        await done;
        clearTimeout(timer);
        await opts.store.close();
      })();
      return closing;
    },
  };
}
