// A rule's `network.allowedDomains` as the egress proxy applies it. Pure.
//   api.example.com        that host, any port
//   api.example.com:443    that host, that port
//   *.example.com          any host below example.com (not example.com itself), any port
//   127.0.0.1:5432         an IP literal: only ever matched when named exactly; a loopback
//                          one with a port is also forwarded raw (not only through the proxy)
// Matching is on the name the client asked for; the proxy resolves it. A name matched only
// by a wildcard must resolve to public addresses: otherwise any name under a wildcard that
// someone points at 127.0.0.1 or 10.x (DNS rebinding) would open the developer's local
// services. A host named exactly may resolve anywhere: the admin named it.
import * as net from 'node:net';

export interface DomainRule {
  /** Lowercase, no trailing dot; the suffix without `*.` for a wildcard. */
  host: string;
  wildcard: boolean;
  /** Absent: any port. */
  port?: number;
  ip: boolean;
}

export interface EgressPolicy {
  rules: DomainRule[];
  /** 127.0.0.1 ports named exactly: forwarded raw into the sandbox's own 127.0.0.1. */
  rawPorts: number[];
}

/** How a host was allowed: named exactly, or only through a wildcard. */
export type HostMatch = 'exact' | 'wildcard';

export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** One allowedDomains entry, or undefined when it is not one (the schema refuses those). */
export function parseDomainRule(entry: string): DomainRule | undefined {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(entry.trim());
  if (!m?.[1]) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  const raw = m[1];
  const wildcard = raw.startsWith('*.');
  const host = normalizeHost(wildcard ? raw.slice(2) : raw);
  if (!host || host.includes('*')) return undefined;
  const ip = net.isIP(host) !== 0;
  if (ip && wildcard) return undefined;
  return { host, wildcard, ip, ...(port === undefined ? {} : { port }) };
}

export function egressPolicy(allowedDomains: readonly string[]): EgressPolicy {
  const rules = allowedDomains.map(parseDomainRule).filter((r): r is DomainRule => r !== undefined);
  const rawPorts = [
    ...new Set(rules.filter((r) => r.ip && r.host === '127.0.0.1' && r.port !== undefined).map((r) => r.port as number)),
  ].sort((a, b) => a - b);
  return { rules, rawPorts };
}

/** Whether `host:port` (as the client asked for it) is allowed, and how. */
export function matchHost(policy: EgressPolicy, host: string, port: number): HostMatch | undefined {
  const h = normalizeHost(host);
  const isIp = net.isIP(h) !== 0;
  let best: HostMatch | undefined;
  for (const r of policy.rules) {
    if (r.port !== undefined && r.port !== port) continue;
    if (r.ip !== isIp) continue;
    if (!r.wildcard && r.host === h) return 'exact';
    if (r.wildcard && h.endsWith(`.${r.host}`)) best = 'wildcard';
  }
  return best;
}

/** Addresses a name reached only through a wildcard may not resolve to. */
const NON_PUBLIC = ((): net.BlockList => {
  const b = new net.BlockList();
  for (const [a, p] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const) {
    b.addSubnet(a, p, 'ipv4');
  }
  for (const [a, p] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const) {
    b.addSubnet(a, p, 'ipv6');
  }
  return b;
})();

/** Loopback, private, link-local, CGNAT, multicast, unspecified (IPv4-mapped IPv6 as IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const a = normalizeHost(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped?.[1]) return NON_PUBLIC.check(mapped[1], 'ipv4');
  const family = net.isIP(a);
  if (family === 0) return true;
  return NON_PUBLIC.check(a, family === 4 ? 'ipv4' : 'ipv6');
}
