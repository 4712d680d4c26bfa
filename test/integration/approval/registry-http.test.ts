// The signing-keys GET over npm's network settings, against real sockets on 127.0.0.1: an
// HTTPS registry with a CA made here (openssl), a CONNECT proxy with basic auth, a plain
// HTTP registry through the same proxy, NO_PROXY, refusals and caps. Then end to end: the
// real CLI and the real npm, both through the proxy, verify a signature.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { getJson, type NetConfig } from '../../../src/approval/registry-http';
import { spawnCli } from '../../helpers/cli';
import { startFakeRegistry, type FakeRegistry } from '../../helpers/registry';
import { makePki, startProxy, type TestProxy } from '../../helpers/net';

jest.setTimeout(120000);

const KEYS = { keys: [{ keyid: 'SHA256:test', key: 'AAAA' }] };

/** What the proxy saw, in one list: `CONNECT host:port` and `GET absolute-url`. */
const seen = (p: TestProxy): string[] => [...p.connects.map((c) => `CONNECT ${c}`), ...p.gets.map((g) => `GET ${g}`)];

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
    const files = makePki(dir);
    pki = { ca: fs.readFileSync(files.ca, 'utf8'), cert: fs.readFileSync(files.cert, 'utf8'), key: fs.readFileSync(files.key, 'utf8') };
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
    const proxy = await startProxy({ auth: 'user:s3cr%t' });
    try {
      const withAuth = proxy.url.replace('http://', 'http://user:s3cr%25t@');
      await expect(getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca], proxy: withAuth }, O)).resolves.toEqual(KEYS);
      expect(seen(proxy)).toEqual([`CONNECT ${new URL(httpsUrl).host}`]);
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
      expect(seen(proxy)).toEqual([`GET ${httpUrl}/-/npm/v1/keys`]);
      await expect(
        getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca] }, { ...O, env: { HTTPS_PROXY: proxy.url } }),
      ).resolves.toEqual(KEYS);
      expect(seen(proxy)).toHaveLength(2);
      await expect(
        getJson(`${httpsUrl}/-/npm/v1/keys`, { ...strict, ca: [pki.ca], noProxy: '127.0.0.1' }, { ...O, env: { HTTPS_PROXY: proxy.url } }),
      ).resolves.toEqual(KEYS);
      expect(seen(proxy)).toHaveLength(2);
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
      expect(seen(proxy)).toContain(`GET ${reg.url}-/npm/v1/keys`);
      expect(seen(proxy).some((s) => s.startsWith(`GET ${reg.url}@acme`))).toBe(true);
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
