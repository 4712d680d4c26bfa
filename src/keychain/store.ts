// The keychain as the rest of the code sees it. The implementation (keytar API over
// @napi-rs/keyring or keytar) lives beside this file; unit tests of pure logic may use
// MemorySecretStore, everything else runs against a real Secret Service.

/** Keychain service name for every item mcp-warden stores. */
export const KEYCHAIN_SERVICE = 'mcp-warden';

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts only: values never leave get(). */
  list(): Promise<string[]>;
}

export class MemorySecretStore implements SecretStore {
  readonly items = new Map<string, string>();
  get(account: string): Promise<string | null> {
    return Promise.resolve(this.items.get(account) ?? null);
  }
  set(account: string, value: string): Promise<void> {
    this.items.set(account, value);
    return Promise.resolve();
  }
  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.items.delete(account));
  }
  list(): Promise<string[]> {
    return Promise.resolve([...this.items.keys()]);
  }
}
