// Transport rules for everything the agent fetches or sends: TLS always verified, plain
// http:// only to loopback (tests, the quickstart), bodies size-capped.
import * as net from 'node:net';
import { InputError } from '../errors';

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Throws USAGE unless `url` is https://, or http:// to a loopback address. */
export function assertSecureUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError({ code: 'USAGE', message: `${what}: not a URL: ${raw}` });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new InputError({
    code: 'USAGE',
    message: `${what}: ${url.protocol}//${url.host} refused: use https:// (plain http is only allowed to loopback addresses)`,
  });
}
