// The signing-keys GET over npm's network settings, against real sockets on 127.0.0.1: an
// HTTPS registry with a CA made here (openssl), a CONNECT proxy with basic auth, a plain
// HTTP registry through the same proxy, NO_PROXY, refusals and caps. Then end to end: the
// real CLI and the real npm, both through the proxy, verify a signature.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { getJson, type NetConfig } from '../../../src/approval/registry-http';
import { spawnCli } from '../../helpers/cli';
import { startFakeRegistry, type FakeRegistry } from '../../helpers/registry';

jest.setTimeout(120000);

const KEYS = { keys: [{ keyid: 'SHA256:test', key: 'AAAA' }] };

function makePki(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string): string => path.join(dir, n);
  const run = (args: string[]): Buffer => execFileSync('openssl', args, { stdio: 'pipe' });
  run([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=test-ca',
  ]);
  run([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    f('srv.key'),
    '-out',
    f('srv.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
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
  return {
    ca: fs.readFileSync(f('ca.pem'), 'utf8'),
    cert: fs.readFileSync(f('srv.pem'), 'utf8'),
    key: fs.readFileSync(f('srv.key'), 'utf8'),
  };
}

interface Proxy {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

/** A forward proxy: CONNECT tunnels and absolute-URI GETs, optionally asking for basic auth. */
async function startProxy(auth?: string): Promise<Proxy> {
  const seen: string[] = [];
  const open = new Set<net.Socket>();
  const allowed = (h: http.IncomingHttpHeaders): boolean =>
    !auth || h['proxy-authorization'] === `Basic ${Buffer.from(auth).toString('base64')}`;
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (!allowed(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
      return;
    }
    const target = new URL(req.url ?? '/');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const up = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    open.add(socket);
    if (!allowed(req.headers)) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    open.add(up);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      for (const s of open) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

const closeServer = (s: http.Server): Promise<void> => new Promise((r) => s.close(() => r()));

describe("getJson over npm's proxy and CA", () => {
  let dir: string;
  let pki: { ca: string; cert: string; key: string };
  let tlsServer: https.Server;
  let plain: http.Server;
  let httpsUrl: string;
  let httpUrl: string;
  const O = { env: {}, timeoutMs: 10_000, maxBytes: 1024 * 1024 };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-regnet-'));
    pki = makePki(dir);
    const handler: http.RequestListener = (req, res) => {
      if (req.url === '/-/npm/v1/keys') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(KEYS));
      else if (req.url === '/big') res.writeHead(200).end(`"${'x'.repeat(2 * 1024 * 1024)}"`);
      else if (req.url === '/text') res.writeHead(200).end('<html>');
      else res.writeHead(404).end('{}');
    };
    tlsServer = https.createServer({ cert: pki.cert, key: pki.key }, handler);
    httpsUrl = `https://127.0.0.1:${await listen(tlsServer)}`;
    plain = http.createServer(handler);
    httpUrl = `http://127.0.0.1:${await listen(plain)}`;
  });
  afterAll(async () => {
    await closeServer(tlsServer);
    await closeServer(plain);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const strict: NetConfig = { strictSsl: true };

  it("HTTPS with npm's CA; refused without it; strict-ssl=false does not turn verification off, and says so", async () => {
    await expect(getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca] }, O)).resolves.toEqual(KEYS);
    await expect(getJson(`${httpsUrl}/-/npm/v1/keys`, strict, O)).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify/i) as unknown,
    });
    await expect(getJson(`${httpsUrl}/-/npm/v1/keys`, { strictSsl: false }, O)).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringMatching(/strict-ssl=false is not followed/) as unknown,
    });
  });

  it("HTTPS through a CONNECT proxy with basic auth; the proxy's password never shows in an error", async () => {
    const proxy = await startProxy('user:s3cr%t');
    try {
      const withAuth = proxy.url.replace('http://', 'http://user:s3cr%25t@');
      await expect(getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca], proxy: withAuth }, O)).resolves.toEqual(KEYS);
      expect(proxy.seen).toEqual([`CONNECT ${new URL(httpsUrl).host}`]);
      const refused = getJson(
        `${httpsUrl}/-/npm/v1/keys`,
        { ...strict, ca: [pki.ca], proxy: proxy.url.replace('http://', 'http://user:wrong-pass@') },
        O,
      );
      await expect(refused).rejects.toMatchObject({
        code: 'REGISTRY_UNAVAILABLE',
        message: expect.stringMatching(/refused the tunnel \(HTTP 407\)/) as unknown,
      });
      await refused.catch((e: Error) => expect(e.message).not.toMatch(/wrong-pass|user:/));
    } finally {
      await proxy.close();
    }
  });

  it('the CA is still checked through the tunnel', async () => {
    const proxy = await startProxy();
    try {
      await expect(getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, proxy: proxy.url }, O)).rejects.toMatchObject({
        code: 'REGISTRY_UNAVAILABLE',
      });
    } finally {
      await proxy.close();
    }
  });

  it('a plain-HTTP registry through the proxy (absolute URI); HTTPS_PROXY from the environment; NO_PROXY', async () => {
    const proxy = await startProxy();
    try {
      await expect(getJson(`${httpUrl}/-/npm/v1/keys`, { ...strict, proxy: proxy.url }, O)).resolves.toEqual(KEYS);
      expect(proxy.seen).toEqual([`GET ${httpUrl}/-/npm/v1/keys`]);
      await expect(
        getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca] }, { ...O, env: { HTTPS_PROXY: proxy.url } }),
      ).resolves.toEqual(KEYS);
      expect(proxy.seen).toHaveLength(2);
      await expect(
        getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca], noProxy: '127.0.0.1' }, { ...O, env: { HTTPS_PROXY: proxy.url } }),
      ).resolves.toEqual(KEYS);
      expect(proxy.seen).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('HTTP errors, a dead proxy, answers too large or not JSON', async () => {
    await expect(getJson(`${httpUrl}/nope`, strict, O)).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringMatching(/HTTP 404$/) as unknown,
    });
    await expect(getJson(`${httpUrl}/-/npm/v1/keys`, { ...strict, proxy: 'http://127.0.0.1:9' }, O)).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringMatching(/via proxy 127\.0\.0\.1:9: ECONNREFUSED/) as unknown,
    });
    await expect(getJson(`${httpUrl}/big`, strict, O)).rejects.toMatchObject({ code: 'REGISTRY_RESPONSE_INVALID' });
    await expect(getJson(`${httpUrl}/text`, strict, O)).rejects.toMatchObject({ code: 'REGISTRY_RESPONSE_INVALID' });
  });
});

