// Rendering for the admin commands: times given as `24h` or RFC 3339, plain-text tables,
// and CSV that is safe to open in a spreadsheet. Pure.
import { InputError } from '../../errors';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `30m`, `24h`, `7d`, `2w` → milliseconds; undefined when it is not a duration. */
export function parseDuration(v: string): number | undefined {
  const m = /^(\d{1,9})([smhdw])$/.exec(v.trim());
  return m ? Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000) : undefined;
}

/** `--since 24h` (that long before now) or an RFC 3339 time → RFC 3339. */
export function parseWhen(v: string, flag: string, now: number): string {
  const d = parseDuration(v);
  if (d !== undefined) return new Date(now - d).toISOString();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v) && !Number.isNaN(Date.parse(v))) return v;
  throw new InputError({
    code: 'USAGE',
    message: `${flag}: expected a duration (30m, 24h, 7d) or an RFC 3339 time (2024-05-01T10:00:00Z)`,
  });
}

/** A fixed-width table; long cells are cut with an ellipsis. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], maxWidth = 60): string {
  const cut = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = rows.map((r) => r.map((c) => cut(c.replace(/[\r\n\t]+/g, ' '))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/**
 * One CSV field (RFC 4180 quoting). A cell that starts like a formula (= + - @, tab, CR)
 * gets a leading apostrophe: drift data comes from devices and must not run as a formula
 * in the admin's spreadsheet.
 */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');
}

/** `2024-05-01T10:00:00.000Z` → `2024-05-01 10:00:00Z`, for tables. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** "3h ago", "2d ago". */
export function ago(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s ago`;
  if (s < 7200) return `${Math.round(s / 60)}m ago`;
  if (s < 172_800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}
