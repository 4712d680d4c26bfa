// Which proxy a request goes through, from the agent config and the environment the way
// curl and npm read it. Pure (the environment is passed in), so every rule is unit-tested.
//
// Precedence: `network.proxy` (`direct` = none), then HTTPS_PROXY / https_proxy for
// https:// URLs, HTTP_PROXY / http_proxy for http:// ones (lowercase wins, as in curl).
// Bypass: `network.noProxy` if set, else NO_PROXY / no_proxy. Loopback is not bypassed
// implicitly: list it in NO_PROXY like any other host.
import * as net from 'node:net';

export interface ProxySettings {
  /** network.proxy */
  proxy?: string;
  /** network.noProxy */
  noProxy?: readonly string[];
  env: NodeJS.ProcessEnv;
}

function envVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** A proxy URL as written (`host:port` alone means http://host:port); undefined when unusable. */
export function parseProxyUrl(raw: string): URL | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(text);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    if (!u.hostname) return undefined;
    return u;
  } catch {
    return undefined;
  }
}

function noProxyList(s: ProxySettings): string[] {
  if (s.noProxy) return [...s.noProxy];
  return (envVar(s.env, 'no_proxy') ?? '').split(/[\s,]+/).filter(Boolean);
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** NO_PROXY matching as curl does it: `*`, exact host, domain suffix (`example.com`, `.example.com`, `*.example.com`), IP, optional `:port`. */
export function bypassesProxy(url: URL, entries: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || defaultPort(url.protocol);
  for (const raw of entries) {
    let e = raw.trim().toLowerCase();
    if (e === '') continue;
    if (e === '*') return true;
    let ePort: string | undefined;
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(e);
    if (m && !net.isIPv6(e)) {
      e = m[1] ?? e;
      ePort = m[2];
    }
    e = e.replace(/^\[|\]$/g, '');
    if (ePort !== undefined && ePort !== port) continue;
    if (net.isIP(e) || net.isIP(host)) {
      if (e === host) return true;
      continue;
    }
    const domain = e.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

export type ProxyChoice = { kind: 'direct' } | { kind: 'proxy'; url: URL; from: string } | { kind: 'invalid'; from: string };

/** The proxy for `url`, with where the setting came from (for status messages). */
export function proxyFor(url: URL, s: ProxySettings): ProxyChoice {
  let raw: string | undefined;
  let from: string;
  if (s.proxy !== undefined) {
    if (s.proxy === 'direct') return { kind: 'direct' };
    raw = s.proxy;
    from = 'network.proxy';
  } else if (url.protocol === 'https:') {
    raw = envVar(s.env, 'https_proxy');
    from = s.env.https_proxy ? 'https_proxy' : 'HTTPS_PROXY';
  } else {
    // http_proxy only lowercase in curl (HTTP_PROXY is attacker-settable in CGI); we run
    // no CGI, and npm reads both, so both are read.
    raw = envVar(s.env, 'http_proxy');
    from = s.env.http_proxy ? 'http_proxy' : 'HTTP_PROXY';
  }
  if (raw === undefined) return { kind: 'direct' };
  if (bypassesProxy(url, noProxyList(s))) return { kind: 'direct' };
  const parsed = parseProxyUrl(raw);
  return parsed ? { kind: 'proxy', url: parsed, from } : { kind: 'invalid', from };
}

/** `http://host:port`: a proxy named in messages, never with its credentials. */
export function proxyLabel(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

/** `Basic …` from the proxy URL's user info, or undefined. */
export function proxyAuthorization(u: URL): string | undefined {
  if (!u.username && !u.password) return undefined;
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}
