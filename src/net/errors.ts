// Why an outbound request failed, when the network (not the server) is the reason. Each
// code names one cause an admin can act on; `status` prints them (docs/agent-config.md).
import { ExitCode, exitFor, WardenError, type ErrorOptions, type ExitTable } from '../errors';

export type NetErrorCode =
  /** The proxy answered CONNECT with 407: it wants (other) credentials. */
  | 'PROXY_AUTH_REQUIRED'
  /** The proxy answered CONNECT with another non-2xx status (policy, unknown host, …). */
  | 'PROXY_REFUSED'
  /** The proxy itself cannot be reached (refused, DNS, timeout). */
  | 'PROXY_UNREACHABLE'
  /** The proxy setting is not a usable http(s):// URL. */
  | 'PROXY_INVALID'
  /** Through a proxy, the server's certificate is not from a trusted CA: the proxy most likely intercepts TLS. */
  | 'TLS_INTERCEPTED'
  /** Directly, the server's certificate is not from a trusted CA (unknown issuer, self-signed). */
  | 'TLS_UNTRUSTED'
  /** The certificate does not name the host. */
  | 'TLS_HOSTNAME'
  /** The certificate has expired or is not yet valid. */
  | 'TLS_EXPIRED'
  /** Another TLS failure (protocol, handshake). */
  | 'TLS_ERROR'
  /** The server cannot be reached (refused, reset, DNS). */
  | 'UNREACHABLE'
  /** No answer in time. */
  | 'TIMEOUT'
  /** A CA bundle (network.caFile, report.caFile) cannot be read or holds no certificate. */
  | 'CA_UNREADABLE';

const EXIT: ExitTable<NetErrorCode> = { default: ExitCode.UNAVAILABLE, CA_UNREADABLE: ExitCode.USAGE, PROXY_INVALID: ExitCode.USAGE };

export class NetError extends WardenError<NetErrorCode> {
  constructor(opts: ErrorOptions<NetErrorCode>) {
    super({ exitCode: exitFor(EXIT, opts.code), ...opts });
  }
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** An errno / OpenSSL code → our code. `viaProxy`: the connection went through a CONNECT tunnel. */
export function classifyNetCode(code: string, viaProxy: boolean): NetErrorCode {
  if (UNTRUSTED.has(code)) return viaProxy ? 'TLS_INTERCEPTED' : 'TLS_UNTRUSTED';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'TLS_HOSTNAME';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'TLS_EXPIRED';
  if (/CERT|SSL|TLS|ERR_SSL/.test(code)) return 'TLS_ERROR';
  if (code === 'ETIMEDOUT') return 'TIMEOUT';
  return 'UNREACHABLE';
}

/** One line an admin can act on, for `status` and logs. */
export function netHint(code: NetErrorCode, proxy?: string): string {
  switch (code) {
    case 'PROXY_AUTH_REQUIRED':
      return `the proxy ${proxy ?? ''} requires authentication (HTTP 407): put credentials in network.proxy or HTTPS_PROXY (http://user:pass@host:port)`;
    case 'PROXY_REFUSED':
      return `the proxy ${proxy ?? ''} refused to open a tunnel to the server`;
    case 'PROXY_UNREACHABLE':
      return `the proxy ${proxy ?? ''} cannot be reached: check network.proxy / HTTPS_PROXY`;
    case 'PROXY_INVALID':
      return 'the proxy setting is not an http(s)://host:port URL';
    case 'TLS_INTERCEPTED':
      return `TLS interception: through the proxy ${proxy ?? ''} the server presented a certificate from an untrusted CA; add the proxy's CA with network.caFile`;
    case 'TLS_UNTRUSTED':
      return 'the server certificate is from an unknown or self-signed CA: add the CA with network.caFile';
    case 'TLS_HOSTNAME':
      return 'the server certificate does not name this host';
    case 'TLS_EXPIRED':
      return 'the server certificate has expired or is not yet valid (check the clock)';
    case 'TLS_ERROR':
      return 'the TLS handshake failed';
    case 'UNREACHABLE':
      return 'the server cannot be reached';
    case 'TIMEOUT':
      return 'no answer in time';
    case 'CA_UNREADABLE':
      return 'a CA bundle cannot be read';
  }
}
