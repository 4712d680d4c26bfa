// The configuration reference in docs/ is generated from the schemas; this keeps it true.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('docs/config-reference.md', () => {
  it('matches the JSON Schemas (run node scripts/gen-config-reference.js after a schema change)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-config-reference.js'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
