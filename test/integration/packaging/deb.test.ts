// The .deb's whole life (install, upgrade, remove, reinstall, purge) on a throwaway overlay
// of this machine (sandbox.sh): the real system never gets /usr/bin/mcp-warden, even while
// other tests run. Plus the tarball for other distributions.
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BUILD_TIMEOUT_MS, ensurePackages, requireRoot, type Artefacts } from './artefacts';

const HERE = __dirname;
let pkg: Artefacts;
let seen: Record<string, string>;

beforeAll(() => {
  requireRoot();
  pkg = ensurePackages();
  const r = spawnSync(
    'bash',
    [path.join(HERE, 'sandbox.sh'), '--ro-bind', pkg.outDir, '--ro-bind', HERE, '--', 'bash', path.join(HERE, 'deb-lifecycle.sh'), pkg.deb],
    { encoding: 'utf8', timeout: 10 * 60 * 1000 },
  );
  if (r.status !== 0) throw new Error(`sandbox failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  seen = Object.fromEntries(
    r.stdout
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)]),
  );
  if (seen.finished !== 'yes') throw new Error(`deb-lifecycle.sh stopped early:\n${r.stdout}\n${r.stderr}`);
}, BUILD_TIMEOUT_MS);

/** The observation, with the command output when a step failed (for the failure message). */
function step(key: string): { status: string; output?: string } {
  return { status: seen[key] ?? 'missing', ...(seen[`${key}.output`] ? { output: seen[`${key}.output`] } : {}) };
}

describe('the .deb', () => {
  it('installs the executable, its sidecars and the units, root-owned', () => {
    expect(step('install')).toEqual({ status: '0' });
    expect(seen['install.status']).toBe('install ok installed');
    expect(seen['bin.link']).toBe('../lib/mcp-warden/mcp-warden');
    expect(seen['exe.mode']).toBe('755 root:root');
    expect(seen['keyring.mode']).toBe('644 root:root');
    expect(seen['sqlite.mode']).toBe('644 root:root');
    expect(seen['libdir.mode']).toBe('755 root:root');
    expect(seen.version).toBe(pkg.version);
    expect(seen['etc.mode']).toBe('755 root:root');
    expect(seen['state.mode']).toBe('700 root:root');
    expect(step('dpkg.verify')).toEqual({ status: '0' });
    expect(seen['copyright.node']).toBe('1');
    expect(
      seen.files
        ?.trim()
        .split(' ')
        .filter((f) => !f.endsWith('/.') && f !== '/.'),
    ).toEqual(
      [
        '/usr',
        '/usr/bin',
        '/usr/bin/mcp-warden',
        '/usr/lib',
        '/usr/lib/mcp-warden',
        '/usr/lib/mcp-warden/better_sqlite3.node',
        '/usr/lib/mcp-warden/keyring.node',
        '/usr/lib/mcp-warden/mcp-warden',
        '/usr/lib/systemd',
        '/usr/lib/systemd/system',
        '/usr/lib/systemd/system/mcp-warden-system.path',
        '/usr/lib/systemd/system/mcp-warden-system.service',
        '/usr/lib/systemd/system/mcp-warden-system.timer',
        '/usr/lib/systemd/user',
        '/usr/lib/systemd/user/mcp-warden.path',
        '/usr/lib/systemd/user/mcp-warden.service',
        '/usr/share',
        '/usr/share/doc',
        '/usr/share/doc/mcp-warden',
        '/usr/share/doc/mcp-warden/README.Debian',
        '/usr/share/doc/mcp-warden/copyright',
        '/usr/share/doc/mcp-warden/examples',
        '/usr/share/doc/mcp-warden/examples/agent.yaml',
      ].sort(),
    );
  });

  it('enables the agent for every user (systemctl --global) and the system-apply timer and path', () => {
    expect(seen['enabled.user.service']).toBe('/usr/lib/systemd/user/mcp-warden.service');
    expect(seen['enabled.user.path']).toBe('/usr/lib/systemd/user/mcp-warden.path');
    expect(seen['global.is-enabled']).toBe('enabled');
    expect(seen['enabled.system.timer']).toBe('yes');
    expect(seen['enabled.system.path']).toBe('yes');
  });

  it('ships units that pass systemd-analyze verify as installed', () => {
    expect(step('verify.system')).toEqual({ status: '0' });
    expect(step('verify.user')).toEqual({ status: '0' });
  });

  it('keeps an admin\u2019s disabling across an upgrade', () => {
    expect(step('upgrade')).toEqual({ status: '0' });
    expect(seen['upgrade.user.path.enabled']).toBe('no');
    expect(seen['upgrade.user.service.enabled']).toBe('yes');
  });

  it('on remove, takes the program and keeps configuration, state, enablement and the managed drop-in', () => {
    expect(step('remove')).toEqual({ status: '0' });
    expect(seen['remove.status']).toBe('deinstall ok config-files');
    expect(seen['remove.bin']).toBe('no');
    expect(seen['remove.libdir']).toBe('no');
    expect(seen['remove.unit']).toBe('no');
    expect(seen['remove.config']).toBe('org: example-corp');
    expect(seen['remove.state']).toBe('yes');
    expect(seen['remove.dropin']).toBe('yes');
    expect(seen['remove.enablement']).toBe('yes');
  });

  it('reinstalls over the kept configuration, enabled again', () => {
    expect(step('reinstall')).toEqual({ status: '0' });
    expect(seen['reinstall.enabled']).toBe('/usr/lib/systemd/user/mcp-warden.service');
    expect(seen['reinstall.config']).toBe('org: example-corp');
  });

  it('on purge, removes everything of ours and nothing of anyone else\u2019s', () => {
    expect(step('purge')).toEqual({ status: '0' });
    expect(seen['purge.status']).toBe('not-installed');
    expect(seen['purge.etc']).toBe('no');
    expect(seen['purge.state']).toBe('no');
    expect(seen['purge.dropin']).toBe('no');
    expect(seen['purge.other-dropin']).toBe('yes');
    expect(seen['purge.enablement']).toBe('nononono');
    expect(seen['purge.leftovers']).toBe('');
  });
});

describe('the tarball', () => {
  it('holds the install folder, the units and the example config', () => {
    const r = spawnSync('tar', ['-tvzf', pkg.tarball], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const entries = r.stdout
      .trim()
      .split('\n')
      .map((l) => {
        const f = l.split(/\s+/);
        return `${f[0]} ${f[1]} ${f[5]}`;
      });
    const top = `mcp-warden-${pkg.version}-linux-x64`;
    for (const want of [
      `-rwxr-xr-x 0/0 ${top}/mcp-warden`,
      `-rw-r--r-- 0/0 ${top}/keyring.node`,
      `-rw-r--r-- 0/0 ${top}/better_sqlite3.node`,
      `-rw-r--r-- 0/0 ${top}/THIRD-PARTY-NOTICES.txt`,
      `-rw-r--r-- 0/0 ${top}/systemd/user/mcp-warden.service`,
      `-rw-r--r-- 0/0 ${top}/systemd/user/mcp-warden.path`,
      `-rw-r--r-- 0/0 ${top}/systemd/system/mcp-warden-system.service`,
      `-rw-r--r-- 0/0 ${top}/systemd/system/mcp-warden-system.timer`,
      `-rw-r--r-- 0/0 ${top}/systemd/system/mcp-warden-system.path`,
      `-rw-r--r-- 0/0 ${top}/agent.example.yaml`,
    ]) {
      expect(entries).toContain(want);
    }
  });
});
