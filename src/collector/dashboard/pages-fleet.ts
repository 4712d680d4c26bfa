// Fleet overview, drift over time, open findings by server, policy versions.
import { EVENT_KINDS, SEVERITIES, severityRank, type Severity } from '../../events/types';
import { OPEN_KINDS } from '../store/findings';
import { DAY_MS } from '../store/ingest';
import type { CountRow, RolloutRow, ServerRow } from '../store/dashboard';
import { html } from './html';
import { filters, iso, search, select, table, when, type Column } from './layout';
import { choice, csvWindow, text, window } from './params';
import { csvOf, wantsCsv, type PageHandler } from './page-types';
import { PALETTE, SEVERITY_COLOURS, shareBar, stackedBars, type Series } from './svg';

const STALE_HOURS: [string, string][] = [
  ['1', '1 hour'],
  ['24', '24 hours'],
  ['72', '3 days'],
  ['168', '7 days'],
];
const pct = (n: number, of: number): string => (of ? `${((n / of) * 100).toFixed(1)} %` : '—');
const versionLabel = (v: number | null): string => (v === null ? 'none' : `v${v}`);
const devicesLink = (p: Record<string, string | number | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== null) q.set(k, String(v));
  return `/devices?${q.toString()}`;
};

function rolloutColumns(): Column<RolloutRow>[] {
  const v = (r: RolloutRow) => (r.version === null ? 'none' : r.version);
  return [
    {
      label: 'Policy',
      sort: 'version',
      cell: (r) => html`<a href="${devicesLink({ version: v(r) })}">${versionLabel(r.version)}</a>`,
      csv: (r) => r.version,
    },
    { label: 'Org', cell: (r) => r.org ?? '', csv: (r) => r.org },
    { label: 'Digest', cell: (r) => html`<code>${(r.digest ?? '').slice(0, 12)}</code>`, csv: (r) => r.digest },
    {
      label: 'Mode',
      sort: 'mode',
      cell: (r) => html`<a href="${devicesLink({ version: v(r), mode: r.mode })}">${r.mode ?? 'unknown'}</a>`,
      csv: (r) => r.mode,
    },
    { label: 'Devices', sort: 'devices', num: true, cell: (r) => r.devices, csv: (r) => r.devices },
    { label: 'Compliant', num: true, cell: (r) => r.compliant, csv: (r) => r.compliant },
    {
      label: 'Not compliant',
      num: true,
      cell: (r) => html`<a href="${devicesLink({ version: v(r), status: 'noncompliant' })}">${r.nonCompliant}</a>`,
      csv: (r) => r.nonCompliant,
    },
    {
      label: 'Compliant share',
      cell: (r) => html`${shareBar(r.compliant, r.nonCompliant, r.devices)} ${pct(r.compliant, r.devices)}`,
      csv: (r) => (r.devices ? (r.compliant / r.devices).toFixed(4) : ''),
    },
    { label: 'Stale', num: true, cell: (r) => r.stale, csv: (r) => r.stale },
    { label: 'Last check-in', sort: 'lastSeen', cell: (r) => when(r.lastSeenMs), csv: (r) => iso(r.lastSeenMs) },
  ];
}

export const overview: PageHandler = async (ctx, q) => {
  const staleH = Number(
    choice(
      q,
      'staleAfter',
      STALE_HOURS.map(([v]) => v),
    ) ?? 24,
  );
  const tableName = choice(q, 'table', ['rollout', 'kinds'] as const);
  const staleBefore = ctx.now - staleH * 3600_000;
  const w = { offset: 0, limit: 20, sort: 'version', dir: 'desc' as const };
  const rollout = await ctx.store.dashboard.policies({}, wantsCsv(q) ? csvWindow(w) : w, staleBefore);
  const s = await ctx.store.summary(staleH * 3600_000, ctx.now);
  const kindCols: Column<(typeof s.topDriftKinds)[number]>[] = [
    { label: 'Kind', cell: (k) => html`<a href="${devicesLink({ kind: k.kind })}">${k.kind}</a>`, csv: (k) => k.kind },
    { label: 'Devices', num: true, cell: (k) => k.devices, csv: (k) => k.devices },
    { label: 'Findings', num: true, cell: (k) => k.findings, csv: (k) => k.findings },
  ];
  if (wantsCsv(q)) {
    return tableName === 'kinds'
      ? csvOf('open-drift-by-kind.csv', kindCols, s.topDriftKinds)
      : csvOf('rollout.csv', rolloutColumns(), rollout.items);
  }
  const d = s.devices;
  const card = (label: string, n: string | number, href?: string) =>
    html`<li>${href ? html`<a href="${href}"><span class="n">${n}</span>${label}</a>` : html`<span class="n">${n}</span>${label}`}</li>`;
  const body = html`${filters('/', select('staleAfter', 'Stale after', STALE_HOURS, String(staleH)))}
<ul class="cards">${card('devices', d.total, '/devices')}${card('compliant share', s.compliantShare === null ? '—' : pct(d.compliant, d.total), '/devices?status=compliant')}${card('not compliant', d.nonCompliant, '/devices?status=noncompliant')}${card(`stale (no check-in for ${staleH} h)`, d.stale, `/devices?staleAfter=${staleH}`)}${card('unknown', d.unknown, '/devices?status=unknown')}${card('open findings', s.openFindings, '/servers')}</ul>
<h2>Rollout by policy version</h2>
${table({ caption: 'Devices by policy version and mode', path: '/', q, columns: rolloutColumns(), rows: rollout.items, csvTable: 'rollout' })}
<p>${rollout.total > rollout.items.length ? html`Showing the ${rollout.items.length} newest of ${rollout.total}: ` : ''}<a href="/policies">all policy versions</a></p>
<h2>Open drift by kind</h2>
${table({ caption: 'Open drift by kind', path: '/', q, columns: kindCols, rows: s.topDriftKinds, csvTable: 'kinds' })}`;
  return { title: 'Fleet overview', body };
};

