// The adapters. Each one states where its client keeps MCP servers on every OS and how an
// entry's transport is read; see docs/clients.md for the sources of every fact here.
// Claude Code's files are discovered by src/discovery itself (config homes, projects,
// plugins, subagents); its adapter describes it for reports and rules.
import * as path from 'node:path';
import { transportOf as claudeTransport } from '../inventory/entries';
import type { ClientAdapter, ClientEnv, ClientId, ClientTransport } from './types';

function appData(env: ClientEnv): string {
  return env.appData ?? path.join(env.home, 'AppData', 'Roaming');
}

/** The per-OS folder where desktop apps keep settings (Electron's `userData` parent). */
function appSupport(env: ClientEnv): string {
  if (env.platform === 'darwin') return path.join(env.home, 'Library', 'Application Support');
  if (env.platform === 'win32') return appData(env);
  return path.join(env.home, '.config');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Keep every key but the launch keys, then set them: the order users see stays close. */
function wrapped(raw: Record<string, unknown>, execArgv: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [command, ...args] = execArgv;
  const out: Record<string, unknown> = { ...extra, command, args };
  for (const [k, v] of Object.entries(raw)) if (!(k in out)) out[k] = v;
  return out;
}

/** Cursor / Windsurf / Codex style: a URL means remote, otherwise a command (stdio). */
function byUrlKey(raw: Record<string, unknown>, key: string, remote: 'http' | 'sse' = 'http'): ClientTransport {
  const url = str(raw[key]);
  if (raw[key] !== undefined) return url !== undefined ? { transport: remote, url, urlKey: key } : { transport: remote, urlKey: key };
  return { transport: 'stdio' };
}

const claudeCode: ClientAdapter = {
  id: 'claude-code',
  label: 'Claude Code',
  syntax: 'json',
  serversKey: 'mcpServers',
  scopes: ['user', 'local', 'project'],
  // Discovered by src/discovery (config homes, projects, plugins, subagents).
  userFiles: () => [],
  projectFiles: () => [],
  transportOf: (raw) => {
    const url = str(raw.url);
    return url !== undefined ? { transport: claudeTransport(raw.type), url, urlKey: 'url' } : { transport: claudeTransport(raw.type) };
  },
  wrap: (raw, argv) => wrapped(raw, argv),
  emptyDocument: '{}\n',
};

const cursor: ClientAdapter = {
  id: 'cursor',
  label: 'Cursor',
  // Cursor tolerates comments in mcp.json (reported in the wild); reading them too means
  // no server hides behind one. Our edits never add comments.
  syntax: 'jsonc',
  serversKey: 'mcpServers',
  scopes: ['user', 'project'],
  userFiles: (env) => [path.join(env.home, '.cursor', 'mcp.json')],
  projectFiles: (p) => [path.join(p, '.cursor', 'mcp.json')],
  transportOf: (raw) => {
    if (raw.type === 'sse') return byUrlKey(raw, 'url', 'sse');
    if (raw.type === 'stdio') return { transport: 'stdio' };
    return byUrlKey(raw, 'url');
  },
  wrap: (raw, argv) => wrapped(raw, argv),
  emptyDocument: '{\n  "mcpServers": {}\n}\n',
};

const vscode: ClientAdapter = {
  id: 'vscode',
  label: 'VS Code',
  syntax: 'jsonc',
  serversKey: 'servers',
  scopes: ['user', 'project'],
  userFiles: (env) => ['Code', 'Code - Insiders'].map((d) => path.join(appSupport(env), d, 'User', 'mcp.json')),
  projectFiles: (p) => [path.join(p, '.vscode', 'mcp.json')],
  transportOf: (raw) => {
    // `type` is required; without one VS Code infers it from the keys, as we do.
    if (raw.type === 'http' || raw.type === 'sse') return byUrlKey(raw, 'url', raw.type);
    if (raw.type === 'stdio' || (raw.type === undefined && raw.command !== undefined)) return { transport: 'stdio' };
    if (raw.type === undefined) return byUrlKey(raw, 'url');
    return { transport: 'other' };
  },
  wrap: (raw, argv) => wrapped(raw, argv, { type: 'stdio' }),
  emptyDocument: '{\n  "servers": {}\n}\n',
};

const claudeDesktop: ClientAdapter = {
  id: 'claude-desktop',
  label: 'Claude Desktop',
  // The app reads it with JSON.parse: a comment breaks the whole file, so none is read.
  syntax: 'json',
  serversKey: 'mcpServers',
  scopes: ['user'],
  // Linux has no official build; ~/.config/Claude is where community builds keep it.
  userFiles: (env) => [path.join(appSupport(env), 'Claude', 'claude_desktop_config.json')],
  projectFiles: () => [],
  transportOf: (raw) => claudeCode.transportOf(raw),
  wrap: (raw, argv) => wrapped(raw, argv),
  emptyDocument: '{\n  "mcpServers": {}\n}\n',
};

const windsurf: ClientAdapter = {
  id: 'windsurf',
  label: 'Windsurf',
  syntax: 'jsonc',
  serversKey: 'mcpServers',
  scopes: ['user'],
  userFiles: (env) => [path.join(env.home, '.codeium', 'windsurf', 'mcp_config.json')],
  projectFiles: () => [],
  // Remote servers use `serverUrl`; a Cursor-style `url` is read too (some versions take it).
  transportOf: (raw) => (raw.serverUrl !== undefined ? byUrlKey(raw, 'serverUrl') : byUrlKey(raw, 'url')),
  wrap: (raw, argv) => wrapped(raw, argv),
  emptyDocument: '{\n  "mcpServers": {}\n}\n',
};

const gemini: ClientAdapter = {
  id: 'gemini-cli',
  label: 'Gemini CLI',
  // Gemini CLI strips comments from settings.json before parsing.
  syntax: 'jsonc',
  serversKey: 'mcpServers',
  scopes: ['user', 'project'],
  userFiles: (env) => [path.join(env.home, '.gemini', 'settings.json')],
  projectFiles: (p) => [path.join(p, '.gemini', 'settings.json')],
  // As Gemini CLI 0.61.0 picks a transport (mcp-client createUrlTransport): `httpUrl`
  // (deprecated) is streamable HTTP; `url` is SSE with `type: "sse"`, otherwise streamable
  // HTTP (falling back to SSE on a 404); a URL wins over `command`. `gemini mcp add
  // --transport http|sse` writes `url` + `type`. (Older docs: `url` alone meant SSE.)
  transportOf: (raw) => (raw.httpUrl !== undefined ? byUrlKey(raw, 'httpUrl') : byUrlKey(raw, 'url', raw.type === 'sse' ? 'sse' : 'http')),
  wrap: (raw, argv) => wrapped(raw, argv),
  emptyDocument: '{}\n',
};

const codex: ClientAdapter = {
  id: 'codex',
  label: 'Codex CLI',
  syntax: 'toml',
  serversKey: 'mcp_servers',
  scopes: ['user', 'project'],
  // CODEX_HOME moves it; the agent cannot see the user's shells, so the default is read.
  userFiles: (env) => [path.join(env.home, '.codex', 'config.toml')],
  // Codex reads a project's .codex/config.toml only for trusted projects; we judge it always.
  projectFiles: (p) => [path.join(p, '.codex', 'config.toml')],
  transportOf: (raw) => byUrlKey(raw, 'url'),
  wrap: (raw, argv) => wrapped(raw, argv),
  emptyDocument: '',
};

export const ADAPTERS: Readonly<Record<ClientId, ClientAdapter>> = {
  'claude-code': claudeCode,
  cursor,
  vscode,
  'claude-desktop': claudeDesktop,
  windsurf,
  'gemini-cli': gemini,
  codex,
};

/** The adapters whose files discovery reads besides Claude Code's own. */
export const OTHER_CLIENTS: readonly ClientAdapter[] = [cursor, vscode, claudeDesktop, windsurf, gemini, codex];

export function adapterOf(client: ClientId | undefined): ClientAdapter {
  return ADAPTERS[client ?? 'claude-code'];
}

/**
 * The URL of `shown` (an entry with secrets masked, as sanitizeEntry gives it) under the
 * key its client reads (`url`, Windsurf `serverUrl`, Gemini CLI `httpUrl`).
 */
export function shownUrl(client: ClientId | undefined, raw: Record<string, unknown>, shown: Record<string, unknown>): string | undefined {
  const key = client === undefined ? 'url' : (ADAPTERS[client].transportOf(raw).urlKey ?? 'url');
  const u = shown[key];
  return typeof u === 'string' ? u : undefined;
}
