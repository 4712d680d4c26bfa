// The manifest of one binding (a server's secrets in one config home / scope / project):
// which names were moved and where from. It lives in the keychain next to the secrets
// (account `…|index|-`), so the secrets and the list of them can never disagree after a
// state folder is wiped. It holds NO secret values: names, the file, the entry name, and
// a digest of the command the secrets were moved for (what `exec` checks when no policy
// is in force: secrets are never handed to a command they were not moved for).
import * as crypto from 'node:crypto';
import type { Scope } from '../policy/types';
import { CLIENT_IDS, type ClientId } from '../policy/client-ids';

export interface CredentialManifest {
  v: 1;
  serverId: string;
  scope: Scope;
  configHome: string;
  project?: string;
  /** The client whose file held the entry (src/clients); absent: Claude Code. */
  client?: ClientId;
  /** The entry's name in the config file (users choose it; informational). */
  entryName: string;
  /** The config file the secrets were moved out of. */
  file: string;
  /** Names per location. Header names keep the case they were written in. */
  env: string[];
  args: string[];
  headers: string[];
  /** commandDigest() of the inner argv (stdio) or of the URL (remote) at migration. */
  boundTo: string;
  updatedAt: string;
}

/** Manifests are small; anything larger is not ours. */
export const MAX_MANIFEST_CHARS = 64 * 1024;

/** SHA-256 of the inner argv (placeholders, not values) or the URL. */
export function commandDigest(target: readonly string[] | string): string {
  return crypto.createHash('sha256').update(JSON.stringify(target)).digest('hex');
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length <= 256;
}

/** Parse a manifest read from the keychain; undefined when it is not a valid one. */
export function parseManifest(text: string | null): CredentialManifest | undefined {
  if (!text || text.length > MAX_MANIFEST_CHARS) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = v as Partial<CredentialManifest> | null;
  if (!m || typeof m !== 'object' || m.v !== 1) return undefined;
  if (typeof m.serverId !== 'string' || typeof m.entryName !== 'string' || typeof m.file !== 'string') return undefined;
  if (m.scope !== 'user' && m.scope !== 'local' && m.scope !== 'project') return undefined;
  if (m.client !== undefined && !CLIENT_IDS.includes(m.client)) return undefined;
  if (typeof m.configHome !== 'string' || (m.project !== undefined && typeof m.project !== 'string')) return undefined;
  if (!stringList(m.env) || !stringList(m.args) || !stringList(m.headers)) return undefined;
  if (typeof m.boundTo !== 'string' || typeof m.updatedAt !== 'string') return undefined;
  return m as CredentialManifest;
}

function union(a: readonly string[], b: readonly string[], caseless = false): string[] {
  const out = [...a];
  const key = (s: string): string => (caseless ? s.toLowerCase() : s);
  for (const x of b) if (!out.some((y) => key(y) === key(x))) out.push(x);
  return out;
}

/** A new manifest merged over the previous one: names only ever accumulate per binding. */
export function mergeManifest(prev: CredentialManifest | undefined, next: CredentialManifest): CredentialManifest {
  if (!prev) return next;
  return {
    ...next,
    env: union(prev.env, next.env),
    args: union(prev.args, next.args),
    headers: union(prev.headers, next.headers, true),
  };
}