export const policiesPage: PageHandler = async (ctx, q) => {
  const mode = choice(q, 'mode', ['audit', 'enforce'] as const);
  const w = window(q, ['version', 'devices', 'mode', 'lastSeen'], 'version', 'desc');
  const staleBefore = ctx.now - 24 * 3600_000;
  const rows = await ctx.store.dashboard.policies({ mode }, wantsCsv(q) ? csvWindow(w) : w, staleBefore);
  if (wantsCsv(q)) return csvOf('policy-versions.csv', rolloutColumns(), rows.items);
  const body = html`${filters(
    '/policies',
    select(
      'mode',
      'Mode',
      [
        ['', 'any'],
        ['audit', 'audit'],
        ['enforce', 'enforce'],
      ],
      mode,
    ),
    { sort: q.get('sort') ?? undefined, dir: q.get('dir') ?? undefined },
  )}
<p>Each row is a signed allowlist (org, version, digest) and the mode its devices run it in; follow a version to its devices. Stale: no check-in for 24 hours.</p>
${table({ caption: 'Policy versions', path: '/policies', q, columns: rolloutColumns(), rows: rows.items, window: w, total: rows.total })}`;
  return { title: 'Policy versions', body };
};

const DAYS: [string, string][] = [
  ['7', '7 days'],
  ['30', '30 days'],
  ['90', '90 days'],
];
const NOT_DRIFT = ['agent.heartbeat'];

