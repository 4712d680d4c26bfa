// One HTTP(S) request with every limit on it: a timeout, a response-size cap (checked
// while streaming), no redirects, and TLS verification that cannot be switched off
// (`rejectUnauthorized: true` is passed explicitly, so NODE_TLS_REJECT_UNAUTHORIZED=0 in
// the environment does not weaken it). Outcomes are values, not exceptions.
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { VERSION } from '../version';

/** Largest response body read (bytes); a larger one is cut off and counts as a failure. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export type HttpOutcome =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: Buffer }
  /** No usable response: connection refused, reset, timeout, DNS, TLS. */
  | { kind: 'network'; code: string; tls: boolean }
  | { kind: 'too_large'; status: number };

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  /** Extra CA certificates (PEM), added to the system roots. */
  ca?: string;
  timeoutMs: number;
  maxResponseBytes?: number;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ERR_TLS/;

export function httpRequest(req: HttpRequest): Promise<HttpOutcome> {
  const cap = req.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const isHttps = req.url.protocol === 'https:';
  const options: https.RequestOptions = {
    method: req.method,
    headers: { 'user-agent': `mcp-warden/${VERSION}`, accept: 'application/json', ...req.headers },
    timeout: req.timeoutMs,
    ...(isHttps ? { rejectUnauthorized: true, ...(req.ca ? { ca: [...tls.rootCertificates, req.ca] } : {}) } : {}),
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: HttpOutcome) => {
      if (!settled) {
        settled = true;
        resolve(o);
      }
    };
    const r = (isHttps ? https : http).request(req.url, options, (res) => {
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
      res.on('error', (e: NodeJS.ErrnoException) => done({ kind: 'network', code: e.code ?? 'ERESPONSE', tls: false }));
    });
    // `timeout` above is per socket inactivity; this bounds the whole exchange, so a server
    // that trickles its answer cannot hold a send pass past its deadline.
    const timer = setTimeout(() => {
      done({ kind: 'network', code: 'ETIMEDOUT', tls: false });
      r.destroy();
    }, req.timeoutMs);
    timer.unref();
    r.on('close', () => clearTimeout(timer));
    r.on('timeout', () => {
      done({ kind: 'network', code: 'ETIMEDOUT', tls: false });
      r.destroy();
    });
    r.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ENETWORK';
      done({ kind: 'network', code, tls: TLS_CODES.test(code) });
    });
    if (req.body) r.end(req.body);
    else r.end();
  });
}
