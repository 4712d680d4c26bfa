// The collector's API (schemas/openapi.yaml). Every handler checks its token first, then
// its limits, then the input; errors are JSON `{ error: { code, message } }` and never
// carry a stack.
import type * as http from 'node:http';
import { HttpError } from './errors';
import { readBody, sendJson, sendText } from './http-util';
import { bearerToken, credentialDigest, isDeviceCredential, mintDeviceCredential, type TokenSet } from './auth';
import { screenEvents } from './screen';
import type { Metrics } from './metrics';
import type { RateLimiter } from './ratelimit';
import type { Store } from './store';
import type { DriftEvent } from '../events/types';
import { log } from '../log/logger';
import { deviceFilter, eventFilter, findingFilter, summaryParams, DEFAULT_STALE_AFTER_S } from './params';

/** Default request body cap (bytes); agents send batches of at most 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Most events in one POST. */
export const MAX_EVENTS_PER_BATCH = 1000;
/** Cap on the small JSON bodies of /v1/enroll and /v1/devices/reset. */
const MAX_SMALL_BODY_BYTES = 4096;
/** The schema's device.id pattern (schemas/drift-event.schema.json). */
const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface RouteContext {
  store: Store;
  enroll: TokenSet;
  admin: TokenSet;
  limiter: RateLimiter;
  metrics: Metrics;
  maxBodyBytes: number;
  /** Let the shared enrollment token post events (migration only; see docs/collector.md). */
  allowSharedTokenEvents: boolean;
  now: () => number;
  /** Set with --metrics-token-file: /metrics then needs one of these tokens. */
  metricsAuth?: TokenSet;
}

export interface Route {
  name: string;
  method: 'GET' | 'POST';
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, ctx: RouteContext): Promise<void>;
}

export function requireToken(req: http.IncomingMessage, set: TokenSet, scope: 'device' | 'admin' | 'metrics', ctx: RouteContext): void {
  if (set.matches(req.headers.authorization)) return;
  ctx.metrics.authFailures[scope]++;
  throw unauthorized('UNAUTHORIZED', `a valid ${scope === 'device' ? 'enrollment' : scope} token is required (Authorization: Bearer …)`);
}

export function unauthorized(code: 'UNAUTHORIZED' | 'CREDENTIAL_UNKNOWN', message: string): HttpError {
  return new HttpError(401, code, message, { 'www-authenticate': 'Bearer realm="mcp-warden"' });
}

/**
 * Rate limits key on what the client cannot choose: the device its credential belongs to,
 * else the source address of the connection (never a header: behind a proxy, every client
 * shares the proxy's address, see docs/collector.md).
 */
export function limit(ctx: RouteContext, key: string): void {
  const wait = ctx.limiter.take(key, ctx.now());
  if (wait > 0) {
    ctx.metrics.rateLimited++;
    throw new HttpError(429, 'RATE_LIMITED', 'too many requests from this device or address', {
      'retry-after': String(Math.max(1, Math.ceil(wait / 1000))),
    });
  }
}

export const addressKey = (req: http.IncomingMessage): string => `a:${req.socket.remoteAddress ?? '?'}`;

type Caller = { kind: 'device'; deviceId: string } | { kind: 'shared' };

/** Who is posting events: a device by its credential, or (if allowed) a shared-token holder. */
async function eventCaller(req: http.IncomingMessage, ctx: RouteContext): Promise<Caller> {
  const token = bearerToken(req.headers.authorization);
  const fail = (e: HttpError): never => {
    ctx.metrics.authFailures.device++;
    // Failed attempts count against the address, so guessing is rate limited too.
    limit(ctx, addressKey(req));
    throw e;
  };
  if (token !== undefined && ctx.enroll.has(token)) {
    if (ctx.allowSharedTokenEvents) return { kind: 'shared' };
    return fail(
      new HttpError(
        403,
        'ENROLLMENT_REQUIRED',
        'the enrollment token cannot post events: enrol at POST /v1/enroll for a device credential (agents from this release do it themselves)',
      ),
    );
  }
  if (token !== undefined && isDeviceCredential(token)) {
    const deviceId = await ctx.store.deviceForCredential(credentialDigest(token));
    if (deviceId !== undefined) return { kind: 'device', deviceId };
    return fail(
      unauthorized('CREDENTIAL_UNKNOWN', 'this device credential is unknown (the device was reset, or the database replaced): enrol again'),
    );
  }
  return fail(unauthorized('UNAUTHORIZED', 'a device credential is required (Authorization: Bearer …; enrol at POST /v1/enroll)'));
}

function requireJson(req: http.IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
}

export async function readJson(req: http.IncomingMessage, cap: number): Promise<unknown> {
  requireJson(req);
  const body = await readBody(req, cap);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'the body is not valid JSON');
  }
}

