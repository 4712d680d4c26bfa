// The bubblewrap argv for a spec (Linux). Pure. The root is an empty tmpfs made read-only at
// the end, so nothing outside the mounts below exists for the server:
//   system folders, the server's package and allowRead   read-only  (--ro-bind-try)
//   workspace, allowWrite                               read-write (--bind-try)
//   the private temp folder                             read-write at /tmp
//   denyRead inside any mount                           masked: empty tmpfs (folder) or /dev/null (file)
//   denyWrite inside a writable mount                   re-bound read-only
// Mounts go shallowest first, so a deeper rule wins over the folder it sits in. Namespaces:
// user (when allowed), pid, ipc, uts, cgroup, and network unless domains are allowed.
import type { SandboxSpec } from './spec';
import { isWithin } from './spec';

export interface BwrapInput {
  spec: SandboxSpec;
  /** Host folder mounted at /tmp (the runtime creates and removes it). */
  tmpDir: string;
  /** Absolute path of the server's executable. */
  command: string;
  args: readonly string[];
  /** Which deny paths exist, and as what (a missing one needs no mask). */
  kindOf: (p: string) => 'dir' | 'file' | undefined;
}

/** The namespace flags (shared with the availability probe). */
export function namespaceArgs(spec: Pick<SandboxSpec, 'network'>): string[] {
  const out = ['--die-with-parent', '--new-session', '--unshare-user-try', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];
  if (spec.network.allowedDomains.length === 0) out.push('--unshare-net');
  return out;
}

const depth = (p: string): number => p.split('/').filter(Boolean).length;

export function bwrapArgs(input: BwrapInput): string[] {
  const { spec } = input;
  type Mount = { at: string; args: string[]; order: number };
  const mounts: Mount[] = [];
  for (const r of spec.read) mounts.push({ at: r, args: ['--ro-bind-try', r, r], order: 0 });
  // /tmp first: a workspace under /tmp (a test's, a scratch project's) is bound over it.
  mounts.push({ at: '/tmp', args: ['--bind', input.tmpDir, '/tmp'], order: 1 });
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
    ...namespaceArgs(spec),
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
    input.command,
    ...input.args,
  ];
}
