// What a killed pass leaves behind, cleaned at the start of the next one (issue 14 item 6):
//  - our temp files (`.<name>.tmp.<pid>.<ms>.<6 hex>`, util/fsio.ts writeFileAtomic) in the
//    folders of the files we edit and in the state folder. Only files with exactly that
//    name, regular (not links), owned by us, whose writer pid is dead or which are older
//    than an hour (a pid can be reused). Claude Code's own `.claude.json.tmp.<pid>.<ms>`
//    never matches (no random suffix), so it is never touched;
//  - `<file>.lock` directories our dead processes held (fsedit/lock.ts registrations).
// Bounded: once per process per TEMP_SWEEP_MS (always on a process's first pass, which is
// when a restart after a kill needs it), and only folders discovery already read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pidAlive, reclaimAbandonedLocks } from '../fsedit/lock';
import { log } from '../log/logger';

export const TEMP_RE = /^\.(.+)\.tmp\.(\d+)\.(\d+)\.[0-9a-f]{6}$/;
const TEMP_MAX_AGE_MS = 60 * 60_000;
export const TEMP_SWEEP_MS = 10 * 60_000;
/** proper-lockfile's stale time for the state folder's own locks (spool, policy state). */
const STATE_LOCK_STALE_MS = 10_000;

export function locksDir(stateDir: string): string {
  return path.join(stateDir, 'locks');
}

export interface Leftovers {
  temps: number;
  locks: number;
}

const lastSweep = new Map<string, number>();

/** Is `name` in `dir` a temp file of ours that nobody will ever rename? */
function abandonedTemp(dir: string, name: string, now: number): boolean {
  const m = TEMP_RE.exec(name);
  if (!m) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  let st: fs.Stats;
  try {
    st = fs.lstatSync(path.join(dir, name));
  } catch {
    return false;
  }
  if (!st.isFile()) return false;
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
  return !pidAlive(pid) || now - st.mtimeMs > TEMP_MAX_AGE_MS;
}

function inState(stateDir: string, dir: string): boolean {
  const rel = path.relative(stateDir, dir);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * A lock directory in the state folder (only our processes use those) not refreshed for
 * longer than its stale time: what proper-lockfile itself would take over, removed now.
 */
function staleLockDir(lock: string, now: number): boolean {
  try {
    const st = fs.lstatSync(lock);
    if (!st.isDirectory() || now - st.mtimeMs <= STATE_LOCK_STALE_MS) return false;
    fs.rmdirSync(lock);
    return true;
  } catch {
    return false;
  }
}

/** Remove our abandoned temp files in `dirs` and our abandoned locks. */
export function cleanLeftovers(stateDir: string, dirs: Iterable<string>, now = Date.now()): Leftovers {
  const out: Leftovers = { temps: 0, locks: reclaimAbandonedLocks(locksDir(stateDir)) };
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (inState(stateDir, dir) && name.endsWith('.lock') && staleLockDir(path.join(dir, name), now)) {
        out.locks++;
        continue;
      }
      if (!abandonedTemp(dir, name, now)) continue;
      try {
        fs.rmSync(path.join(dir, name));
        out.temps++;
      } catch {
        // Gone already, or not ours to remove: next time.
      }
    }
  }
  if (out.temps + out.locks > 0) log().info('removed what an interrupted pass left', { temps: out.temps, locks: out.locks });
  return out;
}

/** The state folder and its subfolders (one level: quarantine/restored and the like too). */
export function stateFolders(stateDir: string): string[] {
  const out = [stateDir];
  const walk = (dir: string, depth: number): void => {
    let ents: fs.Dirent[];
    try {
      ents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      if (!e.isDirectory()) continue;
      const p = path.join(dir, e.name);
      out.push(p);
      if (depth < 2) walk(p, depth + 1);
    }
  };
  walk(stateDir, 1);
  return out;
}

/** cleanLeftovers at most once per TEMP_SWEEP_MS per state folder in this process. */
export function sweepIfDue(stateDir: string, configFiles: () => Iterable<string>, now = Date.now()): Leftovers | undefined {
  const last = lastSweep.get(stateDir);
  if (last !== undefined && now - last < TEMP_SWEEP_MS) return undefined;
  lastSweep.set(stateDir, now);
  const dirs = new Set(stateFolders(stateDir));
  for (const f of configFiles()) dirs.add(path.dirname(f));
  return cleanLeftovers(stateDir, dirs, now);
}
