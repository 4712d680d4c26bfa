// What discovery finds: every MCP server entry and every settings file that governs them,
// normalised. Discovery is read-only; these records are the input of judge() and plan().
import type { Scope } from '../policy/types';
import type { PathSegment } from '../util/jsonpath';
import type { ClientId } from '../policy/client-ids';

export type EntryScope = Scope | 'managed' | 'plugin' | 'agent';
export type EntryTransport = 'stdio' | 'http' | 'sse' | 'ws' | 'other';

/** `mcp-warden exec --server ID --scope SCOPE -- CMD ARGS…` seen through. */
export interface WrappedCommand {
  serverId: string;
  scope: Scope;
  /** The inner argv: [command, ...args]. May contain `{{secret:NAME}}` placeholders. */
  inner: string[];
  /** `--client`: another client's entry (src/clients); absent: Claude Code. */
  client?: ClientId;
  /** `--project`: the project folder of another client's project-scope entry. */
  project?: string;
  /** Index in the on-disk `args` of inner[0] when the flags above are there (else 6). */
  innerAt?: number;
}

export interface ServerEntry {
  /** Stable key for this entry: file + JSON path. */
  key: string;
  /** Absolute path of the file that holds it. */
  file: string;
  /**
   * The file's real path, set only when `file` is reached through a symlink: writes go
   * through that link only while it still leads here (fsio.ts checkLinkTarget).
   */
  realFile?: string;
  scope: EntryScope;
  /** The config home (folder holding `.claude.json` and `.claude/`). */
  configHome: string;
  /** Project folder for local and project scope. */
  project?: string;
  /** Path of the entry object inside the file, e.g. ['projects', '/p', 'mcpServers', 'x']. */
  jsonPath: PathSegment[];
  name: string;
  transport: EntryTransport;
  /** The raw `type` as written, if any. */
  type?: string;
  command?: string;
  args?: string[];
  /** As written: `${VAR}` references are kept, never expanded. MAY HOLD SECRETS: never log. */
  env?: Record<string, string>;
  url?: string;
  /** MAY HOLD SECRETS: never log. */
  headers?: Record<string, string>;
  headersHelper?: string;
  /** Set when the entry runs through `mcp-warden exec`. */
  wrapped?: WrappedCommand;
  /** The entry object exactly as parsed. MAY HOLD SECRETS: never log. */
  raw: Record<string, unknown>;
  /**
   * The scope whose allowlist rules (`scopes`) apply, for entries that live outside the
   * three scopes: a plugin's server is judged in the scope of the settings file that
   * enabled the plugin, a subagent's in user (`~/.claude/agents`) or project scope.
   */
  governedAs?: Scope;
  /** For scope 'plugin': the plugin that declares it. Its values have `${CLAUDE_PLUGIN_ROOT}` expanded. */
  plugin?: PluginRef;
  /** For scope 'agent': the server is named, not defined, in the subagent's frontmatter. */
  reference?: boolean;
  /** The MCP client whose file holds it (src/clients). Absent: Claude Code. */
  client?: ClientId;
}

export interface PluginRef {
  /** `name@marketplace`, the key of `enabledPlugins`. */
  id: string;
  name: string;
  marketplace: string;
  /** The plugin folder Claude Code loads it from. */
  root: string;
}

/** Where a settings scope turns a plugin on or off (`enabledPlugins["p@m"]`). */
export interface PluginEnablement {
  file: string;
  scope: 'user' | 'project' | 'local' | 'managed';
  configHome: string;
  project?: string;
  /** `name@marketplace`. */
  id: string;
  /** As written (true enables it). */
  value: unknown;
}

/** A marketplace this user has added (known_marketplaces.json) or a settings file declares. */
export interface MarketplaceState {
  name: string;
  /** The source object as written (`{source: 'github', repo}` …). */
  source: unknown;
  file: string;
  configHome: string;
}

export type SettingsFileKind =
  | 'user-settings'
  | 'project-settings'
  | 'local-settings'
  /** `projects["<path>"]` of a `.claude.json`: Claude Code still writes the approval keys there. */
  | 'claude-json-project';

export interface SettingsState {
  file: string;
  /** As ServerEntry.realFile. */
  realFile?: string;
  kind: SettingsFileKind;
  /** Path of the object holding the keys inside `file`; absent means the top level. */
  jsonPath?: PathSegment[];
  project?: string;
  configHome: string;
  enableAllProjectMcpServers?: unknown;
  enabledMcpjsonServers?: unknown;
  disabledMcpjsonServers?: unknown;
  /** Per project in `.claude.json`: servers of any kind the user turned off with `/mcp`. */
  disabledMcpServers?: unknown;
}

export interface UnreadableFile {
  file: string;
  reason: string;
  code: string;
}

export interface Inventory {
  entries: ServerEntry[];
  settings: SettingsState[];
  /** Every `enabledPlugins` item of every settings scope (managed included). */
  plugins?: PluginEnablement[];
  marketplaces?: MarketplaceState[];
  unreadable: UnreadableFile[];
  /** Every file discovery read (for the watcher). */
  files: string[];
  /** Every folder where a config file may appear (for the watcher). */
  folders: string[];
  /** Projects considered. */
  projects: string[];
  configHomes: string[];
  /** Set when a cap stopped discovery early (projects, depth). */
  truncated?: string[];
}
