// The part of Claude Code's managed settings that mcp-warden renders (reference §3.3–3.5).
// Mirrors schemas/managed-settings.schema.json, which holds exactly these keys: anything
// else in our drop-in would be a bug.

import type { MarketplaceSource } from '../policy/types';

/** One allowlist or denylist entry: exactly one key (Claude Code's rule). */
export type ServerMatcher = { serverCommand: string[] } | { serverUrl: string } | { serverName: string };

export interface ManagedSettings {
  /** Always present: an explicit list (possibly empty) is what turns Claude Code's allowlist on. */
  allowedMcpServers: ({ serverCommand: string[] } | { serverUrl: string })[];
  deniedMcpServers?: ServerMatcher[];
  /** Only ever `true`: a `false` in a drop-in would override a stricter org drop-in sorted before ours. */
  allowManagedMcpServersOnly?: true;
  enableAllProjectMcpServers: boolean;
  /** From the allowlist's marketplaces.allowed / .blocked (the same source shapes). */
  strictKnownMarketplaces?: MarketplaceSource[];
  blockedMarketplaces?: MarketplaceSource[];
  permissions?: { ask?: string[]; deny?: string[] };
}

export interface RenderOptions {
  /** Absolute path of mcp-warden that wrapped entries run (`execArgv`'s first element). */
  execPath: string;
}

export interface RenderResult {
  settings: ManagedSettings;
  /** Human-readable, one per limit of the native layer (what the agent alone enforces). No secrets. */
  notes: string[];
}
