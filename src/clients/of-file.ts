// The client a finding belongs to, from the config file it names. Events carry
// `server.client` (absent: Claude Code), but the collector's findings keep the file, not
// the event: the file's place says which client reads it (docs/clients.md), so reports
// name the client without a database column. Pure; a leaf like ids.ts.
import type { ClientId } from '../policy/client-ids';

const PATTERNS: ReadonlyArray<[RegExp, ClientId]> = [
  [/(^|\/)\.cursor\/mcp\.json$/, 'cursor'],
  [/(^|\/)\.vscode\/mcp\.json$/, 'vscode'],
  [/\/Code( - Insiders)?\/User\/mcp\.json$/, 'vscode'],
  [/(^|\/)claude_desktop_config\.json$/, 'claude-desktop'],
  [/(^|\/)\.codeium\/windsurf\/mcp_config\.json$/, 'windsurf'],
  [/(^|\/)\.gemini\/settings\.json$/, 'gemini-cli'],
  [/(^|\/)\.codex\/config\.toml$/, 'codex'],
];

/** The client whose file this is; Claude Code for every other file (`.claude.json`, `.mcp.json`, settings, plugins). */
export function clientOfFile(file: string | undefined): ClientId {
  if (!file) return 'claude-code';
  const f = file.replace(/\\/g, '/');
  for (const [re, id] of PATTERNS) if (re.test(f)) return id;
  return 'claude-code';
}

/** An event's or finding's client: the one it names, else the one its file says. */
export function clientOf(server: { name?: string; client?: string } | undefined, file: string | undefined): string {
  return server?.client ?? clientOfFile(file);
}
