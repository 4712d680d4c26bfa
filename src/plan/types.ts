// Actions (plan): pure data that plan() computes from an Inventory, a Policy, the judge's
// verdicts and the agent's state without I/O; apply() carries them out.
import type { PluginEnablement, ServerEntry, SettingsState } from '../inventory/types';
import type { Mode } from '../policy/types';
import type { Verdict } from '../judge/types';

export interface SecretFinding {
  location: 'env' | 'args' | 'headers' | 'url';
  /** Variable or header name; for args, the index; for url, 'userinfo'. */
  name: string;
  /** Index into args, for location 'args'. */
  argIndex?: number;
  /** For location 'args': NAME of the `{{secret:NAME}}` placeholder that replaces the value. */
  placeholder?: string;
  /** Why it is considered a secret (detector id), no value. */
  reason: string;
  /** Short fingerprint of the value (for reports): first 8 hex of a salted SHA-256. */
  fingerprint: string;
}

export type Action =
  | { kind: 'remove'; entry: ServerEntry; verdict: Verdict }
  | { kind: 'rename'; entry: ServerEntry; to: string; reason: string }
  | {
      kind: 'migrate';
      entry: ServerEntry;
      ruleId: string;
      findings: SecretFinding[];
      /** The entry as it will be written after the secrets are in the keychain. */
      rewritten: Record<string, unknown>;
    }
  | {
      /**
       * Route an approved stdio entry through `mcp-warden exec` without moving any secret
       * (its rule has a sandbox: src/sandbox/plan.ts). The argv inside stays the same.
       */
      kind: 'wrap';
      entry: ServerEntry;
      ruleId: string;
      rewritten: Record<string, unknown>;
      reason: string;
    }
  | {
      kind: 'settings';
      settings: SettingsState;
      key: 'enableAllProjectMcpServers' | 'enabledMcpjsonServers' | 'disabledMcpjsonServers' | 'disabledMcpServers';
      /** New value; undefined deletes the key. */
      to: unknown;
      reason: string;
    }
  | {
      /**
       * Turn a plugin off in one settings file that turns it on (`enabledPlugins[id]: false`):
       * its servers stop without an edit to the plugin's own files.
       */
      kind: 'plugin';
      enablement: PluginEnablement;
      /** The plugin's servers that are not approved (may be empty: its marketplace is not). */
      servers: Array<{ entry: ServerEntry; verdict: Verdict }>;
      /** Set when the plugin's marketplace is what the allowlist refuses. */
      marketplace?: { name: string; verdict: 'unapproved' | 'denied'; reason: string };
      reason: string;
    };

/** Something enforce would do but this pass holds back, and why. */
export interface HeldAction {
  kind: 'remove' | 'rename' | 'plugin';
  entry: ServerEntry;
  /** For 'rename': the name it should get. */
  to?: string;
  reason: string;
  /** When the held action may run (flapping backoff), ISO time. */
  retryAt?: string;
}

/** An entry we removed earlier that came back (Claude Code rewrote it from memory). */
export interface Flapping {
  entryKey: string;
  /** How many times it has been removed in this run of flapping, this removal included. */
  count: number;
  /** Set when this pass holds the removal back (backoff). */
  retryAt?: string;
}

/** A marketplace this user has added (or a settings file declares), judged. */
export interface MarketplaceFinding {
  name: string;
  file: string;
  verdict: 'unapproved' | 'denied';
  reason: string;
}

export interface Plan {
  mode: Mode;
  /** True when there is no valid policy: everything is audit only. */
  noPolicy: boolean;
  verdicts: Verdict[];
  /** Marketplaces the allowlist does not allow. */
  marketplaces?: MarketplaceFinding[];
  actions: Action[];
  held?: HeldAction[];
  flapping?: Flapping[];
}
