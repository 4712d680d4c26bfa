// Quarantine records on disk: `<stateDir>/quarantine/<id>.json`, one file per record,
// written atomically with mode 0600 in a 0700 folder. Restored records move to
// `<stateDir>/quarantine/restored/`, so "is this record still active" is one stat.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir, fsyncDir, readCapped, writeFileAtomic } from '../util/fsio';
import { stringifyReadable } from '../util/json-safe';
import { QuarantineError } from './errors';
import { RECORD_ID_RE, recordProblem, type QuarantineRecord } from './record';

// A record is a few KB; anything far larger is not ours.
const MAX_RECORD_BYTES = 1024 * 1024;

export function quarantineDir(stateDir: string): string {
  return path.join(stateDir, 'quarantine');
}

function restoredDir(stateDir: string): string {
  return path.join(quarantineDir(stateDir), 'restored');
}

export function newRecordId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `q-${stamp}-${crypto.randomBytes(4).toString('hex')}`;
}

function checkId(id: string): void {
  if (!RECORD_ID_RE.test(id)) {
    throw new QuarantineError({
      code: 'BAD_ID',
      message: `${JSON.stringify(id)} is not a quarantine record id (q-YYYYMMDDTHHMMSSZ-xxxxxxxx)`,
    });
  }
}

export function recordPath(stateDir: string, id: string, restored = false): string {
  checkId(id);
  return path.join(restored ? restoredDir(stateDir) : quarantineDir(stateDir), `${id}.json`);
}

/**
 * Write `record` (temp file, fsync, rename). With `unsynced`, the folder's fsync is left
 * to the caller (syncRecordDirs), so that the records of one edit cost one folder fsync;
 * the folder is added to it.
 */
export function writeRecord(stateDir: string, record: QuarantineRecord, unsynced?: Set<string>): string {
  const dir = record.restoredAt ? restoredDir(stateDir) : quarantineDir(stateDir);
  ensurePrivateDir(quarantineDir(stateDir), { noLink: true });
  ensurePrivateDir(dir, { noLink: true });
  const file = path.join(dir, `${record.id}.json`);
  // Iteratively: the entry it holds may nest deeper than JSON.stringify's recursion allows
  // (and too deep to indent within the record size cap).
  writeFileAtomic(file, stringifyReadable(record) + '\n', { mode: 0o600, deferDirSync: unsynced !== undefined });
  unsynced?.add(dir);
  return file;
}

/** Make the records written with `unsynced` durable: one fsync per folder. */
export function syncRecordDirs(unsynced: Set<string>): void {
  for (const dir of unsynced) fsyncDir(dir);
  unsynced.clear();
}

export function readRecordFile(file: string): QuarantineRecord {
  let value: unknown;
  try {
    value = JSON.parse(readCapped(file, MAX_RECORD_BYTES).toString('utf8'));
  } catch (e) {
    throw new QuarantineError({ code: 'INVALID_RECORD', message: `${file}: not a readable quarantine record`, file, cause: e });
  }
  const problem = recordProblem(value);
  if (problem) throw new QuarantineError({ code: 'INVALID_RECORD', message: `${file}: not a quarantine record (${problem})`, file });
  return value as QuarantineRecord;
}

/** An active (not restored) record, or undefined. */
export function activeRecordExists(stateDir: string, id: string): boolean {
  return RECORD_ID_RE.test(id) && fs.existsSync(recordPath(stateDir, id));
}

export function readRecord(stateDir: string, id: string): QuarantineRecord {
  const active = recordPath(stateDir, id);
  if (fs.existsSync(active)) return readRecordFile(active);
  const restored = recordPath(stateDir, id, true);
  if (fs.existsSync(restored)) return readRecordFile(restored);
  throw new QuarantineError({ code: 'NOT_FOUND', message: `no quarantine record ${id}` });
}

export function deleteRecord(stateDir: string, id: string): void {
  fs.rmSync(recordPath(stateDir, id), { force: true });
}

/** Move a record to `restored/` with its restore time. */
export function markRestored(stateDir: string, record: QuarantineRecord, at: Date): QuarantineRecord {
  const done: QuarantineRecord = { ...record, restoredAt: at.toISOString() };
  writeRecord(stateDir, done);
  fs.rmSync(recordPath(stateDir, record.id), { force: true });
  return done;
}

export interface RecordList {
  records: QuarantineRecord[];
  /** Files in the folder that are not valid records (reported, never deleted). */
  invalid: Array<{ file: string; reason: string }>;
}

function listDir(dir: string, out: RecordList): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    try {
      out.records.push(readRecordFile(file));
    } catch (e) {
      out.invalid.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** Records, oldest first; `all` includes restored ones. */
export function listRecords(stateDir: string, opts: { all?: boolean } = {}): RecordList {
  const out: RecordList = { records: [], invalid: [] };
  listDir(quarantineDir(stateDir), out);
  if (opts.all) listDir(restoredDir(stateDir), out);
  out.records.sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
  return out;
}

/** Key of an active record in activeRecordIndex: the same entry at the same place. */
export function recordKey(fingerprint: string, file: string, jsonPath: readonly unknown[]): string {
  return `${fingerprint}\u0000${file}\u0000${JSON.stringify(jsonPath)}`;
}

/**
 * Active records by recordKey (records without a fingerprint, from older versions, are
 * not indexed). Built once per apply: a replayed pass looks its entries up here.
 */
export function activeRecordIndex(stateDir: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const r of listRecords(stateDir).records) {
    if (r.fingerprint !== undefined) index.set(recordKey(r.fingerprint, r.file, r.jsonPath), r.id);
  }
  return index;
}
