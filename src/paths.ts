// Where things live on each OS. Every command accepts --home and --state-dir so tests and
// the quickstart never touch the real user's files; everything below derives from them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PathOptions {
  home?: string;
  stateDir?: string;
}

export function userHome(opts: PathOptions = {}): string {
  return path.resolve(opts.home ?? os.homedir());
}

/** The per-user state folder: policy state, quarantine, spool, logs, lock. */
export function userStateDir(opts: PathOptions = {}): string {
  if (opts.stateDir) return path.resolve(opts.stateDir);
  const home = userHome(opts);
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'mcp-warden');
    case 'win32':
      return opts.home
        ? path.join(home, 'AppData', 'Local', 'mcp-warden')
        : path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'mcp-warden');
    default: {
      const xdg = !opts.home && process.env.XDG_STATE_HOME ? process.env.XDG_STATE_HOME : path.join(home, '.local', 'state');
      return path.join(xdg, 'mcp-warden');
    }
  }
}

/** Root-owned state for `system apply` (rollback state must not be user-writable). */
export function systemStateDir(opts: PathOptions = {}): string {
  if (opts.stateDir) return path.resolve(opts.stateDir);
  switch (process.platform) {
    case 'darwin':
      return '/Library/Application Support/mcp-warden/state';
    case 'win32':
      return path.join(process.env.ProgramData ?? 'C:\\ProgramData', 'mcp-warden', 'state');
    default:
      return '/var/lib/mcp-warden';
  }
}

/** Default agent config files, in the order they are tried. */
export function defaultConfigFiles(): string[] {
  switch (process.platform) {
    case 'darwin':
      return ['/Library/Application Support/mcp-warden/agent.yaml', '/Library/Application Support/mcp-warden/agent.json'];
    case 'win32': {
      const pd = process.env.ProgramData ?? 'C:\\ProgramData';
      return [path.join(pd, 'mcp-warden', 'agent.yaml'), path.join(pd, 'mcp-warden', 'agent.json')];
    }
    default:
      return ['/etc/mcp-warden/agent.yaml', '/etc/mcp-warden/agent.json'];
  }
}

/** macOS managed-preferences domain that a configuration profile delivers the config through. */
export const MANAGED_PREFS_DOMAIN = 'com.mcp-warden.agent';
/** Windows policy key holding the config as a JSON string value `Config`. */
export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\mcp-warden';

/** Claude Code's managed-settings folder. */
export function claudeManagedDir(): string {
  switch (process.platform) {
    case 'darwin':
      return '/Library/Application Support/ClaudeCode';
    case 'win32':
      return 'C:\\Program Files\\ClaudeCode';
    default:
      return '/etc/claude-code';
  }
}

/** Where packages install the executable (what rewritten entries point at). */
export function defaultInstalledExecPath(): string {
  switch (process.platform) {
    case 'darwin':
      return '/Library/Application Support/mcp-warden/bin/mcp-warden';
    case 'win32':
      return 'C:\\Program Files\\mcp-warden\\mcp-warden.exe';
    default:
      return '/usr/bin/mcp-warden';
  }
}

function isSea(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:sea') as { isSea(): boolean }).isSea();
  } catch {
    return false;
  }
}

/** This checkout's bin/mcp-warden, found by walking up from this file. */
export function checkoutBinPath(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'bin', 'mcp-warden');
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * The absolute path rewritten entries run (`<path> exec …`). Must be predictable without
 * reading user files, because `system apply` renders it into managed settings as root:
 * the config's `exec.path`, else the installed location when it exists, else this running
 * executable (single-executable build) or this checkout's bin/mcp-warden.
 */
export function resolveExecPath(configured?: string): string {
  if (configured) return configured;
  const installed = defaultInstalledExecPath();
  if (fs.existsSync(installed)) return installed;
  if (isSea()) return process.execPath;
  return checkoutBinPath() ?? installed;
}
