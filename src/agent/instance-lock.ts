// One agent per user and config home: a pid file in the state folder. A pid file (not a
// lock directory with a stale timeout) lets launchd/systemd restart a crashed agent at once:
// a dead pid is taken over immediately, a live one refuses the second start.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { UnavailableError } from '../errors';
import { ensurePrivateDir } from '../util/fsio';

export interface InstanceLock {
  readonly file: string;
  release(): void;
}

interface PidRecord {
  pid: number;
  startedAt: string;
  home: string;
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPidFile(file: string): PidRecord | undefined {
  try {
    const rec = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PidRecord>;
    if (typeof rec.pid === 'number' && typeof rec.startedAt === 'string') {
      return { pid: rec.pid, startedAt: rec.startedAt, home: String(rec.home ?? '') };
    }
  } catch {
    // missing or torn: treated as no lock holder
  }
  return undefined;
}

export function agentPidFile(stateDir: string): string {
  return path.join(stateDir, 'agent.pid');
}

/**
 * Take the instance lock or throw LOCK_HELD naming the running agent. The check-and-write
 * runs under a short proper-lockfile lock so two agents starting together cannot both win.
 */
export async function acquireInstanceLock(stateDir: string, home: string): Promise<InstanceLock> {
  ensurePrivateDir(stateDir);
  const file = agentPidFile(stateDir);
  const release = await lockfile.lock(file, {
    realpath: false,
    stale: 5000,
    retries: { retries: 20, minTimeout: 20, maxTimeout: 200 },
  });
  try {
    const held = readPidFile(file);
    if (held && held.pid !== process.pid && isAlive(held.pid)) {
      throw new UnavailableError({
        code: 'LOCK_HELD',
        message: `another mcp-warden agent (pid ${held.pid}, started ${held.startedAt}) is already running for this user and state folder ${stateDir}`,
        file,
      });
    }
    const rec: PidRecord = { pid: process.pid, startedAt: new Date().toISOString(), home };
    fs.writeFileSync(file, JSON.stringify(rec) + '\n', { mode: 0o600 });
  } finally {
    await release();
  }
  return {
    file,
    release(): void {
      const held = readPidFile(file);
      if (held?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}
