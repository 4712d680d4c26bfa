// The one Ajv configuration. compile.ts (lazy, at run time) and standalone.ts (ahead of
// time, for the hot paths) must use the same options, or the two would disagree on what
// is valid.
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';

export const AJV_OPTIONS: Options = {
  // Report every problem at once, not only the first.
  allErrors: true,
  // Schema-authoring mistakes (unknown keywords, ignored constraints) are errors.
  strict: true,
  // Except this one: it demands that `required` inside if/then/anyOf repeat the parent's
  // `properties`, which would force every conditional branch to duplicate them.
  strictRequired: false,
  // parentSchema in errors: lets a schema carry its own human message (errorMessage).
  verbose: true,
};

/** Formats our schemas use. `date-time` is RFC 3339 with a mandatory offset. */
export const FORMATS = ['date-time', 'uri', 'email', 'hostname'] as const;

export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv, [...FORMATS]);
  // `errorMessage` is an annotation (VS Code shows it too): the message for any failure
  // of the schema it sits on. It validates nothing by itself.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv;
}
