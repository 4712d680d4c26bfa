// Single-executable builds (packaging/): require() inside the executable only loads
// built-in modules, so the keychain addon ships as a sidecar `.node` file next to the
// executable, in the root-owned install folder, and is loaded from there with
// process.dlopen (backend.ts). Never extracted to a temp folder: nothing is written at
// start-up, and the file can be code-signed on its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UnavailableError } from '../../errors';
import type { KeychainBackend } from './backends';

/** File names in the install folder (fixed per backend; the build picks the platform's addon). */
export const SIDECAR_FILES: Readonly<Record<KeychainBackend, string>> = { napi: 'keyring.node', keytar: 'keytar.node' };

function runningAsSingleExecutable(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:sea') as { isSea(): boolean }).isSea();
  } catch {
    return false;
  }
}

/**
 * The sidecar addon of `backend` when this process is the single executable, else
 * undefined (then the addon comes from node_modules). Throws when the file is missing or
 * could be replaced by someone else (group- or world-writable file or folder): loading it
 * would run their code inside the agent.
 */
export function sidecarAddonPath(
  backend: KeychainBackend,
  opts: { isSea?: () => boolean; execPath?: string; platform?: NodeJS.Platform } = {},
): string | undefined {
  const name = SIDECAR_FILES[backend];
  if (!name || !(opts.isSea ?? runningAsSingleExecutable)()) return undefined;
  // The real path: /usr/bin/mcp-warden is a symlink into the install folder.
  const dir = path.dirname(fs.realpathSync(opts.execPath ?? process.execPath));
  const file = path.join(dir, name);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UnavailableError({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: `${name} is not installed next to the executable (expected ${file}); reinstall mcp-warden`,
      file,
    });
  }
  if ((opts.platform ?? process.platform) !== 'win32' && ((st.mode & 0o022) !== 0 || (fs.statSync(dir).mode & 0o022) !== 0)) {
    throw new UnavailableError({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: `refusing to load ${file}: it or its folder is writable by other users`,
      file,
    });
  }
  return file;
}
