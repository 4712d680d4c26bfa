'use strict';
// Runtime half of the single-executable build: loads a native addon that ships as a
// sidecar `.node` file next to the executable, in the root-owned install folder.
//
// Why a sidecar and not an embedded asset: an embedded addon has to be written to a temp
// folder before process.dlopen() can load it (a world-writable place, a TOCTOU window, and
// files to clean up); a sidecar can be code-signed and notarized as its own Mach-O, and
// nothing is written at start-up. The bundler (packaging/sea/bundle.mjs) rewrites every
// `require('…/x.node')`, `require('bindings')(…)` and @napi-rs/keyring's platform loader
// into a call to loadSidecar(name).
const fs = require('node:fs');
const path = require('node:path');

const loaded = new Map();

class SidecarError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SidecarError';
    this.code = code;
  }
}

/**
 * The install folder: the folder of the executable's real path. Never the working
 * directory or PATH: a sidecar is only ever taken from where the package put it.
 * (/usr/bin/mcp-warden is a symlink into /usr/lib/mcp-warden; /proc/self/exe is already
 * resolved on Linux, realpath makes macOS and Windows alike.)
 */
function installDir() {
  return path.dirname(fs.realpathSync(process.execPath));
}

function loadSidecar(name) {
  const cached = loaded.get(name);
  if (cached) return cached;
  const dir = installDir();
  const file = path.join(dir, name);
  let st;
  try {
    st = fs.statSync(file);
  } catch {
    throw new SidecarError(
      'SIDECAR_MISSING',
      `native module ${name} is not installed next to ${process.execPath} (expected ${file}); reinstall mcp-warden`,
    );
  }
  // A sidecar that others can replace would run their code inside the agent: refuse a
  // group- or world-writable file or folder (POSIX only; on Windows Program Files ACLs do this).
  if (process.platform !== 'win32') {
    const dirSt = fs.statSync(dir);
    if ((st.mode & 0o022) !== 0 || (dirSt.mode & 0o022) !== 0) {
      throw new SidecarError('SIDECAR_UNSAFE', `refusing to load ${file}: it or its folder is writable by other users`);
    }
  }
  const mod = { exports: {} };
  process.dlopen(mod, file);
  loaded.set(name, mod.exports);
  return mod.exports;
}

module.exports = { loadSidecar, installDir, SidecarError };
