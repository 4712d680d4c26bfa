// The agent config delivered through the OS's own policy channels, besides plain files:
//  - macOS: a configuration profile (Jamf, Intune, Kandji …) for the managed-preferences
//    domain MANAGED_PREFS_DOMAIN, which macOS materialises as
//    /Library/Managed Preferences/<domain>.plist (root-owned);
//  - Windows: Group Policy / Intune OMA-URI writing the string value `Config` under
//    WINDOWS_POLICY_KEY (HKLM, admin-only).
// The parsing is pure and tested on every OS; only the two commands run on their OS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANAGED_PREFS_DOMAIN, WINDOWS_POLICY_KEY } from '../paths';
import { ConfigError } from '../errors';

/**
 * child_process on first use: only macOS and Windows run a command here, and every
 * `mcp-warden exec` loads this module (on Linux the launch then never needs child_process).
 */
function execFileSync(
  file: string,
  args: readonly string[],
  opts: import('node:child_process').ExecFileSyncOptionsWithStringEncoding,
): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:child_process') as typeof import('node:child_process')).execFileSync(file, args, opts);
}

/** Config text found in an OS channel, and a human description of where. */
export interface OsConfigSource {
  /** YAML or JSON text of the config. */
  text: string;
  source: string;
}

// Bytes: the same cap as for a config file; a policy value has no reason to be larger.
export const MAX_OS_CONFIG_BYTES = 256 * 1024;
const COMMAND_TIMEOUT_MS = 10_000;

/** Where the tools and folders are; overridable so the process handling is tested on any OS. */
export interface OsSourceEnv {
  prefsDir?: string;
  plutil?: string;
  reg?: string;
}

export function managedPrefsFile(domain = MANAGED_PREFS_DOMAIN, prefsDir = '/Library/Managed Preferences'): string {
  return path.join(prefsDir, `${domain}.plist`);
}

/**
 * The managed-preferences dictionary (as `plutil -convert json` prints it) → config text.
 * Two shapes are accepted: the config's keys at the top level (what a custom-settings
 * payload produces), or a single string key `Config` holding YAML/JSON (what MDMs that
 * cannot express nested dictionaries easily produce, and the same shape as on Windows).
 * Keys starting with `Payload` are profile bookkeeping, not config, and are dropped.
 */
export function configFromPrefsJson(json: string): string {
  const dict: unknown = JSON.parse(json);
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
    throw new ConfigError({ code: 'CONFIG_INVALID', message: 'managed preferences are not a dictionary' });
  }
  const entries = Object.entries(dict as Record<string, unknown>).filter(([k]) => !k.startsWith('Payload'));
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only && only[0] === 'Config' && typeof only[1] === 'string') return only[1];
  return JSON.stringify(Object.fromEntries(entries));
}

/** macOS: read the managed-preferences domain, if a profile installed it. */
export function readManagedPrefs(domain = MANAGED_PREFS_DOMAIN, env: OsSourceEnv = {}): OsConfigSource | undefined {
  const file = managedPrefsFile(domain, env.prefsDir);
  if (!fs.existsSync(file)) return undefined;
  const st = fs.statSync(file);
  if (st.size > MAX_OS_CONFIG_BYTES)
    throw new ConfigError({
      code: 'CONFIG_INVALID',
      message: `${file}: ${st.size} bytes is over the ${MAX_OS_CONFIG_BYTES}-byte limit`,
      file,
    });
  // plutil reads binary and XML plists alike; JSON keeps us free of a plist parser.
  const json = execFileSync(env.plutil ?? '/usr/bin/plutil', ['-convert', 'json', '-o', '-', file], {
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 4 * MAX_OS_CONFIG_BYTES,
  });
  return { text: configFromPrefsJson(json), source: `managed preferences (${file})` };
}

/**
 * `reg query KEY /v Config` output → the value, or undefined when it is not there.
 * REG_SZ / REG_EXPAND_SZ are used as is; REG_MULTI_SZ (which reg prints with literal
 * `\0` between strings) is joined with newlines, so a YAML config can be one line each.
 */
export function parseRegQueryOutput(stdout: string, valueName = 'Config'): string | undefined {
  const re = new RegExp(`^\\s+${valueName}\\s+(REG_SZ|REG_EXPAND_SZ|REG_MULTI_SZ)(?:\\s+(.*))?$`);
  for (const line of stdout.split(/\r?\n/)) {
    const m = re.exec(line);
    if (!m) continue;
    const raw = m[2] ?? '';
    return m[1] === 'REG_MULTI_SZ' ? raw.split('\\0').join('\n') : raw;
  }
  return undefined;
}

/** Windows: read the policy value, if Group Policy / Intune set it. */
export function readWindowsPolicy(key = WINDOWS_POLICY_KEY, env: OsSourceEnv = {}): OsConfigSource | undefined {
  let stdout: string;
  try {
    // /reg:64: the policy lives in the 64-bit view even if a 32-bit node runs us.
    stdout = execFileSync(env.reg ?? 'reg', ['query', key, '/v', 'Config', '/reg:64'], {
      encoding: 'utf8',
      timeout: COMMAND_TIMEOUT_MS,
      maxBuffer: 4 * MAX_OS_CONFIG_BYTES,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    // reg exits 1 when the key or the value does not exist: no policy config.
    if ((e as { status?: number }).status === 1) return undefined;
    throw e;
  }
  const text = parseRegQueryOutput(stdout);
  if (text === undefined) return undefined;
  if (Buffer.byteLength(text) > MAX_OS_CONFIG_BYTES)
    throw new ConfigError({ code: 'CONFIG_INVALID', message: `${key}\\Config is over the ${MAX_OS_CONFIG_BYTES}-byte limit` });
  return { text, source: `registry (${key}\\Config)` };
}

/** The OS policy channel for this platform, if it holds a config. */
export function readOsPolicyConfig(platform: NodeJS.Platform = process.platform): OsConfigSource | undefined {
  if (platform === 'darwin') return readManagedPrefs();
  if (platform === 'win32') return readWindowsPolicy();
  return undefined;
}
