// /v1/requests: the approval queue (issue 19). Devices file requests with their own
// credential and read back their own; admins list, show and decide with the admin token.
// Bodies are small (64 KiB), checked against schemas/approval-request.schema.json (every
// problem named by its JSON path) and scrubbed of anything token-shaped before storing.
import type * as http from 'node:http';
import requestSchema from '../../schemas/approval-request.schema.json';
import decisionSchema from '../../schemas/approval-decision.schema.json';
import { scrubEntry, serverKey, type ApprovalRequestBody } from '../events/approval-request';
import { compileSchema } from '../schema/compile';
import { bearerToken, credentialDigest, isDeviceCredential } from './auth';
import { HttpError } from './errors';
import { sendJson } from './http-util';
import { addressKey, limit, readJson, requireToken, unauthorized, type Route, type RouteContext } from './routes';
import { tooDeep } from './screen';
import type { RequestStatus } from './store';

/** Cap on a request body: an entry is a few hundred bytes; a generous bound, not a batch. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
const MAX_DEPTH = 16;
const REQUEST_ID = /^r-[0-9a-f]{16}$/;
const STATUSES: readonly RequestStatus[] = ['open', 'approved', 'denied'];
const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const requestValidator = compileSchema<ApprovalRequestBody>(requestSchema);
const decisionValidator = compileSchema<{ reason?: string; ruleId?: string }>(decisionSchema);

type Caller = { kind: 'admin' } | { kind: 'device'; deviceId: string };

/** `/v1/requests/<id>[/approve|/deny]` → the key its route is registered under. */
export function requestRouteKey(pathname: string): string | undefined {
  const m = /^\/v1\/requests\/([^/]+)(\/approve|\/deny)?$/.exec(pathname);
  return m ? `/v1/requests/:id${m[2] ?? ''}` : undefined;
}

function idOf(url: URL): string {
  const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
  if (!REQUEST_ID.test(id)) throw new HttpError(404, 'NOT_FOUND', 'no such request (ids look like r-0123456789abcdef)');
  return id;
}

async function deviceCaller(req: http.IncomingMessage, ctx: RouteContext): Promise<Caller> {
  const token = bearerToken(req.headers.authorization);
  if (token !== undefined && isDeviceCredential(token)) {
    const deviceId = await ctx.store.deviceForCredential(credentialDigest(token));
    if (deviceId !== undefined) return { kind: 'device', deviceId };
    ctx.metrics.authFailures.device++;
    limit(ctx, addressKey(req));
    throw unauthorized(
      'CREDENTIAL_UNKNOWN',
      'this device credential is unknown (the device was reset, or the database replaced): enrol again',
    );
  }
  ctx.metrics.authFailures.device++;
  limit(ctx, addressKey(req));
  throw unauthorized('UNAUTHORIZED', 'a device credential is required (Authorization: Bearer …)');
}

/** The admin token, else a device credential (reading its own requests). */
async function adminOrDevice(req: http.IncomingMessage, ctx: RouteContext): Promise<Caller> {
  if (ctx.admin.matches(req.headers.authorization)) return { kind: 'admin' };
  return deviceCaller(req, ctx);
}

function problems(issues: ReadonlyArray<{ path: string; message: string }>): HttpError {
  return new HttpError(
    400,
    'BAD_REQUEST',
    issues
      .slice(0, 10)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; '),
  );
}

async function postRequest(req: http.IncomingMessage, res: http.ServerResponse, _url: URL, ctx: RouteContext): Promise<void> {
  const caller = await deviceCaller(req, ctx);
  if (caller.kind !== 'device') throw new HttpError(403, 'UNAUTHORIZED', 'requests are filed by devices');
  limit(ctx, `d:${caller.deviceId}`);
  const body = await readJson(req, MAX_REQUEST_BODY_BYTES);
  const deep = tooDeep(body, MAX_DEPTH);
  if (deep !== undefined) throw new HttpError(400, 'BAD_REQUEST', `${deep}: nested deeper than ${MAX_DEPTH} levels`);
  const issues = requestValidator.validate(body);
  if (issues.length > 0) throw problems(issues);
  const input = body as ApprovalRequestBody;
  // The collector does not take the device's word that it redacted everything.
  const { entry, scrubbed } = scrubEntry(input.entry);
  const r = await ctx.store.requests.submit(
    { ...input, entry, secrets: [...(input.secrets ?? []), ...scrubbed], deviceId: caller.deviceId, serverKey: serverKey(entry) },
    ctx.now(),
  );
  sendJson(res, r.merged ? 200 : 201, { request: r.request, merged: r.merged });
}

