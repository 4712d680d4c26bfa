// Every outbound request through a real forward proxy on 127.0.0.1 (CONNECT, with and
// without Basic auth), to a real HTTPS server whose CA is made at test time; failures
// carry the typed reason `status` prints; proxy credentials never leak.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { closedPort, makePki, startHttpsServer, startProxy, type Pki, type TestProxy, type TestServer } from '../../helpers/net';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { fetchEnvelope } from '../../../src/policy/fetch';
import type { AgentConfig } from '../../../src/config/types';
import { trustedCas } from '../../../src/net/ca';
import { netSettings } from '../../../src/net/settings';
import { httpRequest, type HttpOutcome } from '../../../src/net/http';
import { sendPending } from '../../../src/report/sender';
import { openSpool } from '../../../src/report';
import { createEventFactory } from '../../../src/events/factory';
import { unapproved } from '../report/helpers';
import { configureLogger, log } from '../../../src/log/logger';

let dir: string;
let pki: Pki;
let other: Pki;
let server: TestServer;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  dir = tmpDir('mcpw-net-');
  pki = makePki(dir, 'org');
  other = makePki(dir, 'mitm');
  server = await startHttpsServer(pki);
});

afterAll(async () => {
  await server.close();
  cleanupTmp();
});

afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function proxy(opts: Parameters<typeof startProxy>[0] = {}): Promise<TestProxy> {
  const p = await startProxy(opts);
  open.push(p);
  return p;
}

function withCreds(p: TestProxy, auth: string): string {
  return p.url.replace('http://', `http://${auth}@`);
}

function get(network: AgentConfig['network'], env: NodeJS.ProcessEnv = {}): Promise<HttpOutcome> {
  const config = { org: 'acme', trust: { keys: [], threshold: 1 }, allowlist: { url: server.url }, network } as unknown as AgentConfig;
  return httpRequest({
    url: new URL(`${server.url}/allowlist.dsse.json`),
    method: 'GET',
    net: netSettings({ config, env }),
    timeoutMs: 5000,
  });
}

describe('CONNECT proxy', () => {
  it('tunnels https through network.proxy and verifies the server against network.caFile', async () => {
    const p = await proxy();

    const r = await get({ proxy: p.url, caFile: pki.ca });

    expect(r).toMatchObject({ kind: 'response', status: 200 });
    expect(p.connects).toEqual([`127.0.0.1:${server.port}`]);
  });

  it('sends Basic credentials from the proxy URL; without them or with wrong ones: PROXY_AUTH_REQUIRED', async () => {
    const p = await proxy({ auth: 'alice:s3cret' });

    const ok = await get({ proxy: withCreds(p, 'alice:s3cret'), caFile: pki.ca });
    const none = await get({ proxy: p.url, caFile: pki.ca });
    const wrong = await get({ proxy: withCreds(p, 'alice:nope'), caFile: pki.ca });

    expect(ok).toMatchObject({ kind: 'response', status: 200 });
    expect(p.authHeaders[0]).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(none).toMatchObject({ kind: 'network', net: 'PROXY_AUTH_REQUIRED', proxy: p.url });
    expect(wrong).toMatchObject({ kind: 'network', net: 'PROXY_AUTH_REQUIRED' });
  });

  it('reads HTTPS_PROXY / https_proxy, bypasses NO_PROXY hosts, and network.proxy "direct" ignores the environment', async () => {
    const p = await proxy();

    const viaEnv = await get({ caFile: pki.ca }, { HTTPS_PROXY: p.url });
    const viaLower = await get({ caFile: pki.ca }, { https_proxy: p.url, HTTPS_PROXY: 'http://127.0.0.1:1' });
    const bypassed = await get({ caFile: pki.ca }, { HTTPS_PROXY: p.url, NO_PROXY: 'example.com, 127.0.0.1' });
    const bypassedByConfig = await get({ caFile: pki.ca, noProxy: [`127.0.0.1:${server.port}`] }, { HTTPS_PROXY: p.url });
    const direct = await get({ proxy: 'direct', caFile: pki.ca }, { HTTPS_PROXY: p.url });

    for (const r of [viaEnv, viaLower, bypassed, bypassedByConfig, direct]) expect(r).toMatchObject({ kind: 'response', status: 200 });
    expect(p.connects).toHaveLength(2);
  });

  it('says PROXY_REFUSED when CONNECT is refused and PROXY_UNREACHABLE when the proxy is down', async () => {
    const p = await proxy({ refuseWith: 403 });

    const refused = await get({ proxy: p.url, caFile: pki.ca });
    const down = await get({ proxy: `http://127.0.0.1:${await closedPort()}`, caFile: pki.ca });

    expect(refused).toMatchObject({ kind: 'network', net: 'PROXY_REFUSED', code: 'HTTP 403' });
    expect(down).toMatchObject({ kind: 'network', net: 'PROXY_UNREACHABLE', code: 'ECONNREFUSED' });
  });

  it('reports TLS interception when the proxy terminates TLS with another CA, and an unknown CA directly as TLS_UNTRUSTED', async () => {
    const p = await proxy({ intercept: other });

    const intercepted = await get({ proxy: p.url, caFile: pki.ca });
    const untrusted = await get({ proxy: 'direct' });
    // Once the interceptor's CA is the org CA, the same proxy is trusted (what an admin does).
    const inspected = await get({ proxy: p.url, caFile: other.ca });

    expect(intercepted).toMatchObject({ kind: 'network', net: 'TLS_INTERCEPTED', tls: true, proxy: p.url });
    expect(untrusted).toMatchObject({ kind: 'network', net: 'TLS_UNTRUSTED', tls: true });
    expect(inspected).toMatchObject({ kind: 'response', status: 200 });
  });

  it('polls allowlist.url through the proxy and throws the typed reason', async () => {
    const p = await proxy({ auth: 'u:p' });
    const env = { HTTPS_PROXY: p.url };
    const config = {
      org: 'acme',
      trust: { keys: [], threshold: 1 },
      allowlist: { url: server.url },
      network: { caFile: pki.ca },
    } as unknown as AgentConfig;

    const failed = await fetchEnvelope(`${server.url}/a.json`, {}, { maxBytes: 1024, net: netSettings({ config, env }) }).catch(
      (e: unknown) => e,
    );
    const ok = await fetchEnvelope(
      `${server.url}/a.json`,
      {},
      { maxBytes: 1024, net: netSettings({ config, env: { HTTPS_PROXY: withCreds(p, 'u:p') } }) },
    );

    expect(failed).toMatchObject({ code: 'PROXY_AUTH_REQUIRED', message: expect.stringContaining('requires authentication (HTTP 407)') });
    expect(ok).toMatchObject({ status: 'ok', bytes: Buffer.from('{"ok":true}') });
  });
});

