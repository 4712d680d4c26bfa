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

export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
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

/** POST /v1/enroll for `deviceId` with the shared token. */
export function enrol(base: string, deviceId: string, token = ENROLL, extra: Record<string, string> = {}): Promise<Reply> {
  return request(`${base}/v1/enroll`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    body: JSON.stringify({ deviceId }),
  });
}

const credentials = new Map<string, string>();

/** The device's credential at this collector, enrolling it on first use. */
export async function credentialFor(base: string, deviceId: string): Promise<string> {
  const key = `${base}\0${deviceId}`;
  let c = credentials.get(key);
  if (!c) {
    const r = await enrol(base, deviceId);
    if (r.status !== 201) throw new Error(`enrol ${deviceId}: HTTP ${r.status} ${r.text}`);
    c = r.json.credential as string;
    credentials.set(key, c);
  }
  return c;
}

/** Forget the cached credentials (after a device reset). */
export function forgetCredentials(): void {
  credentials.clear();
}

function postRaw(base: string, events: unknown[], token: string, extra: Record<string, string>): Promise<Reply> {
  return request(`${base}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    body: JSON.stringify({ events }),
  });
}

const deviceOf = (e: unknown): string | undefined => {
  const id = (e as { device?: { id?: unknown } } | null)?.device?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * POST events. With `token`, exactly that request. Without, as the devices themselves do:
 * each device's events with its own credential (enrolled on first use), one request per
 * device, the answers merged back in the batch's order (events without a device id go
 * with the first device).
 */
export async function postEvents(base: string, events: unknown[], token?: string, extra: Record<string, string> = {}): Promise<Reply> {
  if (token !== undefined) return postRaw(base, events, token, extra);
  const groups = new Map<string, number[]>();
  const first = events.map(deviceOf).find((d) => d !== undefined && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(d)) ?? 'dev-test';
  events.forEach((e, i) => {
    const d = deviceOf(e);
    const g = d !== undefined && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(d) ? d : first;
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  if (groups.size <= 1) return postRaw(base, events, await credentialFor(base, first), extra);
  const merged = { accepted: 0, duplicates: 0, rejected: [] as { index: number }[] };
  let last: Reply | undefined;
  for (const [device, idx] of groups) {
    const r = await postRaw(
      base,
      idx.map((i) => events[i]),
      await credentialFor(base, device),
      extra,
    );
    if (r.status !== 200) return r;
    last = r;
    merged.accepted += r.json.accepted as number;
    merged.duplicates += r.json.duplicates as number;
    for (const x of r.json.rejected as { index: number }[]) merged.rejected.push({ ...x, index: idx[x.index] ?? -1 });
  }
  merged.rejected.sort((a, b) => a.index - b.index);
  return { ...last!, json: merged, text: JSON.stringify(merged) };
}

export function adminGet(base: string, pathAndQuery: string, token = ADMIN): Promise<Reply> {
  return request(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
}
