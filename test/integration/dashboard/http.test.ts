// The dashboard over real HTTP on 127.0.0.1, on SQLite and PostgreSQL: headers (CSP),
// cookie flags, CSRF on every POST, session expiry, sign-in rate limit, no data without a
// session, escaping, CSV safety, the /metrics token, and what ingest keeps for the pages.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { dbTargets } from '../collector/db-targets';
import { heartbeat, makeEvent } from '../collector/events';
import { ADMIN, postEvents, request, startCollector, type Running } from '../collector/harness';
import type { CollectorServerOptions } from '../../../src/collector/server';
import { CSP } from '../../../src/collector/dashboard';
import { DEFAULT_IDLE_MS, DEFAULT_SESSION_TTL_MS } from '../../../src/collector/dashboard/session';
import { cookies, hiddenCsrf, PAGE_URLS, postSignIn, req, signIn, signInForm } from './client';

const HOSTILE_HOST = '<img src=x onerror=alert(1)>';
const FORMULA_USER = "=cmd|' /C calc'!A0";
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = 'application/x-www-form-urlencoded';

describe.each(dbTargets())('dashboard over HTTP on $name', (target) => {
  let c: Running;
  let clock: number;
  const start = async (over: Partial<CollectorServerOptions> = {}) => {
    clock = Date.now();
    c = await startCollector(await target.create(), { now: () => clock, ...over });
    const e = makeEvent(
      { device: { id: 'dev-x', hostname: HOSTILE_HOST, os: 'linux', user: FORMULA_USER }, server: { name: 'evil-srv', scope: 'user' } },
      'dev-x',
    );
    if (!over.tls) await postEvents(c.url, [e, heartbeat('dev-y', new Date(clock), true)]);
  };
  const get = (p: string, cookie?: string) => req(`${c.url}${p}`, { headers: cookie ? { cookie } : {} });

  afterEach(async () => {
    await c?.stop();
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it('serves pages, the sign-in form and assets with a strict CSP and no inline script or style', async () => {
    await start();
    const session = await signIn(c.url, ADMIN);
    const signin = await get('/signin');
    const pageR = await get('/', session);
    const pages = await Promise.all(PAGE_URLS.filter(([, p]) => !p.includes('format=csv')).map(([, p]) => get(p, session)));
    for (const r of [signin, pageR, ...pages]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-security-policy']).toBe(CSP);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('no-store');
      // Inside tags only: escaped text from devices may well read "onerror=".
      expect(r.text).not.toMatch(/<script(?![^>]*\bsrc=)|<style|<[^>]*\sstyle=|<[^>]*\son[a-z]+=/i);
    }
    expect(CSP).toMatch(/default-src 'self'/);
    expect(CSP).toMatch(/frame-ancestors 'none'/);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    for (const asset of pageR.text.match(/\/assets\/[\w.-]+/g) ?? []) {
      const a = await get(asset);
      expect(a.status).toBe(200);
      expect(a.headers['content-type']).toMatch(/^text\/(css|javascript)/);
      expect(a.headers['content-security-policy']).toBe(CSP);
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, without Secure on plain HTTP', async () => {
    await start();
    const r = await postSignIn(c.url, ADMIN);
    expect(r.status).toBe(303);
    const set = (r.headers['set-cookie'] ?? []).find((x) => x.startsWith('mcpw_session='));
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\//);
    expect(set).toMatch(new RegExp(`; Max-Age=${DEFAULT_SESSION_TTL_MS / 1000}`));
    expect(set).not.toMatch(/Secure/);
  });

  it('adds Secure to the cookies when the collector serves TLS', async () => {
    const dir = tmpDir('mcpw-tls-');
    const key = path.join(dir, 'k.pem');
    const cert = path.join(dir, 'c.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    await start({ tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } });
    const setCookie = await new Promise<string[]>((resolve, reject) => {
      https
        .get(`${c.url}/signin`, { rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.headers['set-cookie'] ?? []);
        })
        .on('error', reject);
    });
    expect(setCookie[0]).toMatch(/^mcpw_signin=.*; HttpOnly; SameSite=Strict; .*; Secure$/);
  });

  it('refuses a sign-in without its CSRF cookie, with another token, or from another origin', async () => {
    await start();
    const f = await signInForm(c.url);
    const post = (headers: Record<string, string>, body: string) =>
      req(`${c.url}/signin`, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });
    const good = form({ token: ADMIN, csrf: f.csrf, next: '/' });
    const cases = [
      await post({}, good),
      await post({ cookie: f.cookie }, form({ token: ADMIN, csrf: 'x'.repeat(43), next: '/' })),
      await post({ cookie: f.cookie, origin: 'http://evil.example' }, good),
      await post({ cookie: f.cookie, 'sec-fetch-site': 'cross-site' }, good),
    ];
    for (const r of cases) {
      expect(r.status).toBe(403);
      expect(cookies(r).has('mcpw_session')).toBe(false);
    }
    expect((await post({ cookie: f.cookie }, good)).status).toBe(303);
  });

  it('signs out only with the session CSRF token, then the session is gone', async () => {
    await start();
    const session = await signIn(c.url, ADMIN);
    const csrf = hiddenCsrf((await get('/', session)).text);
    const out = (body: string) => req(`${c.url}/signout`, { method: 'POST', headers: { 'content-type': FORM, cookie: session }, body });

    expect((await out(form({ csrf: 'forged' }))).status).toBe(403);
    expect((await get('/', session)).status).toBe(200);
    const r = await out(form({ csrf }));
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/signin');
    expect(r.headers['set-cookie']?.[0]).toMatch(/^mcpw_session=; .*Max-Age=0/);
    expect((await get('/', session)).status).toBe(401);
  });

  it('expires a session after the idle timeout and after its lifetime, however active', async () => {
    await start();
    let session = await signIn(c.url, ADMIN);
    clock += DEFAULT_IDLE_MS + 1000;
    expect((await get('/', session)).status).toBe(401);

    session = await signIn(c.url, ADMIN);
    for (let t = 0; t < DEFAULT_SESSION_TTL_MS - 20 * 60_000; t += 20 * 60_000) {
      clock += 20 * 60_000;
      expect((await get('/policies', session)).status).toBe(200);
    }
    clock += 20 * 60_000;
    expect((await get('/policies', session)).status).toBe(401);
  });

  it('rate-limits sign-in attempts per address', async () => {
    await start();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await postSignIn(c.url, 'wrong-token-0123456789')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    clock += 60_000; // the bucket refills: one attempt per 12 s
    expect((await postSignIn(c.url, ADMIN)).status).toBe(303);
  });

  it('gives no data without a session: every page and CSV is the sign-in page or a 401', async () => {
    await start();
    for (const cookie of [undefined, 'mcpw_session=' + 'A'.repeat(43), 'mcpw_session=garbage']) {
      for (const [, p] of PAGE_URLS) {
        const r = await get(p, cookie);
        expect(r.status).toBe(401);
        expect(r.text.replace(/name="next" value="[^"]*"/, '')).not.toMatch(/dev-x|evil-srv|onerror|calc/);
      }
      const csv = await get('/devices?format=csv', cookie);
      expect(csv.headers['content-type']).toMatch(/^text\/plain/);
    }
    // The API's admin token is not a dashboard session, and a session is not an API token.
    expect((await get('/', `mcpw_session=${ADMIN}`)).status).toBe(401);
    const session = await signIn(c.url, ADMIN);
    expect((await request(`${c.url}/v1/devices`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('escapes what devices report in pages and defuses formulas in CSV', async () => {
    await start();
    const session = await signIn(c.url, ADMIN);
    const page = await get('/devices', session);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain(HOSTILE_HOST);
    const csv = await get('/devices?format=csv', session);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="devices.csv"');
    expect(csv.text).toContain(`,'=cmd|' /C calc'!A0,`);
    const servers = await get('/servers?format=csv', session);
    expect(servers.text.split('\r\n')[1]).toMatch(/^evil-srv,1,1,/);
  });

  it("names each finding's and event's client on the device page (from the event, else the file)", async () => {
    await start();
    const cursor = makeEvent({ server: { name: 'cursed', scope: 'user', client: 'cursor' }, file: '/home/u/.cursor/mcp.json' }, 'dev-x');
    // No `client` on the event (an older agent): the file says Codex.
    const codex = makeEvent({ server: { name: 'toml-srv', scope: 'user' }, file: '/home/u/.codex/config.toml' }, 'dev-x');
    await postEvents(c.url, [cursor, codex]);
    const session = await signIn(c.url, ADMIN);
    const findings = await get('/device?id=dev-x&table=findings&format=csv', session);
    expect(findings.status).toBe(200);
    const rows = findings.text.split('\r\n');
    const col = (rows[0] ?? '').split(',').indexOf('Client');
    expect(col).toBeGreaterThan(-1);
    const clientOfRow = (name: string): string | undefined => rows.find((r) => r.includes(name))?.split(',')[col];
    expect(clientOfRow('cursed')).toBe('cursor');
    expect(clientOfRow('toml-srv')).toBe('codex');
    expect(clientOfRow('evil-srv')).toBe('claude-code');
    const events = await get('/device?id=dev-x&table=events', session);
    expect(events.text).toContain('<th');
    expect(events.text).toMatch(/>Client</);
    expect(events.text).toMatch(/>cursor</);
  });

  it('answers a bad filter with a 400 page naming it', async () => {
    await start();
    const session = await signIn(c.url, ADMIN);
    const r = await get('/devices?status=bogus', session);
    expect(r.status).toBe(400);
    expect(r.text).toContain('status: one of compliant, noncompliant, unknown');
    expect((await get('/devices?page=100000', session)).status).toBe(400);
  });

  it('signs in with the --admin-secret-file secret instead of the admin token when one is set', async () => {
    await start({ dashboardSecrets: ['dashboard-secret-0123456789'] });
    expect((await postSignIn(c.url, ADMIN)).status).toBe(401);
    expect((await postSignIn(c.url, 'dashboard-secret-0123456789')).status).toBe(303);
  });

  it('keeps the daily counts and each device policy mode at ingest (migration 3)', async () => {
    await start();
    const session = await signIn(c.url, ADMIN);
    const drift = await get('/drift?format=csv&kind=server.unapproved', session);
    expect(drift.text.split('\r\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},server\.unapproved,high,1$/);
    await postEvents(c.url, [makeEvent({}, 'dev-z'), makeEvent({}, 'dev-z')]);
    expect((await get('/drift?format=csv&kind=server.unapproved', session)).text).toMatch(/server\.unapproved,high,3\r\n/);
    const policies = await get('/policies?format=csv', session);
    expect(policies.text).toMatch(/^3,acme,b{64},audit,3,/m);
  });

  describe('/metrics', () => {
    it('stays open by default', async () => {
      await start();
      expect((await get('/metrics')).status).toBe(200);
    });

    it('requires the token with --metrics-token-file', async () => {
      await start({ metricsTokens: ['metrics-token-0123456789'] });
      expect((await get('/metrics')).status).toBe(401);
      expect((await request(`${c.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(401);
      const ok = await request(`${c.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('mcp_warden_collector_auth_failures_total{scope="metrics"} 2');
    });
  });
});
