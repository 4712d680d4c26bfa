// A real collector on 127.0.0.1 (in this process, for speed and for direct store access),
// and a small HTTP client for tests.
import * as http from 'node:http';
import { openStore, type Store } from '../../../src/collector/store';
import { createCollectorServer, type CollectorServer, type CollectorServerOptions } from '../../../src/collector/server';

export const ENROLL = 'enroll-token-4f9a0c2b7d1e6f38';
export const ADMIN = 'admin-token-9b3e5d7c1a2f4e68';

export interface Running {
  url: string;
  store: Store;
  server: CollectorServer;
  stop(): Promise<void>;
}

export async function startCollector(dbUrl: string, over: Partial<CollectorServerOptions> = {}, port = 0): Promise<Running> {
  const store = await openStore(dbUrl);
  const server = createCollectorServer({ store, enrollTokens: [ENROLL], adminTokens: [ADMIN], ...over });
  const { url } = await server.listen('127.0.0.1', port);
  return { url, store, server, stop: () => server.close(1000) };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test replies are asserted on freely
  json: any;
}

export function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

export function postEvents(base: string, events: unknown[], token = ENROLL, extra: Record<string, string> = {}): Promise<Reply> {
  return request(`${base}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    body: JSON.stringify({ events }),
  });
}

export function adminGet(base: string, pathAndQuery: string, token = ADMIN): Promise<Reply> {
  return request(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
}
