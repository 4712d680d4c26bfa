// exec's sandbox decision per mode, with the real backend lookup and probe: a missing
// bwrap, an unsupported OS and a bwrap that cannot create namespaces (a stand-in script
// printing what bwrap prints when user namespaces are off).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareSandboxedLaunch, type SandboxLaunchInput } from '../../../src/sandbox/launch';
import { findBackend } from '../../../src/sandbox/runtime';
import { sandboxApplies } from '../../../src/sandbox/applies';
import { SandboxError } from '../../../src/sandbox/errors';
import type { Policy, SandboxMode } from '../../../src/policy/types';
import { makeAllowlist } from '../../helpers/policy';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

afterEach(cleanupTmp);

function input(mode: SandboxMode | undefined, over: Partial<SandboxLaunchInput> = {}): SandboxLaunchInput {
  const ws = tmpDir('mcpw-sbx-ws-');
  const allowlist = makeAllowlist({
    servers: [{ id: 'srv', transport: 'stdio', command: 'node', args: [], sha256: '0'.repeat(64), ...(mode ? { sandbox: { mode } } : {}) }],
  });
  const policy: Policy = { allowlist, digest: '0'.repeat(64), keyIds: [], acceptedAt: new Date().toISOString(), source: 'test' };
  return {
    policy,
    serverId: 'srv',
    scope: 'user',
    argv: [process.execPath, '-e', '0'],
    shownArgv: ['node', '-e', '0'],
    env: { PATH: process.env.PATH },
    workspace: ws,
    home: path.dirname(ws),
    ...over,
  };
}

const missing = { backend: () => findBackend('linux', ['/nonexistent/bwrap']) };

describe('prepareSandboxedLaunch', () => {
  it('changes nothing for a rule without a sandbox, or without a policy', () => {
    for (const i of [input(undefined), input('off'), input('required', { policy: null })]) {
      const o = prepareSandboxedLaunch(i);
      expect(o.kind).toBe('none');
      if (o.kind === 'none') expect([o.launch.cmd, ...o.launch.args]).toEqual(i.argv);
    }
  });

  it('sandboxApplies (exec loads the sandbox only then) agrees with it, rule by rule', () => {
    const cases = [
      input(undefined),
      input('off'),
      input('required', { policy: null }),
      input('required'),
      input('preferred'),
      input('required', { serverId: 'other' }),
    ];
    for (const i of cases) expect(sandboxApplies(i.policy, i.serverId)).toBe(prepareSandboxedLaunch(i, missing).kind !== 'none');
  });

  it('required + no bubblewrap: refused with SANDBOX_MISSING, exit 126 and a high event', () => {
    const o = prepareSandboxedLaunch(input('required'), missing);
    expect(o.kind).toBe('refused');
    if (o.kind !== 'refused') return;
    expect(o.error).toBeInstanceOf(SandboxError);
    expect(o.error.code).toBe('SANDBOX_MISSING');
    expect(o.error.exitCode).toBe(126);
    expect(o.event).toMatchObject({
      kind: 'server.sandbox_unavailable',
      action: 'refused',
      severity: 'high',
      server: { name: 'srv', argv: ['node', '-e', '0'], ruleId: 'srv' },
      detail: { code: 'SANDBOX_MISSING' },
    });
  });

  it('preferred + no bubblewrap: starts unconfined and reports it', () => {
    const i = input('preferred');
    const o = prepareSandboxedLaunch(i, missing);
    expect(o.kind).toBe('unsandboxed');
    if (o.kind !== 'unsandboxed') return;
    expect([o.launch.cmd, ...o.launch.args]).toEqual(i.argv);
    expect(o.event).toMatchObject({ kind: 'server.sandbox_unavailable', action: 'none', severity: 'medium' });
  });

  it('audit mode: a required sandbox that cannot start is reported, not enforced', () => {
    const i = input('required');
    if (i.policy) i.policy.allowlist.mode = 'audit';
    const o = prepareSandboxedLaunch(i, missing);
    expect(o.kind).toBe('unsandboxed');
    if (o.kind === 'unsandboxed') expect(o.event).toMatchObject({ kind: 'server.sandbox_unavailable', action: 'none', wouldDo: 'refused' });
  });

  it('refuses a workspace that would make the home or the system writable (CLAUDE_PROJECT_DIR=/ in an entry)', () => {
    const o = prepareSandboxedLaunch(input('required', { workspace: '/' }), {
      backend: () => ({ platform: 'linux', program: '/usr/bin/bwrap' }),
    });
    expect(o.kind === 'refused' && o.error.code).toBe('SANDBOX_WORKSPACE_UNSAFE');
  });

  it('refuses on an OS without a backend', () => {
    const o = prepareSandboxedLaunch(input('required'), { backend: () => findBackend('win32') });
    expect(o.kind === 'refused' && o.error.code).toBe('SANDBOX_UNSUPPORTED_OS');
  });

  it('refuses when bubblewrap cannot create its namespaces (user namespaces disabled)', () => {
    const dir = tmpDir('mcpw-fakebwrap-');
    const fake = path.join(dir, 'bwrap');
    fs.writeFileSync(fake, '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n', { mode: 0o755 });
    const o = prepareSandboxedLaunch(input('required'), { backend: () => findBackend('linux', [fake]) });
    expect(o.kind).toBe('refused');
    if (o.kind !== 'refused') return;
    expect(o.error.code).toBe('SANDBOX_START_FAILED');
    expect(o.error.message).toContain('setting up uid map: Permission denied');
  });

  const linux = process.platform === 'linux' && fs.existsSync('/usr/bin/bwrap') ? it : it.skip;
  linux("mounts the package of the rule's own args, never of arguments a user appended", () => {
    const other = tmpDir('mcpw-other-');
    fs.writeFileSync(path.join(other, 'package.json'), '{}');
    const file = path.join(other, 'index.js');
    fs.writeFileSync(file, '');
    const appended = prepareSandboxedLaunch(input('required', { argv: [process.execPath, file] }));
    expect(appended.kind === 'sandboxed' && appended.spec.read.includes(fs.realpathSync(other))).toBe(false);
    const i = input('required', { argv: [process.execPath, file] });
    const r = i.policy?.allowlist.servers[0];
    if (r) r.args = [file];
    const own = prepareSandboxedLaunch(i);
    expect(own.kind === 'sandboxed' && own.spec.read.includes(fs.realpathSync(other))).toBe(true);
    for (const o of [appended, own]) if (o.kind === 'sandboxed') o.launch.cleanup();
  });

  linux('wraps the command in bwrap and removes its private temp folder on cleanup', () => {
    const o = prepareSandboxedLaunch(input('required'));
    expect(o.kind).toBe('sandboxed');
    if (o.kind !== 'sandboxed') return;
    expect(o.launch.cmd).toBe('/usr/bin/bwrap');
    expect(o.launch.args.slice(o.launch.args.indexOf('--'))).toEqual(['--', fs.realpathSync(process.execPath), '-e', '0']);
    const tmp = o.launch.args[o.launch.args.indexOf('/tmp') - 1] ?? '';
    expect(fs.existsSync(tmp)).toBe(true);
    o.launch.cleanup();
    expect(fs.existsSync(tmp)).toBe(false);
    expect(o.launch.env.TMPDIR).toBe('/tmp');
  });
});
