// The packages under test: `npm run package` (packaging/build.sh) builds them once into
// dist/packages/ and skips the build when no input changed (keyed on a hash of the
// sources), so CI that ran `npm run package` first pays nothing here, and two test files
// asking at once serialise on the build's lock.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Building from scratch compiles SQLite (about a minute, more on a busy machine). */
export const BUILD_TIMEOUT_MS = 20 * 60 * 1000;

export interface Artefacts {
  outDir: string;
  /** The Linux install folder: mcp-warden, keyring.node, better_sqlite3.node. */
  installDir: string;
  exe: string;
  deb: string;
  tarball: string;
  version: string;
}

let built: Artefacts | undefined;

export function ensurePackages(): Artefacts {
  if (built) return built;
  const outDir = process.env.MCP_WARDEN_PACKAGE_OUT ?? path.join(ROOT, 'dist', 'packages');
  const r = spawnSync('bash', [path.join(ROOT, 'packaging', 'build.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    // The package's contents do not depend on the outer compression; gzip saves minutes.
    env: { ...process.env, MCP_WARDEN_PACKAGE_OUT: outDir, MCP_WARDEN_DEB_COMPRESSION: process.env.MCP_WARDEN_DEB_COMPRESSION ?? 'gzip' },
  });
  if (r.status !== 0) {
    throw new Error(`npm run package failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const installDir = path.join(outDir, 'linux-x64');
  built = {
    outDir,
    installDir,
    exe: path.join(installDir, 'mcp-warden'),
    deb: path.join(outDir, `mcp-warden_${version}_amd64.deb`),
    tarball: path.join(outDir, `mcp-warden-${version}-linux-x64.tar.gz`),
    version,
  };
  return built;
}

/** Fail loudly (never skip) where the package tests cannot run. */
export function requireRoot(): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error('the .deb tests install into a throwaway overlay of / and need root (as in CI)');
  }
}
