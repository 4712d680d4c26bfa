// The keychain bindings mcp-warden can load: @napi-rs/keyring (default) or keytar.
export type KeychainBackend = 'napi' | 'keytar';

export const KEYCHAIN_BACKENDS: readonly KeychainBackend[] = ['napi', 'keytar'];
