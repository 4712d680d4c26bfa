// Which of Claude Code's managed sources exist on this machine (reference §1.1, §3.2, §3.7).
// Reading is at the edge (discoverSources, with injectable probes for plist and registry);
// what it means for our drop-in is decided by the pure assessSources().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readCapped } from '../util/fsio';
import { DROPIN_DIR, MAX_DROPIN_BYTES } from './dropin';

/** Claude Code's managed-preferences domain (not mcp-warden's own, MANAGED_PREFS_DOMAIN). */
export const CLAUDE_PREFS_DOMAIN = 'com.anthropic.claudecode';
export const CLAUDE_POLICY_KEY = 'SOFTWARE\\Policies\\ClaudeCode';
export const DEFAULT_MANAGED_PREFS_DIR = '/Library/Managed Preferences';

export type ManagedSourceKind = 'managed-settings.json' | 'drop-in' | 'managed-mcp.json' | 'plist-device' | 'plist-user' | 'hklm' | 'hkcu';

export interface ManagedSource {
  kind: ManagedSourceKind;
  /** File path, or registry key and value. */
  location: string;
  /** Top-level settings keys it delivers; undefined when they could not be read. */
  keys?: string[];
  /** Why it could not be read or parsed. */
  problem?: string;
  /** Our own drop-in. */
  ours?: boolean;
}

export interface SourceProbeOptions {
  platform?: NodeJS.Platform;
  managedDir: string;
  dropInName: string;
  /** macOS managed-preferences folder (default /Library/Managed Preferences). */
  managedPrefsDir?: string;
  /** Top-level keys of a plist, or undefined when unreadable (default: `plutil` on macOS). */
  readPlist?: (file: string) => string[] | undefined;
  /** The `Settings` value of Claude Code's policy key in a hive (default: `reg query` on Windows). */
  readRegistry?: (hive: 'HKLM' | 'HKCU') => string | undefined;
}

function jsonKeys(text: string): { keys?: string[]; problem?: string } {
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { problem: 'not a JSON object' };
    return { keys: Object.keys(v) };
  } catch {
    return { problem: 'not valid JSON' };
  }
}

function fileSource(kind: ManagedSourceKind, file: string, extra: Partial<ManagedSource> = {}): ManagedSource | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return { kind, location: file, ...jsonKeys(readCapped(file, MAX_DROPIN_BYTES).toString('utf8')), ...extra };
  } catch (e) {
    return { kind, location: file, problem: e instanceof Error ? e.message : String(e), ...extra };
  }
}

function plutilKeys(file: string): string[] | undefined {
  try {
    const out = execFileSync('plutil', ['-convert', 'json', '-o', '-', file], { encoding: 'utf8', timeout: 5000 });
    return jsonKeys(out).keys;
  } catch {
    return undefined;
  }
}

function regSettings(hive: 'HKLM' | 'HKCU'): string | undefined {
  try {
    const out = execFileSync('reg', ['query', `${hive}\\${CLAUDE_POLICY_KEY}`, '/v', 'Settings'], { encoding: 'utf8', timeout: 5000 });
    return /^\s*Settings\s+REG_(?:EXPAND_)?SZ\s+(.*)$/m.exec(out)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

function plistSources(opts: SourceProbeOptions): ManagedSource[] {
  const dir = opts.managedPrefsDir ?? DEFAULT_MANAGED_PREFS_DIR;
  const read = opts.readPlist ?? plutilKeys;
  const one = (kind: ManagedSourceKind, file: string): ManagedSource | undefined => {
    if (!fs.existsSync(file)) return undefined;
    const keys = read(file);
    return keys ? { kind, location: file, keys } : { kind, location: file, problem: 'could not read the plist' };
  };
  const out: ManagedSource[] = [];
  const device = one('plist-device', path.join(dir, `${CLAUDE_PREFS_DOMAIN}.plist`));
  if (device) out.push(device);
  let users: string[] = [];
  try {
    users = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    // no managed preferences at all
  }
  for (const u of users) {
    const s = one('plist-user', path.join(dir, u, `${CLAUDE_PREFS_DOMAIN}.plist`));
    if (s) out.push(s);
  }
  return out;
}

function registrySources(opts: SourceProbeOptions): ManagedSource[] {
  const read = opts.readRegistry ?? regSettings;
  const out: ManagedSource[] = [];
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const value = read(hive);
    if (value === undefined) continue;
    out.push({ kind: hive === 'HKLM' ? 'hklm' : 'hkcu', location: `${hive}\\${CLAUDE_POLICY_KEY}\\Settings`, ...jsonKeys(value) });
  }
  return out;
}

/** Every managed source present, in Claude Code's precedence order (highest first). */
export function discoverSources(opts: SourceProbeOptions): ManagedSource[] {
  const platform = opts.platform ?? process.platform;
  const out: ManagedSource[] = [];
  if (platform === 'darwin') out.push(...plistSources(opts));
  const registry = platform === 'win32' ? registrySources(opts) : [];
  out.push(...registry.filter((s) => s.kind === 'hklm'));
  const base = fileSource('managed-settings.json', path.join(opts.managedDir, 'managed-settings.json'));
  if (base) out.push(base);
  const dropDir = path.join(opts.managedDir, DROPIN_DIR);
  let names: string[] = [];
  try {
    names = fs
      .readdirSync(dropDir)
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .sort();
  } catch {
    // no drop-in folder
  }
  for (const n of names) {
    const s = fileSource('drop-in', path.join(dropDir, n), n === opts.dropInName ? { ours: true } : {});
    if (s) out.push(s);
  }
  out.push(...registry.filter((s) => s.kind === 'hkcu'));
  const mcp = fileSource('managed-mcp.json', path.join(opts.managedDir, 'managed-mcp.json'));
  if (mcp) out.push(mcp);
  return out;
}
