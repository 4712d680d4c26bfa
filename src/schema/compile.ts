// The one place JSON Schemas are compiled. Every module validates its outside input
// through compileSchema(), so every error everywhere has the same shape
// (`{ path: '$.servers[2].package.version', message }`) and ALL errors are reported at
// once, not only the first.
//
// Compilation is lazy and happens once per process per schema: a command that never
// validates must not pay for compiling (ajv compiles the allowlist schema in ~100 ms),
// and one that does pays once. The two schemas on `mcp-warden exec`'s path (run on
// every MCP server launch) are compiled ahead of time instead: see validators.ts.
import type Ajv from 'ajv';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { toIssues, type SchemaIssue } from './issues';

export interface SchemaValidator<T> {
  /** Every problem with `value`; empty when valid. */
  validate(value: unknown): SchemaIssue[];
  /** Type-guard form of validate(). */
  is(value: unknown): value is T;
}

let sharedAjv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function getValidate(schema: AnySchemaObject): ValidateFunction {
  const hit = compiled.get(schema);
  if (hit) return hit;
  // ajv itself loads only when a schema is compiled here (never on exec's path).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sharedAjv ??= (require('./ajv') as typeof import('./ajv')).createAjv();
  const id = typeof schema.$id === 'string' ? schema.$id : undefined;
  // Another copy of an already-compiled $id (e.g. the JSON loaded twice) reuses it.
  const fn = (id ? sharedAjv.getSchema(id) : undefined) ?? sharedAjv.compile(schema);
  compiled.set(schema, fn);
  return fn;
}

/** Wrap a compiled ajv function (lazily obtained) as a SchemaValidator. */
export function validatorFrom<T>(get: () => ValidateFunction): SchemaValidator<T> {
  return {
    validate(value: unknown): SchemaIssue[] {
      const fn = get();
      return fn(value) ? [] : toIssues(fn.errors ?? []);
    },
    is(value: unknown): value is T {
      return get()(value) === true;
    },
  };
}

/** A validator for `schema`, compiled on first use and cached for the process. */
export function compileSchema<T>(schema: object): SchemaValidator<T> {
  return validatorFrom<T>(() => getValidate(schema));
}
