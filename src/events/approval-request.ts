// The approval request as it travels from a workstation to the collector (issue 19), and
// how requests are grouped. Pure; used at both ends: the workstation builds the body from
// a quarantine record (src/approval/request-shape.ts), and the collector scrubs it again
// before storing (a device is not trusted to have redacted) and computes the key that
// groups the same server asked for by several devices.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { findTokenShapes } from '../log/secret-patterns';
import { cloneJson, findStrings, getOwn, setOwn } from '../util/json-safe';

export interface RequestSecret {
  path: Array<string | number>;
  name: string;
}

/** The body of POST /v1/requests (schemas/approval-request.schema.json). */
export interface ApprovalRequestBody {
  name: string;
  transport: 'stdio' | 'http' | 'sse' | 'ws' | 'other';
  scope: 'user' | 'local' | 'project' | 'managed' | 'plugin' | 'agent';
  client?: string;
  entry: Record<string, unknown>;
  secrets?: RequestSecret[];
  quarantineId?: string;
  removedBecause?: string;
  reason?: string;
  user?: string;
  hostname?: string;
}

const NPM_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);

/**
 * Replace every string that still has a token's shape by a placeholder: the last line of
 * defence (the record was sanitized on removal with the full detector; this catches what
 * a buggy or hostile sender left). Returns the scrubbed copy and the paths it replaced.
 */
export function scrubEntry(entry: Record<string, unknown>): { entry: Record<string, unknown>; scrubbed: RequestSecret[] } {
  const out = cloneJson(entry);
  const scrubbed: RequestSecret[] = [];
  for (const p of findStrings(out, (v) => findTokenShapes(v).length > 0)) {
    let parent: unknown = out;
    for (const s of p.slice(0, -1)) parent = getOwn(parent, s);
    const name =
      p
        .map(String)
        .join('_')
        .replace(/[^A-Za-z0-9_]/g, '_') || 'SECRET';
    setOwn(parent as Record<string, unknown>, p[p.length - 1], `{{secret:${name}}}`);
    scrubbed.push({ path: p, name });
  }
  return { entry: out, scrubbed };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * What makes two entries "the same server" for the queue: the package a runner starts
 * (`npx -y pkg@1.2.3` on every device: its first argument that is not a flag), else the
 * URL, else the command line. Names are not identity (two unrelated servers may both be
 * called "github").
 */
export function serverIdentity(entry: Record<string, unknown>): string {
  if (typeof entry.url === 'string') return `url:${entry.url}`;
  const command = typeof entry.command === 'string' ? entry.command : '';
  const args = strings(entry.args);
  if (NPM_RUNNERS.has(path.basename(command))) {
    const pkg = args.find((a) => !a.startsWith('-'));
    if (pkg) return `npm:${pkg}`;
  }
  return `cmd:${[command, ...args].join('\u0000')}`;
}

export function serverKey(entry: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(serverIdentity(entry)).digest('hex').slice(0, 32);
}
