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

export interface TrustRootConfig {
  /** The pinned initial root envelope. */
  file?: string;
  /** SHA-256 hex of the initial root's payload. */
  sha256?: string;
  /** Roots newer than the initial one, `{"roots": [...]}`. */
  chainFile?: string;
  /** The same, fetched over HTTPS. */
  chainUrl?: string;
}

export interface NetworkConfig {
  /** `http://[user:pass@]host:port`, or `direct`. Wins over HTTPS_PROXY/HTTP_PROXY. */
  proxy?: string;
  /** Hosts reached directly; wins over NO_PROXY. */
  noProxy?: string[];
  /** Org CA bundle (PEM), added to the built-in and OS roots. */
  caFile?: string;
  /** Read the OS CA bundle too. Default true. */
  systemCa?: boolean;
}

export interface AgentConfig {
  /** Optional schema reference for editors. */
  $schema?: string;
  org: string;
  trust: {
    /** Required unless `root` is set (then ignored). */
    keys?: TrustKey[];
    /** Distinct trusted keys that must sign. ≥ 1. Required with `keys`. */
    threshold?: number;
    /** A signed trust root to bootstrap from; wins over keys/threshold. */
    root?: TrustRootConfig;
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
  network?: NetworkConfig;
  discovery?: {
    /** Extra folders to scan for projects (`~` expands to the user's home). */
    roots?: string[];
    /** Also the other MCP clients' files (src/clients). Default true. */
    otherClients?: boolean;
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
