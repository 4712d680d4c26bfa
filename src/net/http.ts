// One HTTP(S) request with every limit on it: a timeout, a response-size cap (checked
// while streaming), no redirects, and TLS verification that cannot be switched off
// (`rejectUnauthorized: true` is passed explicitly, so NODE_TLS_REJECT_UNAUTHORIZED=0 in
// the environment does not weaken it). Outcomes are values, not exceptions.
//
// With `net` (src/net/settings.ts) the request honours the proxy settings (CONNECT tunnel
// for https, absolute-form for http) and trusts Node's roots + the OS bundle + the org
// CA; a failure carries a typed `net` code saying whether the proxy or TLS interception
// is the reason.
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { secureContextFor } from './ca';
import { classifyNetCode, type NetErrorCode } from './errors';
import { proxyAuthorization, proxyFor, proxyLabel } from './proxy-env';
import type { NetSettings } from './settings';
import { openTunnel, TunnelFailure, tlsOverTunnel } from './tunnel';
import { VERSION } from '../version';

/** Largest response body read (bytes); a larger one is cut off and counts as a failure. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export type HttpOutcome =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: Buffer }
  /**
   * No usable response: connection refused, reset, timeout, DNS, TLS, proxy. `code` is
   * the errno / OpenSSL code (or ours for proxy answers), `net` what it means.
   */
  | { kind: 'network'; code: string; tls: boolean; net: NetErrorCode; proxy?: string }
  | { kind: 'too_large'; status: number };

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  /** Extra CA certificates (PEM), added to Node's roots (without `net`). */
  ca?: string;
  /** Proxy and CA settings; without it: direct, Node's roots (+ `ca`). */
  net?: NetSettings;
  timeoutMs: number;
  maxResponseBytes?: number;
}

function networkOutcome(code: string, viaProxy: string | undefined): HttpOutcome {
  const netCode = classifyNetCode(code, viaProxy !== undefined);
  return { kind: 'network', code, tls: netCode.startsWith('TLS'), net: netCode, ...(viaProxy ? { proxy: viaProxy } : {}) };
}

export async function httpRequest(req: HttpRequest): Promise<HttpOutcome> {
  const started = Date.now();
  const left = (): number => Math.max(1, req.timeoutMs - (Date.now() - started));
  const cas = req.net?.cas ?? (req.ca ? [...tls.rootCertificates, req.ca] : undefined);
  const choice = req.net ? proxyFor(req.url, req.net.proxy) : ({ kind: 'direct' } as const);
  const isHttps = req.url.protocol === 'https:';
  const base: https.RequestOptions = {
    method: req.method,
    headers: { 'user-agent': `mcp-warden/${VERSION}`, accept: 'application/json', ...req.headers },
  };
  if (choice.kind === 'invalid') return { kind: 'network', code: 'PROXY_INVALID', tls: false, net: 'PROXY_INVALID' };
  if (choice.kind === 'direct') {
    const options: https.RequestOptions = {
      ...base,
      ...(isHttps ? { rejectUnauthorized: true, ...(cas ? { secureContext: secureContextFor(cas), agent: false } : {}) } : {}),
    };
    return exchange(req, (o, cb) => (isHttps ? https.request(req.url, o, cb) : http.request(req.url, o, cb)), options, left(), undefined);
  }
  const proxy = choice.url;
  const label = proxyLabel(proxy);
  if (!isHttps) {
    // Plain http through a proxy: absolute-form request line, credentials to the proxy.
    const auth = proxyAuthorization(proxy);
    const options: http.RequestOptions = {
      ...base,
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port) || 80,
      path: req.url.href,
      headers: { ...base.headers, host: req.url.host, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false,
    };
    const out = await exchange(req, (o, cb) => http.request(o, cb), options, left(), label);
    if (out.kind === 'response' && out.status === 407)
      return { kind: 'network', code: 'HTTP_407', tls: false, net: 'PROXY_AUTH_REQUIRED', proxy: label };
    return out;
  }
  const host = req.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(req.url.port) || 443;
  let socket: tls.TLSSocket;
  try {
    const raw = await openTunnel(proxy, host, port, { timeoutMs: left(), cas });
    socket = await tlsOverTunnel(raw, host, { timeoutMs: left(), cas });
  } catch (e) {
    if (e instanceof TunnelFailure) return { kind: 'network', code: e.detail, tls: false, net: e.net, proxy: label };
    return networkOutcome((e as NodeJS.ErrnoException).code ?? 'ENETWORK', label);
  }
  const options: http.RequestOptions = {
    ...base,
    host,
    port,
    path: `${req.url.pathname}${req.url.search}`,
    headers: { ...base.headers, host: req.url.host },
    createConnection: () => socket,
  };
  return exchange(req, (o, cb) => http.request(o, cb), options, left(), label);
}

type RequestFn = (options: http.RequestOptions, cb: (res: http.IncomingMessage) => void) => http.ClientRequest;

function exchange(
  req: HttpRequest,
  request: RequestFn,
  options: http.RequestOptions,
  timeoutMs: number,
  viaProxy: string | undefined,
): Promise<HttpOutcome> {
  const cap = req.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: HttpOutcome) => {
      if (!settled) {
        settled = true;
        resolve(o);
      }
    };
    const r = request({ ...options, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > cap) {
          // Resolve first: destroying the socket emits errors we no longer care about.
          done({ kind: 'too_large', status: res.statusCode ?? 0 });
          res.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => done({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e: NodeJS.ErrnoException) => done(networkOutcome(e.code ?? 'ERESPONSE', viaProxy)));
    });
    // `timeout` above is per socket inactivity; this bounds the whole exchange, so a server
    // that trickles its answer cannot hold a send pass past its deadline.
    const timer = setTimeout(() => {
      done(networkOutcome('ETIMEDOUT', viaProxy));
      r.destroy();
    }, timeoutMs);
    timer.unref();
    r.on('close', () => clearTimeout(timer));
    r.on('timeout', () => {
      done(networkOutcome('ETIMEDOUT', viaProxy));
      r.destroy();
    });
    r.on('error', (e: NodeJS.ErrnoException) => done(networkOutcome(e.code ?? 'ENETWORK', viaProxy)));
    if (req.body) r.end(req.body);
    else r.end();
  });
}
