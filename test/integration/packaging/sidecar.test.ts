// Where the single executable takes its keychain addon from (src/vault/keychain/sidecar.ts):
// beside the executable's real path, only when running as the single executable, and
// never a file someone else could have replaced. Real files, real modes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sidecarAddonPath } from '../../../src/vault/keychain/sidecar';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const sea = (): boolean => true;

function install(): { dir: string; exe: string } {
  const dir = tmpDir('mcpw-sidecar-');
  fs.chmodSync(dir, 0o755);
  const exe = writeFile(path.join(dir, 'mcp-warden'), 'not really an executable', 0o755);
  writeFile(path.join(dir, 'keyring.node'), 'addon', 0o644);
  return { dir, exe };
}

describe('sidecarAddonPath', () => {
  it('is undefined outside the single executable (node_modules is used instead)', () => {
    expect(sidecarAddonPath('napi', { isSea: () => false })).toBeUndefined();
    // The test runner itself is plain Node.
    expect(sidecarAddonPath('napi')).toBeUndefined();
  });

  it('names the backend\u2019s file beside the executable', () => {
    const { dir, exe } = install();
    expect(sidecarAddonPath('napi', { isSea: sea, execPath: exe })).toBe(path.join(dir, 'keyring.node'));
  });

  it('follows a symlinked executable to the install folder (/usr/bin/mcp-warden → /usr/lib/mcp-warden)', () => {
    const { dir, exe } = install();
    const link = path.join(tmpDir(), 'mcp-warden');
    fs.symlinkSync(exe, link);
    expect(sidecarAddonPath('napi', { isSea: sea, execPath: link })).toBe(path.join(dir, 'keyring.node'));
  });

  it('says which file is missing', () => {
    const { exe } = install();
    expect(() => sidecarAddonPath('keytar', { isSea: sea, execPath: exe })).toThrow(/keytar\.node is not installed next to the executable/);
  });

  it('refuses a group- or world-writable addon or folder on POSIX, not on Windows (ACLs)', () => {
    const { dir, exe } = install();
    fs.chmodSync(path.join(dir, 'keyring.node'), 0o664);
    expect(() => sidecarAddonPath('napi', { isSea: sea, execPath: exe })).toThrow(/writable by other users/);
    expect(sidecarAddonPath('napi', { isSea: sea, execPath: exe, platform: 'win32' })).toBe(path.join(dir, 'keyring.node'));
    fs.chmodSync(path.join(dir, 'keyring.node'), 0o644);
    fs.chmodSync(dir, 0o757);
    expect(() => sidecarAddonPath('napi', { isSea: sea, execPath: exe })).toThrow(/writable by other users/);
  });
});
