// allowedDomains matching (pure), and the egress proxy for real: a unix socket, real HTTP
// servers on 127.0.0.1, a lookup stand-in only where DNS would be (a name that resolves to
// a private address).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { egressPolicy, isNonPublicAddress, matchHost, parseDomainRule } from '../../../src/sandbox/domains';
import { connectFirst, connectTarget, MAX_REPORTED, resolveAllowed, startEgress, type RunningEgress } from '../../../src/sandbox/egress';
import { bridgeSource, proxyEnv, type BridgeConfig } from '../../../src/sandbox/bridge';
import { cachedSuccess, probeKey, rememberSuccess, PROBE_CACHE_FILE } from '../../../src/sandbox/probe-cache';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

afterEach(cleanupTmp);

describe('allowedDomains', () => {
  it('parses hosts, wildcards, ports and IP literals', () => {
    expect(parseDomainRule('API.Example.com.')).toEqual({ host: 'api.example.com', wildcard: false, ip: false });
    expect(parseDomainRule('*.example.com:443')).toEqual({ host: 'example.com', wildcard: true, ip: false, port: 443 });
    expect(parseDomainRule('127.0.0.1:5432')).toEqual({ host: '127.0.0.1', wildcard: false, ip: true, port: 5432 });
    for (const bad of ['*.10.0.0.1', 'a.com:0', 'a.com:70000', '', '*.']) expect(parseDomainRule(bad)).toBeUndefined();
  });

  it('matches exact hosts, wildcards below (not at) the domain, ports; IP literals only when named', () => {
    const p = egressPolicy(['api.example.com', '*.corp.example:8443', 'localhost:3000', '10.0.0.5', '127.0.0.1:5432']);
    expect(matchHost(p, 'API.example.com', 443)).toBe('exact');
    expect(matchHost(p, 'api.example.com', 22)).toBe('exact');
    expect(matchHost(p, 'x.example.com', 443)).toBeUndefined();
    expect(matchHost(p, 'git.corp.example', 8443)).toBe('wildcard');
    expect(matchHost(p, 'a.b.corp.example', 8443)).toBe('wildcard');
    expect(matchHost(p, 'corp.example', 8443)).toBeUndefined();
    expect(matchHost(p, 'git.corp.example', 443)).toBeUndefined();
    expect(matchHost(p, 'evilcorp.example', 8443)).toBeUndefined();
    expect(matchHost(p, 'localhost', 3000)).toBe('exact');
    expect(matchHost(p, 'localhost', 3001)).toBeUndefined();
    expect(matchHost(p, '127.0.0.1', 3000)).toBeUndefined();
    expect(matchHost(p, '10.0.0.5', 80)).toBe('exact');
    expect(matchHost(p, '10.0.0.6', 80)).toBeUndefined();
    expect(p.rawPorts).toEqual([5432]);
  });

  it('knows private, loopback and link-local addresses (IPv4-mapped too)', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isNonPublicAddress(a)).toBe(true);
    for (const a of ['93.184.216.34', '2606:2800:220:1::1', '::ffff:8.8.8.8']) expect(isNonPublicAddress(a)).toBe(false);
  });

  it('refuses a wildcard name that resolves to a private address (DNS rebinding), allows an exact one', async () => {
    const p = egressPolicy(['*.example.com', 'db.example.com']);
    const lookup = (h: string): Promise<string[]> => Promise.resolve(h === 'public.example.com' ? ['93.184.216.34'] : ['10.0.0.7']);
    expect(await resolveAllowed(p, 'rebind.example.com', 443, lookup)).toEqual({ refused: expect.stringContaining('private or loopback') });
    expect(await resolveAllowed(p, 'public.example.com', 443, lookup)).toEqual({ addresses: ['93.184.216.34'] });
    expect(await resolveAllowed(p, 'db.example.com', 5432, lookup)).toEqual({ addresses: ['10.0.0.7'] });
    expect(await resolveAllowed(p, 'other.org', 443, lookup)).toEqual({ refused: "other.org:443 is not in this server's allowedDomains" });
  });

  it('connects to the first address that answers', async () => {
    const server = net.createServer((s) => s.on('error', () => undefined).end('up'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const s = await connectFirst(['::1', '127.0.0.1'], port);
    s.on('error', () => undefined);
    expect(s.remoteAddress).toBe('127.0.0.1');
    s.destroy();
    server.close();
    await expect(connectFirst(['127.0.0.1'], port)).rejects.toThrow();
  });

  it('parses CONNECT targets', () => {
    expect(connectTarget('a.com:443')).toEqual({ host: 'a.com', port: 443 });
    expect(connectTarget('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    for (const bad of ['a.com', 'a.com:0', ':443', undefined]) expect(connectTarget(bad)).toBeUndefined();
  });

  it('gives the server every spelling of the proxy variables and drops NO_PROXY', () => {
    const e = proxyEnv({ NO_PROXY: 'localhost', no_proxy: '*', KEEP: '1' }, 4321);
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'])
      expect(e[k]).toBe('http://127.0.0.1:4321');
    expect(e.NO_PROXY).toBeUndefined();
    expect(e.no_proxy).toBeUndefined();
    expect(e.KEEP).toBe('1');
  });
});

/** One raw exchange with the proxy's unix socket: what comes back until it closes. */
function exchange(socket: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(socket);
    let out = '';
    s.on('data', (d: Buffer) => {
      out += d.toString();
      // A tunnel stays open: after the upstream's answer, close our side.
      if (out.includes('\r\n\r\n') && out.startsWith('HTTP/1.1 200 Connection Established') && out.split('\r\n\r\n').length > 2) s.end();
    });
    s.once('error', reject);
    s.once('close', () => resolve(out));
    s.write(request);
  });
}

