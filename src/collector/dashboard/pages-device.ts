// The device list and one device's detail: posture, open findings, events, last check-in.
import { EVENT_KINDS, SEVERITIES, severityRank, type DriftEvent } from '../../events/types';
import { HttpError } from '../errors';
import { decodeCursor } from '../store/cursor';
import type { DeviceRowView } from '../store/dashboard';
import type { FindingView } from '../store';
import { html } from './html';
import { errorBox, filters, iso, search, select, status, statusText, table, when, type Column } from './layout';
import { choice, CSV_MAX_ROWS, csvWindow, int, link, text, window } from './params';
import { csvOf, wantsCsv, type PageHandler } from './page-types';
import { clientOf } from '../../clients/of-file';

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const STALE: [string, string][] = [
  ['', 'any'],
  ['1', '1 hour'],
  ['24', '24 hours'],
  ['72', '3 days'],
  ['168', '7 days'],
];
const deviceHref = (id: string) => `/device?id=${encodeURIComponent(id)}`;

export const devices: PageHandler = async (ctx, q) => {
  const st = choice(q, 'status', ['compliant', 'noncompliant', 'unknown'] as const);
  const v = q.get('version');
  const version = v === 'none' ? null : int(q, 'version', 0, 2_147_483_647);
  const mode = choice(q, 'mode', ['audit', 'enforce'] as const);
  const kind = choice(q, 'kind', EVENT_KINDS);
  const server = text(q, 'server', 256);
  const staleH = int(q, 'staleAfter', 1, 24 * 365);
  const search_ = text(q, 'q');
  const w = window(q, ['id', 'hostname', 'user', 'lastSeen', 'policy', 'open'], 'id', 'asc');
  const f = {
    status: st,
    version,
    mode,
    kind,
    server,
    staleBeforeMs: staleH === undefined ? undefined : ctx.now - staleH * 3600_000,
    q: search_,
  };
  const rows = await ctx.store.dashboard.devicesPage(f, wantsCsv(q) ? csvWindow(w) : w);
  const cols: Column<DeviceRowView>[] = [
    { label: 'Device', sort: 'id', cell: (r) => html`<a href="${deviceHref(r.id)}">${r.id}</a>`, csv: (r) => r.id },
    { label: 'Hostname', sort: 'hostname', cell: (r) => r.hostname, csv: (r) => r.hostname },
    { label: 'User', sort: 'user', cell: (r) => r.user, csv: (r) => r.user },
    { label: 'OS', cell: (r) => r.os, csv: (r) => r.os },
    { label: 'Agent', cell: (r) => r.agentVersion, csv: (r) => r.agentVersion },
    {
      label: 'Policy',
      sort: 'policy',
      cell: (r) => (r.policyVersion === null ? 'none' : `v${r.policyVersion}`),
      csv: (r) => r.policyVersion,
    },
    { label: 'Mode', cell: (r) => r.mode ?? '', csv: (r) => r.mode },
    { label: 'Status', cell: (r) => status(r.compliant), csv: (r) => statusText(r.compliant) },
    { label: 'Open findings', sort: 'open', num: true, cell: (r) => r.openFindings, csv: (r) => r.openFindings },
    { label: 'Last check-in', sort: 'lastSeen', cell: (r) => when(r.lastSeenMs), csv: (r) => iso(r.lastSeenMs) },
  ];
  if (wantsCsv(q)) return csvOf('devices.csv', cols, rows.items);
  const kinds: [string, string][] = [['', 'any'], ...EVENT_KINDS.map((k): [string, string] => [k, k])];
  const fields = html`${search('q', 'Device, host or user contains', search_)}${select(
    'status',
    'Status',
    [
      ['', 'any'],
      ['compliant', 'compliant'],
      ['noncompliant', 'not compliant'],
      ['unknown', 'unknown'],
    ],
    st,
  )}${select(
    'mode',
    'Mode',
    [
      ['', 'any'],
      ['audit', 'audit'],
      ['enforce', 'enforce'],
    ],
    mode,
  )}<label>Policy version<input name="version" value="${v ?? ''}" size="6" inputmode="numeric" pattern="[0-9]*|none"></label>${select('kind', 'Open finding', kinds, kind)}${search('server', 'Finding for server', server)}${select('staleAfter', 'No check-in for', STALE, staleH === undefined ? '' : String(staleH))}`;
  const body = html`${filters('/devices', fields, { sort: q.get('sort') ?? undefined, dir: q.get('dir') ?? undefined, per: q.get('per') ?? undefined })}
${table({ caption: 'Devices', path: '/devices', q, columns: cols, rows: rows.items, window: w, total: rows.total })}`;
  return { title: 'Devices', body };
};

function findingColumns(): Column<FindingView>[] {
  return [
    { label: 'Kind', cell: (f) => f.kind, csv: (f) => f.kind },
    { label: 'Severity', cell: (f) => f.severity, csv: (f) => f.severity },
    // Derived from the file (findings keep it, not the event): clients/of-file.ts.
    {
      label: 'Client',
      cell: (f) => (f.server || f.file ? clientOf(f.server, f.file) : ''),
      csv: (f) => (f.server || f.file ? clientOf(f.server, f.file) : ''),
    },
    {
      label: 'Server',
      cell: (f) => (f.server ? `${f.server.name}${f.server.scope ? ` (${f.server.scope})` : ''}` : ''),
      csv: (f) => f.server?.name,
    },
    { label: 'Credential', cell: (f) => f.credential ?? '', csv: (f) => f.credential },
    { label: 'File', cell: (f) => f.file ?? '', csv: (f) => f.file },
    { label: 'Since', cell: (f) => when(Date.parse(f.firstSeen)), csv: (f) => f.firstSeen },
    { label: 'Last reported', cell: (f) => when(Date.parse(f.lastSeen)), csv: (f) => f.lastSeen },
  ];
}

