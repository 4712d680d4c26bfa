// Guards and helpers for tests that need the private gnome-keyring (scripts/with-keyring.sh).
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';

/** Fail loudly (never skip silently) when the test runs outside `dbus-run-session -- bash scripts/with-keyring.sh`. */
export function requireKeyring(): void {
  if (!process.env.MCP_WARDEN_TEST_KEYRING || !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'needs a private Secret Service: dbus-run-session -- bash scripts/with-keyring.sh npx jest test/integration/credentials',
    );
  }
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Bundle `entry` (a .ts file) for a child process; returns the bundle path. */
export function bundle(entry: string, name: string): string {
  const out = path.join(ROOT, '.test-build', `${name}-${process.pid}.js`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

/** Run node on `file` with `env` replacing (not extending) the environment. */
export function runNode(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  wrap: string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  const argv = [...wrap, process.execPath, file, ...args];
  const r = spawnSync(argv[0] ?? process.execPath, argv.slice(1), { env, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The environment without any D-Bus session (no Secret Service reachable). */
export function envWithoutBus(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.GNOME_KEYRING_CONTROL;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}
