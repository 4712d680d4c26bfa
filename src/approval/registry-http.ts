// GET of one small JSON document (the registry's signing keys) over npm's own network
// settings: `https-proxy` / `proxy`, then HTTPS_PROXY / HTTP_PROXY / PROXY as npm's agent
// reads them; `noproxy` / NO_PROXY; `cafile` / `ca`; `strict-ssl`. Why not Node's fetch: it
// honours none of these, so behind a corporate proxy or a TLS-inspecting CA the keys were
// never read and every signature came out "not checked". Only what this one request needs:
// http(s) proxies (CONNECT for https targets, basic proxy auth from the proxy URL). No
// SOCKS, no client certificates, no registry credentials (docs/allowlist.md says so).
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ApprovalError } from './errors';

export interface NetConfig {
  /** npm's `https-proxy`, else `proxy` (npm uses the first for every request). */
  proxy?: string;
  noProxy?: string;
  /** PEM certificates from `ca` / `cafile`: they replace the default roots, as in npm. */
  ca?: string[];
  strictSsl: boolean;
}

/** The npm config keys `netConfig` reads (one `npm config get` call). */
export const NPM_NET_KEYS = ['https-proxy', 'proxy', 'noproxy', 'cafile', 'ca', 'strict-ssl'] as const;

const PEM_RE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function unavailable(message: string, cause?: unknown): ApprovalError {
  return new ApprovalError({ code: 'REGISTRY_UNAVAILABLE', message, cause });
}

/** `npm config get K1 K2 …` prints `K=V` lines (a PEM `ca` runs over several lines). */
export function parseConfigGet(text: string, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let current: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const key = keys.find((k) => line.startsWith(`${k}=`));
    if (key !== undefined) {
      current = key;
      out[key] = line.slice(key.length + 1);
    } else if (current !== undefined && line !== '') {
      out[current] += `\n${line}`;
    }
  }
  for (const k of Object.keys(out)) if (out[k] === 'null' || out[k] === 'undefined') out[k] = '';
  return out;
}

