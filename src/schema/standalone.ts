// Ahead-of-time compilation for the schemas on the hot path. `mcp-warden exec` runs on
// every MCP server launch and validates the agent config and the allowlist each time;
// compiling both schemas with ajv costs ~100 ms there, loading the precompiled code
// ~6 ms (test/bench/policy.bench.ts). The generated modules live in ./generated and are
// checked against the schemas by test/unit/schema/generated.test.ts, which rewrites them
// when run with MCP_WARDEN_UPDATE_GENERATED=1.
import * as path from 'node:path';
import standaloneCode from 'ajv/dist/standalone';
import { createAjv } from './ajv';

export interface GeneratedSchema {
  /** File under src/schema/generated. */
  module: string;
  /** Schema file under schemas/. */
  schemaFile: string;
}

export const GENERATED: readonly GeneratedSchema[] = [
  { module: 'allowlist.ts', schemaFile: 'allowlist.schema.json' },
  { module: 'agent-config.ts', schemaFile: 'agent-config.schema.json' },
  { module: 'root.ts', schemaFile: 'root.schema.json' },
  // The agent validates every event it spools: precompiled, ajv's compiler never loads there.
  { module: 'drift-event.ts', schemaFile: 'drift-event.schema.json' },
];

export const GENERATED_DIR = path.join(__dirname, 'generated');

/** The TypeScript module text for `schema`: ajv's standalone code, exported as `validate`. */
export function standaloneModule(schema: object, schemaFile: string): string {
  const ajv = createAjv({ code: { source: true, esm: true, lines: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return [
    `// GENERATED from schemas/${schemaFile} by src/schema/standalone.ts. Do not edit:`,
    '// run `MCP_WARDEN_UPDATE_GENERATED=1 npx jest test/unit/schema` after changing the schema.',
    '/* eslint-disable */',
    '// @ts-nocheck',
    code.trimEnd(),
    '',
  ].join('\n');
}
