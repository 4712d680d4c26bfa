// The egress proxy: runs in `exec` (outside the sandbox) for a server whose rule allows some
// network. It is the server's only way out:
//   - an HTTP proxy (CONNECT, and plain-HTTP absolute-URI requests) that lets through only
//     hosts matching allowedDomains and answers 403 to the rest;
//   - raw forwarders, one per 127.0.0.1 port named exactly (`127.0.0.1:5432`).
// Linux: they listen on unix sockets in a folder bound into the sandbox (the bridge inside
// turns them back into 127.0.0.1 ports); macOS: on 127.0.0.1 TCP ports the Seatbelt profile
// lets the server reach, and nothing else.
// Names are resolved here, once per connection, and the connection goes to the address that
// was checked (no second lookup a rebinding DNS could answer differently).
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as net from 'node:net';
import { isNonPublicAddress, matchHost, normalizeHost, type EgressPolicy } from './domains';

/** Distinct refused host:port pairs reported per launch. */
export const MAX_REPORTED = 50;

export type Listen = { path: string } | { port: 0 };

export interface EgressOptions {
  policy: EgressPolicy;
  /** Where the HTTP proxy listens. */
  proxy: Listen;
  /** Where each raw port's forwarder listens (by port). */
  raw: (port: number) => Listen;
  /** A `host:port` was refused (called once for each): no path, no query, no header ever. */
  onRefused: (host: string, why: string) => void;
  lookup?: (host: string) => Promise<string[]>;
}

export interface RunningEgress {
  /** TCP port of the proxy (macOS), or undefined on a unix socket. */
  proxyPort?: number;
  close(): void;
}

async function systemLookup(host: string): Promise<string[]> {
  const all = await dns.promises.lookup(host, { all: true, verbatim: true });
  return all.map((a) => a.address);
}

/** The addresses to try for an allowed host (in order), or the reason it may not be reached. */
export async function resolveAllowed(
  policy: EgressPolicy,
  host: string,
  port: number,
  lookup: (h: string) => Promise<string[]>,
): Promise<{ addresses: string[] } | { refused: string }> {
  const h = normalizeHost(host);
  const how = matchHost(policy, h, port);
  if (!how) return { refused: `${h}:${port} is not in this server's allowedDomains` };
  if (net.isIP(h) !== 0) return { addresses: [h] };
  let addresses: string[];
  try {
    addresses = await lookup(h);
  } catch {
    return { refused: `${h} does not resolve` };
  }
  if (addresses.length === 0) return { refused: `${h} does not resolve` };
  if (how === 'wildcard' && addresses.some(isNonPublicAddress)) {
    return { refused: `${h} resolves to a private or loopback address; only a host named exactly in allowedDomains may` };
  }
  return { addresses };
}

/**
 * Connect to the first address that answers (`localhost` may list ::1 before 127.0.0.1 while
 * the service listens on one of them only). Only checked addresses are ever tried.
 */
export function connectFirst(addresses: readonly string[], port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const attempt = (i: number, last?: Error): void => {
      const address = addresses[i];
      if (address === undefined) {
        reject(last ?? new Error('no address'));
        return;
      }
      const s = net.connect({ host: address, port });
      s.once('connect', () => {
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (e) => {
        s.destroy();
        attempt(i + 1, e);
      });
    };
    attempt(0);
  });
}

function listenOn(server: net.Server, where: Listen): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if ('path' in where) server.listen(where.path, done);
    else server.listen(0, '127.0.0.1', done);
  });
}

/** host and port of a CONNECT target (`host:port`, `[v6]:port`). */
export function connectTarget(url: string | undefined): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(url ?? '');
  if (!m?.[1] || !m[2]) return undefined;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: normalizeHost(m[1]), port } : undefined;
}

const HOP_HEADERS = new Set(['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade']);

export async function startEgress(opts: EgressOptions): Promise<RunningEgress> {
  const lookup = opts.lookup ?? systemLookup;
  const refusedOnce = new Set<string>();
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const refused = (host: string, port: number, why: string): void => {
    const key = `${host}:${port}`;
    if (refusedOnce.has(key) || refusedOnce.size > MAX_REPORTED) return;
    refusedOnce.add(key);
    // A server trying host after host must not flood stderr and the log: the first ones say enough.
    if (refusedOnce.size > MAX_REPORTED) opts.onRefused('*', `more than ${MAX_REPORTED} hosts refused; the rest are not reported`);
    else opts.onRefused(key, why);
  };

  const proxy = http.createServer();
  proxy.on('connection', track);
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => undefined);
    const t = connectTarget(req.url);
    if (!t) {
      client.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    void resolveAllowed(opts.policy, t.host, t.port, lookup).then((r) => {
      if ('refused' in r) {
        refused(t.host, t.port, r.refused);
        client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nmcp-warden: ${r.refused}\n`);
        return;
      }
      connectFirst(r.addresses, t.port).then(
        (up) => {
          track(up);
          up.on('error', () => client.destroy());
          client.once('close', () => up.destroy());
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length > 0) up.write(head);
          up.pipe(client);
          client.pipe(up);
        },
        () => client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n'),
      );
    });
  });
  proxy.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    let u: URL | undefined;
    try {
      u = new URL(req.url ?? '');
    } catch {
      u = undefined;
    }
    if (u?.protocol !== 'http:') {
      res
        .writeHead(400, { 'content-type': 'text/plain', connection: 'close' })
        .end('mcp-warden: only CONNECT and http:// absolute-URI requests go through this proxy\n');
      return;
    }
    const url = u;
    const host = normalizeHost(url.hostname);
    const port = Number(url.port || 80);
    void resolveAllowed(opts.policy, host, port, lookup).then((r) => {
      if ('refused' in r) {
        refused(host, port, r.refused);
        res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end(`mcp-warden: ${r.refused}\n`);
        return;
      }
      const headers: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_HEADERS.has(k) && v !== undefined) headers[k] = v;
      headers.host = url.host;
      headers.connection = 'close';
      const bad = (): void => {
        if (!res.headersSent) res.writeHead(502, { connection: 'close' });
        res.end();
      };
      connectFirst(r.addresses, port).then((socket) => {
        track(socket);
        const up = http.request(
          { createConnection: () => socket, method: req.method, path: `${url.pathname}${url.search}`, headers, setHost: false },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.once('error', bad);
        req.pipe(up);
      }, bad);
    });
  });

  const servers: net.Server[] = [proxy];
  try {
    await listenOn(proxy, opts.proxy);
    for (const port of opts.policy.rawPorts) {
      const fwd = net.createServer((client) => {
        track(client);
        client.on('error', () => undefined);
        const up = net.connect({ host: '127.0.0.1', port });
        track(up);
        up.on('error', () => client.destroy());
        client.pipe(up);
        up.pipe(client);
      });
      servers.push(fwd);
      await listenOn(fwd, opts.raw(port));
    }
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }
  const addr = proxy.address();
  return {
    ...(addr && typeof addr === 'object' ? { proxyPort: addr.port } : {}),
    close() {
      for (const s of servers) s.close();
      for (const s of sockets) s.destroy();
    },
  };
}
