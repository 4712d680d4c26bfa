// The namespace probe (`bwrap … true`) costs a sandbox start at every launch. Its answer
// depends on the bwrap binary and on the kernel's user-namespace settings, not on the
// server, so a success is remembered in the state folder, keyed by everything it depends
// on: the binary (path, size, mtime, inode), the flags, the kernel and boot, the user, and
// the sysctls that turn unprivileged user namespaces off. A change to any of them — bwrap
// upgraded, AppArmor's restriction switched on, a reboot — probes again. Failures are never
// cached (a fix takes effect at the next launch).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROBE_CACHE_FILE = 'sandbox-probe.json';

/** Kernel settings a probe's success depends on (missing ones read as ''). */
const SYSCTLS = [
  '/proc/sys/kernel/random/boot_id',
  '/proc/sys/kernel/unprivileged_userns_clone',
  '/proc/sys/kernel/apparmor_restrict_unprivileged_userns',
  '/proc/sys/user/max_user_namespaces',
];

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/** What a cached success must match, or undefined when the binary cannot be described. */
export function probeKey(program: string, flags: readonly string[]): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(program);
  } catch {
    return undefined;
  }
  const parts = [program, st.size, st.mtimeMs, st.ino, flags.join(' '), os.release(), process.getuid?.() ?? '', ...SYSCTLS.map(readOr)];
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function cachedSuccess(stateDir: string, key: string): boolean {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(stateDir, PROBE_CACHE_FILE), 'utf8')) as { key?: unknown };
    return v.key === key;
  } catch {
    return false;
  }
}

/** Best effort: a state folder that cannot be written only costs the next launch a probe. */
export function rememberSuccess(stateDir: string, key: string): void {
  const file = path.join(stateDir, PROBE_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, JSON.stringify({ key, at: new Date().toISOString() }) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
