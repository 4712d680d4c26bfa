// The bridge: the first process inside a Linux sandbox whose rule allows some network. The
// sandbox has its own network namespace (nothing but its own loopback), so the bridge
// listens on that loopback and carries each connection to the egress proxy's unix socket
// (bound into the sandbox) — the only way out. Then it starts the server with the proxy
// in its environment, stdio inherited (no copying), signals forwarded, its exit code
// returned. Started by the same node / single executable as exec (`BRIDGE_ARG`): no socat.
// Node built-ins only, so that it loads without the rest of the CLI.
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as os from 'node:os';

/** argv[2] that makes the CLI entry run the bridge instead of a command. */
export const BRIDGE_ARG = '__sandbox-bridge';

export interface BridgeConfig {
  /** The egress proxy's unix socket (inside the sandbox). */
  proxySocket: string;
  /** 127.0.0.1 ports forwarded raw, each to its own unix socket. */
  raw: { port: number; socket: string }[];
}

/** The proxy variables a server gets (every spelling clients read). */
export function proxyEnv(env: NodeJS.ProcessEnv, port: number): NodeJS.ProcessEnv {
  const url = `http://127.0.0.1:${port}`;
  const out: NodeJS.ProcessEnv = { ...env };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY']) {
    out[k] = url;
    out[k.toLowerCase()] = url;
  }
  // Everything goes through the proxy (it also knows the raw ports): a NO_PROXY inherited
  // from the developer's shell would send clients straight at a network that is not there.
  delete out.NO_PROXY;
  delete out.no_proxy;
  // Node ≥ 24.5 honours the variables above for http, https and fetch only with this.
  out.NODE_USE_ENV_PROXY = '1';
  return out;
}

function forwarder(socket: string): net.Server {
  return net.createServer((client) => {
    const up = net.connect(socket);
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
    client.pipe(up);
    up.pipe(client);
  });
}

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      resolve(a && typeof a === 'object' ? a.port : port);
    });
  });
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];

/** `BRIDGE_ARG <config json> -- cmd args…`; resolves with the server's exit code. */
export async function bridgeMain(argv: readonly string[]): Promise<number> {
  const sep = argv.indexOf('--');
  const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
  if (sep !== 1 || !argv[0] || !cmd[0]) {
    process.stderr.write('mcp-warden: sandbox bridge: bad arguments\n');
    return 126;
  }
  const config = JSON.parse(argv[0]) as BridgeConfig;
  let proxyPort: number;
  try {
    for (const r of config.raw) {
      const s = forwarder(r.socket);
      s.unref();
      await listen(s, r.port);
    }
    const p = forwarder(config.proxySocket);
    p.unref();
    proxyPort = await listen(p, 0);
  } catch (e) {
    process.stderr.write(`mcp-warden: sandbox bridge: cannot listen (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    return 126;
  }
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: 'inherit', env: proxyEnv(process.env, proxyPort) });
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    for (const s of FORWARDED) process.on(s, forward);
    child.once('error', (e: NodeJS.ErrnoException) => {
      process.stderr.write(`mcp-warden: cannot start ${cmd[0]}: ${e.code ?? e.message}\n`);
      resolve(e.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  });
}

/** For the CLI entry points: run the bridge and exit with the server's code. */
export function runBridge(argv: readonly string[]): void {
  void bridgeMain(argv.slice(3)).then((code) => process.exit(code));
}
