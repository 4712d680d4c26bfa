import { bwrapArgs, NET_DIR } from '../../../src/sandbox/bwrap';
import { sbplString, seatbeltArgs, seatbeltProfile } from '../../../src/sandbox/seatbelt';
import { buildSpec, type SandboxSpec } from '../../../src/sandbox/spec';

const HOME = '/home/dev';
const spec = (over: Partial<SandboxSpec> = {}): SandboxSpec => ({
  mode: 'required',
  platform: 'linux',
  workspace: HOME,
  home: HOME,
  read: ['/usr', '/etc', '/srv/pkg'],
  write: [HOME],
  denyRead: [`${HOME}/.ssh`, `${HOME}/.netrc`, `${HOME}/.aws`],
  denyWrite: [`${HOME}/.git`],
  network: { allowedDomains: [] },
  ...over,
});

/** The (flag, ...operands) groups of an argv, for order checks. */
function indexOf(argv: string[], ...seq: string[]): number {
  for (let i = 0; i <= argv.length - seq.length; i++) if (seq.every((s, j) => argv[i + j] === s)) return i;
  return -1;
}

describe('bwrapArgs', () => {
  const kinds: Record<string, 'dir' | 'file'> = { [`${HOME}/.ssh`]: 'dir', [`${HOME}/.netrc`]: 'file', [`${HOME}/.git`]: 'dir' };
  const argv = bwrapArgs({
    spec: spec(),
    tmpDir: '/tmp/sbx-1',
    command: '/usr/bin/node',
    args: ['/srv/pkg/x.js', '--flag'],
    kindOf: (p) => kinds[p],
  });

  it('isolates namespaces, with no network by default', () => {
    for (const f of [
      '--die-with-parent',
      '--new-session',
      '--unshare-user-try',
      '--unshare-pid',
      '--unshare-ipc',
      '--unshare-uts',
      '--unshare-net',
    ])
      expect(argv).toContain(f);
  });

  it('mounts read-only, read-write and the private /tmp, shallow before deep', () => {
    expect(indexOf(argv, '--ro-bind-try', '/usr', '/usr')).toBeGreaterThan(-1);
    expect(indexOf(argv, '--ro-bind-try', '/srv/pkg', '/srv/pkg')).toBeGreaterThan(-1);
    expect(indexOf(argv, '--bind', '/tmp/sbx-1', '/tmp')).toBeGreaterThan(-1);
    expect(indexOf(argv, '--bind', HOME, HOME)).toBeGreaterThan(indexOf(argv, '--bind', '/tmp/sbx-1', '/tmp'));
  });

  it('masks existing secret locations inside a mount after the mount, skips missing ones', () => {
    const home = indexOf(argv, '--bind', HOME, HOME);
    expect(indexOf(argv, '--tmpfs', `${HOME}/.ssh`, '--remount-ro', `${HOME}/.ssh`)).toBeGreaterThan(home);
    expect(indexOf(argv, '--ro-bind', '/dev/null', `${HOME}/.netrc`)).toBeGreaterThan(home);
    expect(argv).not.toContain(`${HOME}/.aws`);
    expect(indexOf(argv, '--ro-bind', `${HOME}/.git`, `${HOME}/.git`)).toBeGreaterThan(home);
  });

  it('makes the root read-only, then runs the command in the workspace', () => {
    const sep = argv.indexOf('--');
    expect(argv.slice(sep)).toEqual(['--', '/usr/bin/node', '/srv/pkg/x.js', '--flag']);
    expect(indexOf(argv, '--remount-ro', '/')).toBeGreaterThan(indexOf(argv, '--bind', HOME, HOME));
    expect(indexOf(argv, '--chdir', HOME)).toBeLessThan(sep);
    expect(indexOf(argv, '--setenv', 'TMPDIR', '/tmp')).toBeGreaterThan(-1);
  });

  it('does not mask what no mount exposes', () => {
    const a = bwrapArgs({
      spec: spec({ workspace: '/srv/ws', write: ['/srv/ws'] }),
      tmpDir: '/tmp/t',
      command: '/usr/bin/node',
      args: [],
      kindOf: (p) => kinds[p],
    });
    expect(a).not.toContain(`${HOME}/.ssh`);
  });

  it('never shares the host network: allowed domains get the proxy socket folder and the bridge first', () => {
    const bridge = ['/usr/bin/node', '/opt/mcp-warden/cli.js', '__sandbox-bridge', '{}', '--'];
    const a = bwrapArgs({
      spec: spec({ network: { allowedDomains: ['example.com'] } }),
      tmpDir: '/tmp/t',
      command: '/bin/true',
      args: ['x'],
      kindOf: () => undefined,
      network: { socketDir: '/tmp/mcpw-net-1', prefix: bridge },
    });
    expect(a).toContain('--unshare-net');
    expect(indexOf(a, '--ro-bind', '/tmp/mcpw-net-1', NET_DIR)).toBeGreaterThan(-1);
    expect(a.slice(a.indexOf('--') + 1)).toEqual([...bridge, '/bin/true', 'x']);
  });
});

