// The runtime adapter: finds the sandbox program, checks that it can start a sandbox, and
// turns (spec, command, args, env) into what to spawn. The only module here that touches
// the file system and processes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bwrapArgs, namespaceArgs } from './bwrap';
import { proxyEnv } from './bridge';
import type { RunningEgress } from './egress';
import { SandboxError } from './errors';
import { bridgeArgv, bridgeReads, darwinEgress, linuxNetwork, type NetworkHooks } from './network';
import { cachedSuccess, probeKey, rememberSuccess } from './probe-cache';
import { seatbeltArgs, seatbeltProfile } from './seatbelt';
import type { SandboxPlatform, SandboxSpec, SpecFs } from './spec';

export interface Backend {
  platform: SandboxPlatform;
  /** Absolute path of bwrap or sandbox-exec. */
  program: string;
}

export interface WrappedLaunch {
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Removes the private temp folder (and stops the egress proxy). Safe to call twice. */
  cleanup: () => void;
  /**
   * Rules that allow domains: starts the egress proxy; to be awaited before spawning
   * (macOS: it also fills in the profile and the proxy variables, which need its port).
   */
  ready?: () => Promise<void>;
}

/** Markers of a package root, nearest first. */
const PACKAGE_MARKERS = ['package.json', 'pyproject.toml', 'go.mod', 'Cargo.toml'];
/** How far up from a script a package root is searched. */
const PACKAGE_SEARCH_DEPTH = 8;
/** The probe starts a trivial sandbox; a hung one must not hold the launch. */
const PROBE_TIMEOUT_MS = 5_000;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function realFile(file: string): string | undefined {
  try {
    const real = fs.realpathSync(file);
    return fs.statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** PATH lookup as execvp does it; absolute or relative commands resolve against cwd. */
export function resolveCommand(command: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (command.includes('/')) {
    const f = path.resolve(cwd, command);
    return isExecutable(f) ? realFile(f) : undefined;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const f = path.join(dir, command);
    if (isExecutable(f)) return realFile(f);
  }
  return undefined;
}

export function realSpecFs(env: NodeJS.ProcessEnv): SpecFs {
  return {
    resolveCommand: (c, cwd) => resolveCommand(c, cwd, env),
    realFile,
    packageRoot(dir) {
      let d = dir;
      for (let i = 0; i < PACKAGE_SEARCH_DEPTH; i++) {
        if (PACKAGE_MARKERS.some((m) => fs.existsSync(path.join(d, m)))) return d;
        const up = path.dirname(d);
        if (up === d) return undefined;
        d = up;
      }
      return undefined;
    },
  };
}

/**
 * Where bubblewrap is looked for: fixed system locations only, never PATH. The server's
 * environment comes from its config entry, so a PATH (or an override variable) there could
 * point exec at a fake bwrap that starts the server unconfined.
 */
export const BWRAP_LOCATIONS: readonly string[] = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'];
export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

/** The sandbox program for this OS, or a typed error saying why there is none. */
export function findBackend(platform: NodeJS.Platform, locations: readonly string[] = BWRAP_LOCATIONS): Backend {
  if (platform === 'darwin') {
    if (!isExecutable(SANDBOX_EXEC)) throw new SandboxError({ code: 'SANDBOX_MISSING', message: `${SANDBOX_EXEC} is not there` });
    return { platform, program: SANDBOX_EXEC };
  }
  if (platform !== 'linux')
    throw new SandboxError({
      code: 'SANDBOX_UNSUPPORTED_OS',
      message: `no sandbox backend for ${platform} (bubblewrap on Linux, sandbox-exec on macOS)`,
    });
  const program = locations.find(isExecutable);
  if (!program)
    throw new SandboxError({
      code: 'SANDBOX_MISSING',
      message: `bubblewrap is not installed (looked for ${locations.join(', ')}); install the bubblewrap package`,
    });
  return { platform, program };
}

/**
 * Start a trivial sandbox with the same namespaces (Linux), so that "cannot sandbox" is
 * told apart from "the server failed": bwrap's own errors would otherwise look like the
 * server's exit status. With a state folder a success is remembered (probe-cache.ts): a
 * stale "yes" can only make the real launch fail in bwrap, never start a server unconfined.
 */
export function probeBackend(b: Backend, stateDir?: string): void {
  if (b.platform !== 'linux') return;
  const flags = namespaceArgs();
  const key = stateDir ? probeKey(b.program, flags) : undefined;
  if (stateDir && key && cachedSuccess(stateDir, key)) return;
  const r = spawnSync(b.program, [...flags, '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--', 'true'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: PROBE_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (r.status === 0) {
    if (stateDir && key) rememberSuccess(stateDir, key);
    return;
  }
  const why = (r.stderr || '').split('\n')[0]?.trim() || (r.error ? r.error.message : `exit ${r.status ?? r.signal ?? '?'}`);
  throw new SandboxError({
    code: 'SANDBOX_START_FAILED',
    message: `bubblewrap cannot start a sandbox here (${why}); unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone, AppArmor restrict_unprivileged_userns)`,
  });
}

function kindOf(p: string): 'dir' | 'file' | undefined {
  try {
    const st = fs.statSync(p);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

export interface WrapOptions extends NetworkHooks {
  /** How the bridge starts inside the sandbox (argv before its config); default: bridgeArgv(). */
  bridge?: readonly string[];
}

/**
 * The hook `exec` calls where the child's command, argv and env are decided: the same
 * server, started inside the sandbox. The env (secrets injected by exec included) passes
 * through unchanged but for TMPDIR and, when the rule allows domains, the proxy variables.
 */
export function wrapForSandbox(
  spec: SandboxSpec,
  backend: Backend,
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  opts: WrapOptions = {},
): WrappedLaunch {
  const command = resolveCommand(cmd, spec.workspace, env);
  if (!command) throw new SandboxError({ code: 'SANDBOX_COMMAND_NOT_FOUND', message: `${cmd} is not an executable on PATH` });
  const tmpDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-warden-sbx-')));
  let egress: RunningEgress | undefined;
  const undo: (() => void)[] = [() => fs.rmSync(tmpDir, { recursive: true, force: true })];
  const cleanup = (): void => {
    egress?.close();
    egress = undefined;
    for (const u of undo) u();
  };
  const wantsNet = spec.network.allowedDomains.length > 0;
  try {
    if (backend.platform === 'linux') {
      if (!wantsNet)
        return { cmd: backend.program, args: bwrapArgs({ spec, tmpDir, command, args, kindOf }), env: { ...env, TMPDIR: '/tmp' }, cleanup };
      const bridge = opts.bridge ?? bridgeArgv();
      const net = linuxNetwork(spec.network.allowedDomains, bridge);
      undo.push(() => net.cleanup());
      const withSelf: SandboxSpec = { ...spec, read: [...new Set([...spec.read, ...bridgeReads(bridge)])] };
      return {
        cmd: backend.program,
        args: bwrapArgs({ spec: withSelf, tmpDir, command, args, kindOf, network: { socketDir: net.socketDir, prefix: net.prefix } }),
        env: { ...env, TMPDIR: '/tmp' },
        cleanup,
        ready: async () => {
          egress = await net.start(opts);
        },
      };
    }
    const launch: WrappedLaunch = {
      cmd: backend.program,
      args: seatbeltArgs(seatbeltProfile(spec, tmpDir), command, args),
      env: { ...env, TMPDIR: tmpDir },
      cleanup,
    };
    if (wantsNet) {
      const d = darwinEgress(spec.network.allowedDomains, opts);
      launch.ready = async () => {
        egress = await d.start();
        const port = egress.proxyPort ?? 0;
        launch.args = seatbeltArgs(seatbeltProfile(spec, tmpDir, [port, ...d.policy.rawPorts]), command, args);
        launch.env = proxyEnv(launch.env, port);
      };
    }
    return launch;
  } catch (e) {
    cleanup();
    throw e;
  }
}
