// The ONE place that loads native keychain code. Everything else sees the keytar API.
//
// Backends (agent config `keychain.backend`):
//  - `napi` (default): @napi-rs/keyring, maintained, prebuilt, no libsecret dependency on
//    Linux (it speaks D-Bus itself). On Linux we pin it to the Secret Service: left to
//    itself it falls back to the kernel keyring, which forgets everything at reboot —
//    a secret moved there would be lost.
//  - `keytar`: the archived original, an optionalDependency (it builds from source against
//    libsecret; `npm ci` without the headers still succeeds and this backend is then absent).
// The two do not share items (keytar stores the account as `account`, @napi-rs/keyring as
// `username`), and keytar 7.9's findCredentials can crash on items the other wrote
// (verified-notes.md). One backend per installation; switching is a migration.
//
// Packaging: a single executable cannot `require()` an addon from node_modules. It passes
// `addonPath` (the sidecar `.node` file next to the executable) and the binding is loaded
// with process.dlopen; the keytar API is then built over it exactly as below.
import { UnavailableError } from '../../errors';
import { sidecarAddonPath } from './sidecar';
import { KEYCHAIN_BACKENDS, type KeychainBackend } from './backends';

/** The keytar API (the subset we use). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

interface NapiEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}

/** What @napi-rs/keyring's native binding exports (index.js re-exports it as is). */
export interface NapiKeyringBinding {
  AsyncEntry: new (service: string, username: string, options?: unknown) => NapiEntry;
  findCredentialsAsync(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface LoadOptions {
  /** Absolute path of the native addon to load with process.dlopen (single-executable builds). */
  addonPath?: string;
}

// Linux: Secret Service only (see the header). Ignored on macOS and Windows.
const NAPI_ENTRY_OPTIONS = { linux: { store: 'secret-service' } };

/** The keytar API over @napi-rs/keyring's binding (what `@napi-rs/keyring/keytar` does, pinned). */
export function napiKeytarApi(binding: NapiKeyringBinding): KeytarApi {
  const entry = (service: string, account: string): NapiEntry => new binding.AsyncEntry(service, account, NAPI_ENTRY_OPTIONS);
  return {
    getPassword: (service, account) => entry(service, account).getPassword(),
    setPassword: (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: (service, account) => entry(service, account).deletePassword(),
    findCredentials: async (service) => {
      // findCredentialsAsync takes no store option; constructing a pinned entry first makes
      // an absent Secret Service fail here instead of silently listing the kernel keyring.
      entry(service, 'mcp-warden:probe');
      return binding.findCredentialsAsync(service);
    },
  };
}

function unavailable(backend: KeychainBackend, detail: string, cause?: unknown): UnavailableError {
  return new UnavailableError({
    code: 'KEYCHAIN_UNAVAILABLE',
    message: `keychain backend '${backend}' cannot be loaded: ${detail}`,
    cause,
  });
}

function dlopen(file: string): unknown {
  const mod = { exports: {} as unknown };
  process.dlopen(mod, file);
  return mod.exports;
}

/** A module resolved at run time (not bundled: native code is never inlined). */
function requireAtRuntime(name: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(name) as unknown;
}

function isApi(x: unknown): x is KeytarApi {
  const o = x as Partial<Record<keyof KeytarApi, unknown>> | null;
  return (
    !!o &&
    typeof o.getPassword === 'function' &&
    typeof o.setPassword === 'function' &&
    typeof o.deletePassword === 'function' &&
    typeof o.findCredentials === 'function'
  );
}

function isNapiBinding(x: unknown): x is NapiKeyringBinding {
  const o = x as Partial<Record<keyof NapiKeyringBinding, unknown>> | null;
  return !!o && typeof o.AsyncEntry === 'function' && typeof o.findCredentialsAsync === 'function';
}

/**
 * Load `backend` and return its keytar API. Throws UnavailableError KEYCHAIN_UNAVAILABLE
 * when the module or its native addon is missing (keytar not built, unsupported platform).
 */
export function loadKeytarApi(backend: KeychainBackend, opts: LoadOptions = {}): KeytarApi {
  let loaded: unknown;
  try {
    // In the single executable, the sidecar next to it (sidecar.ts).
    const addonPath = opts.addonPath ?? sidecarAddonPath(backend);
    if (backend === 'napi') {
      loaded = addonPath ? dlopen(addonPath) : requireAtRuntime('@napi-rs/keyring');
    } else if (backend === 'keytar') {
      // keytar's native exports already are the keytar API (lib/keytar.js only adds checks).
      loaded = addonPath ? dlopen(addonPath) : requireAtRuntime('keytar');
    } else {
      throw unavailable(backend, `unknown backend (expected ${KEYCHAIN_BACKENDS.join(' or ')})`);
    }
  } catch (e) {
    if (e instanceof UnavailableError) throw e;
    const hint = backend === 'keytar' ? ' (keytar is optional: it needs libsecret-1-dev at install time)' : '';
    throw unavailable(backend, `${(e as Error).message.split('\n')[0] ?? 'load failed'}${hint}`, e);
  }
  if (backend === 'napi') {
    if (!isNapiBinding(loaded)) throw unavailable(backend, 'the addon does not export AsyncEntry/findCredentialsAsync');
    return napiKeytarApi(loaded);
  }
  if (!isApi(loaded)) throw unavailable(backend, 'the addon does not export the keytar API');
  return loaded;
}
