// What an approval request carries and how requests are grouped. Pure; used at both ends:
// the workstation builds the body from a quarantine record (already sanitized), and the
// collector scrubs it again before storing (a device is not trusted to have redacted) and
// computes the key that groups the same server asked for by several devices.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { QuarantineRecord } from '../quarantine/record';
import { findTokenShapes } from '../secrets/patterns';
import { cloneJson, findStrings, getOwn, setOwn } from '../util/json-safe';
import { NPM_NAME_RE, splitNpmSpec } from './spec';

export interface RequestSecret {
  path: Array<string | number>;
  name: string;
}

/** The body of POST /v1/requests (schemas/approval-request.schema.json). */
export interface ApprovalRequestBody {
  name: string;
  transport: QuarantineRecord['transport'];
  scope: QuarantineRecord['scope'];
  client?: QuarantineRecord['client'];
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
    const name = p.map(String).join('_').replace(/[^A-Za-z0-9_]/g, '_') || 'SECRET';
    setOwn(parent as Record<string, unknown>, p[p.length - 1], `{{secret:${name}}}`);
    scrubbed.push({ path: p, name });
  }
  return { entry: out, scrubbed };
}

/** The request body for a quarantined entry: its shape, where its secrets were (names only). */
export function requestFromRecord(r: QuarantineRecord, extra: { reason?: string; user?: string; hostname?: string }): ApprovalRequestBody {
  const { entry, scrubbed } = scrubEntry(r.entry);
  const secrets = [...r.secrets.map((s) => ({ path: [...s.path], name: s.name })), ...scrubbed];
  const body: ApprovalRequestBody = { name: r.name, transport: r.transport, scope: r.scope, entry, quarantineId: r.id, removedBecause: r.reason.slice(0, 1000) };
  if (secrets.length) body.secrets = secrets.slice(0, 64);
  if (r.client) body.client = r.client;
  if (extra.reason) body.reason = extra.reason.slice(0, 2000);
  if (extra.user) body.user = extra.user.slice(0, 256);
  if (extra.hostname) body.hostname = extra.hostname.slice(0, 256);
  return body;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * What makes two entries "the same server" for the queue: the package a runner starts
 * (`npx -y pkg@1.2.3` on every device), else the URL, else the command line. Names are
 * not identity (two unrelated servers may both be called "github").
 */
export function serverIdentity(entry: Record<string, unknown>): string {
  if (typeof entry.url === 'string') return `url:${entry.url}`;
  const command = typeof entry.command === 'string' ? entry.command : '';
  const args = strings(entry.args);
  if (NPM_RUNNERS.has(path.basename(command))) {
    const pkg = args.find((a) => !a.startsWith('-') && NPM_NAME_RE.test(splitNpmSpec(a).name));
    if (pkg) return `npm:${pkg}`;
  }
  return `cmd:${[command, ...args].join('\u0000')}`;
}

export function serverKey(entry: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(serverIdentity(entry)).digest('hex').slice(0, 32);
}

/** What a stored request holds of the entry (GET /v1/requests/{id}). */
export interface StoredRequestShape {
  id: string;
  name: string;
  transport: string;
  entry: Record<string, unknown>;
  secrets: RequestSecret[];
  deviceList?: Array<{ scope: string }>;
}

const TRANSPORTS = new Set(['stdio', 'http', 'sse', 'ws', 'other']);

/**
 * A stand-in quarantine record for `resolveFromRecord` (what `allowlist add --from-request`
 * and `requests approve` build the rule from): the developer's entry, no keychain
 * accounts, no home of theirs (a relative script cannot be found on the admin's machine:
 * approve that one with file:PATH).
 */
export function recordFromRequest(v: StoredRequestShape, home: string): QuarantineRecord {
  const scope = v.deviceList?.[0]?.scope;
  return {
    version: 1,
    id: v.id,
    time: new Date(0).toISOString(),
    file: '',
    scope: scope === 'local' || scope === 'project' || scope === 'user' ? scope : 'user',
    configHome: home,
    jsonPath: ['mcpServers', v.name],
    name: v.name,
    transport: (TRANSPORTS.has(v.transport) ? v.transport : 'other') as QuarantineRecord['transport'],
    verdict: 'unapproved',
    reason: '',
    policy: null,
    entry: v.entry,
    secrets: v.secrets.map((s) => ({ path: s.path, name: s.name, account: '' })),
  };
}
