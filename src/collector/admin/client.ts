// The admin side of the API, for `drift query` and `fleet status`: GET with the admin
// token, the same transport rules as the agent (https, or http only to loopback; TLS
// verification always on; capped responses), and cursor pagination followed for the caller.
import { ExitCode } from '../../errors';
import { redactor } from '../../log/redact';
import { apiUrl, collectorUrl, readCaFile, readTokenFile } from '../../report/endpoint';
import { httpRequest } from '../../net/http';
import { CollectorError } from '../errors';
import { tokenProblem } from '../../util/token-text';

export const ADMIN_TOKEN_ENV = 'MCP_WARDEN_ADMIN_TOKEN';
const REQUEST_TIMEOUT_MS = 30_000;
/** Admin pages can be large (1000 events): allow more than the agent's response cap. */
const MAX_ADMIN_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface AdminClientOptions {
  collector: string;
  /** File holding the admin token; else $MCP_WARDEN_ADMIN_TOKEN. */
  tokenFile?: string;
  caFile?: string;
  env: NodeJS.ProcessEnv;
}

export interface AdminClient {
  get<T>(route: string, params: Record<string, string | string[] | undefined>): Promise<T>;
  /** POST a JSON body (admin actions such as a device reset). */
  post<T>(route: string, body: unknown): Promise<T>;
  /** Follow `nextCursor` until `max` items or the end. */
  getAll<T>(
    route: string,
    key: string,
    params: Record<string, string | string[] | undefined>,
    max: number,
  ): Promise<{ items: T[]; truncated: boolean }>;
}

export function adminClient(opts: AdminClientOptions): AdminClient {
  const base = collectorUrl(opts.collector, '--collector');
  let token: string;
  if (opts.tokenFile) token = readTokenFile(opts.tokenFile, '--admin-token-file');
  else {
    const v = opts.env[ADMIN_TOKEN_ENV];
    if (!v)
      throw new CollectorError({ code: 'TOKEN_MISSING', message: `no admin token: set ${ADMIN_TOKEN_ENV} or pass --admin-token-file` });
    redactor.learn(v.trim());
    const problem = tokenProblem(v);
    if (problem) throw new CollectorError({ code: 'TOKEN_WEAK', message: `${ADMIN_TOKEN_ENV}: the admin token ${problem}` });
    token = v;
    redactor.learn(token);
  }
  const ca = opts.caFile ? readCaFile(opts.caFile) : undefined;

  const call = async <T>(
    method: 'GET' | 'POST',
    route: string,
    params: Record<string, string | string[] | undefined>,
    json?: unknown,
  ): Promise<T> => {
    const url = apiUrl(base, route);
    for (const [k, v] of Object.entries(params)) {
      for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) url.searchParams.append(k, x);
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const res = await httpRequest({
      url,
      method,
      headers,
      body: payload,
      ca,
      timeoutMs: REQUEST_TIMEOUT_MS,
      maxResponseBytes: MAX_ADMIN_RESPONSE_BYTES,
    });
    if (res.kind === 'network') {
      throw new CollectorError({
        code: 'QUERY_FAILED',
        message: `${base.origin}: ${res.tls ? 'TLS error' : 'cannot connect'} (${res.code})`,
      });
    }
    if (res.kind === 'too_large')
      throw new CollectorError({ code: 'QUERY_FAILED', message: `${base.origin}: response over ${MAX_ADMIN_RESPONSE_BYTES} bytes` });
    if (res.status === 401) throw new CollectorError({ code: 'UNAUTHORIZED', message: `${base.origin}: the admin token was refused` });
    let body: unknown;
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new CollectorError({
        code: 'QUERY_FAILED',
        message: `${base.origin}: HTTP ${res.status}, not a JSON answer (is this an mcp-warden collector?)`,
      });
    }
    if (res.status !== 200) {
      const err = (body as { error?: { code?: string; message?: string } }).error;
      throw new CollectorError({
        code: 'QUERY_FAILED',
        message: `${base.origin}: HTTP ${res.status} ${err?.code ?? ''}: ${err?.message ?? ''}`.trim(),
        exitCode: res.status >= 400 && res.status < 500 ? ExitCode.USAGE : ExitCode.UNAVAILABLE,
      });
    }
    return body as T;
  };

  const get = <T>(route: string, params: Record<string, string | string[] | undefined>): Promise<T> => call<T>('GET', route, params);
  return {
    get,
    post: <T>(route: string, json: unknown) => call<T>('POST', route, {}, json),
    async getAll<T>(route: string, key: string, params: Record<string, string | string[] | undefined>, max: number) {
      const items: T[] = [];
      let cursor: string | undefined;
      for (;;) {
        const limit = String(Math.min(1000, max - items.length));
        const page = await get<Record<string, unknown>>(route, { ...params, limit, cursor });
        items.push(...((page[key] as T[] | undefined) ?? []));
        cursor = typeof page.nextCursor === 'string' ? page.nextCursor : undefined;
        if (!cursor) return { items, truncated: false };
        if (items.length >= max) return { items, truncated: true };
      }
    },
  };
}
