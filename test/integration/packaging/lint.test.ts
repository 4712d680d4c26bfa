// Everything in packaging/ that cannot run here (macOS, Windows) is still checked here:
// shell scripts with shellcheck, XML with xmllint, property lists parsed and their launchd
// keys asserted, PowerShell scripts structurally, the ADMX against its ADML and the
// agent's registry key, the configuration profile against the agent's own config loader,
// and the Jamf form against the agent-config schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './artefacts';
import { parsePlist, type PlistValue } from './plist';
import { checkPowerShell } from './powershell';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { makeKey } from '../../helpers/policy';
import { configFromPrefsJson, managedPrefsFile } from '../../../src/config/os-sources';
import { parseAgentConfig } from '../../../src/config/load';
import { MANAGED_PREFS_DOMAIN, WINDOWS_POLICY_KEY } from '../../../src/paths';

afterEach(cleanupTmp);

const P = (...p: string[]): string => path.join(ROOT, 'packaging', ...p);
const read = (file: string): string => fs.readFileSync(file, 'utf8');
type Dict = Record<string, PlistValue>;
const plist = (file: string): Dict => parsePlist(read(file)) as Dict;

function sh(cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: opts.cwd ?? ROOT, input: opts.input, timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function walk(dir: string, pred: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'build') out.push(...walk(p, pred));
    else if (e.isFile() && pred(p)) out.push(p);
  }
  return out.sort();
}

