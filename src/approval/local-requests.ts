// The requests this device filed, `<stateDir>/requests.json` (0600): which quarantine
// record each request is for, and what the developer has been told. The collector is the
// source of truth; this file only lets the agent name the request when it restores an
// entry and tell a denial once, not at every poll.
import * as path from 'node:path';
import { ensurePrivateDir, readCapped, writeFileAtomic } from '../util/fsio';

const FILE = 'requests.json';
const MAX_BYTES = 1024 * 1024;
/** Oldest entries beyond this are dropped (a device files a handful). */
const MAX_ENTRIES = 500;

export interface LocalRequest {
  requestId: string;
  /** Server name, for messages. */
  name: string;
  quarantineId?: string;
  sentAt: string;
  /** Last status seen at the collector. */
  status: 'open' | 'approved' | 'denied';
  /** The decision the developer was told about (`denied` once told). */
  told?: 'denied' | 'restored';
  decisionReason?: string;
}

interface FileShape {
  version: 1;
  requests: LocalRequest[];
}

function isLocal(v: unknown): v is LocalRequest {
  const r = v as Partial<LocalRequest> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.requestId === 'string' && typeof r.name === 'string' && typeof r.sentAt === 'string'
  );
}

export function readLocalRequests(stateDir: string): LocalRequest[] {
  try {
    const v = JSON.parse(readCapped(path.join(stateDir, FILE), MAX_BYTES).toString('utf8')) as Partial<FileShape>;
    return Array.isArray(v.requests) ? v.requests.filter(isLocal) : [];
  } catch {
    return [];
  }
}

export function writeLocalRequests(stateDir: string, requests: LocalRequest[]): void {
  ensurePrivateDir(stateDir);
  const body: FileShape = { version: 1, requests: requests.slice(-MAX_ENTRIES) };
  writeFileAtomic(path.join(stateDir, FILE), `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
}

/** Record (or update) the request filed for a record; one entry per request id. */
export function rememberRequest(stateDir: string, r: LocalRequest): void {
  const all = readLocalRequests(stateDir).filter((x) => x.requestId !== r.requestId);
  all.push(r);
  writeLocalRequests(stateDir, all);
}

/** The request filed for a quarantine record, if any (the newest). */
export function requestForRecord(stateDir: string, quarantineId: string): LocalRequest | undefined {
  return readLocalRequests(stateDir)
    .filter((r) => r.quarantineId === quarantineId)
    .pop();
}
