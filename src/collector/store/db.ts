// The thin SQL layer both storage engines share, so the store's logic (ingest, queries,
// migrations) is written once and the same test suite runs on SQLite and PostgreSQL.
// SQL is written with `?` placeholders and converted to `$n` for PostgreSQL; values are
// always bound parameters, never spliced into the text.

export type SqlValue = string | number | null;
/** A bound parameter: a value, or (PostgreSQL only, e.g. for unnest) an array of values. */
export type SqlParam = SqlValue | readonly SqlValue[];

export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /** Run `fn` in one transaction on one connection; rolled back if it throws. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` → `$1, $2 …` (our SQL never has `?` inside a literal). */
export function toDollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `(?, ?, ?), (?, ?, ?)` for a multi-row insert. */
export function valuesList(rows: number, cols: number): string {
  const one = `(${Array.from({ length: cols }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

/** `?, ?, ?` for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
