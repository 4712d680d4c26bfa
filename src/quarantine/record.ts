// A quarantine record: everything needed to put a removed entry back exactly where it
// was, and nothing secret. Secret values are replaced in `entry` by `{{secret:NAME}}`
// placeholders; the values themselves wait in the keychain under `secrets[].account`.
import type { EntryScope, EntryTransport } from '../inventory/types';
import type { VerdictKind } from '../judge/types';
import type { PathSegment } from '../util/jsonpath';
import type { EditOptions } from '../fsedit/edit';
import type { SecretStore } from '../vault/keychain/store';
import { CLIENT_IDS, type ClientId } from '../policy/client-ids';

export const RECORD_VERSION = 1;

export interface StashedSecret {
  /** Where the value sits inside the entry, e.g. ['env', 'GITHUB_TOKEN'], ['args', 3]. */
  path: PathSegment[];
  /** The placeholder's NAME (a variable, header or argument name). */
  name: string;
  /** Keychain account holding the original string at `path` (also the key of a sealed value). */
  account: string;
  /**
   * Where the value waits: absent = the keychain; `sealed` = encrypted to this device in
   * the state folder, because the keychain was unavailable at removal (sealed.ts).
   */
  store?: 'sealed';
}

export interface QuarantineRecord {
  version: typeof RECORD_VERSION;
  id: string;
  /**
   * 'plugin': a plugin turned off in one settings file (`jsonPath` is
   * ['enabledPlugins', id], `entry` is `{ value, servers }`); restoring turns it on again.
   * Absent: a server entry (in a JSON config, or in a subagent's frontmatter).
   */
  kind?: 'plugin';
  /** When it was removed (ISO). */
  time: string;
  file: string;
  scope: EntryScope;
  configHome: string;
  project?: string;
  /** Path of the entry inside `file`, e.g. ['projects', '/p', 'mcpServers', 'x']. */
  jsonPath: PathSegment[];
  name: string;
  transport: EntryTransport;
  verdict: VerdictKind;
  reason: string;
  ruleId?: string;
  policy: { org: string; version: number; digest: string } | null;
  /**
   * Salted fingerprint of the entry as it was (plan/state.ts entryFingerprint): a pass
   * killed after writing the record and replayed finds and reuses it (no duplicates).
   */
  fingerprint?: string;
  /** The real path of `file` at removal, when `file` was reached through a symlink. */
  realFile?: string;
  /** The MCP client whose file held it (src/clients); absent: Claude Code. Sets the file's syntax. */
  client?: ClientId;
  /** The entry as it was, secret values replaced by placeholders. */
  entry: Record<string, unknown>;
  secrets: StashedSecret[];
  /** Set once restored (the record then lives under `restored/`). */
  restoredAt?: string;
}

export const RECORD_ID_RE = /^q-\d{8}T\d{6}Z-[0-9a-f]{8}$/;

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isPath(v: unknown): v is PathSegment[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string' || typeof s === 'number');
}

/** Shape check of a record read from disk; returns what is wrong, or undefined. */
export function recordProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (v.version !== RECORD_VERSION) return 'unknown record version';
  if (typeof v.id !== 'string' || !RECORD_ID_RE.test(v.id)) return 'bad id';
  for (const k of ['time', 'file', 'scope', 'configHome', 'name', 'transport', 'verdict', 'reason'] as const) {
    if (typeof v[k] !== 'string') return `missing ${k}`;
  }
  if (!isPath(v.jsonPath) || v.jsonPath.length === 0) return 'bad jsonPath';
  if (!isObj(v.entry)) return 'bad entry';
  if (
    !Array.isArray(v.secrets) ||
    !v.secrets.every((s) => isObj(s) && isPath(s.path) && typeof s.account === 'string' && (s.store === undefined || s.store === 'sealed'))
  ) {
    return 'bad secrets';
  }
  if (v.fingerprint !== undefined && typeof v.fingerprint !== 'string') return 'bad fingerprint';
  if (v.realFile !== undefined && typeof v.realFile !== 'string') return 'bad realFile';
  if (v.client !== undefined && !(CLIENT_IDS as readonly unknown[]).includes(v.client)) return 'bad client';
  return undefined;
}

/** What `quarantine restore` needs (restore.ts; the agent-file and plugin restores share it). */
export interface RestoreOptions {
  stateDir: string;
  id: string;
  now: Date;
  secretStore: () => Promise<SecretStore>;
  edit?: EditOptions;
  /**
   * Last check on the entry as it will be written (secrets back in): a reason to refuse,
   * or undefined. The agent's automatic restore re-judges here, so what goes back is what
   * the policy approves, not only what its placeholder copy looked like.
   */
  accept?: (entry: Record<string, unknown>) => string | undefined;
}

export interface RestoreResult {
  record: QuarantineRecord;
  /** The very same entry was already there: nothing written. */
  alreadyPresent: boolean;
  /** SHA-256 of what was written, when something was. */
  sha256?: string;
}
