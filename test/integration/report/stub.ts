// A scripted HTTP server on 127.0.0.1 standing in for a collector that misbehaves: each
// request gets the next scripted answer (or is forwarded to a real collector), and the
// arrival time of every request is recorded.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Pass the request on to `target` and relay its answer. */
  | { forward: true }
  /** Pass it on, then drop the connection instead of answering (a lost acknowledgement). */
  | { forwardThenDrop: true };

export interface Stub {
  url: string;
  /** Arrival times (ms, monotonic) and bodies of the requests received. */
  hits: { at: number; body: string; headers: http.IncomingHttpHeaders }[];
  /** POST /v1/enroll requests: answered by the target when there is one, else with a fresh credential. Not in `hits`. */
  enrolls: { body: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

function forward(
  target: string,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      `${target}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

export async function startStub(script: Answer[], fallback: Answer, target?: string): Promise<Stub> {
  const hits: Stub['hits'] = [];
  const enrolls: Stub['enrolls'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.endsWith('/v1/enroll')) {
        enrolls.push({ body: body.toString('utf8'), headers: req.headers });
        if (target) {
          void forward(target, req, body).then(
            (r) => {
              res.writeHead(r.status, { 'content-type': 'application/json' });
              res.end(r.body);
            },
            () => req.socket.destroy(),
          );
          return;
        }
        const deviceId = (JSON.parse(body.toString('utf8')) as { deviceId: string }).deviceId;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ deviceId, credential: `mwd1_${crypto.randomBytes(32).toString('base64url')}` }));
        return;
      }
      hits.push({ at: performance.now(), body: body.toString('utf8'), headers: req.headers });
      const a = script.shift() ?? fallback;
      if ('status' in a) {
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(a.body ?? '{}');
        return;
      }
      if (!target) throw new Error('stub: forward without a target');
      void forward(target, req, body).then(
        (r) => {
          if ('forwardThenDrop' in a) {
            req.socket.destroy();
            return;
          }
          res.writeHead(r.status, { 'content-type': String(r.headers['content-type'] ?? 'application/json') });
          res.end(r.body);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    enrolls,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