function listParams(url: URL, caller: Caller): { status?: RequestStatus[]; device?: string; limit: number } {
  const q = url.searchParams;
  for (const k of q.keys())
    if (!['status', 'device', 'limit'].includes(k))
      throw new HttpError(400, 'INVALID_FILTER', `unknown parameter "${k.slice(0, 64)}" (allowed: status, device, limit)`);
  const status = q
    .getAll('status')
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');
  for (const s of status)
    if (!STATUSES.includes(s as RequestStatus)) throw new HttpError(400, 'INVALID_FILTER', 'status: open, approved or denied');
  const rawLimit = q.get('limit') ?? '100';
  if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 1000)
    throw new HttpError(400, 'INVALID_FILTER', 'limit: an integer from 1 to 1000');
  let device = q.get('device') ?? undefined;
  if (caller.kind === 'device') {
    // A device reads its own requests only: `device=me` (or its own id, or nothing).
    if (device !== undefined && device !== 'me' && device !== caller.deviceId)
      throw new HttpError(403, 'UNAUTHORIZED', 'a device may read its own requests only (device=me)');
    device = caller.deviceId;
  } else if (device !== undefined && !DEVICE_ID.test(device)) {
    throw new HttpError(400, 'INVALID_FILTER', 'device: not a device id (letters, digits, . _ : -)');
  }
  return {
    ...(status.length ? { status: status as RequestStatus[] } : {}),
    ...(device !== undefined ? { device } : {}),
    limit: Number(rawLimit),
  };
}

async function decide(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  ctx: RouteContext,
  status: 'approved' | 'denied',
): Promise<void> {
  requireToken(req, ctx.admin, 'admin', ctx);
  const id = idOf(url);
  const body = await readJson(req, 8 * 1024);
  const issues = decisionValidator.validate(body);
  if (issues.length > 0) throw problems(issues);
  const d = body as { reason?: string; ruleId?: string };
  if (status === 'denied' && !d.reason?.trim())
    throw new HttpError(400, 'BAD_REQUEST', '$.reason: a denial needs a reason (the developer is shown it)');
  const view = await ctx.store.requests.decide(id, { status, reason: d.reason ?? '', ruleId: d.ruleId ?? '' }, ctx.now());
  if (!view) throw new HttpError(404, 'NOT_FOUND', `no request ${id}`);
  sendJson(res, 200, { request: view });
}

export const REQUEST_ROUTES: Record<string, Route> = {
  '/v1/requests:POST': { name: 'requests_post', method: 'POST', handle: postRequest },
  '/v1/requests:GET': {
    name: 'requests_list',
    method: 'GET',
    async handle(req, res, url, ctx) {
      const caller = await adminOrDevice(req, ctx);
      const requests = await ctx.store.requests.list(listParams(url, caller));
      sendJson(res, 200, { requests });
    },
  },
  '/v1/requests/:id:GET': {
    name: 'requests_get',
    method: 'GET',
    async handle(req, res, url, ctx) {
      const caller = await adminOrDevice(req, ctx);
      const id = idOf(url);
      const view = await ctx.store.requests.get(id, caller.kind === 'device' ? caller.deviceId : undefined);
      if (!view) throw new HttpError(404, 'NOT_FOUND', `no request ${id}`);
      sendJson(res, 200, { request: view });
    },
  },
  '/v1/requests/:id/approve:POST': {
    name: 'requests_approve',
    method: 'POST',
    handle: (req, res, url, ctx) => decide(req, res, url, ctx, 'approved'),
  },
  '/v1/requests/:id/deny:POST': {
    name: 'requests_deny',
    method: 'POST',
    handle: (req, res, url, ctx) => decide(req, res, url, ctx, 'denied'),
  },
};
