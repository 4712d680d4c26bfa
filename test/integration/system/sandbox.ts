// Runs a command in a bubblewrap sandbox where a temp folder appears at /etc/claude-code,
// so the real `claude` CLI reads our drop-in from the fixed system path while the real
// /etc/claude-code is never touched (not even created: binding onto a missing path under
// a plain `--dev-bind / /` would mkdir it on the host, so /etc becomes a tmpfs that
// re-binds every host /etc entry, and the mount point is made inside that tmpfs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const CLAUDE_MANAGED = '/etc/claude-code';

/** Why bwrap cannot run here, or undefined when it can. */
export function bwrapProblem(): string | undefined {
  if (process.platform !== 'linux') return `bubblewrap is Linux-only (platform ${process.platform})`;
  const r = spawnSync('bwrap', ['--dev-bind', '/', '/', 'true'], { encoding: 'utf8' });
  if (r.error) return `bwrap not found (${r.error.message}): install the apt package bubblewrap (scripts/setup-system.sh)`;
  if (r.status !== 0) return `bwrap cannot create a sandbox here: ${r.stderr.trim()}`;
  return undefined;
}

export function sandboxArgs(managedDir: string): string[] {
  const args = ['--dev-bind', '/', '/', '--tmpfs', '/etc'];
  for (const name of fs.readdirSync('/etc')) {
    const p = path.join('/etc', name);
    if (p === CLAUDE_MANAGED) continue;
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(p), p);
    else args.push('--dev-bind', p, p);
  }
  args.push('--bind', managedDir, CLAUDE_MANAGED);
  return args;
}

export interface SandboxResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function inSandbox(
  managedDir: string,
  argv: string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): SandboxResult {
  const r = spawnSync('bwrap', [...sandboxArgs(managedDir), '--', ...argv], {
    encoding: 'utf8',
    env: opts.env,
    cwd: opts.cwd,
    timeout: opts.timeoutMs ?? 90_000,
    input: '',
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
