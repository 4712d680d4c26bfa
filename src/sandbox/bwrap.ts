// The bubblewrap argv for a spec (Linux). Pure. The root is an empty tmpfs made read-only at
// the end, so nothing outside the mounts below exists for the server:
//   system folders, the server's package and allowRead   read-only  (--ro-bind-try)
//   workspace, allowWrite                               read-write (--bind-try)
//   the private temp folder                             read-write at /tmp
//   denyRead inside any mount                           masked: empty tmpfs (folder) or /dev/null (file)
//   denyWrite inside a writable mount                   re-bound read-only
// Mounts go shallowest first, so a deeper rule wins over the folder it sits in. Namespaces:
// user (when allowed), pid, ipc, uts, cgroup, and always network: a rule that allows
// domains reaches them only through the egress proxy's sockets, bound in at NET_DIR, with
// the bridge (network.ts) started first.
import type { SandboxSpec } from './spec';
import { isWithin } from './spec';

/** Where the egress proxy's socket folder appears inside the sandbox. */
export const NET_DIR = '/run/mcp-warden-net';

export interface BwrapInput {
  spec: SandboxSpec;
  /** Host folder mounted at /tmp (the runtime creates and removes it). */
  tmpDir: string;
  /** Absolute path of the server's executable. */
  command: string;
  args: readonly string[];
  /** Which deny paths exist, and as what (a missing one needs no mask). */
  kindOf: (p: string) => 'dir' | 'file' | undefined;
  /** Allowed domains: the socket folder to bind at NET_DIR and the bridge's argv prefix. */
  network?: { socketDir: string; prefix: readonly string[] };
}

/** The namespace flags (shared with the availability probe). */
export function namespaceArgs(): string[] {
  return [
    '--die-with-parent',
    '--new-session',
    '--unshare-user-try',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--unshare-net',
  ];
}

const depth = (p: string): number => p.split('/').filter(Boolean).length;

export function bwrapArgs(input: BwrapInput): string[] {
  const { spec } = input;
  type Mount = { at: string; args: string[]; order: number };
  const mounts: Mount[] = [];
  for (const r of spec.read) mounts.push({ at: r, args: ['--ro-bind-try', r, r], order: 0 });
  // /tmp first: a workspace under /tmp (a test's, a scratch project's) is bound over it.
  mounts.push({ at: '/tmp', args: ['--bind', input.tmpDir, '/tmp'], order: 1 });
  if (input.network) mounts.push({ at: NET_DIR, args: ['--ro-bind', input.network.socketDir, NET_DIR], order: 0 });
  for (const w of spec.write) mounts.push({ at: w, args: [w === spec.workspace ? '--bind' : '--bind-try', w, w], order: 1 });
  const mounted = [...spec.read, ...spec.write];
  for (const d of spec.denyRead) {
    if (!mounted.some((m) => isWithin(d, m))) continue;
    const kind = input.kindOf(d);
    if (kind === 'dir') mounts.push({ at: d, args: ['--tmpfs', d, '--remount-ro', d], order: 2 });
    else if (kind === 'file') mounts.push({ at: d, args: ['--ro-bind', '/dev/null', d], order: 2 });
  }
  for (const d of spec.denyWrite) {
    if (!spec.write.some((w) => isWithin(d, w)) || !input.kindOf(d)) continue;
    mounts.push({ at: d, args: ['--ro-bind', d, d], order: 3 });
  }
  // Stable: by depth, then read before write before masks at the same depth.
  mounts.sort((a, b) => depth(a.at) - depth(b.at) || a.order - b.order);
  return [
    ...namespaceArgs(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    ...mounts.flatMap((m) => m.args),
    '--remount-ro',
    '/',
    '--setenv',
    'TMPDIR',
    '/tmp',
    '--chdir',
    spec.workspace,
    '--',
    ...(input.network?.prefix ?? []),
    input.command,
    ...input.args,
  ];
}
