// What `exec` and `headers` share at launch: where the secrets of this server are (from
// what Claude Code lets them see), reading them, and filling placeholders. No spawning here.
import * as path from 'node:path';
import type { SecretStore } from '../vault/keychain/store';
import type { Scope } from '../policy/types';
import { SECRET_PLACEHOLDER_RE } from '../policy/placeholder';
import { indexAccount, launchBindings, secretAccount, type Binding, type SecretLocation } from '../vault/account';
import { parseManifest, type CredentialManifest } from '../vault/manifest';
import { type WrapSite } from '../inventory/wrapper';
import type { ClientId } from '../policy/client-ids';

export interface LaunchSite {
  serverId: string;
  scope: Scope;
  /** CLAUDE_CONFIG_DIR, else the user's home. */
  configHome: string;
  /** CLAUDE_PROJECT_DIR, else the working directory. */
  projectDir: string;
  /** `--client`: another client's entry; absent: Claude Code. */
  client?: ClientId;
}

/**
 * The launch site from the environment Claude Code gives a server or a headers helper.
 * Another client's entry (`--client`) is bound to the user's home and to the `--project`
 * it names: those clients set no CLAUDE_* variables, and their servers inherit the user's
 * shell, where a CLAUDE_CONFIG_DIR meant for Claude Code would point elsewhere.
 */
export function launchSite(
  serverId: string,
  scope: Scope,
  env: NodeJS.ProcessEnv,
  home: string,
  cwd: string,
  wrap: WrapSite = {},
): LaunchSite {
  if (wrap.client !== undefined && wrap.client !== 'claude-code') {
    return {
      serverId,
      scope,
      configHome: home,
      projectDir: wrap.project !== undefined ? path.resolve(wrap.project) : cwd,
      client: wrap.client,
    };
  }
  const configHome = env.CLAUDE_CONFIG_DIR ? path.resolve(env.CLAUDE_CONFIG_DIR) : home;
  const projectDir = env.CLAUDE_PROJECT_DIR ? path.resolve(env.CLAUDE_PROJECT_DIR) : cwd;
  return { serverId, scope, configHome, projectDir };
}

/** The first binding (project folder, then its parents) whose manifest is in the keychain. */
export async function findBinding(
  store: SecretStore,
  site: LaunchSite,
): Promise<{ binding: Binding; manifest: CredentialManifest } | undefined> {
  for (const binding of launchBindings(site)) {
    const manifest = parseManifest(await store.get(indexAccount(binding)));
    if (manifest) return { binding, manifest };
  }
  return undefined;
}

/** Placeholder names in an argv, in order of first appearance. */
export function placeholderNames(argv: readonly string[]): string[] {
  const names: string[] = [];
  for (const a of argv) for (const m of a.matchAll(SECRET_PLACEHOLDER_RE)) if (m[1] && !names.includes(m[1])) names.push(m[1]);
  return names;
}

export interface SecretRead {
  values: Map<string, string>;
  /** `location:name` of each secret that is not there. */
  missing: string[];
}

/** Read the named secrets of a binding. Keys of `values` are `location:name`. */
export async function readSecrets(
  store: SecretStore,
  binding: Binding,
  wanted: ReadonlyArray<{ location: SecretLocation; name: string }>,
): Promise<SecretRead> {
  const out: SecretRead = { values: new Map(), missing: [] };
  for (const w of wanted) {
    const key = `${w.location}:${w.name}`;
    if (out.values.has(key)) continue;
    const v = await store.get(secretAccount(binding, w.location, w.name));
    if (v === null || v === '') out.missing.push(key);
    else out.values.set(key, v);
  }
  return out;
}

/** Replace every `{{secret:NAME}}` with the `args:NAME` value (all present: checked before). */
export function fillPlaceholders(argv: readonly string[], values: ReadonlyMap<string, string>): string[] {
  return argv.map((a) => a.replace(SECRET_PLACEHOLDER_RE, (m, name: string) => values.get(`args:${name}`) ?? m));
}
