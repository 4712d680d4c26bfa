// CSV (RFC 4180) for every table the dashboard shows. A cell that a spreadsheet would read
// as a formula (starting with = + - @, or a tab / carriage return that some strip first)
// gets a leading apostrophe: a server name such as `=HYPERLINK(…)` reported by a device
// must not run in the admin's spreadsheet (OWASP "CSV injection").
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Numbers we produce are data, not formulas (-1 stays -1).
  if (typeof v === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
