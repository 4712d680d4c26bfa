import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDropInName, dropInPath, isCurrent, readDropIn, removeDropIn, writeDropIn } from '../../../src/system/dropin';
import { decideApply, policyForApply } from '../../../src/system/install';
import { SystemError } from '../../../src/system/errors';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { fixtureAllowlist, policyOf } from './helpers';

afterEach(cleanupTmp);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof SystemError ? e.code : `not a SystemError: ${String(e)}`;
  }
  return undefined;
}

describe('drop-in names', () => {
  it.each(['50-mcp-warden.json', 'zz.acme_mcp-1.json'])('accepts %s', (n) => expect(checkDropInName(n)).toBe(n));
  it.each(['../x.json', 'a/b.json', '.hidden.json', 'x.yaml', '', 'x.json/', 'a\\b.json'])('refuses %j', (n) => {
    expect(codeOf(() => checkDropInName(n))).toBe('DROPIN_NAME_INVALID');
  });
  it('builds the path under managed-settings.d', () => {
    expect(dropInPath('/etc/claude-code', '50-mcp-warden.json')).toBe(
      path.join('/etc/claude-code', 'managed-settings.d', '50-mcp-warden.json'),
    );
  });
});

describe('writing and reading our drop-in', () => {
  it('creates the folders, writes 0644 atomically and reads it back', () => {
    const m = tmpDir();
    const f = dropInPath(path.join(m, 'cc'), '50-mcp-warden.json');
    writeDropIn(f, '{"a":1}\n');
    expect(readDropIn(f)).toMatchObject({ text: '{"a":1}\n', mode: 0o644 });
    expect(isCurrent(readDropIn(f), '{"a":1}\n')).toBe(true);
    expect(isCurrent(readDropIn(f), '{"a":2}\n')).toBe(false);
    expect(fs.readdirSync(path.dirname(f))).toEqual(['50-mcp-warden.json']);
    expect(removeDropIn(f)).toBe(true);
    expect(readDropIn(f)).toBeUndefined();
  });

  it('replaces a symlink at our name instead of writing through it', () => {
    const m = tmpDir();
    const target = path.join(m, 'elsewhere.json');
    fs.writeFileSync(target, 'keep');
    const f = dropInPath(path.join(m, 'cc'), '50-mcp-warden.json');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.symlinkSync(target, f);
    expect(codeOf(() => readDropIn(f))).toBe('DROPIN_UNREADABLE');
    writeDropIn(f, '{}\n');
    expect(fs.lstatSync(f).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep');
  });

  it('refuses, as root, a drop-in folder that is a symlink', () => {
    if (process.getuid?.() !== 0) return;
    const m = tmpDir();
    fs.mkdirSync(path.join(m, 'real'));
    fs.mkdirSync(path.join(m, 'cc'));
    fs.symlinkSync(path.join(m, 'real'), path.join(m, 'cc', 'managed-settings.d'));
    expect(codeOf(() => writeDropIn(dropInPath(path.join(m, 'cc'), 'x.json'), '{}\n'))).toBe('UNSAFE_PATH');
    expect(fs.readdirSync(path.join(m, 'real'))).toEqual([]);
  });
});

describe('decideApply', () => {
  const existing = { text: 'T', mode: 0o644, uid: 0 };
  it.each([
    ['enforce', undefined, 'written'],
    ['enforce', existing, 'unchanged'],
    ['enforce', { ...existing, text: 'other' }, 'written'],
    ['enforce', { ...existing, mode: 0o600 }, 'written'],
    ['audit', existing, 'removed'],
    ['audit', undefined, 'absent'],
  ] as const)('%s with %j on disk → %s', (mode, onDisk, outcome) => {
    expect(decideApply(mode, onDisk, 'T')).toBe(outcome);
  });
});

describe('policyForApply', () => {
  const policy = policyOf(fixtureAllowlist('full'));
  it('uses an accepted or unchanged policy', () => {
    expect(policyForApply({ policy, status: 'accepted' })).toBe(policy);
    expect(policyForApply({ policy, status: 'unchanged', stale: true })).toBe(policy);
  });
  it.each([
    [{ policy, status: 'kept-last-good' as const, rejection: { code: 'ROLLBACK', message: 'older' } }, 'POLICY_REJECTED'],
    [{ policy: null, status: 'none' as const, rejection: { code: 'SIGNATURE', message: 'bad' } }, 'POLICY_REJECTED'],
    [{ policy: null, status: 'none' as const }, 'NO_POLICY'],
    [{ policy: null, status: 'none' as const, lastGoodRejection: { code: 'UNTRUSTED', message: 'revoked' } }, 'NO_POLICY'],
  ])('refuses %j', (result, code) => {
    expect(codeOf(() => policyForApply(result))).toBe(code);
  });
});
