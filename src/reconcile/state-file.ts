// The reconcile state kept in `<stateDir>/reconcile-state.json` (0600): what earlier
// passes removed (flapping detection) and which findings were already reported (so an
// agent running a pass every few seconds does not report the same finding each time).
// A missing or damaged file starts fresh: the worst outcome is a finding reported again.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { ensurePrivateDir, readCapped, writeFileAtomic } from '../util/fsio';
import { log } from '../log/logger';
import type { PlanState, RemovalRecord } from '../plan/state';

const STATE_FILE = 'reconcile-state.json';
const MAX_STATE_BYTES = 8 * 1024 * 1024;
const STATE_VERSION = 1;

export interface ReportedFinding {
  file: string;
  /** ISO time it was last reported. */
  at: string;
}

export interface ReconcileState extends PlanState {
  version: typeof STATE_VERSION;
  /** By finding key (see events.ts). */
  reported: Record<string, ReportedFinding>;
}

export function statePath(stateDir: string): string {
  return path.join(stateDir, STATE_FILE);
}

function fresh(): ReconcileState {
  return { version: STATE_VERSION, salt: crypto.randomBytes(16).toString('hex'), removals: {}, reported: {} };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function validRemoval(v: unknown): v is RemovalRecord {
  return isObj(v) && typeof v.count === 'number' && typeof v.first === 'string' && typeof v.last === 'string';
}

export function loadState(stateDir: string): ReconcileState {
  const file = statePath(stateDir);
  let raw: unknown;
  try {
    raw = JSON.parse(readCapped(file, MAX_STATE_BYTES).toString('utf8'));
  } catch (e) {
    if ((e as { code?: string }).code !== 'FILE_NOT_FOUND') log().warn('reconcile state unreadable; starting fresh', { file });
    return fresh();
  }
  if (!isObj(raw) || raw.version !== STATE_VERSION || typeof raw.salt !== 'string' || raw.salt.length < 16) return fresh();
  const state = fresh();
  state.salt = raw.salt;
  if (isObj(raw.removals)) {
    for (const [k, v] of Object.entries(raw.removals)) if (validRemoval(v)) state.removals[k] = v;
  }
  if (isObj(raw.reported)) {
    for (const [k, v] of Object.entries(raw.reported)) {
      if (isObj(v) && typeof v.file === 'string' && typeof v.at === 'string') state.reported[k] = { file: v.file, at: v.at };
    }
  }
  return state;
}

/** The bytes on disk, or undefined when they cannot be read (then the state is written). */
function onDisk(file: string, maxBytes: number): string | undefined {
  try {
    return readCapped(file, maxBytes).toString('utf8');
  } catch {
    return undefined;
  }
}

export function saveState(stateDir: string, state: ReconcileState): void {
  ensurePrivateDir(stateDir);
  const file = statePath(stateDir);
  const text = JSON.stringify(state) + '\n';
  // Most agent passes change nothing here: an identical state is not written again (an
  // atomic write is a temp file, two fsyncs and a rename on every pass otherwise).
  if (onDisk(file, Buffer.byteLength(text) + 1) === text) return;
  writeFileAtomic(file, text, { mode: 0o600 });
}
