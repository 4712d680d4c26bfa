// What the tool-pinning proxy keeps per device in the state folder:
//  tool-pins.json     TOFU pins, per rule and inner argv (first use on this device);
//  tool-reports.json  the (server, kind, name, digest) changes already reported, so that each
//                     is reported once, not at every launch and every list.
// Several exec processes may run at once: each write is atomic (temp + rename), the last one
// wins. A lost update costs a second report or a re-learned TOFU pin of the same list, never a
// wrongly trusted tool (a pin is only ever learned from a first listing).
import * as path from 'node:path';
import { readCapped, writeFileAtomic, ensurePrivateDir } from '../util/fsio';
import { ITEM_KINDS, type ItemKind } from './digest';
import type { Pins } from './guard';

const MAX_STATE_BYTES = 8 * 1024 * 1024;
/** Oldest reports are forgotten beyond this many (a forgotten one is reported again). */
const MAX_REPORTS = 20_000;
const HEX64 = /^[a-f0-9]{64}$/;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readCapped(file, MAX_STATE_BYTES).toString('utf8'));
  } catch {
    // Missing, too large or corrupt: start again (TOFU re-learns; reports repeat once).
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function digestRecord(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, d] of Object.entries(v)) {
    if (typeof d !== 'string' || !HEX64.test(d)) return undefined;
    Object.defineProperty(out, k, { value: d, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function tofuFile(stateDir: string): string {
  return path.join(stateDir, 'tool-pins.json');
}

export function reportsFile(stateDir: string): string {
  return path.join(stateDir, 'tool-reports.json');
}

/** The key of one server on this device: rule id and the digest of its inner argv. */
export function tofuKey(ruleId: string, argvDigest: string): string {
  return `${ruleId}|${argvDigest}`;
}

export function loadTofu(stateDir: string, key: string): Partial<Pins> {
  const all = readJson(tofuFile(stateDir));
  const entry = isRecord(all) && isRecord(all.servers) ? all.servers[key] : undefined;
  const out: Partial<Pins> = {};
  if (!isRecord(entry)) return out;
  for (const k of ITEM_KINDS) {
    const d = digestRecord(entry[k]);
    if (d) out[k] = d;
  }
  return out;
}

export function saveTofu(stateDir: string, key: string, pins: Partial<Pins>, kinds: readonly ItemKind[], now: Date): void {
  const all = readJson(tofuFile(stateDir));
  const servers: Record<string, unknown> = isRecord(all) && isRecord(all.servers) ? { ...all.servers } : {};
  const prev = isRecord(servers[key]) ? servers[key] : {};
  const next: Record<string, unknown> = { ...prev, updatedAt: now.toISOString() };
  for (const k of kinds) if (pins[k] && prev[k] === undefined) next[k] = pins[k];
  servers[key] = next;
  ensurePrivateDir(stateDir);
  writeFileAtomic(tofuFile(stateDir), JSON.stringify({ v: 1, servers }, null, 2) + '\n', { mode: 0o600 });
}

/** The subset of `keys` not reported before; they are recorded as reported. */
export function claimReports(stateDir: string, keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  const all = readJson(reportsFile(stateDir));
  const list = isRecord(all) && Array.isArray(all.reported) ? all.reported.filter((x): x is string => typeof x === 'string') : [];
  const seen = new Set(list);
  const fresh = [...new Set(keys)].filter((k) => !seen.has(k));
  if (fresh.length === 0) return [];
  const next = [...list, ...fresh].slice(-MAX_REPORTS);
  ensurePrivateDir(stateDir);
  writeFileAtomic(reportsFile(stateDir), JSON.stringify({ v: 1, reported: next }) + '\n', { mode: 0o600 });
  return fresh;
}