function eventColumns(): Column<DriftEvent>[] {
  return [
    { label: 'Time', cell: (e) => e.time.replace('T', ' ').slice(0, 19), csv: (e) => e.time },
    { label: 'Kind', cell: (e) => e.kind, csv: (e) => e.kind },
    { label: 'Severity', cell: (e) => e.severity, csv: (e) => e.severity },
    { label: 'Mode', cell: (e) => e.mode, csv: (e) => e.mode },
    { label: 'Action', cell: (e) => (e.action === 'none' && e.wouldDo ? `none (would ${e.wouldDo})` : e.action), csv: (e) => e.action },
    {
      label: 'Client',
      cell: (e) => (e.server || e.file ? clientOf(e.server, e.file) : ''),
      csv: (e) => (e.server || e.file ? clientOf(e.server, e.file) : ''),
    },
    { label: 'Server', cell: (e) => e.server?.name ?? '', csv: (e) => e.server?.name },
    { label: 'Message', cell: (e) => e.message, csv: (e) => e.message },
  ];
}

export const device: PageHandler = async (ctx, q) => {
  const id = q.get('id') ?? '';
  if (!DEVICE_ID.test(id)) throw new HttpError(400, 'INVALID_FILTER', 'id: a device id (letters, digits, . _ : -)');
  const tableName = choice(q, 'table', ['findings', 'events'] as const);
  const kind = choice(q, 'kind', EVENT_KINDS);
  const minSev = choice(q, 'severity', SEVERITIES);
  const order = choice(q, 'dir', ['asc', 'desc'] as const) ?? 'desc';
  const per = Number(choice(q, 'per', ['25', '50', '100', '200']) ?? 50);
  const cursor = q.get('cursor');
  const csv = wantsCsv(q);
  const d = await ctx.store.dashboard.deviceDetail(id);
  if (!d) return { title: 'Device not found', body: errorBox(`No device ${id} has reported to this collector.`) };
  const findings = await ctx.store.listFindings({ devices: [id], limit: csv ? CSV_MAX_ROWS : 500 });
  if (csv && tableName === 'findings') return csvOf(`${id}-findings.csv`, findingColumns(), findings.items);
  const filter = { devices: [id], kinds: kind ? [kind] : undefined, minSeverity: minSev ? severityRank(minSev) : undefined, order };
  if (csv) {
    // Keyset pages of 1000 up to the cap: the export holds what the filter selects.
    const all: DriftEvent[] = [];
    let after: (string | number)[] | undefined;
    while (all.length < CSV_MAX_ROWS) {
      const p = await ctx.store.queryEvents({ ...filter, limit: 1000, after });
      all.push(...p.items);
      if (!p.nextCursor) break;
      after = decodeCursor(p.nextCursor, 'ns');
    }
    return csvOf(`${id}-events.csv`, eventColumns(), all.slice(0, CSV_MAX_ROWS));
  }
  const events = await ctx.store.queryEvents({ ...filter, limit: per, after: cursor ? decodeCursor(cursor, 'ns') : undefined });
  const kinds: [string, string][] = [['', 'any'], ...EVENT_KINDS.map((k): [string, string] => [k, k])];
  const sev: [string, string][] = [['', 'any'], ...SEVERITIES.map((s): [string, string] => [s, `${s} or worse`])];
  const posture = d.posture === null ? 'none reported' : JSON.stringify(d.posture, null, 2);
  const body = html`<dl class="kv">
<dt>Device</dt><dd>${d.id}</dd><dt>Hostname</dt><dd>${d.hostname}</dd><dt>User</dt><dd>${d.user}</dd><dt>OS</dt><dd>${d.os}</dd>
<dt>Agent</dt><dd>${d.agentVersion}</dd><dt>Status</dt><dd>${status(d.compliant)}</dd>
<dt>Policy</dt><dd>${d.policyVersion === null ? 'none' : html`${d.policyOrg ?? ''} v${d.policyVersion} <code>${(d.policyDigest ?? '').slice(0, 12)}</code>`} (${d.mode ?? 'mode unknown'})</dd>
<dt>Last check-in</dt><dd>${when(d.lastSeenMs)} UTC</dd><dt>First seen</dt><dd>${when(d.firstSeenMs)} UTC</dd><dt>Newest event</dt><dd>${when(d.lastEventMs)} UTC</dd>
<dt>Posture reported</dt><dd>${when(d.postureMs)}</dd></dl>
<h2>Posture (last heartbeat)</h2><pre>${posture}</pre>
<h2>Open findings (${d.openFindings})</h2>
${table({ caption: 'Open findings', path: '/device', q, columns: findingColumns(), rows: findings.items, csvTable: 'findings' })}
<h2 id="events">Events</h2>
${filters(
  '/device',
  html`${select('kind', 'Kind', kinds, kind)}${select('severity', 'Severity', sev, minSev)}${select(
    'dir',
    'Order',
    [
      ['desc', 'newest first'],
      ['asc', 'oldest first'],
    ],
    order,
  )}`,
  { id, per: q.get('per') ?? undefined },
)}
${table({
  caption: 'Events',
  path: '/device',
  q,
  columns: eventColumns(),
  rows: events.items,
  next: events.nextCursor ? link('/device', q, { cursor: events.nextCursor }) + '#events' : null,
  first: cursor ? link('/device', q, { cursor: null }) + '#events' : null,
  csvTable: 'events',
})}`;
  return { title: `Device ${d.hostname || d.id}`, body };
};
