// The sandbox-exec (Seatbelt) profile for a spec (macOS). Pure. In SBPL the last matching
// rule wins, so the denies come after the allows they narrow. File metadata (stat, the
// existence of a path) stays readable everywhere: without it the dynamic loader and most
// runtimes cannot resolve paths; contents are what the profile protects.
import type { SandboxSpec } from './spec';

/** An SBPL string literal. */
export function sbplString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const subpaths = (ps: readonly string[]): string => ps.map((p) => `(subpath ${sbplString(p)})`).join(' ');

/** Devices every process expects to open. */
const DEVICES = [
  '/dev/null',
  '/dev/zero',
  '/dev/random',
  '/dev/urandom',
  '/dev/tty',
  '/dev/dtracehelper',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
];

/**
 * `egressPorts`: the 127.0.0.1 ports the server may connect to when its rule allows domains
 * (the egress proxy's, and raw ports named in allowedDomains); nothing else on the network.
 */
export function seatbeltProfile(spec: SandboxSpec, tmpDir: string, egressPorts: readonly number[] = []): string {
  const lines = [
    '(version 1)',
    '(deny default)',
    // Process basics, as the sandbox runtime's macOS profile grants them.
    '(allow process-exec process-fork)',
    '(allow process-info* (target same-sandbox))',
    '(allow signal (target same-sandbox))',
    '(allow mach-priv-task-port (target same-sandbox))',
    '(allow sysctl-read)',
    '(allow user-preference-read)',
    '(allow iokit-get-properties)',
    '(allow mach-lookup)',
    '(allow ipc-posix-shm ipc-posix-sem)',
    '(allow file-read-metadata)',
    `(allow file-read* file-write* file-ioctl ${DEVICES.map((d) => `(literal ${sbplString(d)})`).join(' ')} (subpath "/dev/fd"))`,
    `(allow file-read* ${subpaths(spec.read)})`,
    `(allow file-read* file-write* ${subpaths([...spec.write, tmpDir])})`,
  ];
  if (spec.denyRead.length > 0) lines.push(`(deny file-read* file-write* ${subpaths(spec.denyRead)})`);
  if (spec.denyWrite.length > 0) lines.push(`(deny file-write* ${subpaths(spec.denyWrite)})`);
  // No network but the egress proxy (deny default already denies the rest; explicit for readers).
  lines.push('(deny network*)');
  for (const p of egressPorts) lines.push(`(allow network-outbound (remote ip ${sbplString(`localhost:${p}`)}))`);
  return lines.join('\n') + '\n';
}

/** argv for sandbox-exec. */
export function seatbeltArgs(profile: string, command: string, args: readonly string[]): string[] {
  return ['-p', profile, command, ...args];
}
