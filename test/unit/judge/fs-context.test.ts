// The real JudgeContext against real files: PATH lookup, hashing with a cache that notices
// changes, and npx's cache lockfiles laid out as npx writes them (verified-notes.md).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createJudgeContext } from '../../../src/judge';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const sha = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

describe('createJudgeContext', () => {
  it('finds executables on PATH, in PATH order, skipping non-executables', () => {
    const d = tmpDir();
    writeFile(path.join(d, 'a', 'tool'), 'x', 0o644);
    writeFile(path.join(d, 'b', 'tool'), '#!/bin/sh\n', 0o755);
    const ctx = createJudgeContext({ home: d, execPath: '/x', env: { PATH: [path.join(d, 'a'), path.join(d, 'b')].join(path.delimiter) } });
    expect(ctx.which('tool')).toBe(path.join(d, 'b', 'tool'));
    expect(ctx.which('missing')).toBeUndefined();
  });

  it('hashes files and notices when one is replaced', () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, 'bin'), 'one');
    const ctx = createJudgeContext({ home: d, execPath: '/x', env: {} });
    expect(ctx.hashFile(f)).toEqual({ sha256: sha('one') });
    fs.rmSync(f);
    writeFile(f, 'two!');
    expect(ctx.hashFile(f)).toEqual({ sha256: sha('two!') });
    expect(ctx.hashFile(path.join(d, 'nope'))).toEqual({ error: 'no such file' });
    expect(ctx.hashFile(d)).toEqual({ error: 'not a regular file' });
  });

  it('reads npx’s cache: the folders holding a spec, with version and integrity from the lockfile', () => {
    const home = tmpDir();
    const npx = path.join(home, '.npm', '_npx');
    writeFile(path.join(npx, 'aaaa', 'package.json'), JSON.stringify({ _npx: { packages: ['semver@7.6.3'] } }));
    writeFile(
      path.join(npx, 'aaaa', 'package-lock.json'),
      JSON.stringify({ packages: { 'node_modules/semver': { version: '7.6.3', integrity: 'sha512-XYZ' } } }),
    );
    writeFile(path.join(npx, 'bbbb', 'package.json'), JSON.stringify({ _npx: { packages: ['other@1.0.0'] } }));
    writeFile(path.join(npx, 'cccc', 'package.json'), '{not json');
    writeFile(path.join(npx, 'dddd', 'package.json'), JSON.stringify({ _npx: { packages: ['semver@7.6.3'] } }));
    const ctx = createJudgeContext({ home, execPath: '/x', env: {} });
    expect(ctx.npxInstalls('semver@7.6.3', 'semver')).toEqual([
      { folder: path.join(npx, 'aaaa'), version: '7.6.3', integrity: 'sha512-XYZ' },
    ]);
    expect(ctx.npxInstalls('semver@7.6.4', 'semver')).toEqual([]);
  });

  it('treats a missing npm cache as nothing installed, and honours npm_config_cache', () => {
    const home = tmpDir();
    expect(createJudgeContext({ home, execPath: '/x', env: {} }).npxInstalls('a@1', 'a')).toEqual([]);
    const cache = tmpDir();
    writeFile(path.join(cache, '_npx', 'x', 'package.json'), JSON.stringify({ _npx: { packages: ['a@1'] } }));
    writeFile(
      path.join(cache, '_npx', 'x', 'package-lock.json'),
      JSON.stringify({ packages: { 'node_modules/a': { version: '1', integrity: 'sha512-A' } } }),
    );
    expect(createJudgeContext({ home, execPath: '/x', env: { npm_config_cache: cache } }).npxInstalls('a@1', 'a')).toHaveLength(1);
  });
});