async function deviceIdBody(req: http.IncomingMessage): Promise<string> {
  const parsed = await readJson(req, MAX_SMALL_BODY_BYTES);
  const id = (parsed as { deviceId?: unknown } | null)?.deviceId;
  if (typeof id !== 'string' || !DEVICE_ID.test(id)) {
    throw new HttpError(400, 'BAD_REQUEST', 'expected { "deviceId": "…" } with a device id of 1-128 characters [A-Za-z0-9._:-]');
  }
  return id;
}

/** POST /v1/enroll: the shared token, once per device id, for a per-device credential. */
async function postEnroll(req: http.IncomingMessage, res: http.ServerResponse, _url: URL, ctx: RouteContext): Promise<void> {
  if (!ctx.enroll.matches(req.headers.authorization)) {
    ctx.metrics.authFailures.device++;
    limit(ctx, addressKey(req));
    throw unauthorized('UNAUTHORIZED', 'the enrollment token is required (Authorization: Bearer …)');
  }
  // Keyed on the address: an enrolment is what mints identities, so it cannot key on one.
  limit(ctx, addressKey(req));
  const deviceId = await deviceIdBody(req);
  const credential = mintDeviceCredential();
  const r = await ctx.store.enrol(deviceId, credentialDigest(credential), ctx.now());
  if (r === 'already_enrolled') {
    ctx.metrics.enrolments.refused++;
    throw new HttpError(
      409,
      'ALREADY_ENROLLED',
      `device ${deviceId} is already enrolled; an admin can reset it (mcp-warden fleet reset-device ${deviceId})`,
    );
  }
  ctx.metrics.enrolments.accepted++;
  // The only time the credential is ever sent; the database keeps its digest.
  sendJson(res, 201, { deviceId, credential });
}

/** POST /v1/devices/reset (admin): forget a device's credential so it may enrol again. */
async function postReset(req: http.IncomingMessage, res: http.ServerResponse, _url: URL, ctx: RouteContext): Promise<void> {
  requireToken(req, ctx.admin, 'admin', ctx);
  const deviceId = await deviceIdBody(req);
  const reset = await ctx.store.resetDevice(deviceId);
  sendJson(res, 200, { deviceId, reset });
}

async function postEvents(req: http.IncomingMessage, res: http.ServerResponse, _url: URL, ctx: RouteContext): Promise<void> {
  const caller = await eventCaller(req, ctx);
  limit(ctx, caller.kind === 'device' ? `d:${caller.deviceId}` : addressKey(req));
  const parsed = await readJson(req, ctx.maxBodyBytes);
  const events = (parsed as { events?: unknown } | null)?.events;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray(events)) {
    throw new HttpError(400, 'BAD_REQUEST', 'expected { "events": [ … ] }');
  }
  if (events.length > MAX_EVENTS_PER_BATCH)
    throw new HttpError(413, 'TOO_MANY_EVENTS', `at most ${MAX_EVENTS_PER_BATCH} events per request`);
  const { good, rejected } = screenEvents(events, caller.kind === 'device' ? caller.deviceId : undefined);
  const r = await ctx.store.ingest(good, ctx.now());
  if (caller.kind === 'device') await noteRestoredRequests(ctx, caller.deviceId, good);
  ctx.metrics.events.accepted += r.accepted;
  ctx.metrics.events.duplicate += r.duplicates;
  ctx.metrics.events.rejected += rejected.length;
  sendJson(res, 200, { accepted: r.accepted, duplicates: r.duplicates, rejected });
}

/**
 * A device that put a quarantined entry back (`server.restored`) closes its part of the
 * approval request it belongs to. After the events are stored; never fails the POST
 * (the events are what the agent must not lose, and the mark can be redone by hand).
 */
async function noteRestoredRequests(ctx: RouteContext, deviceId: string, events: readonly DriftEvent[]): Promise<void> {
  for (const e of events) {
    if (e.kind !== 'server.restored') continue;
    const d = e.detail ?? {};
    const requestId = typeof d.requestId === 'string' ? d.requestId : undefined;
    const quarantineId = typeof d.quarantineId === 'string' ? d.quarantineId : undefined;
    try {
      await ctx.store.requests.noteRestored(deviceId, { requestId, quarantineId }, Date.parse(e.time) || ctx.now());
    } catch (err) {
      log().warn('approval request not marked restored', { deviceId, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

export const ROUTES: Record<string, Route> = {
  '/v1/events:POST': { name: 'events_post', method: 'POST', handle: postEvents },
  '/v1/enroll:POST': { name: 'enroll', method: 'POST', handle: postEnroll },
  '/v1/devices/reset:POST': { name: 'device_reset', method: 'POST', handle: postReset },
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
