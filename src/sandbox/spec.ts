// Policy → sandbox spec: which paths the server may read and write, what is masked inside
// them, and its network. Pure: what the file system knows (where a command resolves, where
// a script's package root is) comes in through SpecFs.
import * as path from 'node:path';
import type { Allowlist, SandboxMode, SandboxPolicy, ServerRule } from '../policy/types';
import { LINUX_SYSTEM_READ, MACOS_SYSTEM_READ, SECRET_LOCATIONS } from './defaults';

export type SandboxPlatform = 'linux' | 'darwin';

export interface SandboxSpec {
  mode: Exclude<SandboxMode, 'off'>;
  platform: SandboxPlatform;
  /** The project folder the server starts in (read-write). */
  workspace: string;
  home: string;
  /** Read-only mounts (system folders, the server's package, allowRead). Absolute. */
  read: string[];
  /** Read-write mounts (workspace, allowWrite). Absolute. The private temp folder is added at launch. */
  write: string[];
  /** Hidden even inside an allowed mount (secret locations, denyRead). Absolute. */
  denyRead: string[];
  /** Read-only even inside a writable mount. Absolute. */
  denyWrite: string[];
  network: { allowedDomains: string[] };
}

/** What the spec needs from the file system (the runtime passes real fs, tests a map). */
export interface SpecFs {
  /** Absolute real path of a command (PATH lookup for a bare name), or undefined. */
  resolveCommand(command: string, cwd: string): string | undefined;
  /** Real path of an existing file, or undefined. */
  realFile(file: string): string | undefined;
  /** The nearest folder at or above `dir` holding package.json (or pyproject.toml…), or undefined. */
  packageRoot(dir: string): string | undefined;
}

/** The sandbox section that applies to a rule (rule over default), or undefined when off. */
export function effectiveSandbox(rule: ServerRule, allowlist: Pick<Allowlist, 'sandbox'>): SandboxPolicy | undefined {
  if (rule.transport !== 'stdio') return undefined;
  const d = allowlist.sandbox;
  const r = rule.sandbox;
  if (!d && !r) return undefined;
  const mode = r?.mode ?? d?.mode ?? 'off';
  if (mode === 'off') return undefined;
  const list = (k: 'allowRead' | 'allowWrite' | 'denyRead' | 'denyWrite'): string[] => [
    ...(d?.filesystem?.[k] ?? []),
    ...(r?.filesystem?.[k] ?? []),
  ];
  return {
    mode,
    filesystem: { allowRead: list('allowRead'), allowWrite: list('allowWrite'), denyRead: list('denyRead'), denyWrite: list('denyWrite') },
    network: { allowedDomains: [...new Set([...(d?.network?.allowedDomains ?? []), ...(r?.network?.allowedDomains ?? [])])] },
  };
}

/**
 * Why a workspace cannot be the sandbox's writable root, or undefined when it can. The
 * workspace comes from CLAUDE_PROJECT_DIR or the working folder, which a config entry's env
 * can set: `/` or a folder above the home would make everything writable.
 */
export function unsafeWorkspace(workspace: string, home: string, platform: SandboxPlatform): string | undefined {
  if (!path.isAbsolute(workspace)) return 'it is not an absolute path';
  if (isWithin(home, workspace) && path.resolve(home) !== path.resolve(workspace)) return 'it contains the home folder';
  const system = platform === 'linux' ? LINUX_SYSTEM_READ : MACOS_SYSTEM_READ;
  if (path.resolve(workspace) === '/' || system.some((s) => isWithin(workspace, s))) return 'it is a system folder';
  return undefined;
}

/** `~`, `~/x`, absolute, or workspace-relative → absolute. */
export function expandPath(p: string, home: string, workspace: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  return path.isAbsolute(p) ? path.normalize(p) : path.join(workspace, p);
}

/** True when `inner` is `outer` or below it (path.relative, never a string prefix). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder to mount for an executable: its install prefix when it sits in a `bin` folder. */
function installRoot(file: string, fs: SpecFs): string {
  const dir = path.dirname(file);
  return fs.packageRoot(dir) ?? (path.basename(dir) === 'bin' ? path.dirname(dir) : dir);
}

/**
 * The server's own package: what its command and the files its arguments name live in.
 * Never the home or above (a stray ~/package.json must not mount the whole home).
 */
export function packageReads(argv: readonly string[], cwd: string, home: string, fs: SpecFs, system: readonly string[]): string[] {
  const out: string[] = [];
  const add = (root: string, file: string): void => {
    const p = isWithin(home, root) ? path.dirname(file) : root;
    if (isWithin(home, p) || system.some((s) => isWithin(p, s)) || out.includes(p)) return;
    out.push(p);
  };
  const cmd = argv[0] ? fs.resolveCommand(argv[0], cwd) : undefined;
  if (cmd) add(installRoot(cmd, fs), cmd);
  for (const a of argv.slice(1)) {
    if (a.startsWith('-') || a.includes('\0')) continue;
    const file = fs.realFile(path.resolve(cwd, a));
    if (file) add(installRoot(file, fs), file);
  }
  return out;
}

export interface SpecInput {
  policy: SandboxPolicy;
  platform: SandboxPlatform;
  /**
   * [command, ...args] up to the rule's own args: arguments a user may append
   * (trailingArgs) never mount anything, or an edited config could mount another project.
   */
  argv: readonly string[];
  workspace: string;
  home: string;
}

export function buildSpec(input: SpecInput, fs: SpecFs): SandboxSpec {
  const { policy, home, workspace } = input;
  const exp = (p: string): string => expandPath(p, home, workspace);
  const fsPol = policy.filesystem ?? {};
  const allowRead = (fsPol.allowRead ?? []).map(exp);
  const allowWrite = (fsPol.allowWrite ?? []).map(exp);
  const system = input.platform === 'linux' ? LINUX_SYSTEM_READ : MACOS_SYSTEM_READ;
  const write = [workspace, ...allowWrite];
  // A folder that is writable anyway is not mounted twice.
  const read = [...system, ...packageReads(input.argv, workspace, home, fs, system), ...allowRead].filter(
    (r) => !write.some((w) => isWithin(r, w)),
  );
  // A built-in secret location that a rule names (or reaches into) on purpose is opened.
  const opened = [...allowRead, ...allowWrite];
  const builtIn = SECRET_LOCATIONS.map((s) => path.join(home, s)).filter((s) => !opened.some((o) => isWithin(o, s)));
  return {
    mode: policy.mode === 'preferred' ? 'preferred' : 'required',
    platform: input.platform,
    workspace,
    home,
    read: unique(read),
    write: unique(write),
    denyRead: unique([...builtIn, ...(fsPol.denyRead ?? []).map(exp)]),
    denyWrite: unique((fsPol.denyWrite ?? []).map(exp)),
    network: { allowedDomains: [...(policy.network?.allowedDomains ?? [])] },
  };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
