// Network for a sandboxed server whose rule allows some (allowedDomains not empty). The
// sandbox itself never has the host's network; exec runs the egress proxy (egress.ts) for
// the server's lifetime and the server reaches it:
//   Linux  through the bridge (bridge.ts), first process inside the sandbox, which listens on
//          the sandbox's own 127.0.0.1 and forwards to unix sockets in a folder bound in at
//          NET_DIR;
//   macOS  directly, on 127.0.0.1 TCP ports: the Seatbelt profile allows those and no other.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BRIDGE_ARG, bridgeSource, type BridgeConfig } from './bridge';
import { NET_DIR } from './bwrap';
import { egressPolicy, type EgressPolicy } from './domains';
import { startEgress, type RunningEgress } from './egress';

const PROXY_SOCKET = 'proxy.sock';
const rawSocket = (port: number): string => `raw-${port}.sock`;

export interface NetworkHooks {
  /** A host the server asked for was refused (once per host). */
  onRefused?: (host: string, why: string) => void;
}

/**
 * How the bridge starts: `node -e <its source>` (small, so the start does not load the CLI
 * bundle), or the single executable with BRIDGE_ARG (it cannot run `-e`).
 */
export function bridgeArgv(): string[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if ((require('node:sea') as { isSea(): boolean }).isSea()) return [process.execPath, BRIDGE_ARG];
  } catch {
    // Node without node:sea: not a single executable.
  }
  return [process.execPath, '-e', bridgeSource()];
}

/** What the bridge needs readable beyond the system folders: its executable (an nvm node, the single executable). */
export function bridgeReads(argv: readonly string[]): string[] {
  try {
    return argv[0] ? [fs.realpathSync(argv[0])] : [];
  } catch {
    return [];
  }
}

export interface LinuxNetwork {
  /** Host folder holding the sockets (bound at NET_DIR). */
  socketDir: string;
  /** argv before the server's command: the bridge. */
  prefix: string[];
  start(hooks: NetworkHooks): Promise<RunningEgress>;
  cleanup(): void;
}

export function linuxNetwork(allowedDomains: readonly string[], bridge: readonly string[]): LinuxNetwork {
  const policy = egressPolicy(allowedDomains);
  // Short and private: unix socket paths are limited to ~107 bytes.
  const socketDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-net-')));
  const config: BridgeConfig = {
    proxySocket: path.join(NET_DIR, PROXY_SOCKET),
    raw: policy.rawPorts.map((port) => ({ port, socket: path.join(NET_DIR, rawSocket(port)) })),
  };
  return {
    socketDir,
    prefix: [...bridge, JSON.stringify(config), '--'],
    start: (hooks) =>
      startEgress({
        policy,
        proxy: { path: path.join(socketDir, PROXY_SOCKET) },
        raw: (port) => ({ path: path.join(socketDir, rawSocket(port)) }),
        onRefused: hooks.onRefused ?? (() => undefined),
      }),
    cleanup: () => fs.rmSync(socketDir, { recursive: true, force: true }),
  };
}

/** macOS: the proxy on a 127.0.0.1 port; raw ports are reached directly (the profile allows them). */
export function darwinEgress(
  allowedDomains: readonly string[],
  hooks: NetworkHooks,
): { policy: EgressPolicy; start: () => Promise<RunningEgress> } {
  const policy = egressPolicy(allowedDomains);
  return {
    policy,
    start: () =>
      startEgress({
        policy: { rules: policy.rules, rawPorts: [] },
        proxy: { port: 0 },
        raw: () => ({ port: 0 }),
        onRefused: hooks.onRefused ?? (() => undefined),
      }),
  };
}