describe('system CAs', () => {
  it('trusts a CA found in the OS bundle, and not when systemCa is false', async () => {
    const bundle = path.join(dir, 'system-bundle.crt');
    fs.writeFileSync(bundle, fs.readFileSync(pki.ca));
    const env = {};
    const call = (cas: string[]): Promise<HttpOutcome> =>
      httpRequest({ url: new URL(server.url), method: 'GET', net: { proxy: { env }, cas }, timeoutMs: 5000 });

    const withOs = await call(trustedCas({ systemBundles: ['/nonexistent', bundle], env }));
    const without = await call(trustedCas({ systemBundles: [bundle], systemCa: false, env }));

    expect(withOs).toMatchObject({ kind: 'response', status: 200 });
    expect(without).toMatchObject({ kind: 'network', net: 'TLS_UNTRUSTED' });
  });
});

describe('status and secrets', () => {
  const CANARY = 'canary-Pr0xyPassw0rd';

  it('status names the proxy as the reason a report send failed, and no proxy password reaches the state, the log or the output', async () => {
    const p = await proxy({ auth: `bob:${CANARY}-right` });
    const stateDir = tmpDir('mcpw-net-state-');
    const logFile = path.join(stateDir, 'logs', 'test.log');
    configureLogger({ level: 'debug', file: logFile, console: false });
    const config: AgentConfig = {
      org: 'acme',
      trust: { keys: [], threshold: 1 },
      allowlist: { file: '/nonexistent/allowlist.json' },
      report: { url: server.url, token: 'enroll-token-xyz', deviceId: 'dev-1' },
      network: { proxy: withCreds(p, `bob:${CANARY}`), caFile: pki.ca },
    };
    const spool = openSpool(stateDir, { factory: createEventFactory({ stateDir, config, policy: null, mode: 'audit' }) });
    spool.emit(unapproved('x'));

    const rec = await sendPending({ stateDir, config, deadlineMs: 5000, retry: { maxAttempts: 1 } });
    // A careless log call with the whole URL: the redactor must still hide the password.
    log().warn('proxy in use', { proxy: config.network?.proxy });
    await new Promise((r) => setTimeout(r, 300));
    const status = runCli(['status', '--state-dir', stateDir]);

    expect(rec).toMatchObject({ outcome: 'retryable', netCode: 'PROXY_AUTH_REQUIRED', pending: 1 });
    expect(status.stdout).toMatch(/network: PROXY_AUTH_REQUIRED \(the proxy is the reason\)/);
    expect(status.stdout).toContain('requires authentication (HTTP 407)');
    const files = (fs.readdirSync(stateDir, { recursive: true }) as string[])
      .map((f) => path.join(stateDir, f))
      .filter((f) => fs.statSync(f).isFile());
    const everything = [JSON.stringify(rec), status.stdout, status.stderr, ...files.map((f) => fs.readFileSync(f, 'utf8'))].join('\n');
    expect(fs.readFileSync(logFile, 'utf8')).toContain('proxy in use');
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(Buffer.from(`bob:${CANARY}`).toString('base64'));
  });
});
