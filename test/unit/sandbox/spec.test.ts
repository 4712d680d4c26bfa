import { buildSpec, effectiveSandbox, expandPath, isWithin, packageReads, unsafeWorkspace, type SpecFs } from '../../../src/sandbox/spec';
import type { ServerRule } from '../../../src/policy/types';

const HOME = '/home/dev';
const WS = '/home/dev/src/app';

/** A file system of known files and package roots. */
function fakeFs(files: Record<string, string>, roots: string[] = []): SpecFs {
  return {
    resolveCommand: (c) => files[c],
    realFile: (f) => files[f],
    packageRoot: (dir) => roots.filter((r) => isWithin(dir, r)).sort((a, b) => b.length - a.length)[0],
  };
}

const rule = (sandbox?: ServerRule['sandbox']): ServerRule => ({
  id: 'r',
  transport: 'stdio',
  command: 'node',
  args: ['x.js'],
  sha256: '0'.repeat(64),
  ...(sandbox ? { sandbox } : {}),
});

describe('effectiveSandbox', () => {
  it('is undefined without a section, for mode off and for remote rules', () => {
    expect(effectiveSandbox(rule(), {})).toBeUndefined();
    expect(effectiveSandbox(rule({ mode: 'off' }), { sandbox: { mode: 'required' } })).toBeUndefined();
    expect(effectiveSandbox({ id: 'h', transport: 'http', url: 'https://x' }, { sandbox: { mode: 'required' } })).toBeUndefined();
  });

  it('takes the allowlist default, the rule mode replacing it and the rule lists adding to it', () => {
    const sb = effectiveSandbox(rule({ mode: 'preferred', filesystem: { allowRead: ['~/b'] }, network: { allowedDomains: ['b.com'] } }), {
      sandbox: { mode: 'required', filesystem: { allowRead: ['~/a'], denyRead: ['secrets'] }, network: { allowedDomains: ['a.com'] } },
    });
    expect(sb).toEqual({
      mode: 'preferred',
      filesystem: { allowRead: ['~/a', '~/b'], allowWrite: [], denyRead: ['secrets'], denyWrite: [] },
      network: { allowedDomains: ['a.com', 'b.com'] },
    });
    expect(effectiveSandbox(rule(), { sandbox: { mode: 'required' } })?.mode).toBe('required');
  });
});

describe('expandPath / isWithin', () => {
  it.each([
    ['~', HOME],
    ['~/.kube', `${HOME}/.kube`],
    ['/opt/x/', '/opt/x/'],
    ['data', `${WS}/data`],
  ])('%s → %s', (p, want) => expect(expandPath(p, HOME, WS)).toBe(want));

  it('compares by path, not by string prefix', () => {
    expect(isWithin('/etc/agent', '/etc/agent')).toBe(true);
    expect(isWithin('/etc/agent/x', '/etc/agent')).toBe(true);
    expect(isWithin('/etc/agent-evil', '/etc/agent')).toBe(false);
  });
});

describe('packageReads', () => {
  it('mounts the package root of the script, not the system interpreter', () => {
    const f = fakeFs({ node: '/usr/bin/node', '/srv/x.js': '/srv/pkg/dist/x.js' }, ['/srv/pkg']);
    expect(packageReads(['node', 'x.js'], '/srv', HOME, f, ['/usr'])).toEqual(['/srv/pkg']);
  });

  it('mounts an interpreter installed in the home by its prefix (nvm), never the home itself', () => {
    const f = fakeFs({ node: `${HOME}/.nvm/versions/node/v20/bin/node`, [`${WS}/s.js`]: `${HOME}/tools/s.js` }, [HOME]);
    expect(packageReads(['node', 's.js'], WS, HOME, f, ['/usr'])).toEqual([`${HOME}/.nvm/versions/node/v20/bin`, `${HOME}/tools`]);
    const g = fakeFs({ node: `${HOME}/.nvm/versions/node/v20/bin/node` });
    expect(packageReads(['node'], WS, HOME, g, ['/usr'])).toEqual([`${HOME}/.nvm/versions/node/v20`]);
  });

  it('skips flags and arguments that are no file', () => {
    const f = fakeFs({ node: '/usr/bin/node' });
    expect(packageReads(['node', '--inspect', 'stdio'], WS, HOME, f, ['/usr'])).toEqual([]);
  });
});

describe('buildSpec', () => {
  const f = fakeFs({ node: '/usr/bin/node', [`${WS}/x.js`]: '/srv/pkg/x.js' }, ['/srv/pkg']);

  it('defaults: read system + package, write the workspace, hide the secret locations, no network', () => {
    const s = buildSpec({ policy: { mode: 'required' }, platform: 'linux', argv: ['node', 'x.js'], workspace: WS, home: HOME }, f);
    expect(s.read).toContain('/usr');
    expect(s.read).toContain('/srv/pkg');
    expect(s.read).not.toContain(HOME);
    expect(s.write).toEqual([WS]);
    expect(s.denyRead).toEqual(
      expect.arrayContaining([
        `${HOME}/.ssh`,
        `${HOME}/.aws`,
        `${HOME}/.config/gcloud`,
        `${HOME}/.kube`,
        `${HOME}/.docker/config.json`,
        `${HOME}/.netrc`,
        `${HOME}/.npmrc`,
      ]),
    );
    expect(s.network.allowedDomains).toEqual([]);
    expect(s.mode).toBe('required');
  });

  it("opens a built-in secret location that the rule names, and keeps the rule's own denies", () => {
    const s = buildSpec(
      {
        policy: { mode: 'preferred', filesystem: { allowRead: ['~/.kube/config'], denyRead: ['.env'], denyWrite: ['.git'] } },
        platform: 'linux',
        argv: ['node', 'x.js'],
        workspace: WS,
        home: HOME,
      },
      f,
    );
    expect(s.read).toContain(`${HOME}/.kube/config`);
    expect(s.denyRead).not.toContain(`${HOME}/.kube`);
    expect(s.denyRead).toContain(`${HOME}/.ssh`);
    expect(s.denyRead).toContain(`${WS}/.env`);
    expect(s.denyWrite).toEqual([`${WS}/.git`]);
    expect(s.mode).toBe('preferred');
  });

  it('does not mount a read path twice when it is writable anyway', () => {
    const s = buildSpec(
      { policy: { mode: 'required', filesystem: { allowRead: ['lib'] } }, platform: 'darwin', argv: ['node'], workspace: WS, home: HOME },
      f,
    );
    expect(s.read).not.toContain(`${WS}/lib`);
    expect(s.read).toContain('/System');
  });
});

describe('unsafeWorkspace', () => {
  it.each([
    ['/', 'it contains the home folder'],
    ['/home', 'it contains the home folder'],
    ['/usr/lib', 'it is a system folder'],
    ['/etc', 'it is a system folder'],
    ['rel/dir', 'it is not an absolute path'],
  ])('refuses %s', (ws, why) => expect(unsafeWorkspace(ws, HOME, 'linux')).toBe(why));

  it.each([[WS], [HOME], ['/srv/projects/x'], ['/tmp/scratch']])('accepts %s', (ws) =>
    expect(unsafeWorkspace(ws, HOME, 'linux')).toBeUndefined(),
  );
});
