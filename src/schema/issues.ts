// ajv errors → `{ path: '$.servers[2].package.version', message }`: paths in the notation
// admins read, messages in plain words, and the noise of combinators (anyOf branches,
// `if`) removed so that every issue printed is one thing to fix.
import type { ErrorObject } from 'ajv';
import { formatJsonPath, pointerToSegments, type PathSegment } from '../util/jsonpath';

export interface SchemaIssue {
  /** JSON path of the offending value, e.g. `$.servers[2].package.version`. */
  path: string;
  /** The same path as segments (to map it to a line:column in the source). */
  segments: PathSegment[];
  message: string;
}

function customMessage(e: ErrorObject): string | undefined {
  const m: unknown = e.parentSchema?.errorMessage;
  return typeof m === 'string' ? m : undefined;
}

function describe(e: ErrorObject): string {
  const custom = customMessage(e);
  if (custom) return custom;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const near = closest(extra, known);
      return `unknown property "${extra}"${near ? ` (did you mean "${near}"?)` : ''}`;
    }
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return `must be a valid ${String(p.format)}`;
    case 'uniqueItems':
      return `must not repeat items (items ${String(p.j)} and ${String(p.i)} are equal)`;
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}

function isCombinator(e: ErrorObject): boolean {
  return e.keyword === 'anyOf' || e.keyword === 'oneOf';
}

/** ajv errors → issues, in ajv's order, duplicates dropped. */
export function toIssues(errors: readonly ErrorObject[]): SchemaIssue[] {
  // An anyOf/oneOf with its own message replaces the per-branch errors under it. Match on
  // the instance path too: schema paths restart inside every $ref'd definition.
  const summaries = errors.filter((e) => isCombinator(e) && customMessage(e));
  const underSummary = (e: ErrorObject): boolean =>
    summaries.some(
      (s) =>
        s !== e &&
        (e.instancePath === s.instancePath || e.instancePath.startsWith(s.instancePath + '/')) &&
        e.schemaPath.startsWith(s.schemaPath + '/'),
    );
  const out: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // `if` only says "must match then": the errors from inside `then` say what is wrong.
    if (e.keyword === 'if') continue;
    // Without its own message, an anyOf error only repeats its branches.
    if (isCombinator(e) && !customMessage(e)) continue;
    if (underSummary(e)) continue;
    const segments = pointerToSegments(e.instancePath);
    const p = e.params as { missingProperty?: string; additionalProperty?: string };
    if (e.keyword === 'required' && p.missingProperty !== undefined) segments.push(p.missingProperty);
    if (e.keyword === 'additionalProperties' && p.additionalProperty !== undefined) segments.push(p.additionalProperty);
    const issue: SchemaIssue = { path: formatJsonPath(segments), segments, message: describe(e) };
    const key = `${issue.path}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

/** The known name within edit distance 2 of `word`, for "did you mean" hints. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 3;
}