describe('allowlist add behind a proxy (the real CLI and npm)', () => {
  let reg: FakeRegistry;
  beforeAll(async () => {
    reg = await startFakeRegistry();
    reg.add('@acme/mcp-thing', [{ version: '1.1.0', published: '2026-01-01T00:00:00.000Z', maintainers: ['alice'] }]);
  });
  afterAll(() => reg.close());

  it("npm and the signing-keys request both go through npm's proxy setting", async () => {
    const proxy = await startProxy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-add-proxy-'));
    try {
      const file = path.join(dir, 'allowlist.yaml');
      fs.writeFileSync(
        file,
        'org: acme\nversion: 1\nexpires: "2099-01-01T00:00:00Z"\nmode: audit\nservers:\n  - id: docs\n    transport: http\n    url: "https://docs.example/*"\n',
      );
      const env = {
        npm_config_registry: reg.url,
        npm_config_proxy: proxy.url,
        npm_config_cache: path.join(dir, 'cache'),
        npm_config_update_notifier: 'false',
      };
      const c = spawnCli(['allowlist', 'add', file, 'npm:@acme/mcp-thing@1.1.0', '--no-tree', '--json'], { env });
      let stdout = '';
      c.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
      const status = await new Promise<number | null>((r) => c.on('close', r));
      expect(status).toBe(0);
      const res = JSON.parse(stdout) as { findings: Array<{ check: string; level: string }> };
      expect(res.findings.find((f) => f.check === 'registry-signature')?.level).toBe('ok');
      expect(proxy.seen).toContain(`GET ${reg.url}-/npm/v1/keys`);
      expect(proxy.seen.some((s) => s.startsWith(`GET ${reg.url}@acme`))).toBe(true);
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
