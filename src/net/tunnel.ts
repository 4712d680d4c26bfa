// An HTTP CONNECT tunnel through a forward proxy, then TLS to the server inside it. Node's
// own http client speaks CONNECT (the 'connect' event); this is the little glue a proxy
// library would add, kept here rather than a dependency (it is ~60 lines, and the proxy
// libraries would still need our error classification on top).
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { secureContextFor } from './ca';
import type { NetErrorCode } from './errors';
import { proxyAuthorization } from './proxy-env';

export class TunnelFailure extends Error {
  constructor(
    readonly net: NetErrorCode,
    /** The errno / status behind it, for logs. */
    readonly detail: string,
  ) {
    super(`${net} (${detail})`);
  }
}

/** A raw socket to `host:port` through `proxy`. Rejects with TunnelFailure PROXY_*. */
export function openTunnel(
  proxy: URL,
  host: string,
  port: number,
  opts: { timeoutMs: number; cas?: readonly string[] },
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const secure = proxy.protocol === 'https:';
    const authority = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
    const headers: Record<string, string> = { host: authority };
    const auth = proxyAuthorization(proxy);
    if (auth) headers['proxy-authorization'] = auth;
    const options: https.RequestOptions = {
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port) || (secure ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
      timeout: opts.timeoutMs,
      ...(secure ? { rejectUnauthorized: true, ...(opts.cas ? { secureContext: secureContextFor(opts.cas) } : {}) } : {}),
    };
    const req = (secure ? https : http).request(options);
    let done = false;
    const fail = (code: NetErrorCode, detail: string): void => {
      if (done) return;
      done = true;
      req.destroy();
      reject(new TunnelFailure(code, detail));
    };
    req.on('connect', (res: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        done = true;
        socket.setTimeout(0);
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
        return;
      }
      socket.destroy();
      fail(status === 407 ? 'PROXY_AUTH_REQUIRED' : 'PROXY_REFUSED', `HTTP ${status}`);
    });
    // A proxy that answers CONNECT without switching (rare: Node treats every CONNECT answer as 'connect').
    req.on('response', (res: http.IncomingMessage) => {
      res.resume();
      fail(res.statusCode === 407 ? 'PROXY_AUTH_REQUIRED' : 'PROXY_REFUSED', `HTTP ${res.statusCode ?? 0}`);
    });
    req.on('timeout', () => fail('PROXY_UNREACHABLE', 'ETIMEDOUT'));
    req.on('error', (e: NodeJS.ErrnoException) => {
      // Refused, DNS, reset, or a TLS problem with an https:// proxy's own certificate:
      // all mean the proxy cannot be used; the errno says which.
      fail('PROXY_UNREACHABLE', e.code ?? 'ENETWORK');
    });
    req.end();
  });
}

/** TLS to `host` over an open tunnel, verified against `cas` (or Node's roots). Rejects with the OpenSSL / Node code. */
export function tlsOverTunnel(
  socket: net.Socket,
  host: string,
  opts: { timeoutMs: number; cas?: readonly string[] },
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({
      socket,
      host,
      ...(net.isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
      ...(opts.cas ? { secureContext: secureContextFor(opts.cas) } : {}),
    });
    const timer = setTimeout(() => {
      s.destroy();
      reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' }));
    }, opts.timeoutMs);
    timer.unref();
    s.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e: Error) => {
      clearTimeout(timer);
      s.destroy();
      reject(e);
    });
  });
}
