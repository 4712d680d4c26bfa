// Shared JSON Schema validation: every outside document is checked here, and every error
// comes out as `{ path: '$.a[0].b', message }`.
export { compileSchema, validatorFrom, type SchemaValidator } from './compile';
export { toIssues, type SchemaIssue } from './issues';
export { parseSource, type ParsedSource, type SourcePosition, type SourceFormat } from './source';
