// Check a YAML/JSON document from outside in one go: syntax, then schema, then any
// checks the caller adds, each problem with its JSON path and line:column. Used by the
// agent config loader and by `allowlist lint`, so both report problems alike.
import type { PathSegment } from '../util/jsonpath';
import { formatJsonPath } from '../util/jsonpath';
import type { SchemaIssue } from './issues';
import { parseSource, type ParsedSource, type SourceFormat } from './source';

export interface DocumentProblem {
  /** `$` for a syntax error (the document has no paths yet). */
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckedDocument<T> {
  format: SourceFormat;
  /** Set only when there are no problems at all. */
  value?: T;
  /** Syntax problems: the document could not be read (a usage error, not a lint error). */
  syntax: DocumentProblem[];
  /** Schema and semantic problems of a document that parsed. */
  problems: DocumentProblem[];
  /** Semantic findings worth knowing that do not make the document invalid. */
  warnings: DocumentProblem[];
}

/** Extra checks beyond the schema, run only on a schema-valid value. */
export type SemanticCheck<T> = (value: T) => { segments: PathSegment[]; message: string; warning?: boolean }[];

export function checkDocument<T>(
  text: string,
  opts: {
    fileName?: string;
    format?: SourceFormat;
    validate: (value: unknown) => SchemaIssue[];
    semantic?: SemanticCheck<T>;
  },
): CheckedDocument<T> {
  const parsed: ParsedSource = parseSource(text, { fileName: opts.fileName, format: opts.format });
  const syntax = parsed.errors.map((e) => ({ path: '$', line: e.position.line, column: e.position.column, message: e.message }));
  if (syntax.length > 0) return { format: parsed.format, syntax, problems: [], warnings: [] };
  const at = (segments: readonly PathSegment[], message: string): DocumentProblem => {
    const pos = parsed.locate(segments);
    return { path: formatJsonPath(segments), line: pos.line, column: pos.column, message };
  };
  const problems = opts.validate(parsed.value).map((i) => at(i.segments, i.message));
  const warnings: DocumentProblem[] = [];
  if (problems.length === 0 && opts.semantic) {
    for (const p of opts.semantic(parsed.value as T)) (p.warning ? warnings : problems).push(at(p.segments, p.message));
  }
  // In reading order: what an admin fixes top to bottom (Array#sort is stable).
  const byPosition = (a: DocumentProblem, b: DocumentProblem): number => a.line - b.line || a.column - b.column;
  problems.sort(byPosition);
  warnings.sort(byPosition);
  return problems.length === 0
    ? { format: parsed.format, value: parsed.value as T, syntax, problems, warnings }
    : { format: parsed.format, syntax, problems, warnings };
}

/** `file:line:column: $.path: message`, the shape editors and terminals link. */
export function formatProblem(file: string, p: DocumentProblem): string {
  return `${file}:${p.line}:${p.column}: ${p.path === '$' ? '' : `${p.path}: `}${p.message}`;
}
