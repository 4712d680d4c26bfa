// Agent config loading. OWNED BY the signed-allowlist work (issue 2): replaced there.
import type * as crypto from 'node:crypto';
import type { LoadedConfig } from './types';

export interface ConfigLocateOptions {
  /** --config */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
}

/** Find (--config, $MCP_WARDEN_CONFIG, OS default), size-cap, parse (YAML/JSON), schema-validate. Throws ConfigError. */
export function loadAgentConfig(_opts: ConfigLocateOptions): LoadedConfig {
  throw new Error('loadAgentConfig: not implemented yet');
}

/** The trusted Ed25519 public keys (publicKey PEM or publicKeyFile). Throws ConfigError KEY_INVALID. */
export function loadTrustKeys(_loaded: LoadedConfig): crypto.KeyObject[] {
  throw new Error('loadTrustKeys: not implemented yet');
}
