// A small HTTP client for the dashboard: sign in through the real form (GET for the CSRF
// cookie, POST the token), then fetch pages with the session cookie.
import * as http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
}

export function req(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent } = {},
): Promise<Reply> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: Number(process.hrtime.bigint() - t0) / 1e6,
        }),
      );
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

/** `name=value` pairs of the Set-Cookie headers. */
export function cookies(r: Reply): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of r.headers['set-cookie'] ?? []) {
    const [pair] = c.split(';');
    const i = pair?.indexOf('=') ?? -1;
    if (pair && i > 0) out.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return out;
}

export const hiddenCsrf = (html: string): string => /name="csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';

export async function signInForm(base: string): Promise<{ csrf: string; cookie: string }> {
  const r = await req(`${base}/signin`);
  return { csrf: hiddenCsrf(r.text), cookie: `mcpw_signin=${cookies(r).get('mcpw_signin') ?? ''}` };
}

export async function postSignIn(base: string, token: string, f?: { csrf: string; cookie: string }): Promise<Reply> {
  const form = f ?? (await signInForm(base));
  return req(`${base}/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    body: new URLSearchParams({ token, csrf: form.csrf, next: '/' }).toString(),
  });
}

/** Signs in; returns the Cookie header value of the session. */
export async function signIn(base: string, token: string): Promise<string> {
  const r = await postSignIn(base, token);
  const id = cookies(r).get('mcpw_session');
  if (r.status !== 303 || !id) throw new Error(`sign-in failed: HTTP ${r.status}`);
  return `mcpw_session=${id}`;
}

/** Every page and a few filtered views (the bench and the tests use the same list). */
export const PAGE_URLS: [string, string][] = [
  ['overview', '/'],
  ['drift 30 days', '/drift'],
  ['drift 90 days by severity, high+', '/drift?days=90&by=severity&severity=high'],
  ['servers (unapproved)', '/servers'],
  ['servers (any, by since)', '/servers?finding=any&sort=since&dir=asc'],
  ['devices', '/devices'],
  ['devices not compliant, by check-in, page 3', '/devices?status=noncompliant&sort=lastSeen&dir=desc&page=3&per=25'],
  ['devices search + version', '/devices?q=dev-01&version=8'],
  ['devices with a server finding', '/devices?server=gh-unofficial&sort=open&dir=desc'],
  ['device detail', '/device?id=dev-00040'],
  ['device detail, kind filter', '/device?id=dev-00040&kind=server.unapproved'],
  ['policy versions', '/policies'],
  ['devices CSV (all 2000)', '/devices?format=csv'],
];
