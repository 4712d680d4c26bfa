// The client adapter interface: what mcp-warden needs to know about one MCP client to give
// it the loop Claude Code has (discover, judge, enforce, report). Pure data and pure
// functions: the files are read by discovery (src/discovery) and edited by src/fsedit.
// Facts and sources: docs/clients.md.
import type { EntryTransport } from '../inventory/types';
import type { Scope } from '../policy/types';

import type { ClientId } from '../policy/client-ids';

export { CLIENT_IDS, type ClientId } from '../policy/client-ids';

/** How a client's config file is written: strict JSON, JSON with comments, or TOML. */
export type FileSyntax = 'json' | 'jsonc' | 'toml';

/** Where the adapter looks, given the machine. */
export interface ClientEnv {
  home: string;
  platform: NodeJS.Platform;
  /** %APPDATA% on Windows (default `<home>/AppData/Roaming`). */
  appData?: string;
}

/** An entry's transport and URL as this client reads the entry. */
export interface ClientTransport {
  transport: EntryTransport;
  url?: string;
  /** The key the URL is written under (`url`, `serverUrl`, `httpUrl`). */
  urlKey?: string;
}

export interface ClientAdapter {
  id: ClientId;
  /** As users know it (reports). */
  label: string;
  syntax: FileSyntax;
  /** The key of the servers map at the top level of each file. */
  serversKey: string;
  /** Scopes this client has (rules' `scopes` apply as for Claude Code). */
  scopes: readonly Scope[];
  /** User-scope files on this OS, absolute. */
  userFiles(env: ClientEnv): string[];
  /** Project-scope files of one project folder, absolute (empty: none). */
  projectFiles(project: string): string[];
  /** Transport as this client decides it (`type`, or which URL key is set). */
  transportOf(raw: Record<string, unknown>): ClientTransport;
  /**
   * The entry that launches `inner` through `mcp-warden exec` (the launch wrapper): the
   * client must run `command` with `args` as written. Keys other than command/args/type
   * of `raw` are kept.
   */
  wrap(raw: Record<string, unknown>, execArgv: readonly string[]): Record<string, unknown>;
  /** The document to create when a quarantined entry is restored into a deleted file. */
  emptyDocument: string;
}
