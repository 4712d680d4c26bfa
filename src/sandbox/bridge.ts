// The bridge: the first process inside a Linux sandbox whose rule allows some network. The
// sandbox has its own network namespace (nothing but its own loopback), so the bridge
// listens on that loopback and carries each connection to the egress proxy's unix socket
// (bound into the sandbox) — the only way out. Then it starts the server with the proxy
// in its environment, stdio inherited (no copying), signals forwarded, its exit code
// returned. Our own code, run by the same node or single executable as exec: no socat.
//
// `bridgeProgram` and `proxyEnv` are self-contained (built-ins required inside, nothing
// from the module scope), so that under node their source runs as `node -e` — a start
// that does not load the whole CLI bundle. The single executable cannot run `-e`; it
// starts itself with BRIDGE_ARG and the entry point calls the same function.

/** argv[2] that makes the CLI entry run the bridge instead of a command (single executable). */
export const BRIDGE_ARG = '__sandbox-bridge';

export interface BridgeConfig {
  /** The egress proxy's unix socket (inside the sandbox). */
  proxySocket: string;
  /** 127.0.0.1 ports forwarded raw, each to its own unix socket. */
  raw: { port: number; socket: string }[];
}

/** The proxy variables a server gets (every spelling clients read). Self-contained. */
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
  // Recent Node versions honour the variables above for http, https and fetch only with this.
  out.NODE_USE_ENV_PROXY = '1';
  return out;
}

/**
 * `<config json> -- cmd args…`: listen, start the server, resolve with its exit code.
 * Self-contained: `withProxy` is proxyEnv, passed in (under `-e` it is its source too).
 */
export async function bridgeProgram(
  argv: readonly string[],
  withProxy: (env: NodeJS.ProcessEnv, port: number) => NodeJS.ProcessEnv,
): Promise<number> {
  /* eslint-disable @typescript-eslint/no-require-imports -- self-contained on purpose (see above) */
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const net = require('node:net') as typeof import('node:net');
  const os = require('node:os') as typeof import('node:os');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const say = (line: string): void => {
    process.stderr.write(`mcp-warden: sandbox bridge: ${line}\n`);
  };
  const sep = argv.indexOf('--');
  const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
  if (sep !== 1 || !argv[0] || !cmd[0]) {
    say('bad arguments');
    return 126;
  }
  const config = JSON.parse(argv[0]) as BridgeConfig;
  const listen = (socket: string, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const server = net.createServer((client) => {
        const up = net.connect(socket);
        client.on('error', () => up.destroy());
        up.on('error', () => client.destroy());
        client.pipe(up);
        up.pipe(client);
      });
      server.unref();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const a = server.address();
        resolve(a && typeof a === 'object' ? a.port : port);
      });
    });
  let proxyPort: number;
  try {
    for (const r of config.raw) await listen(r.socket, r.port);
    proxyPort = await listen(config.proxySocket, 0);
  } catch (e) {
    say(`cannot listen (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return 126;
  }
  const file = cmd[0];
  return new Promise((resolve) => {
    const child = spawn(file, cmd.slice(1), { stdio: 'inherit', env: withProxy(process.env, proxyPort) });
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const) process.on(s, forward);
    child.once('error', (e: NodeJS.ErrnoException) => {
      say(`cannot start ${file}: ${e.code ?? e.message}`);
      resolve(e.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  });
}

/** `node -e` source of the bridge: argv after the source is `<config json> -- cmd args…`. */
export function bridgeSource(): string {
  return `'use strict';(${bridgeProgram.toString()})(process.argv.slice(1), ${proxyEnv.toString()}).then((c) => process.exit(c));`;
}

/** For the CLI entry points (single executable): run the bridge and exit with the server's code. */
export function runBridge(argv: readonly string[]): void {
  void bridgeProgram(argv.slice(3), proxyEnv).then((code) => process.exit(code));
}
