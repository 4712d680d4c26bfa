// `mcp-warden credentials list | set | delete`: what was moved, rotating a value, removing
// one. Names, servers, files and accounts only: values never leave the keychain here
// except into it.
import type { SecretStore } from './keychain/store';
import type { Scope } from '../policy/types';
import type { ClientId } from '../policy/client-ids';
import { indexAccount, launchBindings, parseAccount, secretAccount, type Binding, type SecretLocation } from './account';
import { storeSecrets } from './migrate';
import { CredentialError } from './errors';
import { parseManifest, type CredentialManifest } from './manifest';

export interface MovedSecret {
  location: SecretLocation;
  name: string;
  account: string;
  /** The keychain holds a value for it. */
  present: boolean;
}

export interface MovedServer {
  serverId: string;
  /** Another client's secrets (src/clients); absent: Claude Code. */
  client?: ClientId;
  scope: Scope;
  configHome: string;
  project?: string;
  entryName: string;
  file: string;
  updatedAt: string;
  secrets: MovedSecret[];
}

/** Every binding with a manifest, with the presence of each secret. */
export async function listMoved(store: SecretStore): Promise<MovedServer[]> {
  const accounts = await store.list();
  const present = new Set(accounts);
  const out: MovedServer[] = [];
  for (const account of accounts) {
    const parsed = parseAccount(account);
    if (parsed?.location !== 'index') continue;
    const m = parseManifest(await store.get(account));
    if (!m) continue;
    const b = parsed.binding;
    const secrets: MovedSecret[] = [];
    for (const location of ['env', 'args', 'headers'] as const) {
      for (const name of m[location]) {
        const acct = secretAccount(b, location, name);
        secrets.push({ location, name, account: acct, present: present.has(acct) });
      }
    }
    const s: MovedServer = {
      serverId: m.serverId,
      scope: m.scope,
      configHome: m.configHome,
      entryName: m.entryName,
      file: m.file,
      updatedAt: m.updatedAt,
      secrets,
    };
    if (m.project !== undefined) s.project = m.project;
    if (b.client !== undefined) s.client = b.client;
    out.push(s);
  }
  const key = (x: MovedServer): string => `${x.serverId}|${x.client ?? ''}|${x.scope}|${x.project ?? ''}`;
  return out.sort((a, b) => key(a).localeCompare(key(b)));
}

export interface Target {
  serverId: string;
  scope: Scope;
  configHome: string;
  /** Folder to start from for local/project scope (searched upwards, like exec). */
  projectDir: string;
  /** Another client's secrets (`--client`); absent: Claude Code. */
  client?: ClientId;
}

/** The migrated binding for a target, or NOT_FOUND. */
export async function findTarget(store: SecretStore, t: Target): Promise<{ binding: Binding; manifest: CredentialManifest }> {
  for (const binding of launchBindings({ ...t })) {
    const manifest = parseManifest(await store.get(indexAccount(binding)));
    if (manifest) return { binding, manifest };
  }
  const where = t.scope === 'user' ? `config home ${t.configHome}` : `project ${t.projectDir} (or a parent)`;
  throw new CredentialError({
    code: 'NOT_FOUND',
    message: `no migrated secrets for server ${t.serverId} in ${t.scope} scope, ${where}; see: mcp-warden credentials list`,
  });
}

function locate(m: CredentialManifest, name: string, location: SecretLocation | undefined): SecretLocation {
  const hits = (['env', 'args', 'headers'] as const).filter((l) =>
    m[l].some((n) => (l === 'headers' ? n.toLowerCase() === name.toLowerCase() : n === name)),
  );
  if (location) return location;
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length > 1)
    throw new CredentialError({
      code: 'NOT_FOUND',
      message: `${name} exists in ${hits.join(' and ')}; say which with --env, --arg or --header`,
    });
  throw new CredentialError({
    code: 'NOT_FOUND',
    message: `${name} is not a moved secret of ${m.serverId} (it has: ${[...m.env, ...m.args, ...m.headers].join(', ') || 'none'}); to add one, say where with --env, --arg or --header`,
  });
}

/** Store a new value for NAME (rotation), verified by read-back. Returns the account. */
export async function setSecret(
  store: SecretStore,
  t: Target,
  name: string,
  value: string,
  location?: SecretLocation,
): Promise<{ account: string; location: SecretLocation }> {
  const { binding, manifest } = await findTarget(store, t);
  const loc = locate(manifest, name, location);
  // Keep the header's original spelling when it is already known.
  const stored = loc === 'headers' ? (manifest.headers.find((h) => h.toLowerCase() === name.toLowerCase()) ?? name) : name;
  const base = {
    v: manifest.v,
    serverId: manifest.serverId,
    scope: manifest.scope,
    configHome: manifest.configHome,
    ...(manifest.project !== undefined ? { project: manifest.project } : {}),
    ...(manifest.client !== undefined ? { client: manifest.client } : {}),
    entryName: manifest.entryName,
    file: manifest.file,
    boundTo: manifest.boundTo,
    updatedAt: new Date().toISOString(),
  };
  await storeSecrets(store, binding, [{ location: loc, name: stored, value }], base);
  return { account: secretAccount(binding, loc, stored), location: loc };
}

/** Delete NAME, or with no name every secret of the binding and its manifest. Returns the accounts deleted. */
export async function deleteSecrets(store: SecretStore, t: Target, name?: string, location?: SecretLocation): Promise<string[]> {
  const { binding, manifest } = await findTarget(store, t);
  const deleted: string[] = [];
  if (name === undefined) {
    for (const loc of ['env', 'args', 'headers'] as const) {
      for (const n of manifest[loc]) if (await store.delete(secretAccount(binding, loc, n))) deleted.push(secretAccount(binding, loc, n));
    }
    if (await store.delete(indexAccount(binding))) deleted.push(indexAccount(binding));
    return deleted;
  }
  const loc = locate(manifest, name, location);
  const account = secretAccount(binding, loc, name);
  if (await store.delete(account)) deleted.push(account);
  const next: CredentialManifest = {
    ...manifest,
    [loc]: manifest[loc].filter((n) => (loc === 'headers' ? n.toLowerCase() !== name.toLowerCase() : n !== name)),
    updatedAt: new Date().toISOString(),
  };
  await store.set(indexAccount(binding), JSON.stringify(next));
  return deleted;
}
