// The keychain as the rest of the code sees it. The implementation (keytar API over
// @napi-rs/keyring or keytar) lives beside this file; unit tests of pure logic may use
// MemorySecretStore, everything else runs against a real Secret Service.

import { UnavailableError } from '../../errors';

/** Keychain service name for every item mcp-warden stores. */
export const KEYCHAIN_SERVICE = 'mcp-warden';

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts only: values never leave get(). */
  list(): Promise<string[]>;
  /**
   * Throw UnavailableError KEYCHAIN_UNAVAILABLE unless a value can be stored and read back
   * now. A locked or absent store answers get() with null, so callers that see null and
   * must tell "missing" from "locked" call this.
   */
  probe?(): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  readonly items = new Map<string, string>();
  /** Set to false to behave like a locked keychain: writes and probes fail, reads return null. */
  available = true;
  get(account: string): Promise<string | null> {
    return Promise.resolve(this.available ? (this.items.get(account) ?? null) : null);
  }
  set(account: string, value: string): Promise<void> {
    if (!this.available) return Promise.reject(lockedError());
    this.items.set(account, value);
    return Promise.resolve();
  }
  delete(account: string): Promise<boolean> {
    if (!this.available) return Promise.reject(lockedError());
    return Promise.resolve(this.items.delete(account));
  }
  list(): Promise<string[]> {
    if (!this.available) return Promise.reject(lockedError());
    return Promise.resolve([...this.items.keys()]);
  }
  probe(): Promise<void> {
    return this.available ? Promise.resolve() : Promise.reject(lockedError());
  }
}

function lockedError(): UnavailableError {
  return new UnavailableError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'keychain (memory): locked' });
}