export const drift: PageHandler = async (ctx, q) => {
  const days = Number(
    choice(
      q,
      'days',
      DAYS.map(([v]) => v),
    ) ?? 30,
  );
  const kind = choice(q, 'kind', EVENT_KINDS);
  const minSev = choice(q, 'severity', SEVERITIES);
  const by = choice(q, 'by', ['kind', 'severity'] as const) ?? 'kind';
  const w = window(q, ['day', 'kind', 'severity', 'events'], 'day', 'desc');
  const today = Math.floor(ctx.now / DAY_MS) * DAY_MS;
  const f = {
    sinceMs: today - (days - 1) * DAY_MS,
    untilMs: today + DAY_MS,
    kinds: kind ? [kind] : undefined,
    exceptKinds: NOT_DRIFT,
    severities: minSev ? SEVERITIES.filter((s) => severityRank(s) >= severityRank(minSev)) : undefined,
  };
  const cols: Column<CountRow>[] = [
    { label: 'Day (UTC)', sort: 'day', cell: (r) => iso(r.dayMs).slice(0, 10), csv: (r) => iso(r.dayMs).slice(0, 10) },
    { label: 'Kind', sort: 'kind', cell: (r) => r.kind, csv: (r) => r.kind },
    { label: 'Severity', sort: 'severity', cell: (r) => r.severity, csv: (r) => r.severity },
    { label: 'Events', sort: 'events', num: true, cell: (r) => r.events, csv: (r) => r.events },
  ];
  const rows = await ctx.store.dashboard.driftCounts(f, wantsCsv(q) ? csvWindow(w) : w);
  if (wantsCsv(q)) return csvOf('drift.csv', cols, rows.items);
  const all = await ctx.store.dashboard.driftCounts(f, { offset: 0, limit: 100_000, sort: 'day', dir: 'asc' });
  const buckets = Array.from({ length: days }, (_, i) => iso(f.sinceMs + i * DAY_MS).slice(0, 10));
  const index = new Map(buckets.map((b, i) => [b, i]));
  const totals = new Map<string, number>();
  for (const r of all.items) {
    const key = by === 'kind' ? r.kind : r.severity;
    totals.set(key, (totals.get(key) ?? 0) + r.events);
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const shown = by === 'severity' ? [...SEVERITIES].reverse().filter((s) => totals.has(s)) : ranked.slice(0, 8);
  const series: Series[] = shown.map((name, i) => ({
    name,
    colour: by === 'severity' ? (SEVERITY_COLOURS[name] ?? '#555') : (PALETTE[i] ?? '#555'),
    values: buckets.map(() => 0),
  }));
  const other: Series = { name: 'other kinds', colour: '#999999', values: buckets.map(() => 0) };
  for (const r of all.items) {
    const s = series.find((x) => x.name === (by === 'kind' ? r.kind : r.severity)) ?? other;
    const i = index.get(iso(r.dayMs).slice(0, 10));
    if (i !== undefined) s.values[i] = (s.values[i] ?? 0) + r.events;
  }
  if (other.values.some((v) => v > 0)) series.push(other);
  const kindOptions: [string, string][] = [['', 'all but heartbeats'], ...EVENT_KINDS.map((k): [string, string] => [k, k])];
  const sevOptions: [string, string][] = [['', 'any'], ...SEVERITIES.map((s: Severity): [string, string] => [s, `${s} or worse`])];
  const body = html`${filters(
    '/drift',
    html`${select('days', 'Period', DAYS, String(days))}${select('kind', 'Kind', kindOptions, kind)}${select('severity', 'Severity', sevOptions, minSev)}${select(
      'by',
      'Colour by',
      [
        ['kind', 'kind'],
        ['severity', 'severity'],
      ],
      by,
    )}`,
    { sort: q.get('sort') ?? undefined, dir: q.get('dir') ?? undefined, per: q.get('per') ?? undefined },
  )}
${stackedBars(`Events per day by ${by}, last ${days} days`, buckets, series)}
<h2>Events per day, kind and severity</h2>
${table({ caption: 'Events per day, kind and severity', path: '/drift', q, columns: cols, rows: rows.items, window: w, total: rows.total })}`;
  return { title: 'Drift over time', body };
};

const UNAPPROVED = ['server.unapproved', 'plugin.server_unapproved'];
const SERVER_KINDS: Record<string, string[]> = {
  unapproved: UNAPPROVED,
  pin_mismatch: ['server.pin_mismatch', 'plugin.server_pin_mismatch'],
  denied: ['server.denied', 'plugin.server_denied'],
  unverifiable: ['server.unverifiable', 'plugin.server_unverifiable'],
  any: [...OPEN_KINDS].filter((k) => k.startsWith('server.') || k.startsWith('plugin.server_') || k === 'credential.exposed'),
};

export const servers: PageHandler = async (ctx, q) => {
  const what = choice(q, 'finding', Object.keys(SERVER_KINDS)) ?? 'unapproved';
  const name = text(q, 'q');
  const w = window(q, ['devices', 'findings', 'since', 'server'], 'devices', 'desc');
  const kinds = SERVER_KINDS[what] ?? UNAPPROVED;
  const rows = await ctx.store.dashboard.serverFindings({ kinds, q: name }, wantsCsv(q) ? csvWindow(w) : w);
  const cols: Column<ServerRow>[] = [
    {
      label: 'Server',
      sort: 'server',
      cell: (r) => html`<a href="${devicesLink({ server: r.server })}">${r.server}</a>`,
      csv: (r) => r.server,
    },
    { label: 'Devices', sort: 'devices', num: true, cell: (r) => r.devices, csv: (r) => r.devices },
    { label: 'Findings', sort: 'findings', num: true, cell: (r) => r.findings, csv: (r) => r.findings },
    { label: 'Since', sort: 'since', cell: (r) => when(r.sinceMs), csv: (r) => iso(r.sinceMs) },
    { label: 'Last reported', cell: (r) => when(r.lastSeenMs), csv: (r) => iso(r.lastSeenMs) },
  ];
  if (wantsCsv(q)) return csvOf(`servers-${what}.csv`, cols, rows.items);
  const options: [string, string][] = [
    ['unapproved', 'unapproved'],
    ['pin_mismatch', 'pin mismatch'],
    ['denied', 'denied'],
    ['unverifiable', 'unverifiable'],
    ['any', 'any server finding'],
  ];
  const body = html`${filters('/servers', html`${select('finding', 'Finding', options, what)}${search('q', 'Server name contains', name)}`, { sort: q.get('sort') ?? undefined, dir: q.get('dir') ?? undefined, per: q.get('per') ?? undefined })}
<p>Open findings right now, grouped by server name: on how many devices, and since when (the first report of the oldest open finding).</p>
${table({ caption: 'Open findings by server', path: '/servers', q, columns: cols, rows: rows.items, window: w, total: rows.total })}`;
  return { title: 'Open findings by server', body };
};
