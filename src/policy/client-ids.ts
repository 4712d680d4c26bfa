// The MCP clients mcp-warden knows, by id. A leaf module (no imports): policy, inventory and
// events name a client without depending on the adapters above them.
export const CLIENT_IDS = ['claude-code', 'cursor', 'vscode', 'claude-desktop', 'windsurf', 'gemini-cli', 'codex'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];