/** npm's network settings from its config values; `readFile` reads the cafile. */
export function netConfig(values: Record<string, string>, readFile: (file: string) => string): NetConfig {
  const cfg: NetConfig = { strictSsl: values['strict-ssl'] !== 'false' };
  // `proxy=false` in npm does not turn the environment's proxy off either.
  const set = (v: string | undefined): string | undefined => (v && v !== 'false' ? v : undefined);
  const proxy = set(values['https-proxy']) ?? set(values.proxy);
  if (proxy) cfg.proxy = proxy;
  if (values.noproxy) cfg.noProxy = values.noproxy;
  // npm's `ca` may carry its newlines escaped (`\n`) when it comes from an .npmrc line.
  const pems: string[] = [...((values.ca ?? '').replace(/\\n/g, '\n').match(PEM_RE) ?? [])];
  if (pems.length === 0 && values.cafile) {
    let text: string;
    try {
      text = readFile(values.cafile);
    } catch (e) {
      throw unavailable(`npm's cafile ${values.cafile} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, e);
    }
    pems.push(...(text.match(PEM_RE) ?? []));
    if (pems.length === 0) throw unavailable(`npm's cafile ${values.cafile} holds no PEM certificate`);
  }
  if (pems.length > 0) cfg.ca = pems;
  return cfg;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  // npm's agent lower-cases the variable names; either spelling counts.
  return env[name] || env[name.toUpperCase()] || undefined;
}

/** @npmcli/agent's NO_PROXY rule: a host matches when it ends with the entry's labels. */
function isNoProxy(hostname: string, noProxy: string | undefined): boolean {
  const host = hostname.split('.').reverse();
  return (noProxy ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .some((entry) => {
      const labels = entry.split('.').filter(Boolean).reverse();
      return labels.length > 0 && labels.every((l, i) => host[i] === l);
    });
}

/** The proxy npm would use for `target`, if any. Pure. */
export function proxyFor(target: URL, cfg: NetConfig, env: NodeJS.ProcessEnv): URL | undefined {
  const fromEnv = target.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'https_proxy') ?? envValue(env, 'http_proxy') ?? envValue(env, 'proxy');
  const proxy = cfg.proxy ?? fromEnv;
  if (!proxy || isNoProxy(target.hostname, cfg.noProxy ?? envValue(env, 'no_proxy'))) return undefined;
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw new ApprovalError({ code: 'SPEC_INVALID', message: 'npm\'s proxy setting is not a URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw unavailable(`proxy ${url.protocol}// is not supported here (http or https proxies only)`);
  return url;
}

export interface GetOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxBytes: number;
}

/** GET `url` as JSON through npm's proxy and CA. Errors never show proxy credentials. */
export function getJson(url: string, cfg: NetConfig, o: GetOptions): Promise<unknown> {
  const target = new URL(url);
  const shown = `${target.origin}${target.pathname}`;
  const proxy = proxyFor(target, cfg, o.env);
  const tlsOpts = { ca: cfg.ca, rejectUnauthorized: cfg.strictSsl };
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'mcp-warden' };
  const proxyAuth = proxy?.username ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` : undefined;
  const viaProxy = proxy ? ` via proxy ${proxy.host}` : '';
  return new Promise((resolve, reject) => {
    const sockets: Array<{ destroy(): void }> = [];
    const fail = (e: ApprovalError): void => {
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(unavailable(`GET ${shown}${viaProxy}: timed out`)), o.timeoutMs);
    const onResponse = (res: http.IncomingMessage): void => {
      if (res.statusCode !== 200) {
        res.resume();
        return fail(unavailable(`GET ${shown}${viaProxy}: HTTP ${res.statusCode}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (b: Buffer) => {
        size += b.length;
        if (size > o.maxBytes) fail(new ApprovalError({ code: 'REGISTRY_RESPONSE_INVALID', message: `GET ${shown}: answer too large` }));
        else chunks.push(b);
      });
      res.on('end', () => {
        if (size > o.maxBytes) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch (e) {
          reject(new ApprovalError({ code: 'REGISTRY_RESPONSE_INVALID', message: `GET ${shown}: not JSON`, cause: e }));
        }
      });
    };
    const onError = (e: Error): void => fail(unavailable(`GET ${shown}${viaProxy}: ${(e as NodeJS.ErrnoException).code ?? e.message}`, e));
    const send = (req: http.ClientRequest): void => {
      sockets.push(req);
      req.on('error', onError);
      req.end();
    };
    const secure = target.protocol === 'https:';
    if (!proxy) {
      send((secure ? https : http).request(target, { headers, ...(secure ? tlsOpts : {}) }, onResponse));
      return;
    }
    const proxyMod = proxy.protocol === 'https:' ? https : http;
    const proxyBase = { host: proxy.hostname, port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80), ...(proxy.protocol === 'https:' ? tlsOpts : {}) };
    const auth: Record<string, string> = proxyAuth ? { 'proxy-authorization': proxyAuth } : {};
    if (!secure) {
      // A plain-HTTP registry through the proxy: the absolute URL on the request line.
      send(proxyMod.request({ ...proxyBase, path: target.href, headers: { ...headers, ...auth, host: target.host } }, onResponse));
      return;
    }
    const authority = `${target.hostname}:${target.port || 443}`;
    const connect = proxyMod.request({ ...proxyBase, method: 'CONNECT', path: authority, headers: { ...auth, host: authority } });
    connect.on('connect', (res: http.IncomingMessage, socket) => {
      sockets.push(socket);
      if (res.statusCode !== 200) return fail(unavailable(`GET ${shown}${viaProxy}: the proxy refused the tunnel (HTTP ${res.statusCode})`));
      // `host` is what the certificate is checked against; SNI only for names, not IPs.
      const tunnel = tls.connect({ socket, host: target.hostname, servername: net.isIP(target.hostname) ? undefined : target.hostname, ...tlsOpts });
      sockets.push(tunnel);
      send(https.request(target, { headers, createConnection: () => tunnel }, onResponse));
    });
    send(connect);
  });
}
