// The agent config delivered by MDM. Mirrors schemas/agent-config.schema.json.
import type { LogLevel } from '../log/logger';

export interface TrustKey {
  /** Ed25519 public key, SPKI PEM. */
  publicKey?: string;
  /** Or a path to one (relative paths resolve against the config file's folder). */
  publicKeyFile?: string;
  /** Optional label for humans. */
  name?: string;
}

export interface AgentConfig {
  /** Optional schema reference for editors. */
  $schema?: string;
  org: string;
  trust: {
    keys: TrustKey[];
    /** Distinct trusted keys that must sign. ≥ 1. */
    threshold: number;
  };
  allowlist: {
    /** Path to a DSSE envelope (relative to the config file's folder). */
    file?: string;
    /** HTTPS URL of a DSSE envelope (http:// only for loopback). */
    url?: string;
    /** Seconds between conditional polls of `url`. Default 300. */
    pollSeconds?: number;
    /** Byte cap for an envelope. Default 1 MiB. */
    maxBytes?: number;
  };
  report?: {
    url: string;
    /** Enrollment token, inline … */
    token?: string;
    /** … or from a file (preferred: keep it root-readable only). */
    tokenFile?: string;
    /** PEM bundle of extra CAs for a private PKI. */
    caFile?: string;
    /** Seconds between heartbeats. Default 3600. */
    heartbeatSeconds?: number;
    /** Spool cap in bytes. Default 10 MiB. */
    spoolMaxBytes?: number;
    /** Override the derived device id. */
    deviceId?: string;
  };
  discovery?: {
    /** Extra folders to scan for projects (`~` expands to the user's home). */
    roots?: string[];
    /** Folder depth below each root. Default 4. */
    maxDepth?: number;
    /** Cap on projects considered. Default 5000. */
    maxProjects?: number;
    /** Byte cap per config file. Default 64 MiB (a real ~/.claude.json reaches tens of MB). */
    maxFileBytes?: number;
  };
  agent?: {
    /** Seconds between full passes. Default 300. */
    fullPassSeconds?: number;
    /** Milliseconds to wait after a change before acting. Default 50. */
    debounceMs?: number;
    /** Desktop notifications when something is removed. Default true. */
    notify?: boolean;
  };
  exec?: {
    /**
     * Absolute path of the mcp-warden executable that rewritten entries run
     * (`<path> exec --server …`). Default: the installed location for the OS.
     */
    path?: string;
  };
  keychain?: {
    /** `napi` (@napi-rs/keyring, default) or `keytar`. */
    backend?: 'napi' | 'keytar';
  };
  system?: {
    /** Claude Code's managed folder (default per OS). */
    managedDir?: string;
    /** Drop-in file name under managed-settings.d. Default `50-mcp-warden.json`. */
    dropInName?: string;
  };
  log?: {
    level?: LogLevel;
  };
}

/** A loaded config and where it came from (for relative paths and messages). */
export interface LoadedConfig {
  config: AgentConfig;
  /** The file it was read from, or a description (`managed preferences`, `registry`). */
  source: string;
  /** Folder that relative paths resolve against. */
  baseDir: string;
}
