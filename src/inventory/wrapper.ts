// The exact shapes the agent writes when it routes a server through mcp-warden. Three
// places must agree byte for byte: the credential migration (writes them), the judge
// (sees through them) and `system apply` (renders them into Claude Code's managed
// serverCommand allowlist, which matches argv exactly). So they are built here only.
import type { Scope } from '../policy/types';
import type { WrappedCommand } from './types';
import { CLIENT_IDS, type ClientId } from '../policy/client-ids';

const SCOPES: readonly Scope[] = ['user', 'local', 'project'];

/**
 * Where a wrapped entry of another client (src/clients) lives. Claude Code tells its
 * servers their project (CLAUDE_PROJECT_DIR) and config home; the other clients do not,
 * and their servers inherit the user's shell environment (which may set CLAUDE_*), so
 * the wrapper names the client, and for project scope the project folder, itself.
 */
export interface WrapSite {
  client?: ClientId;
  project?: string;
}

/**
 * argv of a wrapped stdio server: [execPath, 'exec', '--server', ID, '--scope', SCOPE, '--', ...inner];
 * other clients' entries add `--client C` (and `--project DIR` in project scope) before `--`.
 */
export function execArgv(execPath: string, serverId: string, scope: Scope, inner: readonly string[], site: WrapSite = {}): string[] {
  const extra: string[] = [];
  if (site.client !== undefined && site.client !== 'claude-code') {
    extra.push('--client', site.client);
    if (site.project !== undefined) extra.push('--project', site.project);
  }
  return [execPath, 'exec', '--server', serverId, '--scope', scope, ...extra, '--', ...inner];
}

/** Recognise a wrapped entry by its argv. `isWarden` decides whether `command` is mcp-warden. */
export function parseExecArgv(
  command: string | undefined,
  args: readonly string[] | undefined,
  isWarden: (command: string) => boolean,
): WrappedCommand | undefined {
  if (!command || !args || !isWarden(command)) return undefined;
  if (args.length < 7 || args[0] !== 'exec' || args[1] !== '--server' || args[3] !== '--scope') return undefined;
  const serverId = args[2];
  const scope = args[4] as Scope;
  if (!serverId || !SCOPES.includes(scope)) return undefined;
  // Exactly the shapes execArgv writes: the optional flags in that order, nothing else.
  let at = 5;
  let client: ClientId | undefined;
  let project: string | undefined;
  if (args[at] === '--client') {
    const c = args[at + 1] as ClientId;
    if (!CLIENT_IDS.includes(c) || c === 'claude-code') return undefined;
    client = c;
    at += 2;
    if (args[at] === '--project') {
      project = args[at + 1];
      if (!project) return undefined;
      at += 2;
    }
  }
  if (args[at] !== '--' || args.length < at + 2) return undefined;
  const w: WrappedCommand = { serverId, scope, inner: args.slice(at + 1) };
  if (client !== undefined) w.client = client;
  if (project !== undefined) w.project = project;
  if (at !== 5) w.innerAt = at + 1;
  return w;
}

/** True when `command` names an mcp-warden executable (any install location). */
export function looksLikeWarden(command: string): boolean {
  const base = command.replace(/\\/g, '/').split('/').pop() ?? '';
  return base === 'mcp-warden' || base === 'mcp-warden.exe';
}

/** Quote one word for the POSIX shell Claude Code runs `headersHelper` with. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-./:=@%+]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `headersHelper` string for a remote server whose secret headers moved to the keychain. */
export function headersHelperCommand(execPath: string, serverId: string, scope: Scope): string {
  return ['headers', '--server', serverId, '--scope', scope].reduce((s, w) => `${s} ${shellQuote(w)}`, shellQuote(execPath));
}

const HELPER_RE = /^(?:'((?:[^']|'\\'')*)'|(\S+)) headers --server (\S+) --scope (user|local|project)$/;

export function parseHeadersHelper(helper: string | undefined): { execPath: string; serverId: string; scope: Scope } | undefined {
  if (!helper) return undefined;
  const m = HELPER_RE.exec(helper.trim());
  if (!m) return undefined;
  const execPath = m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] ?? '');
  if (!looksLikeWarden(execPath)) return undefined;
  return { execPath, serverId: m[3] ?? '', scope: m[4] as Scope };
}
