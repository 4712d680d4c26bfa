import { MemorySecretStore } from '../../../src/vault/keychain/store';
import { loadKeytarApi, napiKeytarApi, type NapiKeyringBinding } from '../../../src/vault/keychain/backend';
import { openSecretStore, keychainBackendFor } from '../../../src/vault/keychain/open';
import type { LoadedConfig } from '../../../src/config/types';

describe('MemorySecretStore', () => {
  it('round-trips, lists accounts only, deletes', async () => {
    const s = new MemorySecretStore();
    await s.set('a', 'v1');
    expect(await s.get('a')).toBe('v1');
    expect(await s.list()).toEqual(['a']);
    expect(await s.delete('a')).toBe(true);
    expect(await s.get('a')).toBeNull();
  });

  it('behaves like a locked keychain when unavailable', async () => {
    const s = new MemorySecretStore();
    await s.set('a', 'v1');
    s.available = false;
    expect(await s.get('a')).toBeNull();
    await expect(s.set('b', 'x')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(s.probe()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});

describe('loadKeytarApi', () => {
  it('refuses an unknown backend with KEYCHAIN_UNAVAILABLE', () => {
    expect(() => loadKeytarApi('nope' as never)).toThrow(expect.objectContaining({ code: 'KEYCHAIN_UNAVAILABLE' }));
  });

  it('reports a missing sidecar addon as KEYCHAIN_UNAVAILABLE', () => {
    expect(() => loadKeytarApi('napi', { addonPath: '/nonexistent/keyring.node' })).toThrow(
      expect.objectContaining({ code: 'KEYCHAIN_UNAVAILABLE' }),
    );
  });

  it('builds the keytar API over a napi binding, pinned to the Secret Service', async () => {
    const made: unknown[] = [];
    const items = new Map<string, string>();
    const binding: NapiKeyringBinding = {
      AsyncEntry: class {
        constructor(
          private service: string,
          private user: string,
          options?: unknown,
        ) {
          made.push(options);
        }
        getPassword() {
          return Promise.resolve(items.get(`${this.service}/${this.user}`) ?? null);
        }
        setPassword(p: string) {
          items.set(`${this.service}/${this.user}`, p);
          return Promise.resolve();
        }
        deletePassword() {
          return Promise.resolve(items.delete(`${this.service}/${this.user}`));
        }
      },
      findCredentialsAsync: (service: string) =>
        Promise.resolve(
          [...items].filter(([k]) => k.startsWith(`${service}/`)).map(([k, password]) => ({ account: k.split('/')[1] ?? '', password })),
        ),
    };
    const api = napiKeytarApi(binding);
    await api.setPassword('svc', 'acc', 'pw');
    expect(await api.getPassword('svc', 'acc')).toBe('pw');
    expect(await api.findCredentials('svc')).toEqual([{ account: 'acc', password: 'pw' }]);
    expect(await api.deletePassword('svc', 'acc')).toBe(true);
    expect(made.every((o) => JSON.stringify(o) === JSON.stringify({ linux: { store: 'secret-service' } }))).toBe(true);
  });
});

describe('openSecretStore', () => {
  it('maps a backend that cannot load to KEYCHAIN_UNAVAILABLE on first use, not at open', async () => {
    const s = openSecretStore('napi', { addonPath: '/nonexistent/keyring.node' });
    await expect(s.get('a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('takes the backend from the agent config, napi by default', () => {
    expect(keychainBackendFor(undefined)).toBe('napi');
    const loaded = { config: { keychain: { backend: 'keytar' } }, source: 'x', baseDir: '/' } as unknown as LoadedConfig;
    expect(keychainBackendFor(loaded)).toBe('keytar');
  });
});
