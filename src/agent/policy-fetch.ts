// Polling `allowlist.url`: conditional GET (ETag / If-Modified-Since), size cap, TLS
// verified (optional private CA), http only to loopback. The bytes go through the same
// verifier as a file (loadPolicy with a candidate); this module only transports them.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { UnavailableError } from '../errors';
import { assertSecureUrl } from '../util/net';

export interface ConditionalState {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: Buffer; etag?: string; lastModified?: string };

export interface FetchOptions {
  maxBytes: number;
  timeoutMs?: number;
  caFile?: string;
}

export function fetchEnvelope(rawUrl: string, state: ConditionalState, opts: FetchOptions): Promise<FetchOutcome> {
  const url = assertSecureUrl(rawUrl, 'allowlist.url');
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'mcp-warden' };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;
  const mod = url.protocol === 'https:' ? https : http;
  const ca = opts.caFile ? fs.readFileSync(opts.caFile) : undefined;
  return new Promise((resolve, reject) => {
    const fail = (message: string, cause?: unknown): void =>
      reject(new UnavailableError({ code: 'NETWORK', message: `allowlist.url ${url.origin}${url.pathname}: ${message}`, cause }));
    const req = mod.get(url, { headers, timeout: opts.timeoutMs ?? 15000, ...(ca ? { ca } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status === 304) {
        res.resume();
        return resolve({ status: 'not-modified' });
      }
      if (status !== 200) {
        res.resume();
        return fail(`HTTP ${status}`);
      }
      const declared = Number(res.headers['content-length'] ?? '0');
      if (declared > opts.maxBytes) {
        res.destroy();
        return fail(`${declared} bytes is over the ${opts.maxBytes}-byte limit`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          res.destroy();
          fail(`body over the ${opts.maxBytes}-byte limit`);
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (size > opts.maxBytes) return;
        resolve({
          status: 'ok',
          bytes: Buffer.concat(chunks),
          etag: typeof res.headers.etag === 'string' ? res.headers.etag : undefined,
          lastModified: typeof res.headers['last-modified'] === 'string' ? res.headers['last-modified'] : undefined,
        });
      });
      res.on('error', (e) => fail(e.message, e));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => fail(e.message, e));
  });
}
