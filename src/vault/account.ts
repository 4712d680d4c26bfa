// Keychain account names. Stable for (config home, scope, project, server id, location,
// name), and computable by `exec`/`headers` at launch from what they can see: `--server`,
// `--scope`, the config home (CLAUDE_CONFIG_DIR, else the user's home) and the project
// (CLAUDE_PROJECT_DIR, else the working directory, searched upwards).
//
//   v1|<scope>|<config home>|<project>|<server id>|<location>|<name>
//
//  - user scope:    project is `-` (the entry applies everywhere in that config home);
//  - local scope:   both, since `projects[<dir>]` lives in one config home's .claude.json;
//  - project scope: config home is `*`: `.mcp.json` belongs to the project and is shared
//                   by every config home that opens it, so every one must find its secrets.
//  - location `env` | `args` | `headers` | `index`; header names are lowercased (HTTP
//    header names are case-insensitive); `index` (name `-`) holds the binding's manifest.
// Fields are escaped (`%` → `%25`, `|` → `%7C`), so any path round-trips.
// Another client's entries (src/clients) have their own accounts, with the client after
// the version, so a Cursor entry and a Claude Code entry of one rule never overwrite each
// other's values:  v1|<client>|<scope>|<config home>|<project>|<server id>|<location>|<name>
import * as path from 'node:path';
import type { Scope } from '../policy/types';
import { CLIENT_IDS, type ClientId } from '../policy/client-ids';

export type SecretLocation = 'env' | 'args' | 'headers';

/** Where a server's secrets belong. */
export interface Binding {
  scope: Scope;
  /** Normalized (see normalizeDir). Ignored for project scope. */
  configHome: string;
  /** Normalized project folder; required for local and project scope. */
  project?: string;
  serverId: string;
  /** Another client's binding; absent: Claude Code. */
  client?: ClientId;
}

const VERSION = 'v1';
const SCOPES: readonly Scope[] = ['user', 'local', 'project'];

function esc(s: string): string {
  return s.replace(/%/g, '%25').replace(/\|/g, '%7C');
}

function unesc(s: string): string {
  return s.replace(/%7C/gi, '|').replace(/%25/g, '%');
}

/** Absolute, forward slashes (as Claude Code keys projects), no trailing separator. */
export function normalizeDir(dir: string): string {
  const abs = path.resolve(dir).replace(/\\/g, '/');
  return abs.length > 1 && abs.endsWith('/') && !/^[A-Za-z]:\/$/.test(abs) ? abs.slice(0, -1) : abs;
}

function prefix(b: Binding): string[] {
  const home = b.scope === 'project' ? '*' : normalizeDir(b.configHome);
  const project = b.scope === 'user' ? '-' : normalizeDir(b.project ?? '');
  const client = b.client !== undefined && b.client !== 'claude-code' ? [b.client] : [];
  return [VERSION, ...client, b.scope, home, project, b.serverId];
}

export function secretAccount(b: Binding, location: SecretLocation, name: string): string {
  const n = location === 'headers' ? name.toLowerCase() : name;
  return [...prefix(b), location, n].map(esc).join('|');
}

/** The account of the binding's manifest (which names exist, where they came from). */
export function indexAccount(b: Binding): string {
  return [...prefix(b), 'index', '-'].map(esc).join('|');
}

export interface ParsedAccount {
  binding: Binding;
  location: SecretLocation | 'index';
  name: string;
}

export function parseAccount(account: string): ParsedAccount | undefined {
  const all = account.split('|').map(unesc);
  if (all[0] !== VERSION || (all.length !== 7 && all.length !== 8)) return undefined;
  const client = all.length === 8 ? (all[1] as ClientId) : undefined;
  if (client !== undefined && (!CLIENT_IDS.includes(client) || client === 'claude-code')) return undefined;
  const parts = all.length === 8 ? [all[0], ...all.slice(2)] : all;
  const [, scope, home, project, serverId, location, name] = parts as [string, Scope, string, string, string, string, string];
  if (!SCOPES.includes(scope) || !serverId || !['env', 'args', 'headers', 'index'].includes(location)) return undefined;
  const binding: Binding = { scope, configHome: home, serverId };
  if (client !== undefined) binding.client = client;
  if (scope !== 'user') binding.project = project;
  return { binding, location: location as SecretLocation | 'index', name };
}

/** The binding of a server entry found on disk. */
export function bindingOf(
  entry: { scope: string; configHome: string; project?: string; client?: ClientId },
  serverId: string,
): Binding | undefined {
  if (!SCOPES.includes(entry.scope as Scope)) return undefined;
  const scope = entry.scope as Scope;
  if (scope !== 'user' && !entry.project) return undefined;
  const b: Binding = { scope, configHome: normalizeDir(entry.configHome), serverId };
  if (entry.client !== undefined && entry.client !== 'claude-code') b.client = entry.client;
  if (scope !== 'user' && entry.project) b.project = normalizeDir(entry.project);
  return b;
}

/**
 * Bindings `exec`/`headers` try at launch, best first: the project folder and then each
 * parent (Claude Code keys local servers by the git root and reads `.mcp.json` files in
 * parent folders too, while CLAUDE_PROJECT_DIR may be a subfolder).
 */
export function launchBindings(opts: {
  scope: Scope;
  serverId: string;
  configHome: string;
  projectDir: string;
  client?: ClientId;
}): Binding[] {
  const configHome = normalizeDir(opts.configHome);
  const client = opts.client !== undefined && opts.client !== 'claude-code' ? { client: opts.client } : {};
  if (opts.scope === 'user') return [{ scope: 'user', configHome, serverId: opts.serverId, ...client }];
  const out: Binding[] = [];
  let dir = normalizeDir(opts.projectDir);
  for (let i = 0; i < 64; i++) {
    out.push({ scope: opts.scope, configHome, project: dir, serverId: opts.serverId, ...client });
    const parent = normalizeDir(path.dirname(dir));
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}
