import { configFromPrefsJson, parseRegQueryOutput, managedPrefsFile } from '../../../src/config/os-sources';
import { parseAgentConfig } from '../../../src/config/load';
import { makeKey } from '../../helpers/policy';

const key = makeKey();
const config = { org: 'acme', trust: { keys: [{ publicKey: key.publicPem }], threshold: 1 }, allowlist: { file: 'allowlist.dsse.json' } };

describe('macOS managed preferences', () => {
  it('takes the config keys from the top level, dropping profile bookkeeping', () => {
    const json = JSON.stringify({ ...config, PayloadUUID: 'ABC', PayloadIdentifier: 'com.mcp-warden.agent' });

    const loaded = parseAgentConfig(configFromPrefsJson(json), { source: 'managed preferences', baseDir: '/Library/Application Support/mcp-warden' });

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
