// The keychain module against a real Secret Service (gnome-keyring in a private D-Bus
// session), both backends, and without one (no session bus; a bus whose keyring is locked).
import * as path from 'node:path';
import { openSecretStore } from '../../../src/vault/keychain/open';
import type { KeychainBackend } from '../../../src/vault/keychain/backends';
import { bundle, envWithoutBus, requireKeyring, runNode } from './keyring-env';

const backends: KeychainBackend[] = ['napi', 'keytar'];

beforeAll(() => requireKeyring());

describe.each(backends)('openSecretStore(%s) on gnome-keyring', (backend) => {
  const service = `mcp-warden-test-${backend}-${process.pid}`;
  const store = openSecretStore(backend, { service });

  afterAll(async () => {
    for (const a of await store.list()) await store.delete(a);
  });

  it('sets, gets, lists and deletes', async () => {
    const value = `v-${Math.random().toString(36).slice(2)}-ünïcode`;
    await store.set('acct|one', value);
    expect(await store.get('acct|one')).toBe(value);
    expect(await store.list()).toContain('acct|one');
    expect(await store.delete('acct|one')).toBe(true);
    expect(await store.get('acct|one')).toBeNull();
    expect(await store.delete('acct|one')).toBe(false);
  });

  it('overwrites a value in place', async () => {
    await store.set('acct|two', 'first');
    await store.set('acct|two', 'second');
    expect(await store.get('acct|two')).toBe('second');
    expect((await store.list()).filter((a) => a === 'acct|two')).toHaveLength(1);
  });

  it('probes successfully and leaves no probe item behind', async () => {
    await expect(store.probe()).resolves.toBeUndefined();
    expect(await store.list()).not.toContain('mcp-warden:probe');
  });
});

describe('without a usable Secret Service', () => {
  const probe = bundle(path.join(__dirname, 'keychain-probe.ts'), 'keychain-probe');

  it.each(backends)('%s: no D-Bus session → KEYCHAIN_UNAVAILABLE on write and probe', (backend) => {
    const env = envWithoutBus();
    const w = runNode(probe, [backend, 'set', 'a', 'v'], env);
    expect(w.stdout).toMatch(/^error KEYCHAIN_UNAVAILABLE /m);
    const p = runNode(probe, [backend, 'probe'], env);
    expect(p.stdout).toMatch(/^error KEYCHAIN_UNAVAILABLE /m);
  });

  it.each(backends)('%s: a session whose keyring is locked → KEYCHAIN_UNAVAILABLE on write and probe', (backend) => {
    // A fresh bus: D-Bus activation starts gnome-keyring with no unlocked collection and
    // its unlock prompt cannot show (no display), as for a user who is not logged in.
    const env = envWithoutBus();
    const w = runNode(probe, [backend, 'set', 'a', 'v'], env, ['dbus-run-session', '--']);
    expect(w.stdout).toMatch(/^error KEYCHAIN_UNAVAILABLE /m);
    const p = runNode(probe, [backend, 'probe'], env, ['dbus-run-session', '--']);
    expect(p.stdout).toMatch(/^error KEYCHAIN_UNAVAILABLE /m);
  });
});
