// The OS keychain as a SecretStore: the keytar API of the configured backend, loaded on
// first use (so commands that never touch the keychain never load native code), every
// operation serialized, bounded in time, and every failure of the platform store turned
// into UnavailableError KEYCHAIN_UNAVAILABLE (locked keyring, no Secret Service, no D-Bus
// session, user not logged in). Values are taught to the redactor as they pass.
import { UnavailableError } from '../../errors';
import { redactor } from '../../log/redact';
import type { LoadedConfig } from '../../config/types';
import { loadKeytarApi, type KeytarApi, type LoadOptions } from './backend';
import type { KeychainBackend } from './backends';
import { KEYCHAIN_SERVICE, type SecretStore } from './store';

export interface OpenOptions extends LoadOptions {
  /** Per operation. A locked keyring may show an unlock prompt; the user needs time. Default 20 s. */
  timeoutMs?: number;
  /** Keychain service name (tests use their own). Default KEYCHAIN_SERVICE. */
  service?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** Written, read back and deleted by probe(). */
export const PROBE_ACCOUNT = 'mcp-warden:probe';

/** The backend the agent config selects (`keychain.backend`), `napi` by default. */
export function keychainBackendFor(loaded: LoadedConfig | undefined): KeychainBackend {
  return loaded?.config.keychain?.backend ?? 'napi';
}

class OsSecretStore implements SecretStore {
  private api: KeytarApi | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly service: string;
  private readonly timeoutMs: number;

  constructor(
    readonly backend: KeychainBackend,
    private readonly opts: OpenOptions,
  ) {
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get(account: string): Promise<string | null> {
    return this.run('read', async (api) => {
      const v = await api.getPassword(this.service, account);
      redactor.learn(v);
      return v;
    });
  }

  set(account: string, value: string): Promise<void> {
    redactor.learn(value);
    return this.run('write', (api) => api.setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.run('delete', (api) => api.deletePassword(this.service, account));
  }

  list(): Promise<string[]> {
    return this.run('list', async (api) => {
      // The Secret Service can return, from a search, an item deleted a moment ago (the
      // next call then fails with "Object does not exist"): one retry covers that race.
      const creds = await api.findCredentials(this.service).catch((e: unknown) => {
        if (/does not exist|No such object|UnknownObject|UnknownMethod/i.test(String((e as Error)?.message ?? e)))
          return api.findCredentials(this.service);
        throw e;
      });
      // Values never leave get(); teach them to the redactor and drop them.
      for (const c of creds) redactor.learn(c.password);
      return creds.map((c) => c.account).filter((a) => a !== PROBE_ACCOUNT);
    });
  }

  /**
   * Prove the keychain can store and return a value now. A locked or absent store answers
   * reads with "nothing there", so a missing secret is only a missing secret after this.
   */
  async probe(): Promise<void> {
    const token = `probe-${process.pid}-${Date.now()}`;
    await this.set(PROBE_ACCOUNT, token);
    const back = await this.get(PROBE_ACCOUNT);
    await this.delete(PROBE_ACCOUNT);
    if (back !== token) {
      throw new UnavailableError({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `keychain (${this.backend}): a value written could not be read back`,
      });
    }
  }

  private run<T>(what: string, op: (api: KeytarApi) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.withTimeout(what, op));
    // The queue continues whatever this operation's outcome.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async withTimeout<T>(what: string, op: (api: KeytarApi) => Promise<T>): Promise<T> {
    this.api ??= loadKeytarApi(this.backend, this.opts);
    const api = this.api;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new UnavailableError({
              code: 'KEYCHAIN_UNAVAILABLE',
              message: `keychain (${this.backend}): ${what} timed out after ${this.timeoutMs} ms (locked, or waiting for an unlock prompt)`,
            }),
          ),
        this.timeoutMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([Promise.resolve().then(() => op(api)), timeout]);
    } catch (e) {
      if (e instanceof UnavailableError) throw e;
      throw new UnavailableError({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `keychain (${this.backend}): ${what} failed: ${describePlatformError(e)}`,
        cause: e,
      });
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

/** The platform's message, first line only, with the usual causes spelled out. */
function describePlatformError(e: unknown): string {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  if (/autolaunch|DBUS_SESSION_BUS_ADDRESS|Failed to connect|No such file or directory/i.test(msg)) {
    return `${msg} — no D-Bus session or Secret Service (is the user logged in? is gnome-keyring or KWallet running?)`;
  }
  if (/locked|prompt was dismissed|dismissed|InteractionNotAllowed|-25308/i.test(msg)) {
    return `${msg} — the keyring is locked; unlock it (log in to the desktop session) and try again`;
  }
  return msg;
}

/**
 * The OS keychain through `backend` (default `napi`). Nothing is loaded until the first
 * operation; every platform failure is UnavailableError KEYCHAIN_UNAVAILABLE.
 */
export function openSecretStore(
  backend: KeychainBackend = 'napi',
  opts: OpenOptions = {},
): SecretStore & { probe(): Promise<void>; readonly backend: KeychainBackend } {
  return new OsSecretStore(backend, opts);
}
