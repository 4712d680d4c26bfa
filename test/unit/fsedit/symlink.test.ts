// Writing files we do not own through symlinks (issue 14 item 5): only through a link that
// leads to the real file that was judged, checked inside the lock and again just before
// the rename; never through a dangling link.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editJsonFile } from '../../../src/fsedit/edit';
import { writeFileAtomic } from '../../../src/util/fsio';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

describe('editJsonFile and symlinks (issue 14 item 5)', () => {
  const op = [{ path: ['mcpServers', 'x'], value: undefined, expect: { value: { command: 'x' } } }];
  const doc = '{"mcpServers": {"x": {"command": "x"}}}\n';

  it('writes through a link only when it leads to the real path that was judged', async () => {
    const d = tmpDir();
    const real = writeFile(path.join(d, 'real.json'), doc);
    const other = writeFile(path.join(d, 'other.json'), doc);
    const link = path.join(d, 'link.json');
    fs.symlinkSync(real, link);
    await expect(editJsonFile(link, op)).rejects.toMatchObject({ code: 'UNEXPECTED_SYMLINK' });
    await expect(editJsonFile(link, op, { expectRealPath: other })).rejects.toMatchObject({ code: 'UNEXPECTED_SYMLINK' });
    expect(fs.readFileSync(real, 'utf8')).toBe(doc);
    const r = await editJsonFile(link, op, { expectRealPath: real });
    expect(r.changed).toBe(true);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(real, 'utf8'))).toEqual({ mcpServers: {} });
    expect(fs.readFileSync(other, 'utf8')).toBe(doc);
  });

  it('refuses a dangling link, even when asked to create the file', async () => {
    const d = tmpDir();
    const link = path.join(d, 'link.json');
    fs.symlinkSync(path.join(d, 'nowhere', 'x.json'), link);
    await expect(
      editJsonFile(link, [{ path: ['a'], value: 1, expect: { value: undefined } }], { createIfMissing: '{}\n' }),
    ).rejects.toMatchObject({ code: 'UNEXPECTED_SYMLINK' });
    expect(fs.existsSync(path.join(d, 'nowhere'))).toBe(false);
  });

  it('a link swapped between the fsync and the rename is caught by the last check', () => {
    const d = tmpDir();
    const real = writeFile(path.join(d, 'real.json'), doc);
    const evil = writeFile(path.join(d, 'evil.json'), '{}\n');
    const link = path.join(d, 'link.json');
    fs.symlinkSync(real, link);
    const swap = (): boolean => {
      fs.rmSync(link);
      fs.symlinkSync(evil, link);
      return true;
    };
    expect(() => writeFileAtomic(link, '{"a":1}\n', { followSymlink: true, expectRealPath: real, stillCurrent: swap })).toThrow(
      expect.objectContaining({ code: 'UNEXPECTED_SYMLINK' }),
    );
    expect(fs.readFileSync(real, 'utf8')).toBe(doc);
    expect(fs.readFileSync(evil, 'utf8')).toBe('{}\n');
    expect(fs.readdirSync(d).filter((n) => n.includes('.tmp.'))).toEqual([]);
  });
});
