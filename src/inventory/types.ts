// What discovery finds: every MCP server entry and every settings file that governs them,
// normalised. Discovery is read-only; these records are the input of judge() and plan().
import type { Scope } from '../policy/types';
import type { PathSegment } from '../util/jsonpath';

export type EntryScope = Scope | 'managed' | 'plugin' | 'agent';
export type EntryTransport = 'stdio' | 'http' | 'sse' | 'ws' | 'other';

/** `mcp-warden exec --server ID --scope SCOPE -- CMD ARGS…` seen through. */
export interface WrappedCommand {
  serverId: string;
  scope: Scope;
  /** The inner argv: [command, ...args]. May contain `{{secret:NAME}}` placeholders. */
  inner: string[];
}

export interface ServerEntry {
  /** Stable key for this entry: file + JSON path. */
  key: string;
  /** Absolute path of the file that holds it. */
  file: string;
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
}

export type SettingsFileKind =
  | 'user-settings'
  | 'project-settings'
  | 'local-settings'
  /** `projects["<path>"]` of a `.claude.json`: Claude Code still writes the approval keys there. */
  | 'claude-json-project';

export interface SettingsState {
  file: string;
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
