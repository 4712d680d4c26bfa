// The precompiled validators (src/schema/generated) must be exactly what the schemas
// compile to today. Run with MCP_WARDEN_UPDATE_GENERATED=1 to rewrite them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED, GENERATED_DIR, standaloneModule } from '../../../src/schema/standalone';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'schemas');

describe('generated validators', () => {
  it.each(GENERATED.map((g) => [g.module, g.schemaFile]))('%s is up to date with schemas/%s', (module, schemaFile) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, schemaFile), 'utf8')) as object;
    const expected = standaloneModule(schema, schemaFile);
    const file = path.join(GENERATED_DIR, module);

    if (process.env.MCP_WARDEN_UPDATE_GENERATED) fs.writeFileSync(file, expected);

    expect(fs.readFileSync(file, 'utf8') === expected).toBe(true);
  });
});
