// What the registry says about one npm version, read from `npm view --json` and the
// lockfile of its dependency tree. Pure: shapes checked here, nothing fetched.
import { ApprovalError } from './errors';

export interface NpmSignature {
  keyid: string;
  sig: string;
}

export interface NpmFacts {
  name: string;
  version: string;
  integrity: string;
  /** ISO publish time of this version, when the registry says. */
  published?: string;
  /** Every published version, oldest first (by publish time where known). */
  versions: string[];
  latest?: string;
  deprecated?: string;
  /** The package's own lifecycle scripts that run on install. */
  installScripts: Record<string, string>;
  /** Has a binding.gyp (npm runs node-gyp rebuild on install). */
  gyp: boolean;
  maintainers?: string[];
  signatures: NpmSignature[];
  /** The registry lists a provenance attestation for this version. */
  provenance: boolean;
  description?: string;
}

export interface TreeFacts {
  /** Packages in the installed tree, the server itself excluded. */
  dependencies: number;
  /** Packages of the tree that run install scripts (lockfile `hasInstallScript`). */
  withInstallScripts: string[];
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function invalid(message: string): never {
  throw new ApprovalError({ code: 'REGISTRY_RESPONSE_INVALID', message });
}

function people(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v
    .map((p) =>
      typeof p === 'string' ? p.replace(/\s*<.*$/, '') : typeof obj(p)?.name === 'string' ? (obj(p)!.name as string) : undefined,
    )
    .filter((x): x is string => typeof x === 'string' && x !== '');
  return [...new Set(out)].sort();
}

/** Facts from `npm view NAME@VERSION --json` (an object; npm prints an array when a spec matches several). */
export function npmFacts(view: unknown, asked: { name: string; version?: string }): NpmFacts {
  const v = obj(Array.isArray(view) ? view[view.length - 1] : view);
  if (!v) invalid(`npm view ${asked.name}: not an object`);
  const err = obj(v.error);
  if (err) {
    const summary = typeof err.summary === 'string' ? err.summary : 'not found';
    throw new ApprovalError({ code: 'VERSION_NOT_FOUND', message: `${asked.name}${asked.version ? `@${asked.version}` : ''}: ${summary}` });
  }
  const name = v.name;
  const version = v.version;
  if (name !== asked.name) invalid(`npm view ${asked.name}: the registry answered for "${String(name)}"`);
  if (typeof version !== 'string' || (asked.version !== undefined && version !== asked.version)) {
    invalid(`npm view ${asked.name}@${asked.version ?? 'latest'}: the registry answered version "${String(version)}"`);
  }
  const dist = obj(v.dist) ?? {};
  const integrity = dist.integrity;
  if (typeof integrity !== 'string' || !/^sha512-[A-Za-z0-9+/]{86}==$/.test(integrity)) {
    invalid(`${name}@${version}: the registry gives no sha512 integrity (dist.integrity); it cannot be pinned`);
  }
  const time = obj(v.time) ?? {};
  const listed = Array.isArray(v.versions) ? v.versions.filter((x): x is string => typeof x === 'string') : [version];
  const at = (x: string): number => (typeof time[x] === 'string' ? Date.parse(time[x]) : NaN);
  const versions = [...listed].sort((a, b) => (at(a) || 0) - (at(b) || 0));
  const scripts = obj(v.scripts) ?? {};
  const installScripts: Record<string, string> = {};
  for (const s of INSTALL_SCRIPTS) if (typeof scripts[s] === 'string') installScripts[s] = scripts[s];
  const sigs = Array.isArray(dist.signatures) ? dist.signatures : [];
  const signatures = sigs
    .map(obj)
    .filter((s): s is Record<string, unknown> => Boolean(s) && typeof s!.keyid === 'string' && typeof s!.sig === 'string')
    .map((s) => ({ keyid: s.keyid as string, sig: s.sig as string }));
  const att = obj(dist.attestations);
  const latest = obj(v['dist-tags'])?.latest;
  return {
    name,
    version,
    integrity,
    // A time that does not parse is no time: the review then says so, never "NaN days ago, ok".
    published: Number.isFinite(at(version)) ? (time[version] as string) : undefined,
    versions,
    latest: typeof latest === 'string' ? latest : undefined,
    deprecated: typeof v.deprecated === 'string' && v.deprecated !== '' ? v.deprecated : undefined,
    installScripts,
    gyp: v.gypfile === true || /node-gyp rebuild/.test(installScripts.install ?? ''),
    maintainers: people(v.maintainers),
    signatures,
    provenance: Boolean(att && obj(att.provenance)),
    description: typeof v.description === 'string' ? v.description.slice(0, 300) : undefined,
  };
}

/** Facts from a lockfile v2/v3 of a tree whose only direct dependency is the server. */
export function treeFacts(lock: unknown, serverName: string): TreeFacts {
  const packages = obj(obj(lock)?.packages);
  if (!packages) invalid('package-lock.json: no "packages" (lockfile v2 or later expected)');
  let dependencies = 0;
  const withInstallScripts: string[] = [];
  for (const [where, meta] of Object.entries(packages)) {
    if (where === '' || !where.includes('node_modules/')) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (where === `node_modules/${serverName}`) continue;
    dependencies++;
    if (obj(meta)?.hasInstallScript === true) withInstallScripts.push(name);
  }
  return { dependencies, withInstallScripts: [...new Set(withInstallScripts)].sort() };
}
