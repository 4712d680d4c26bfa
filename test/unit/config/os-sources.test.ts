import * as path from 'node:path';
import {
  configFromPrefsJson,
  parseRegQueryOutput,
  managedPrefsFile,
  readManagedPrefs,
  readWindowsPolicy,
  readOsPolicyConfig,
} from '../../../src/config/os-sources';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';
import { parseAgentConfig } from '../../../src/config/load';
import { makeKey } from '../../helpers/policy';

const key = makeKey();
const config = { org: 'acme', trust: { keys: [{ publicKey: key.publicPem }], threshold: 1 }, allowlist: { file: 'allowlist.dsse.json' } };

describe('macOS managed preferences', () => {
  it('takes the config keys from the top level, dropping profile bookkeeping', () => {
    const json = JSON.stringify({ ...config, PayloadUUID: 'ABC', PayloadIdentifier: 'com.mcp-warden.agent' });

    const loaded = parseAgentConfig(configFromPrefsJson(json), {
      source: 'managed preferences',
      baseDir: '/Library/Application Support/mcp-warden',
    });

    expect(loaded.config.org).toBe('acme');
    expect(loaded.config.allowlist.file).toBe('/Library/Application Support/mcp-warden/allowlist.dsse.json');
  });

  it('takes a single Config string holding YAML or JSON', () => {
    expect(configFromPrefsJson(JSON.stringify({ Config: 'org: acme\n' }))).toBe('org: acme\n');
  });

  it('refuses something that is not a dictionary', () => {
    expect(() => configFromPrefsJson('[1]')).toThrow();
  });

  it('reads the domain from /Library/Managed Preferences', () => {
    expect(managedPrefsFile('com.example.x')).toBe('/Library/Managed Preferences/com.example.x.plist');
  });
});

describe('Windows policy value', () => {
  it('parses a REG_SZ value', () => {
    const json = JSON.stringify(config);
    const out = `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\mcp-warden\r\n    Config    REG_SZ    ${json}\r\n\r\n`;

    expect(JSON.parse(parseRegQueryOutput(out) ?? 'null')).toEqual(config);
  });

  it('joins a REG_MULTI_SZ value with newlines (one YAML line per string)', () => {
    const out = '\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\mcp-warden\n    Config    REG_MULTI_SZ    org: acme\\0mode: x\n';

    expect(parseRegQueryOutput(out)).toBe('org: acme\nmode: x');
  });

  it('returns undefined when the value is absent', () => {
    expect(parseRegQueryOutput('\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\mcp-warden\n    Other    REG_SZ    x\n')).toBeUndefined();
  });
});

// The OS commands themselves (plutil, reg) exist only on their OS; here stand-in scripts
// with the same command line and output exercise the process handling around them.
describe('reading the OS channels through their commands', () => {
  afterEach(cleanupTmp);

  function script(dir: string, name: string, body: string): string {
    return writeFile(path.join(dir, name), `#!/bin/sh\n${body}\n`, 0o755);
  }

  it('macOS: converts the domain plist with plutil and parses it', () => {
    const dir = tmpDir();
    writeFile(path.join(dir, 'com.mcp-warden.agent.plist'), 'binary plist stand-in');
    const plutil = script(
      dir,
      'plutil',
      `[ "$1 $2 $3 $4" = "-convert json -o -" ] || exit 9\nprintf '%s\\n' '${JSON.stringify({ Config: 'org: acme\n' })}'`,
    );

    const src = readManagedPrefs(undefined, { prefsDir: dir, plutil });

    expect(src).toEqual({ text: 'org: acme\n', source: `managed preferences (${path.join(dir, 'com.mcp-warden.agent.plist')})` });
    expect(readManagedPrefs('com.other', { prefsDir: dir, plutil })).toBeUndefined();
  });

  it('Windows: queries the policy value with reg, and treats exit 1 as "not set"', () => {
    const dir = tmpDir();
    const reg = script(
      dir,
      'reg',
      `[ "$1" = query ] && [ "$3 $4 $5" = "/v Config /reg:64" ] || exit 9\nprintf '\\r\\n%s\\r\\n    Config    REG_SZ    {"org":"acme"}\\r\\n' "$2"`,
    );
    const missing = script(
      dir,
      'reg-missing',
      'echo "ERROR: The system was unable to find the specified registry key or value." >&2; exit 1',
    );
    const broken = script(dir, 'reg-broken', 'exit 5');

    expect(readWindowsPolicy(undefined, { reg })).toEqual({
      text: '{"org":"acme"}',
      source: 'registry (HKLM\\SOFTWARE\\Policies\\mcp-warden\\Config)',
    });
    expect(readWindowsPolicy(undefined, { reg: missing })).toBeUndefined();
    expect(() => readWindowsPolicy(undefined, { reg: broken })).toThrow();
  });

  it('Linux has no policy channel', () => {
    expect(readOsPolicyConfig('linux')).toBeUndefined();
  });
});
