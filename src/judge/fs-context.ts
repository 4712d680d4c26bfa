// The real JudgeContext: PATH lookup, file hashing (cached by inode, size and times, so
// a pass over thousands of entries hashes each binary once) and npx's cache lockfiles.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCapped } from '../util/fsio';
import type { HashResult, JudgeContext, NpxInstall } from './context';

// npx cache manifests are tiny; a huge one is not npx's.
const MAX_NPX_MANIFEST_BYTES = 4 * 1024 * 1024;
const HASH_CHUNK = 1024 * 1024;

export interface FsJudgeContextOptions {
  home: string;
  execPath: string;
  /** Environment for PATH, PATHEXT and npm_config_cache. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** npm's cache folder (holds `_npx`). Default: $npm_config_cache, else per OS under `home`. */
  npmCacheDir?: string;
}

function defaultNpmCache(home: string, env: NodeJS.ProcessEnv): string {
  if (env.npm_config_cache) return env.npm_config_cache;
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'npm-cache');
  return path.join(home, '.npm');
}

function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hashFd(fd: number): string {
  const h = crypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(HASH_CHUNK);
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    h.update(buf.subarray(0, n));
  }
  return h.digest('hex');
}

function readJson(file: string): unknown {
  return JSON.parse(readCapped(file, MAX_NPX_MANIFEST_BYTES).toString('utf8'));
}

// Hashes outlive one context: the agent judges every few seconds, and a pinned binary can
// be large. Keyed by path, valid while device, inode, size and times are unchanged; bounded.
const MAX_HASHES = 512;
const hashes = new Map<string, { sig: string; result: HashResult }>();

function rememberHash(file: string, sig: string, result: HashResult): void {
  hashes.delete(file);
  hashes.set(file, { sig, result });
  if (hashes.size > MAX_HASHES) hashes.delete(hashes.keys().next().value as string);
}

interface NpxFolder {
  folder: string;
  packages: string[];
}

class FsJudgeContext implements JudgeContext {
  readonly home: string;
  readonly execPath: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly npmCache: string;
  private readonly whichCache = new Map<string, string | undefined>();
  private npxFolders: NpxFolder[] | { error: string } | undefined;

  constructor(opts: FsJudgeContextOptions) {
    this.home = opts.home;
    this.execPath = opts.execPath;
    this.env = opts.env ?? process.env;
    this.npmCache = opts.npmCacheDir ?? defaultNpmCache(opts.home, this.env);
  }

  which(command: string): string | undefined {
    if (this.whichCache.has(command)) return this.whichCache.get(command);
    const dirs = (this.env.PATH ?? this.env.Path ?? '').split(path.delimiter).filter(Boolean);
    const exts = process.platform === 'win32' ? ['', ...(this.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
    let found: string | undefined;
    outer: for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, command + ext);
        if (isExecutableFile(candidate)) {
          found = candidate;
          break outer;
        }
      }
    }
    this.whichCache.set(command, found);
    return found;
  }

  hashFile(file: string): HashResult {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { error: code === 'ENOENT' ? 'no such file' : `cannot open (${code ?? 'error'})` };
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return { error: 'not a regular file' };
      const sig = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
      const cached = hashes.get(file);
      if (cached?.sig === sig) return cached.result;
      const result: HashResult = { sha256: hashFd(fd) };
      rememberHash(file, sig, result);
      return result;
    } catch (e) {
      return { error: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    } finally {
      fs.closeSync(fd);
    }
  }

  private listNpx(): NpxFolder[] | { error: string } {
    if (this.npxFolders) return this.npxFolders;
    const root = path.join(this.npmCache, '_npx');
    let names: string[];
    try {
      names = fs.readdirSync(root);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.npxFolders = code === 'ENOENT' ? [] : { error: `cannot list ${root} (${code ?? 'error'})` };
      return this.npxFolders;
    }
    const out: NpxFolder[] = [];
    for (const name of names) {
      const folder = path.join(root, name);
      try {
        const manifest = readJson(path.join(folder, 'package.json')) as { _npx?: { packages?: unknown } };
        const pkgs = manifest._npx?.packages;
        if (Array.isArray(pkgs)) out.push({ folder, packages: pkgs.filter((p): p is string => typeof p === 'string') });
      } catch {
        // A folder npx is still filling, or not npx's: nothing installed there for us.
      }
    }
    this.npxFolders = out;
    return out;
  }

  npxInstalls(spec: string, name: string): NpxInstall[] | { error: string } {
    const folders = this.listNpx();
    if (!Array.isArray(folders)) return folders;
    const out: NpxInstall[] = [];
    for (const f of folders.filter((x) => x.packages.includes(spec))) {
      let lock: { packages?: Record<string, { version?: unknown; integrity?: unknown }> };
      try {
        lock = readJson(path.join(f.folder, 'package-lock.json')) as typeof lock;
      } catch {
        // package.json written but no lockfile: npx did not finish installing.
        continue;
      }
      const p = lock.packages?.[`node_modules/${name}`];
      if (!p) continue;
      out.push({
        folder: f.folder,
        version: typeof p.version === 'string' ? p.version : undefined,
        integrity: typeof p.integrity === 'string' ? p.integrity : undefined,
      });
    }
    return out;
  }
}

export function createJudgeContext(opts: FsJudgeContextOptions): JudgeContext {
  return new FsJudgeContext(opts);
}
