// Polling `allowlist.url` (and `trust.root.chainUrl`): conditional GET (ETag /
// If-Modified-Since), size cap, TLS verified, http only to loopback, through the proxy
// and with the CAs of src/net/settings.ts. The bytes go through the same verifier as a
// file (loadPolicy with a candidate); this module only transports them.
import { UnavailableError } from '../errors';
import { NetError, netHint } from '../net/errors';
import type { NetSettings } from '../net/settings';
import { httpRequest } from '../net/http';
import { assertSecureUrl } from '../util/net';

export interface ConditionalState {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome = { status: 'not-modified' } | { status: 'ok'; bytes: Buffer; etag?: string; lastModified?: string };

export interface FetchOptions {
  maxBytes: number;
  timeoutMs?: number;
  /** Proxy and CAs; without it: direct, Node's roots. */
  net?: NetSettings;
}

/** Throws NetError (typed: proxy, TLS interception, …) or UnavailableError NETWORK (HTTP status, size). */
export async function fetchEnvelope(
  rawUrl: string,
  state: ConditionalState,
  opts: FetchOptions,
  what = 'allowlist.url',
): Promise<FetchOutcome> {
  const url = assertSecureUrl(rawUrl, what);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;
  const where = `${what} ${url.origin}${url.pathname}`;
  const res = await httpRequest({
    url,
    method: 'GET',
    headers,
    net: opts.net,
    timeoutMs: opts.timeoutMs ?? 15000,
    maxResponseBytes: opts.maxBytes,
  });
  if (res.kind === 'network') {
    throw new NetError({ code: res.net, message: `${where}: ${netHint(res.net, res.proxy)} (${res.code})` });
  }
  if (res.kind === 'too_large')
    throw new UnavailableError({ code: 'NETWORK', message: `${where}: body over the ${opts.maxBytes}-byte limit` });
  if (res.status === 304) return { status: 'not-modified' };
  if (res.status !== 200) throw new UnavailableError({ code: 'NETWORK', message: `${where}: HTTP ${res.status}` });
  const h = res.headers;
  return {
    status: 'ok',
    bytes: res.body,
    etag: typeof h.etag === 'string' ? h.etag : undefined,
    lastModified: typeof h['last-modified'] === 'string' ? h['last-modified'] : undefined,
  };
}
