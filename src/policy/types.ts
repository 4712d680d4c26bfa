// The allowlist an admin writes and signs. Mirrors schemas/allowlist.schema.json exactly;
// the schema is the authority on what is valid, these types are what code sees after
// validation.
import type { ClientId } from './client-ids';

export type Mode = 'audit' | 'enforce';
export type Transport = 'stdio' | 'http' | 'sse' | 'ws';
/** The Claude Code scopes a server entry can live in. */
export type Scope = 'user' | 'local' | 'project';

/** An npm package pin: the argv must name `name@version`; npx's cache must hold `integrity`. */
export interface PackagePin {
  registry: 'npm';
  name: string;
  /** Exact semver, no range, no tag. */
  version: string;
  /** SRI string as the registry publishes it (`sha512-…`). */
  integrity: string;
}

/** A container image pin for `docker run` / `podman run`. */
export interface ImagePin {
  /** Repository, e.g. `ghcr.io/github/github-mcp-server`. Optional: digest alone is enough. */
  name?: string;
  /** `sha256:<64 hex>`. The argv must reference the image by this digest. */
  digest: string;
}

export interface ServerRule {
  /** Unique id, `[A-Za-z0-9_-]+`. Names the rule in reports, `exec --server`, and approved entries. */
  id: string;
  description?: string;
  transport: Transport;
  // stdio
  /** Exactly as it must appear in the entry's `command`. */
  command?: string;
  /**
   * Exact argv after the command. An element `{{secret:NAME}}` (alone or inside a larger
   * string) matches any value in a user's config; the value is a secret that the agent
   * moves into the keychain, and `exec` fills it in at launch.
   */
  args?: string[];
  /** Allow the user to append arguments after `args` (e.g. folders for a filesystem server). */
  trailingArgs?: boolean;
  /** SHA-256 (hex) of the executable or script. */
  sha256?: string;
  /**
   * The file `sha256` pins. Default: the resolved `command`, or for an interpreter
   * (node, python, bash, …) its first argument that names a file. Relative paths resolve
   * against the project directory.
   */
  file?: string;
  package?: PackagePin;
  image?: ImagePin;
  // remote
  /** Exact URL, or a Claude Code `serverUrl` glob (`*` matches any run of characters). */
  url?: string;
  env?: {
    /** Variables whose values must live in the keychain (migrated, injected by `exec`). */
    secrets?: string[];
    /** If set, the only other variables the entry may set (blocks NODE_OPTIONS and the like). */
    allowed?: string[];
  };
  headers?: {
    /** Header names whose values must live in the keychain (served by `headers`). */
    secrets?: string[];
  };
  /** Scopes where this server may be configured. Default: all three. */
  scopes?: Scope[];
  /** MCP clients where this server may be configured (src/clients). Default: every client. */
  clients?: ClientId[];
  /** Tool names (or `prefix_*` globs) that become Claude Code permission rules. */
  tools?: { ask?: string[]; deny?: string[] };
  /** stdio: how `exec` confines the server (src/sandbox). */
  sandbox?: SandboxPolicy;
  /** What the server may tell the model; default `pinned` with `toolPins`, else `off`. */
  toolPinning?: ToolPinning;
  /** What exec does about a new or changed tool: default `withhold`. */
  onToolChange?: 'withhold' | 'block';
  /** Digests of what the server offers (docs/tool-pinning.md). */
  toolPins?: ToolPins;
}

export type SandboxMode = 'required' | 'preferred' | 'off';

/**
 * Least privilege for a stdio server (docs/sandbox.md). Paths: absolute, `~/…`, or
 * relative to the workspace. The built-in defaults live in src/sandbox/defaults.ts.
 */
export interface SandboxPolicy {
  mode?: SandboxMode;
  filesystem?: { allowRead?: string[]; allowWrite?: string[]; denyRead?: string[]; denyWrite?: string[] };
  network?: { allowedDomains?: string[] };
}

export type ToolPinning = 'pinned' | 'tofu' | 'off';

/** As `allowlist pin-tools` writes them: name → SHA-256 hex, per kind. */
export interface ToolPins {
  server: string;
  tools: Record<string, string>;
  prompts?: Record<string, string>;
  resourceTemplates?: Record<string, string>;
  pinnedAt?: string;
}

/** A deny rule: every field given must match. Deny always beats allow. */
export interface DenyRule {
  /** Exact command of a stdio entry. */
  command?: string;
  /** Exact args (with `command`). */
  args?: string[];
  /** npm package name, any version, wherever it appears in argv (`name` or `name@…`). */
  package?: string;
  /** URL glob as for ServerRule.url. */
  url?: string;
  /** Entry name. Users choose names: a name rule alone is a convenience, not a control. */
  name?: string;
  reason?: string;
}

/** A plugin marketplace source, in Claude Code's `strictKnownMarketplaces` shape. */
export type MarketplaceSource =
  | { source: 'github'; repo: string; ref?: string; path?: string }
  | { source: 'git'; url: string; ref?: string; path?: string }
  | { source: 'url'; url: string }
  | { source: 'npm'; package: string }
  | { source: 'file'; path: string }
  | { source: 'directory'; path: string }
  | { source: 'hostPattern'; hostPattern: string }
  | { source: 'pathPattern'; pathPattern: string };

export interface MarketplacePolicy {
  /** Rendered as `strictKnownMarketplaces`: the only sources that may be added. */
  allowed?: MarketplaceSource[];
  /** Rendered as `blockedMarketplaces`. */
  blocked?: MarketplaceSource[];
}

export interface PolicySettings {
  /** Render `allowManagedMcpServersOnly: true` into Claude Code's managed settings. */
  allowManagedMcpServersOnly?: boolean;
  /**
   * What `enableAllProjectMcpServers` must be. `false` (the safe default) makes the agent
   * remove `true` from settings files (enforce) and render `false` into managed settings.
   */
  enableAllProjectMcpServers?: boolean;
}

export interface Allowlist {
  $schema?: string;
  org: string;
  /** Integer ≥ 1, only ever grows. */
  version: number;
  /** RFC 3339. */
  expires: string;
  mode: Mode;
  /** Shown to developers when something of theirs is removed: how to ask for approval. */
  requestApproval?: string;
  servers: ServerRule[];
  deny?: DenyRule[];
  marketplaces?: MarketplacePolicy;
  settings?: PolicySettings;
  /** Default sandbox of every stdio rule. */
  sandbox?: SandboxPolicy;
}

/** A verified allowlist with what verification established about it. */
export interface Policy {
  allowlist: Allowlist;
  /** SHA-256 hex of the payload bytes. */
  digest: string;
  /** Key ids (SHA-256 of SPKI DER, hex) whose signatures verified. */
  keyIds: string[];
  /** When this agent accepted it (ISO). */
  acceptedAt: string;
  /** Where it came from (file path or URL). */
  source: string;
}
