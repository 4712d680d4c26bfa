// The workstation's side of an approval request (issue 19): the body built from a
// quarantine record (already sanitized; scrubbed once more), and the stand-in record the
// admin's tools build a rule from. The wire format itself is src/events/approval-request.ts.
import type { QuarantineRecord } from '../quarantine/record';
import { scrubEntry, type ApprovalRequestBody, type RequestSecret } from '../events/approval-request';

/** The request body for a quarantined entry: its shape, where its secrets were (names only). */
export function requestFromRecord(r: QuarantineRecord, extra: { reason?: string; user?: string; hostname?: string }): ApprovalRequestBody {
  const { entry, scrubbed } = scrubEntry(r.entry);
  const secrets = [...r.secrets.map((s) => ({ path: [...s.path], name: s.name })), ...scrubbed];
  const body: ApprovalRequestBody = {
    name: r.name,
    transport: r.transport,
    scope: r.scope,
    entry,
    quarantineId: r.id,
    removedBecause: r.reason.slice(0, 1000),
  };
  if (secrets.length) body.secrets = secrets.slice(0, 64);
  if (r.client) body.client = r.client;
  if (extra.reason) body.reason = extra.reason.slice(0, 2000);
  if (extra.user) body.user = extra.user.slice(0, 256);
  if (extra.hostname) body.hostname = extra.hostname.slice(0, 256);
  return body;
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
