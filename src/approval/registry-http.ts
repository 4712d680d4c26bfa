// GET of one small JSON document (the registry's signing keys) over npm's own network
// settings: `https-proxy` / `proxy`, then HTTPS_PROXY / HTTP_PROXY / PROXY as npm's agent
// reads them; `noproxy` / NO_PROXY; `cafile` / `ca`. Why not Node's fetch: it honours none
// of these, so behind a corporate proxy or a TLS-inspecting CA the keys were never read and
// every signature came out "not checked". This file decides what npm would (pure); the
// request itself goes through src/net/http.ts, the one HTTP client. No SOCKS, no client
// certificates, no registry credentials (docs/allowlist.md says so).
import { trustedCas } from '../net/ca';
import type { NetErrorCode } from '../net/errors';
import { httpRequest } from '../net/http';
import type { NetSettings } from '../net/settings';
import { ApprovalError } from './errors';

export interface NetConfig {
  /** npm's `https-proxy`, else `proxy` (npm uses the first for every request). */
  proxy?: string;
  noProxy?: string;
  /** PEM certificates from `ca` / `cafile`: they replace the default roots, as in npm. */
  ca?: string[];
  /** npm's `strict-ssl`: read only to explain a TLS failure; verification is never turned off. */
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
  const fromEnv =
    target.protocol === 'https:'
      ? envValue(env, 'https_proxy')
      : (envValue(env, 'https_proxy') ?? envValue(env, 'http_proxy') ?? envValue(env, 'proxy'));
  const proxy = cfg.proxy ?? fromEnv;
  if (!proxy || isNoProxy(target.hostname, cfg.noProxy ?? envValue(env, 'no_proxy'))) return undefined;
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw new ApprovalError({ code: 'SPEC_INVALID', message: "npm's proxy setting is not a URL" });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw unavailable(`proxy ${url.protocol}// is not supported here (http or https proxies only)`);
  return url;
}

export interface GetOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxBytes: number;
}

/** What the network outcome means, in words; a refused CONNECT says so. */
function networkWords(code: string, net: NetErrorCode): string {
  if ((net === 'PROXY_AUTH_REQUIRED' || net === 'PROXY_REFUSED') && /^HTTP \d+$/.test(code))
    return `the proxy refused the tunnel (${code})`;
  if (code === 'HTTP_407') return 'the proxy refused the request (HTTP 407)';
  return code;
}

/**
 * GET `url` as JSON with npm's proxy choice and CAs, on the project's one HTTP client
 * (src/net/http.ts: size cap while streaming, whole-exchange timeout, no redirects, TLS
 * always verified). npm's `strict-ssl=false` is not followed: the answer decides what gets
 * pinned, so an unverified one is worth nothing; a TLS failure says to give npm the CA.
 * Errors never show proxy credentials.
 */
export async function getJson(url: string, cfg: NetConfig, o: GetOptions): Promise<unknown> {
  const target = new URL(url);
  const shown = `${target.origin}${target.pathname}`;
  const proxy = proxyFor(target, cfg, o.env);
  const viaProxy = proxy ? ` via proxy ${proxy.host}` : '';
  // npm's `ca` replaces the default roots; without it, Node's roots and the OS bundle.
  const settings: NetSettings = { proxy: { proxy: proxy ? proxy.href : 'direct', env: {} }, cas: cfg.ca ?? trustedCas({ env: o.env }) };
  const res = await httpRequest({
    url: target,
    method: 'GET',
    headers: { 'user-agent': 'mcp-warden' },
    net: settings,
    timeoutMs: o.timeoutMs,
    maxResponseBytes: o.maxBytes,
  });
  if (res.kind === 'network') {
    const hint =
      res.tls && !cfg.strictSsl
        ? " (npm's strict-ssl=false is not followed here: set npm's cafile to the CA that signs this registry's certificate)"
        : '';
    throw unavailable(`GET ${shown}${viaProxy}: ${networkWords(res.code, res.net)}${hint}`);
  }
  if (res.kind === 'too_large') throw new ApprovalError({ code: 'REGISTRY_RESPONSE_INVALID', message: `GET ${shown}: answer too large` });
  if (res.status !== 200) throw unavailable(`GET ${shown}${viaProxy}: HTTP ${res.status}`);
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown;
  } catch (e) {
    throw new ApprovalError({ code: 'REGISTRY_RESPONSE_INVALID', message: `GET ${shown}: not JSON`, cause: e });
  }
}
