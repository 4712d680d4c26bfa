// The keychain module's public surface.
export { KEYCHAIN_SERVICE, MemorySecretStore, type SecretStore } from './store';
export { openSecretStore, keychainBackendFor, PROBE_ACCOUNT, type OpenOptions } from './open';
export { loadKeytarApi, napiKeytarApi, type KeytarApi, type NapiKeyringBinding } from './backend';
export { KEYCHAIN_BACKENDS, type KeychainBackend } from './backends';
