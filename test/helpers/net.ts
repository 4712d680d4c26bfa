// Real network parts for proxy and TLS tests, all on 127.0.0.1: a test PKI made with
// openssl at test time (private keys live in the test's temp folder only), an HTTPS
// server, and a forward proxy that implements CONNECT (optionally with Basic auth, a
// refusal, or TLS interception with another CA).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';

export interface Pki {
  ca: string;
  cert: string;
  key: string;
}

/** A CA and a server certificate for 127.0.0.1 / localhost signed by it. */
export function makePki(dir: string, name = 'test'): Pki {
  fs.mkdirSync(dir, { recursive: true });
  const f = (n: string): string => path.join(dir, `${name}-${n}`);
  const run = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', `/CN=${name}-ca`]);
  run(['req', ...ec, '-keyout', f('srv.key'), '-out', f('srv.csr'), '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run([
    'x509',
    '-req',
    '-in',
    f('srv.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('srv.pem'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  ]);
  return { ca: f('ca.pem'), cert: f('srv.pem'), key: f('srv.key') };
}

export interface TestServer {
  url: string;
  port: number;
  requests: number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** An HTTPS server answering every GET with `body` (200). */
export async function startHttpsServer(pki: Pki, body: string | Buffer = '{"ok":true}'): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const state = { requests: 0 };
  const server = https.createServer({ cert: fs.readFileSync(pki.cert), key: fs.readFileSync(pki.key) }, (req, res) => {
    state.requests++;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    get requests() {
      return state.requests;
    },
    close: closer(server, sockets),
  };
}

export interface ProxyOptions {
  /** `user:pass` the proxy demands (Basic); none = open proxy. */
  auth?: string;
  /** Answer every CONNECT with this status instead (e.g. 403). */
  refuseWith?: number;
  /** Terminate TLS itself with this certificate (a TLS-inspecting proxy). */
  intercept?: Pki;
}

export interface TestProxy {
  url: string;
  port: number;
  /** CONNECT targets seen, and the Proxy-Authorization headers sent. */
  connects: string[];
  /** Absolute-form (plain http) request URLs seen. */
  gets: string[];
  authHeaders: (string | undefined)[];
  close(): Promise<void>;
}

/** A forward proxy: CONNECT (tunnels to 127.0.0.1 only) and absolute-form plain http. */
export async function startProxy(opts: ProxyOptions = {}): Promise<TestProxy> {
  const sockets = new Set<net.Socket>();
  const connects: string[] = [];
  const gets: string[] = [];
  const authHeaders: (string | undefined)[] = [];
  const expected = opts.auth ? `Basic ${Buffer.from(opts.auth).toString('base64')}` : undefined;
  const server = http.createServer((req, res) => {
    gets.push(req.url ?? '');
    authHeaders.push(req.headers['proxy-authorization']);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' });
      res.end();
      return;
    }
    const target = new URL(req.url ?? '/');
    if (target.hostname !== '127.0.0.1') {
      res.writeHead(403);
      res.end();
      return;
    }
    const up = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: { ...req.headers, 'proxy-authorization': '' },
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    authHeaders.push(req.headers['proxy-authorization']);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (opts.refuseWith) {
      client.end(`HTTP/1.1 ${opts.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (opts.intercept) {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const mitm = new tls.TLSSocket(client, {
        isServer: true,
        cert: fs.readFileSync(opts.intercept.cert),
        key: fs.readFileSync(opts.intercept.key),
      });
      mitm.on('error', () => client.destroy());
      mitm.on('data', () => mitm.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'));
      return;
    }
    const up = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    const drop = (): void => {
      up.destroy();
      client.destroy();
    };
    up.on('error', drop);
    client.on('error', drop);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, connects, gets, authHeaders, close: closer(server, sockets) };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