describe('the egress proxy', () => {
  let upstream: http.Server;
  let port = 0;
  let raw: net.Server;
  let rawPort = 0;
  let egress: RunningEgress | undefined;
  const refused: string[] = [];
  let dir = '';

  beforeEach(async () => {
    upstream = http.createServer((req, res) =>
      res.end(`hello ${req.url ?? ''} host=${req.headers.host ?? ''} proxy-auth=${req.headers['proxy-authorization'] ?? '-'}`),
    );
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    port = (upstream.address() as AddressInfo).port;
    raw = net.createServer((s) => s.end('db\n'));
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    rawPort = (raw.address() as AddressInfo).port;
    dir = tmpDir('mcpw-egress-');
    refused.length = 0;
    egress = await startEgress({
      policy: egressPolicy([`localhost:${port}`, `127.0.0.1:${rawPort}`]),
      proxy: { path: path.join(dir, 'proxy.sock') },
      raw: (p) => ({ path: path.join(dir, `raw-${p}.sock`) }),
      onRefused: (host) => refused.push(host),
    });
  });

  afterEach(() => {
    egress?.close();
    upstream.closeAllConnections();
    upstream.close();
    raw.close();
  });

  it('tunnels CONNECT to an allowed host', async () => {
    const out = await exchange(
      path.join(dir, 'proxy.sock'),
      `CONNECT localhost:${port} HTTP/1.1\r\nHost: localhost:${port}\r\n\r\nGET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(out.startsWith('HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.1 200')).toBe(true);
    expect(out).toContain('hello /t');
  });

  it('forwards an absolute-URI request in origin form, without proxy credentials', async () => {
    const out = await exchange(
      path.join(dir, 'proxy.sock'),
      `GET http://localhost:${port}/a?b=1 HTTP/1.1\r\nHost: localhost:${port}\r\nProxy-Authorization: Basic eA==\r\n\r\n`,
    );
    expect(out).toMatch(/^HTTP\/1\.1 200/);
    expect(out).toContain(`hello /a?b=1 host=localhost:${port} proxy-auth=-`);
  });

  it('refuses other hosts and ports with 403, reporting each host:port once', async () => {
    const sock = path.join(dir, 'proxy.sock');
    const a = await exchange(sock, `CONNECT localhost:${port + 1} HTTP/1.1\r\n\r\n`);
    await exchange(sock, `CONNECT localhost:${port + 1} HTTP/1.1\r\n\r\n`);
    const b = await exchange(sock, `GET http://127.0.0.1:${port}/secret?token=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(a).toMatch(/^HTTP\/1\.1 403/);
    expect(b).toMatch(/^HTTP\/1\.1 403/);
    expect(refused).toEqual([`localhost:${port + 1}`, `127.0.0.1:${port}`]);
  });

  it('stops reporting after MAX_REPORTED distinct hosts, with one line saying so', async () => {
    for (let i = 0; i < MAX_REPORTED + 5; i++) await exchange(path.join(dir, 'proxy.sock'), `CONNECT h${i}.example:443 HTTP/1.1\r\n\r\n`);
    expect(refused).toHaveLength(MAX_REPORTED + 1);
    expect(refused[MAX_REPORTED]).toBe('*');
  });

  it('answers 400 to requests that are neither CONNECT nor absolute http://', async () => {
    expect(await exchange(path.join(dir, 'proxy.sock'), 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await exchange(path.join(dir, 'proxy.sock'), 'CONNECT nohost HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
  });

  it('forwards a named 127.0.0.1 port raw', async () => {
    expect(await exchange(path.join(dir, `raw-${rawPort}.sock`), '')).toBe('db\n');
  });
});

describe('the probe cache', () => {
  it('remembers a success for the same binary and flags only', () => {
    const state = tmpDir('mcpw-probe-');
    const bin = path.join(state, 'bwrap');
    fs.writeFileSync(bin, 'x');
    const key = probeKey(bin, ['--unshare-net']);
    expect(key).toBeDefined();
    if (!key) return;
    expect(cachedSuccess(state, key)).toBe(false);
    rememberSuccess(state, key);
    expect(cachedSuccess(state, key)).toBe(true);
    expect(probeKey(bin, ['--unshare-pid'])).not.toBe(key);
    fs.writeFileSync(bin, 'xy'); // upgraded: size and mtime differ
    expect(probeKey(bin, ['--unshare-net'])).not.toBe(key);
    expect(probeKey(path.join(state, 'missing'), [])).toBeUndefined();
    fs.writeFileSync(path.join(state, PROBE_CACHE_FILE), 'not json');
    expect(cachedSuccess(state, key)).toBe(false);
  });
});

describe('the bridge', () => {
  it('runs from its own source with node -e: proxy port to the unix socket, proxy env, exit code passed back', async () => {
    const dir = tmpDir('mcpw-bridge-');
    const sock = path.join(dir, 'proxy.sock');
    const upstream = net.createServer((s) => s.once('data', (d: Buffer) => s.end(`pong:${d.toString()}`)));
    await new Promise<void>((r) => upstream.listen(sock, r));
    const child = `const u=new URL(process.env.HTTPS_PROXY);const s=require('net').connect(Number(u.port),u.hostname,()=>s.write('ping'));let o='';s.on('data',d=>o+=d);s.on('close',()=>{process.stdout.write(JSON.stringify({o,np:process.env.NO_PROXY??null,all:process.env.all_proxy}));process.exit(7)})`;
    const config: BridgeConfig = { proxySocket: sock, raw: [] };
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const c = spawn(process.execPath, ['-e', bridgeSource(), JSON.stringify(config), '--', process.execPath, '-e', child], {
        env: { ...process.env, NO_PROXY: '*' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      c.once('close', (code) => resolve({ code, out }));
    });
    upstream.close();
    expect(r.code).toBe(7);
    const o = JSON.parse(r.out) as { o: string; np: string | null; all: string };
    expect(o.o).toBe('pong:ping');
    expect(o.np).toBeNull();
    expect(o.all).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses bad arguments with 126', async () => {
    const code = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, ['-e', bridgeSource(), '{}'], { stdio: 'ignore' }).once('close', resolve),
    );
    expect(code).toBe(126);
  });
});