/** The maintainer scripts as build-deb.sh assembles them (#UNITS# → units.sh). */
function maintainerScript(name: string): string {
  const helpers = read(P('linux', 'debian', 'units.sh'));
  return read(P('linux', 'debian', name)).replace(/^#UNITS#$/m, helpers.trimEnd());
}

describe('shell scripts', () => {
  const scripts = [
    // units.sh is only ever a fragment of the maintainer scripts: checked assembled, below.
    ...walk(P(), (f) => f.endsWith('.sh') && !f.endsWith(path.join('debian', 'units.sh'))),
    P('macos', 'scripts', 'preinstall'),
    P('macos', 'scripts', 'postinstall'),
    ...walk(path.join(ROOT, 'test', 'integration', 'packaging'), (f) => f.endsWith('.sh')),
  ];

  it('pass shellcheck', () => {
    expect(scripts.length).toBeGreaterThan(10);
    const r = sh('shellcheck', ['--external-sources', '--source-path=SCRIPTDIR', ...scripts]);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('the .deb maintainer scripts, as assembled, pass shellcheck as POSIX sh', () => {
    const dir = tmpDir();
    const files = ['postinst', 'prerm', 'postrm'].map((n) => writeFile(path.join(dir, n), maintainerScript(n)));
    for (const f of files) expect(read(f)).not.toMatch(/^#UNITS#$/m);
    const r = sh('shellcheck', ['--shell=sh', ...files]);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('the uninstall script finds GUI sessions exactly like the pkg scripts', () => {
    const fn = (text: string): string => /gui_uids\(\) \{\n([\s\S]*?)\n\}/.exec(text)?.[1] ?? 'missing';
    expect(fn(read(P('macos', 'uninstall.sh')))).toBe(fn(read(P('macos', 'scripts', 'launchd-common.sh'))));
    expect(fn(read(P('macos', 'uninstall.sh')))).toContain('oginwindow\\.app');
  });

  it('pkg scripts do nothing unless installing onto the running system ($3 = /)', () => {
    for (const s of ['preinstall', 'postinstall']) expect(read(P('macos', 'scripts', s))).toMatch(/^\[ "\$3" = "\/" \] \|\| exit 0$/m);
  });
});

describe('XML', () => {
  const xml = walk(P(), (f) => /\.(plist|mobileconfig|admx|adml|xml)$/.test(f));

  it('every plist, profile, distribution and ADMX/ADML file is well-formed', () => {
    expect(xml.length).toBeGreaterThanOrEqual(9);
    const r = sh('xmllint', ['--noout', '--nonet', ...xml]);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('every property list parses as a plist', () => {
    for (const f of xml.filter((f) => /\.(plist|mobileconfig)$/.test(f))) {
      expect(() => parsePlist(read(f))).not.toThrow();
    }
  });
});

describe('macOS launchd jobs', () => {
  const appExe = '/Library/Application Support/mcp-warden/mcp-warden.app/Contents/MacOS/mcp-warden';

  it('the LaunchAgent runs the agent in every Aqua session, in the background, restarted after a crash', () => {
    const a = plist(P('macos', 'com.mcp-warden.agent.plist'));
    expect(a).toEqual({
      Label: 'com.mcp-warden.agent',
      ProgramArguments: [appExe, 'agent'],
      AssociatedBundleIdentifiers: [MANAGED_PREFS_DOMAIN],
      LimitLoadToSessionType: ['Aqua'],
      ProcessType: 'Background',
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ThrottleInterval: 30,
    });
  });

  it('the optional LaunchDaemon runs system apply periodically and when the managed preferences change', () => {
    const d = plist(P('macos', 'com.mcp-warden.system-apply.plist'));
    expect(d.Label).toBe('com.mcp-warden.system-apply');
    expect(d.ProgramArguments).toEqual([appExe, 'system', 'apply']);
    expect(d.RunAtLoad).toBe(true);
    expect(d.StartInterval).toBe(900);
    expect(d.WatchPaths).toContain(managedPrefsFile());
    expect(d.WatchPaths).toContain('/Library/Application Support/mcp-warden/agent.yaml');
  });

  it('the app bundle is identified by the managed-preferences domain, needs no dyld or library-validation exceptions', () => {
    const info = plist(P('macos', 'Info.plist'));
    expect(info.CFBundleIdentifier).toBe(MANAGED_PREFS_DOMAIN);
    expect(info.CFBundleExecutable).toBe('mcp-warden');
    expect(info.CFBundleShortVersionString).toBe('__VERSION__');
    expect(info.LSUIElement).toBe(true);
    expect(plist(P('macos', 'entitlements.plist'))).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.cs.allow-unsigned-executable-memory': true,
    });
  });

  it('the pkg installs the stable path that rewritten entries use (src/paths.ts) as a link into the app', () => {
    const build = read(P('macos', 'build-pkg.sh'));
    expect(build).toContain('ln -s ../mcp-warden.app/Contents/MacOS/mcp-warden "$support/bin/mcp-warden"');
    expect(build).toContain('BundleIsRelocatable" -bool NO');
    expect(build).toContain('--options runtime');
    expect(build).not.toMatch(/codesign[^\n]*--deep[^\n]*--sign/);
  });
});

describe('macOS configuration profiles', () => {
  const example = P('macos', 'profiles', 'com.mcp-warden.agent.example.mobileconfig');

  function makeProfile(args: string[]): { status: number | null; out: string } {
    return sh(process.execPath, [P('macos', 'make-profile.mjs'), ...args]);
  }

  function configPayload(profile: Dict): Dict {
    const payloads = profile.PayloadContent as Dict[];
    const p = payloads.find((x) => x.PayloadType === MANAGED_PREFS_DOMAIN);
    if (!p) throw new Error('no payload for the managed-preferences domain');
    return p;
  }

  it('the example profile is what make-profile.mjs makes from its source', () => {
    const dir = tmpDir();
    const out = path.join(dir, 'p.mobileconfig');
    const r = makeProfile([
      'config',
      '--config',
      P('macos', 'profiles', 'agent.example.yaml'),
      '--identifier',
      'com.example.mcp-warden',
      '--organization',
      'Example Corp',
      '--out',
      out,
    ]);
    expect(r).toEqual({ status: 0, out: '' });
    expect(read(out)).toBe(read(example));
  });

  it('delivers a config the agent accepts, through the same path it reads managed preferences', () => {
    const profile = plist(example);
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadScope).toBe('System');
    // What macOS writes to /Library/Managed Preferences/<domain>.plist: the payload's keys.
    const prefsJson = JSON.stringify(configPayload(profile));
    const loaded = parseAgentConfig(configFromPrefsJson(prefsJson), {
      source: 'managed preferences',
      baseDir: '/Library/Application Support/mcp-warden',
    });
    expect(loaded.config.org).toBe('example-corp');
    expect(loaded.config.trust.keys?.[0]?.publicKey).toContain('BEGIN PUBLIC KEY');
  });

  it('inlines trust keys named by file and refuses relative paths and invalid configs, naming the JSON path', () => {
    const dir = tmpDir();
    const key = makeKey();
    writeFile(path.join(dir, 'signer.pub.pem'), key.publicPem);
    const cfg = writeFile(
      path.join(dir, 'agent.yaml'),
      [
        'org: acme',
        'trust:',
        '  keys:',
        '    - publicKeyFile: signer.pub.pem',
        '  threshold: 1',
        'allowlist:',
        '  url: https://mdm.example.com/a.json',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'p.mobileconfig');
    expect(makeProfile(['config', '--config', cfg, '--identifier', 'com.acme.mcp-warden', '--out', out]).status).toBe(0);
    const payload = configPayload(plist(out));
    expect(payload.trust).toEqual({ keys: [{ publicKey: key.publicPem }], threshold: 1 });
    expect(sh('xmllint', ['--noout', out]).status).toBe(0);

    const relative = writeFile(
      path.join(dir, 'rel.yaml'),
      read(cfg).replace('  url: https://mdm.example.com/a.json', '  file: allowlist.dsse.json'),
    );
    const rel = makeProfile(['config', '--config', relative]);
    expect(rel.status).toBe(2);
    expect(rel.out).toContain('$.allowlist.file');

    const invalid = writeFile(path.join(dir, 'bad.yaml'), read(cfg).replace('threshold: 1', 'threshold: 0'));
    const bad = makeProfile(['config', '--config', invalid]);
    expect(bad.status).toBe(2);
    expect(bad.out).toContain('$.trust.threshold');
  });

  it('the login-items profile allows every mcp-warden job; the PPPC profile binds file access to the signing team', () => {
    const li = plist(P('macos', 'profiles', 'com.mcp-warden.login-items.mobileconfig'));
    const rules = (li.PayloadContent as Dict[])[0].Rules as Dict[];
    expect(rules).toContainEqual(expect.objectContaining({ RuleType: 'LabelPrefix', RuleValue: 'com.mcp-warden.' }));
    expect(rules).toContainEqual(expect.objectContaining({ RuleType: 'BundleIdentifier', RuleValue: MANAGED_PREFS_DOMAIN }));

    const dir = tmpDir();
    const out = path.join(dir, 'pppc.mobileconfig');
    expect(makeProfile(['pppc', '--team-id', 'ABCDE12345', '--identifier', 'com.acme.mcp-warden.pppc', '--out', out]).status).toBe(0);
    const services = (plist(out).PayloadContent as Dict[])[0].Services as Record<string, Dict[]>;
    expect(Object.keys(services).sort()).toEqual([
      'SystemPolicyDesktopFolder',
      'SystemPolicyDocumentsFolder',
      'SystemPolicyDownloadsFolder',
    ]);
    expect(services.SystemPolicyDocumentsFolder[0]).toEqual(
      expect.objectContaining({
        Identifier: MANAGED_PREFS_DOMAIN,
        IdentifierType: 'bundleID',
        Allowed: true,
        CodeRequirement: expect.stringContaining('certificate leaf[subject.OU] = "ABCDE12345"') as unknown,
      }),
    );
    expect(makeProfile(['pppc']).status).toBe(2);
    expect(makeProfile(['pppc', '--team-id', 'abc']).status).toBe(2);
  });
});

describe('the Jamf custom-settings schema', () => {
  it('is up to date with schemas/agent-config.schema.json', () => {
    const r = sh(process.execPath, [P('macos', 'gen-jamf-schema.mjs'), '--check']);
    expect(r).toEqual({ status: 0, out: '' });
  });

  it('offers every key of the agent config, with Jamf form fields', () => {
    type Node = { properties?: Record<string, Node>; items?: Node; $ref?: string; type?: string; title?: string; property_order?: number };
    const source = JSON.parse(read(path.join(ROOT, 'schemas', 'agent-config.schema.json'))) as Node & { definitions: Record<string, Node> };
    const jamf = JSON.parse(read(P('macos', 'profiles', 'jamf-custom-schema.json'))) as Node;
    const deref = (n: Node): Node => (n.$ref ? source.definitions[n.$ref.split('/').pop()!] : n);
    const compare = (src: Node, out: Node, where: string): void => {
      const s = deref(src);
      for (const [k, child] of Object.entries(s.properties ?? {})) {
        if (k === '$schema') continue;
        const o = out.properties?.[k];
        expect([where, k, o !== undefined]).toEqual([where, k, true]);
        expect(typeof o?.title).toBe('string');
        expect(typeof o?.property_order).toBe('number');
        expect(o?.type).toBe(deref(child).type);
        compare(child, o!, `${where}.${k}`);
      }
      if (s.items) compare(s.items, out.items!, `${where}[]`);
    };
    compare(source, jamf, '$');
    expect(JSON.stringify(jamf)).not.toMatch(/"\$ref"|"allOf"|"oneOf"|"additionalProperties"/);
  });
});

describe('Windows', () => {
  const scripts = ['install.ps1', 'uninstall.ps1', 'detect.ps1', 'build.ps1'].map((f) => P('windows', f));

  it('PowerShell scripts are structurally sound (strings, brackets, assigned variables) and strict', () => {
    for (const f of scripts) {
      const text = read(f);
      expect([path.basename(f), checkPowerShell(text).problems]).toEqual([path.basename(f), []]);
      expect(text).toContain('Set-StrictMode -Version Latest');
      expect(text).toContain("$ErrorActionPreference = 'Stop'");
      expect(text.startsWith('#Requires -Version 5.1')).toBe(true);
    }
  });

  it('the structural check catches what it claims to', () => {
    expect(checkPowerShell("$a = 'open").problems).toHaveLength(1);
    expect(checkPowerShell('if ($x -eq 1) { $y = 2').problems.length).toBeGreaterThan(0);
    expect(checkPowerShell('$a = 1; Write-Output "$b"').problems).toEqual(['$b is read but never assigned']);
    expect(checkPowerShell("<# c #>\n$a = @'\nx'y\n'@\n$a").problems).toEqual([]);
  });

  it('install.ps1 registers the logon task for all users (hidden, no time limit, restarted) and the SYSTEM task, then the version', () => {
    const t = read(P('windows', 'install.ps1'));
    expect(t).toContain("$SidUsers = 'S-1-5-32-545'");
    expect(t).toContain("$SidSystem = 'S-1-5-18'");
    expect(t).toMatch(/New-ScheduledTaskPrincipal -GroupId \$SidUsers -RunLevel Limited/);
    expect(t).toMatch(/New-ScheduledTaskTrigger -AtLogOn/);
    expect(t).toContain('-ExecutionTimeLimit ([TimeSpan]::Zero)');
    expect(t).toMatch(/-RestartCount \d+ -RestartInterval/);
    expect(t).toMatch(/-StartWhenAvailable -Hidden/);
    expect(t).toMatch(/New-ScheduledTaskPrincipal -UserId \$SidSystem -LogonType ServiceAccount/);
    expect(t).toContain("-Argument 'system apply'");
    expect(t).toContain("$InstallDir = Join-Path $env:ProgramFiles 'mcp-warden'");
    // The version detect.ps1 reads is written last, after everything else worked.
    expect(t.lastIndexOf('Set-ItemProperty')).toBe(t.indexOf('Set-ItemProperty -Path $StateKey -Name Version'));
  });

  it('detect.ps1 compares the installed version and prints only on success; build.ps1 fills in the version', () => {
    const d = read(P('windows', 'detect.ps1'));
    expect(d).toContain("$Expected = [version]'__MCP_WARDEN_VERSION__'");
    expect(d).toMatch(/Write-Output[^\n]*\n\s*exit 0/);
    expect(d.match(/Write-Output/g)).toHaveLength(1);
    expect(read(P('windows', 'build.ps1'))).toContain(".Replace('__MCP_WARDEN_VERSION__', $version)");
  });

  it('the ADMX writes the registry value the agent reads, and every ADMX reference resolves in the ADML', () => {
    const admx = read(P('windows', 'mcp-warden.admx'));
    const adml = read(P('windows', 'en-US', 'mcp-warden.adml'));
    const key = /<policy [^>]*key="([^"]+)"/.exec(admx)?.[1];
    expect(`HKLM\\${key}`.toLowerCase()).toBe(WINDOWS_POLICY_KEY.toLowerCase());
    expect(admx).toMatch(/<multiText id="Config" valueName="Config"/);
    const strings = new Set([...adml.matchAll(/<string id="([^"]+)">/g)].map((m) => m[1]));
    for (const m of admx.matchAll(/\$\(string\.([^)]+)\)/g)) expect([m[1], strings.has(m[1])]).toEqual([m[1], true]);
    const presentations = new Set([...adml.matchAll(/<presentation id="([^"]+)">/g)].map((m) => m[1]));
    for (const m of admx.matchAll(/\$\(presentation\.([^)]+)\)/g)) expect(presentations.has(m[1])).toBe(true);
    const elementIds = new Set([...admx.matchAll(/<(?:multiText|text|decimal|boolean|enum|list) id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of adml.matchAll(/refId="([^"]+)"/g)) expect(elementIds.has(m[1])).toBe(true);
  });
});

describe('Linux units', () => {
  it('run the installed path that rewritten entries use, keep the session bus reachable, and never hide home', () => {
    const user = read(P('linux', 'systemd', 'mcp-warden.service'));
    expect(user).toMatch(/^ExecStart=\/usr\/bin\/mcp-warden agent$/m);
    expect(user).toMatch(/^WantedBy=default\.target$/m);
    expect(user).toMatch(/^RestrictAddressFamilies=.*\bAF_UNIX\b/m);
    // The idle agent gives freed read buffers back (issue 22; the incremental bench reads this line).
    expect(user).toMatch(/^Environment=MALLOC_MMAP_THRESHOLD_=131072$/m);
    for (const forbidden of [/^PrivateUsers=/m, /^ProtectHome=/m, /^ProtectSystem=/m, /^MemoryDenyWriteExecute=/m, /^PrivateTmp=/m]) {
      expect(user).not.toMatch(forbidden);
    }
    const system = read(P('linux', 'systemd', 'mcp-warden-system.service'));
    expect(system).toMatch(/^ExecStart=\/usr\/bin\/mcp-warden system apply$/m);
    expect(system).toMatch(/^ReadWritePaths=\/etc\/claude-code$/m);
    expect(system).toMatch(/^StateDirectory=mcp-warden$/m);
  });
});
