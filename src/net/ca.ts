// Which CAs a TLS connection trusts: Node's bundled roots, plus the OS bundle (Linux and
// the BSDs keep one PEM file; Node 20 has no --use-system-ca to read it), plus the
// organisation's CA (`network.caFile`, and `report.caFile` as before), plus
// NODE_EXTRA_CA_CERTS (Node adds it to its default store, but an explicit `ca` list
// replaces that store, so it is read here too). Never fewer roots than Node's own.
//
// macOS and Windows keep their roots in the Keychain / the certificate store, which Node
// 20 cannot read: there the org CA must be given as a PEM file (docs/agent-config.md).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import { NetError } from './errors';

/** Bytes: the Debian bundle is ~220 KB. */
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;

/** Where Linux distributions and the BSDs keep the system bundle (Go's crypto/x509 list). */
export const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Arch, Gentoo
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL 6
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // RHEL 7+
  '/etc/ssl/cert.pem', // Alpine, FreeBSD, OpenBSD, macOS (a copy of the system roots)
];

const PEM_RE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

export function pemCertificates(text: string): string[] {
  return text.match(PEM_RE) ?? [];
}

function readBundle(file: string, what: string): string[] {
  let text: string | undefined;
  let size = 0;
  try {
    size = fs.statSync(file).size;
    if (size <= MAX_BUNDLE_BYTES) text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new NetError({ code: 'CA_UNREADABLE', message: `${what} ${file}: ${(e as Error).message}`, file, cause: e });
  }
  if (text === undefined)
    throw new NetError({ code: 'CA_UNREADABLE', message: `${what} ${file}: ${size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit`, file });
  const certs = pemCertificates(text);
  if (certs.length === 0) throw new NetError({ code: 'CA_UNREADABLE', message: `${what} ${file} holds no PEM certificate`, file });
  return certs;
}

export interface CaSettings {
  /** Org CA bundles (network.caFile, report.caFile). */
  caFiles?: readonly string[];
  /** Read the OS bundle. Default true. */
  systemCa?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Test seam: the candidate OS bundle paths. */
  systemBundles?: readonly string[];
}

/** The OS bundle's certificates (first file that exists), or none. */
export function systemCertificates(paths: readonly string[] = SYSTEM_BUNDLES): string[] {
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    try {
      return readBundle(p, 'system CA bundle');
    } catch {
      // An unreadable system bundle is not ours to fix: Node's roots still apply.
      continue;
    }
  }
  return [];
}

const contexts = new Map<string, tls.SecureContext>();
/** Per CA list object: a NetSettings is made once and used for many requests, so no re-hashing. */
const byList = new WeakMap<readonly string[], tls.SecureContext>();

/** Every trusted CA as PEM, deduplicated. Throws NetError CA_UNREADABLE for an org file. */
export function trustedCas(s: CaSettings): string[] {
  const out = new Set<string>(tls.rootCertificates);
  if (s.systemCa !== false) for (const c of systemCertificates(s.systemBundles)) out.add(c);
  const extra = (s.env ?? process.env).NODE_EXTRA_CA_CERTS;
  if (extra) {
    try {
      for (const c of readBundle(extra, 'NODE_EXTRA_CA_CERTS')) out.add(c);
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we (by ignoring it).
    }
  }
  for (const f of s.caFiles ?? []) for (const c of readBundle(f, 'CA file')) out.add(c);
  return [...out];
}

/** One SecureContext per distinct CA set: building one from ~300 roots costs milliseconds. */
export function secureContextFor(cas: readonly string[]): tls.SecureContext {
  const known = byList.get(cas);
  if (known) return known;
  const key = crypto.createHash('sha256').update(cas.join('\n')).digest('hex');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: [...cas] });
    contexts.set(key, ctx);
  }
  byList.set(cas, ctx);
  return ctx;
}
