// The collector's API (schemas/openapi.yaml). Every handler checks its token first, then
// its limits, then the input; errors are JSON `{ error: { code, message } }` and never
// carry a stack.
import type * as http from 'node:http';
import type { DriftEvent } from '../events/types';
import { describeProblems, eventProblems } from '../events/validate';
import { HttpError } from './errors';
import { readBody, sendJson, sendText } from './http-util';
import type { TokenSet } from './auth';
import type { Metrics } from './metrics';
import type { RateLimiter } from './ratelimit';
import type { Store } from './store';
import { deviceFilter, eventFilter, findingFilter, summaryParams, DEFAULT_STALE_AFTER_S } from './params';

/** Default request body cap (bytes); agents send batches of at most 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Most events in one POST. */
export const MAX_EVENTS_PER_BATCH = 1000;
const DEVICE_HEADER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface RouteContext {
  store: Store;
  enroll: TokenSet;
  admin: TokenSet;
  limiter: RateLimiter;
  metrics: Metrics;
  maxBodyBytes: number;
  now: () => number;
  /** Set with --metrics-token-file: /metrics then needs one of these tokens. */
  metricsAuth?: TokenSet;
}

export interface Route {
  name: string;
  method: 'GET' | 'POST';
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, ctx: RouteContext): Promise<void>;
}

function requireToken(req: http.IncomingMessage, set: TokenSet, scope: 'device' | 'admin' | 'metrics', ctx: RouteContext): void {
  if (set.matches(req.headers.authorization)) return;
  ctx.metrics.authFailures[scope]++;
  throw new HttpError(401, 'UNAUTHORIZED', `a valid ${scope === 'device' ? 'enrollment' : scope} token is required (Authorization: Bearer …)`, {
    'www-authenticate': 'Bearer realm="mcp-warden"',
  });
}

async function postEvents(req: http.IncomingMessage, res: http.ServerResponse, _url: URL, ctx: RouteContext): Promise<void> {
  requireToken(req, ctx.enroll, 'device', ctx);
  const header = req.headers['x-mcp-warden-device'];
  const key = typeof header === 'string' && DEVICE_HEADER.test(header) ? `d:${header}` : `a:${req.socket.remoteAddress ?? '?'}`;
  const wait = ctx.limiter.take(key, ctx.now());
  if (wait > 0) {
    ctx.metrics.rateLimited++;
    throw new HttpError(429, 'RATE_LIMITED', 'too many requests from this device', { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  const body = await readBody(req, ctx.maxBodyBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'the body is not valid JSON');
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray(events)) {
    throw new HttpError(400, 'BAD_REQUEST', 'expected { "events": [ … ] }');
  }
  if (events.length > MAX_EVENTS_PER_BATCH) throw new HttpError(413, 'TOO_MANY_EVENTS', `at most ${MAX_EVENTS_PER_BATCH} events per request`);
  const good: DriftEvent[] = [];
  const rejected: { index: number; id?: string; reason: string }[] = [];
  events.forEach((e: unknown, index) => {
    const problems = eventProblems(e);
    if (problems.length === 0) good.push(e as DriftEvent);
    else {
      const id = (e as { id?: unknown } | null)?.id;
      rejected.push({ index, ...(typeof id === 'string' ? { id: id.slice(0, 128) } : {}), reason: describeProblems(problems.slice(0, 10)).slice(0, 500) });
    }
  });
  const r = await ctx.store.ingest(good, ctx.now());
  ctx.metrics.events.accepted += r.accepted;
  ctx.metrics.events.duplicate += r.duplicates;
  ctx.metrics.events.rejected += rejected.length;
  sendJson(res, 200, { accepted: r.accepted, duplicates: r.duplicates, rejected });
}

export const ROUTES: Record<string, Route> = {
  '/v1/events:POST': { name: 'events_post', method: 'POST', handle: postEvents },
  '/v1/events:GET': {
    name: 'events_get',
    method: 'GET',
    async handle(req, res, url, ctx) {
      requireToken(req, ctx.admin, 'admin', ctx);
      const page = await ctx.store.queryEvents(eventFilter(url.searchParams));
      sendJson(res, 200, { events: page.items, nextCursor: page.nextCursor });
    },
  },
  '/v1/devices:GET': {
    name: 'devices',
    method: 'GET',
    async handle(req, res, url, ctx) {
      requireToken(req, ctx.admin, 'admin', ctx);
      const page = await ctx.store.listDevices(deviceFilter(url.searchParams, ctx.now()));
      sendJson(res, 200, { devices: page.items, nextCursor: page.nextCursor });
    },
  },
  '/v1/findings:GET': {
    name: 'findings',
    method: 'GET',
    async handle(req, res, url, ctx) {
      requireToken(req, ctx.admin, 'admin', ctx);
      const page = await ctx.store.listFindings(findingFilter(url.searchParams));
      sendJson(res, 200, { findings: page.items, nextCursor: page.nextCursor });
    },
  },
  '/v1/summary:GET': {
    name: 'summary',
    method: 'GET',
    async handle(req, res, url, ctx) {
      requireToken(req, ctx.admin, 'admin', ctx);
      const { staleAfterMs } = summaryParams(url.searchParams);
      sendJson(res, 200, await ctx.store.summary(staleAfterMs, ctx.now()));
    },
  },
  '/healthz:GET': {
    name: 'healthz',
    method: 'GET',
    async handle(_req, res, _url, ctx) {
      try {
        await ctx.store.ping();
      } catch {
        throw new HttpError(503, 'UNAVAILABLE', 'the database is not reachable');
      }
      sendJson(res, 200, { status: 'ok', database: ctx.store.dialect });
    },
  },
  '/metrics:GET': {
    name: 'metrics',
    method: 'GET',
    async handle(req, res, _url, ctx) {
      if (ctx.metricsAuth) requireToken(req, ctx.metricsAuth, 'metrics', ctx);
      const fleet = await ctx.store.summary(DEFAULT_STALE_AFTER_S * 1000, ctx.now()).catch(() => undefined);
      sendText(res, 200, ctx.metrics.render(fleet), 'text/plain; version=0.0.4; charset=utf-8');
    },
  },
};