describe('seatbeltProfile', () => {
  const mac = spec({
    platform: 'darwin',
    home: '/Users/dev',
    workspace: '/Users/dev/src/app',
    read: ['/usr', '/System', '/opt/pkg'],
    write: ['/Users/dev/src/app'],
    denyRead: ['/Users/dev/.ssh', '/Users/dev/Library/Keychains'],
    denyWrite: ['/Users/dev/src/app/.git'],
  });
  const profile = seatbeltProfile(mac, '/private/var/folders/x/T/mcp-warden-sbx-1');
  const lines = profile.trim().split('\n');

  it('denies by default and allows the mounts of the spec', () => {
    expect(lines[0]).toBe('(version 1)');
    expect(lines[1]).toBe('(deny default)');
    expect(profile).toContain('(allow file-read* (subpath "/usr") (subpath "/System") (subpath "/opt/pkg"))');
    expect(profile).toContain(
      '(allow file-read* file-write* (subpath "/Users/dev/src/app") (subpath "/private/var/folders/x/T/mcp-warden-sbx-1"))',
    );
  });

  it('puts the denies after the allows (the last matching rule wins)', () => {
    const deny = lines.findIndex((l) => l.startsWith('(deny file-read* file-write*'));
    const allow = lines.findIndex((l) => l.startsWith('(allow file-read* file-write* (subpath'));
    expect(deny).toBeGreaterThan(allow);
    expect(lines[deny]).toBe('(deny file-read* file-write* (subpath "/Users/dev/.ssh") (subpath "/Users/dev/Library/Keychains"))');
    expect(profile).toContain('(deny file-write* (subpath "/Users/dev/src/app/.git"))');
  });

  it('has no network unless domains are allowed, and then only the egress ports on localhost', () => {
    expect(lines[lines.length - 1]).toBe('(deny network*)');
    const withNet = seatbeltProfile({ ...mac, network: { allowedDomains: ['a.com', '127.0.0.1:5432'] } }, '/t', [49152, 5432])
      .trim()
      .split('\n');
    expect(withNet).not.toContain('(allow network*)');
    expect(withNet.slice(-3)).toEqual([
      '(deny network*)',
      '(allow network-outbound (remote ip "localhost:49152"))',
      '(allow network-outbound (remote ip "localhost:5432"))',
    ]);
    expect(withNet.filter((l) => l.includes('network')).length).toBe(3);
  });

  it('escapes quotes and backslashes in paths', () => {
    expect(sbplString('/Users/a "b"\\c')).toBe('"/Users/a \\"b\\"\\\\c"');
    expect(seatbeltProfile({ ...mac, write: ['/Users/dev/we"ird'] }, '/t')).toContain('(subpath "/Users/dev/we\\"ird")');
  });

  it('passes the profile inline to sandbox-exec', () => {
    expect(seatbeltArgs('(version 1)', '/usr/local/bin/node', ['s.js'])).toEqual(['-p', '(version 1)', '/usr/local/bin/node', 's.js']);
  });
});

describe('the macOS profile of a real spec', () => {
  const HOME_MAC = '/Users/dev';
  const fsFake = { resolveCommand: () => '/opt/homebrew/bin/node', realFile: () => undefined, packageRoot: () => undefined };
  const s = buildSpec(
    {
      policy: { mode: 'required', filesystem: { allowRead: ['~/.kube'] } },
      platform: 'darwin',
      argv: ['node'],
      workspace: `${HOME_MAC}/src/app`,
      home: HOME_MAC,
    },
    fsFake,
  );
  const profile = seatbeltProfile(s, '/private/var/folders/x/T/sbx');

  it('hides the secret locations, keychains and browser profiles, but opens what the rule names', () => {
    const deny = profile.split('\n').find((l) => l.startsWith('(deny file-read*')) ?? '';
    for (const p of ['.ssh', '.aws', 'Library/Keychains', 'Library/Application Support/Google/Chrome', 'Library/Safari', '.npmrc'])
      expect(deny).toContain(`(subpath "${HOME_MAC}/${p}")`);
    expect(deny).not.toContain('.kube');
    expect(profile).toContain(`(subpath "${HOME_MAC}/.kube")`);
  });

  it('is balanced s-expressions, one rule a line', () => {
    for (const line of profile.trim().split('\n')) {
      let depth = 0;
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '\\') i++;
        else if (c === '"') inString = !inString;
        else if (!inString && c === '(') depth++;
        else if (!inString && c === ')') depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect([depth, inString]).toEqual([0, false]);
    }
  });
});
