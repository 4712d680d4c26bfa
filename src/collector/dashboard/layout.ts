// The page shell (header, navigation, sign-out form), the sign-in page and the table
// renderer every page uses: sortable headers, pager and CSV link, all plain links.
import { CSS_PATH, JS_PATH } from './assets';
import { type CsvCell } from './csv';
import { html, join, type Child, type Html } from './html';
import { link } from './params';
import type { Window } from '../store/dashboard';

export const NAV: [string, string][] = [
  ['/', 'Fleet'],
  ['/drift', 'Drift over time'],
  ['/servers', 'Findings by server'],
  ['/devices', 'Devices'],
  ['/policies', 'Policy versions'],
];

// Non-ASCII characters as \u escapes (same strings): the single executable's bundle stays
// ASCII, a one-byte source for V8 (packaging/sea/bundle.mjs).
function head(title: string): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} \u00b7 mcp-warden</title><link rel="stylesheet" href="${CSS_PATH}"><script src="${JS_PATH}" defer></script></head>`;
}

export function page(title: string, active: string, csrf: string, body: Html): string {
  return html`${head(title)}<body><a class="skip" href="#main">Skip to content</a>
<header><span class="brand">mcp-warden</span><nav aria-label="Dashboard"><ul>${join(
    NAV.map(([href, label]) => html`<li><a href="${href}"${active === href ? html` aria-current="page"` : ''}>${label}</a></li>`),
  )}</ul></nav>
<form method="post" action="/signout"><input type="hidden" name="csrf" value="${csrf}"><button class="link" type="submit">Sign out</button></form></header>
<main id="main"><h1>${title}</h1>${body}</main></body></html>`.text;
}

export function signinPage(csrf: string, next: string, error?: string): string {
  return html`${head('Sign in')}<body><main id="main" class="signin"><h1>mcp-warden collector</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/signin"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button></form></main></body></html>`.text;
}

export function errorBox(message: string): Html {
  return html`<p class="error" role="alert">${message}</p>`;
}

export interface Column<R> {
  label: string;
  /** Sort key (store/dashboard.ts map); absent: not sortable. */
  sort?: string;
  num?: boolean;
  cell(r: R): Child;
  csv(r: R): CsvCell;
}

export interface TableSpec<R> {
  caption: string;
  path: string;
  q: URLSearchParams;
  columns: Column<R>[];
  rows: R[];
  /** Offset paging; absent for keyset tables (which pass `next`). */
  window?: Window & { page: number };
  total?: number;
  /** Keyset paging: the URL of the next page, and of the first. */
  next?: string | null;
  first?: string | null;
  /** `table=` value of the CSV link when a page has several tables. */
  csvTable?: string;
}

export function table<R>(t: TableSpec<R>): Html {
  const w = t.window;
  const th = (c: Column<R>) => {
    if (!c.sort || !w) return html`<th scope="col"${c.num ? html` class="num"` : ''}>${c.label}</th>`;
    const on = w.sort === c.sort;
    const dir = on && w.dir === 'desc' ? 'asc' : 'desc';
    const aria = on ? html` aria-sort="${w.dir === 'asc' ? 'ascending' : 'descending'}"` : '';
    return html`<th scope="col"${aria}${c.num ? html` class="num"` : ''}><a href="${link(t.path, t.q, { sort: c.sort, dir, page: null })}">${c.label}${on ? (w.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
  };
  const body = t.rows.length
    ? join(t.rows.map((r) => html`<tr>${join(t.columns.map((c) => html`<td${c.num ? html` class="num"` : ''}>${c.cell(r)}</td>`))}</tr>`))
    : html`<tr><td colspan="${t.columns.length}">Nothing matches these filters.</td></tr>`;
  const pager: Html[] = [];
  if (w && t.total !== undefined) {
    const from = t.rows.length ? w.offset + 1 : 0;
    pager.push(html`<span>Rows ${from}\u2013${w.offset + t.rows.length} of ${t.total}</span>`);
    if (w.page > 1) pager.push(html`<a href="${link(t.path, t.q, { page: w.page - 1 })}" rel="prev">Previous page</a>`);
    if (w.offset + t.rows.length < t.total && w.offset + w.limit < 10_000)
      pager.push(html`<a href="${link(t.path, t.q, { page: w.page + 1 })}" rel="next">Next page</a>`);
  }
  if (t.first) pager.push(html`<a href="${t.first}">Newest</a>`);
  if (t.next) pager.push(html`<a href="${t.next}" rel="next">Next page</a>`);
  const csv = link(t.path, t.q, { format: 'csv', table: t.csvTable ?? null, page: null, cursor: null });
  return html`<table><caption class="skip">${t.caption}</caption><thead><tr>${join(t.columns.map(th))}</tr></thead><tbody>${body}</tbody></table>
<div class="tablebar"><span class="pager">${join(pager)}</span><a href="${csv}" download>Download CSV</a></div>`;
}

/** A filter form: GET to the same page, so its URL holds the state. */
export function filters(path: string, fields: Html, keep: Record<string, string | undefined> = {}): Html {
  return html`<form class="filters" method="get" action="${path}" data-auto>${join(
    Object.entries(keep).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}">` : '')),
  )}${fields}<button type="submit">Apply</button></form>`;
}

export function select(name: string, label: string, options: [string, string][], value: string | undefined): Html {
  return html`<label>${label}<select name="${name}">${join(
    options.map(([v, l]) => html`<option value="${v}"${(value ?? '') === v ? html` selected` : ''}>${l}</option>`),
  )}</select></label>`;
}

export function search(name: string, label: string, value: string | undefined): Html {
  return html`<label>${label}<input type="search" name="${name}" value="${value ?? ''}" maxlength="128"></label>`;
}

export const iso = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : new Date(ms).toISOString());
export const when = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function status(c: boolean | null): Html {
  return c === null
    ? html`<span class="unknown">unknown</span>`
    : c
      ? html`<span class="good">compliant</span>`
      : html`<span class="bad">not compliant</span>`;
}

export const statusText = (c: boolean | null): string => (c === null ? 'unknown' : c ? 'compliant' : 'not compliant');
