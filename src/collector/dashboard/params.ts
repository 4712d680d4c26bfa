// The dashboard's URL state: every filter, sort and page is a query parameter, so a URL is
// the page. Parsed strictly (a value outside its set is a 400 naming it) and bounded.
import { HttpError } from '../errors';
import { MAX_OFFSET, type Dir, type Window } from '../store/dashboard';

export const PER_PAGE = [25, 50, 100, 200] as const;
/** Rows a CSV export holds at most (the pager's reach: past it, narrow the filter). */
export const CSV_MAX_ROWS = MAX_OFFSET;

function bad(message: string): HttpError {
  return new HttpError(400, 'INVALID_FILTER', message);
}

/** One value from a fixed set, or undefined when absent or empty. */
export function choice<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!allowed.includes(v as T)) throw bad(`${name}: one of ${allowed.join(', ')}`);
  return v as T;
}

export function int(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) throw bad(`${name}: an integer from ${min} to ${max}`);
  return Number(v);
}

/** Free text (a search): trimmed, at most `max` characters, no control characters. */
export function text(q: URLSearchParams, name: string, max = 128): string | undefined {
  const v = q.get(name)?.trim();
  if (!v) return undefined;
  if (v.length > max || /[\u0000-\u001f\u007f]/.test(v)) throw bad(`${name}: at most ${max} printable characters`);
  return v;
}

export function window(q: URLSearchParams, sorts: readonly string[], sort: string, dir: Dir): Window & { page: number } {
  const per = Number(choice(q, 'per', PER_PAGE.map(String)) ?? 50);
  const page = int(q, 'page', 1, Math.floor(MAX_OFFSET / per) + 1) ?? 1;
  return {
    page,
    offset: (page - 1) * per,
    limit: per,
    sort: choice(q, 'sort', sorts) ?? sort,
    dir: choice(q, 'dir', ['asc', 'desc'] as const) ?? dir,
  };
}

/** The whole filtered table for a CSV export. */
export function csvWindow(w: Window): Window {
  return { ...w, offset: 0, limit: CSV_MAX_ROWS };
}

/** `path?query` with some parameters replaced (null removes one). */
export function link(path: string, q: URLSearchParams, set: Record<string, string | number | null>): string {
  const p = new URLSearchParams(q);
  for (const [k, v] of Object.entries(set)) {
    if (v === null || v === '') p.delete(k);
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
