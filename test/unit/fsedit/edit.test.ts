import * as fs from 'node:fs';
import * as path from 'node:path';
import { editJsonFile, applyOps } from '../../../src/fsedit/edit';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const TABBED =
  '{\n\t"a": 1,\n\t"mcpServers": {\n\t\t"keep": { "command": "x" },\n\t\t"bad": {"command":"evil","args":[]}\n\t},\n\t"z": [1,2]\n}\n';

describe('applyOps', () => {
  it('deletes a property byte-minimally, leaving every other byte', () => {
    const { text } = applyOps(TABBED, [{ path: ['mcpServers', 'bad'], value: undefined }]);
    expect(text).toBe('{\n\t"a": 1,\n\t"mcpServers": {\n\t\t"keep": { "command": "x" }\n\t},\n\t"z": [1,2]\n}\n');
  });

  it('skips an op whose precondition no longer holds', () => {
    const r = applyOps(TABBED, [{ path: ['mcpServers', 'bad'], value: undefined, expect: { value: { command: 'other' } } }]);
    expect(r.text).toBe(TABBED);
    expect(r.skipped[0]?.reason).toBe('changed');
  });

  it('inserts with the file own indentation', () => {
    const { text } = applyOps(TABBED, [{ path: ['mcpServers', 'new'], value: { command: 'y' } }]);
    expect(text).toContain('\t\t"new": {\n\t\t\t"command": "y"\n\t\t}');
  });
});

describe('editJsonFile', () => {
  it('never rewrites a file that does not parse', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), '{"mcpServers": {"a": 1,}');
    const before = fs.readFileSync(f);
    await expect(editJsonFile(f, [{ path: ['mcpServers', 'a'], value: undefined }])).rejects.toMatchObject({ code: 'PARSE_ERROR' });
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('keeps the file mode and releases the lock', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), TABBED, 0o640);
    fs.chmodSync(f, 0o640);
    const r = await editJsonFile(f, [{ path: ['mcpServers', 'bad'], value: undefined }]);
    expect(r.changed).toBe(true);
    expect(fs.statSync(f).mode & 0o777).toBe(0o640);
    expect(fs.existsSync(f + '.lock')).toBe(false);
  });

  it('waits for a lock held by another writer (Claude Code mkdir protocol)', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), TABBED);
    fs.mkdirSync(f + '.lock');
    setTimeout(() => fs.rmdirSync(f + '.lock'), 300);
    const t0 = Date.now();
    await editJsonFile(f, [{ path: ['a'], value: undefined }]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(JSON.parse(fs.readFileSync(f, 'utf8'))).not.toHaveProperty('a');
  });
});
