// A small npm registry on 127.0.0.1 for the approval tests: packuments, the signing-keys
// endpoint, and real ECDSA P-256 signatures made with a key generated per test run (the
// registry's own scheme: over `${name}@${version}:${integrity}`). npm itself talks to it
// (`npm_config_registry`), so `npm view` and `npm install --package-lock-only` are real.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeVersion {
  version: string;
  published: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  maintainers?: string[];
  deprecated?: string;
  provenance?: boolean;
  /** Sign over another integrity (a forged signature). */
  badSignature?: boolean;
  unsigned?: boolean;
}

export interface FakeRegistry {
  url: string;
  keyid: string;
  requests: string[];
  add(name: string, versions: FakeVersion[]): void;
  close(): Promise<void>;
}

function integrityOf(name: string, version: string): string {
  return `sha512-${crypto.createHash('sha512').update(`${name}@${version}`).digest('base64')}`;
}

export async function startFakeRegistry(): Promise<FakeRegistry> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyid = `SHA256:${crypto.createHash('sha256').update(der).digest('base64')}`;
  const packuments = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(url);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url === '/-/npm/v1/keys')
      return send(200, {
        keys: [{ expires: null, keyid, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key: der.toString('base64') }],
      });
    const p = packuments.get(url.slice(1));
    return p ? send(200, p) : send(404, { error: 'Not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    keyid,
    requests,
    add(name, versions) {
      const time: Record<string, string> = {};
      const vs: Record<string, unknown> = {};
      for (const v of versions) {
        const integrity = integrityOf(name, v.version);
        const signed = v.badSignature ? integrityOf(name, `${v.version}-other`) : integrity;
        const sig = crypto.sign('sha256', Buffer.from(`${name}@${v.version}:${signed}`), privateKey).toString('base64');
        time[v.version] = v.published;
        vs[v.version] = {
          name,
          version: v.version,
          description: `test package ${name}`,
          scripts: v.scripts ?? {},
          dependencies: v.dependencies ?? {},
          ...(v.scripts && (v.scripts.install || v.scripts.postinstall || v.scripts.preinstall) ? { hasInstallScript: true } : {}),
          ...(v.maintainers ? { maintainers: v.maintainers.map((m) => ({ name: m, email: `${m}@example.com` })) } : {}),
          ...(v.deprecated ? { deprecated: v.deprecated } : {}),
          dist: {
            integrity,
            tarball: `${base}${name}/-/${name.split('/').pop()}-${v.version}.tgz`,
            ...(v.unsigned ? {} : { signatures: [{ keyid, sig }] }),
            ...(v.provenance
              ? {
                  attestations: {
                    url: `${base}-/npm/v1/attestations/${name}@${v.version}`,
                    provenance: { predicateType: 'https://slsa.dev/provenance/v1' },
                  },
                }
              : {}),
          },
        };
      }
      const latest = versions[versions.length - 1].version;
      packuments.set(name, {
        _id: name,
        name,
        'dist-tags': { latest },
        versions: vs,
        time: { created: versions[0].published, modified: versions[versions.length - 1].published, ...time },
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export { integrityOf };
