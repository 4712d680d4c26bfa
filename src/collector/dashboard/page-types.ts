import type { Store } from '../store';
import type { Column } from './layout';
import type { Html } from './html';
import { toCsv } from './csv';

export interface PageContext {
  store: Store;
  now: number;
}

export type PageResult = { title: string; body: Html } | { csv: string; filename: string };

export type PageHandler = (ctx: PageContext, q: URLSearchParams) => Promise<PageResult>;

export function csvOf<R>(filename: string, columns: Column<R>[], rows: R[]): PageResult {
  return {
    filename,
    csv: toCsv(
      columns.map((c) => c.label),
      rows.map((r) => columns.map((c) => c.csv(r))),
    ),
  };
}

export const wantsCsv = (q: URLSearchParams): boolean => q.get('format') === 'csv';
