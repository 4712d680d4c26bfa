import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAgentConfig, parseAgentConfig, MAX_CONFIG_BYTES } from '../../../src/config/load';
import { ConfigError } from '../../../src/errors';
import { redactor } from '../../../src/log/redact';
import { makeKey } from '../../helpers/policy';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const key = makeKey();

function yamlConfig(extra = ''): string {
  const pem = key.publicPem
    .trim()
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n');
  return [
    'org: acme',
    'trust:',
    '  threshold: 1',
    '  keys:',
    '    - name: it-1',
    '      publicKey: |',
    pem,
    'allowlist:',
    '  file: allowlist.dsse.json',
    'exec:',
    '  path: /opt/mcp-warden/bin/mcp-warden',
    extra,
  ].join('\n');
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('loadAgentConfig', () => {
  it('reads YAML from --config and resolves relative paths against its folder', () => {
    const dir = tmpDir();
    const file = writeFile(
      path.join(dir, 'etc', 'agent.yaml'),
      yamlConfig('report:\n  url: https://collector.example.com\n  tokenFile: token\n  caFile: ../ca.pem\n'),
    );

    const loaded = loadAgentConfig({ configPath: file, env: {} });

    expect(loaded.source).toBe(file);
    expect(loaded.baseDir).toBe(path.join(dir, 'etc'));
    expect(loaded.config.allowlist.file).toBe(path.join(dir, 'etc', 'allowlist.dsse.json'));
    expect(loaded.config.report?.tokenFile).toBe(path.join(dir, 'etc', 'token'));
    expect(loaded.config.report?.caFile).toBe(path.join(dir, 'ca.pem'));
    expect(loaded.config.exec?.path).toBe('/opt/mcp-warden/bin/mcp-warden');
  });

  it('reads JSON from $MCP_WARDEN_CONFIG when there is no --config', () => {
    const dir = tmpDir();
    const file = writeFile(
      path.join(dir, 'agent.json'),
      JSON.stringify({
        org: 'acme',
        trust: { keys: [{ publicKeyFile: 'k.pem' }], threshold: 1 },
        allowlist: { url: 'https://policy.example.com/allowlist.dsse.json' },
      }),
    );

    const loaded = loadAgentConfig({ env: { MCP_WARDEN_CONFIG: file } });

    expect(loaded.config.trust.keys?.[0]?.publicKeyFile).toBe(path.join(dir, 'k.pem'));
  });

  it('prefers --config over $MCP_WARDEN_CONFIG', () => {
    const dir = tmpDir();
    const a = writeFile(path.join(dir, 'a.yaml'), yamlConfig());

    expect(loadAgentConfig({ configPath: a, env: { MCP_WARDEN_CONFIG: path.join(dir, 'missing.yaml') } }).source).toBe(a);
  });

  it('uses the OS policy channel before the default files, then the files in order', () => {
    const dir = tmpDir();
    const second = writeFile(
      path.join(dir, 'agent.json'),
      JSON.stringify({ org: 'from-file', trust: { keys: [{ publicKey: key.publicPem }], threshold: 1 }, allowlist: { file: 'x' } }),
    );
    const files = [path.join(dir, 'agent.yaml'), second];

    const fromFile = loadAgentConfig({ env: {}, osDefaults: { files, policy: () => undefined } });
    const fromPolicy = loadAgentConfig({
      env: {},
      osDefaults: { files, policy: () => ({ text: yamlConfig(), source: 'registry (test)' }) },
    });

    expect(fromFile.config.org).toBe('from-file');
    expect(fromPolicy.source).toBe('registry (test)');
    expect(fromPolicy.config.allowlist.file).toBe(path.join(dir, 'allowlist.dsse.json'));
  });

  it('says where it looked when there is no config', () => {
    const dir = tmpDir();

    const e = thrown(() => loadAgentConfig({ env: {}, osDefaults: { files: [path.join(dir, 'agent.yaml')] } }));

    expect(e.code).toBe('CONFIG_NOT_FOUND');
    expect(e.message).toContain(path.join(dir, 'agent.yaml'));
  });

  it('names a missing --config file', () => {
    expect(thrown(() => loadAgentConfig({ configPath: '/nonexistent/agent.yaml', env: {} })).code).toBe('CONFIG_NOT_FOUND');
  });

  it('refuses a file over the size cap without parsing it', () => {
    const dir = tmpDir();
    const file = writeFile(path.join(dir, 'agent.yaml'), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);

    expect(thrown(() => loadAgentConfig({ configPath: file, env: {} })).code).toBe('CONFIG_INVALID');
  });

  it('refuses a file that is not UTF-8', () => {
    const dir = tmpDir();
    const file = writeFile(path.join(dir, 'agent.yaml'), Buffer.from([0x6f, 0x72, 0x67, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));

    expect(thrown(() => loadAgentConfig({ configPath: file, env: {} })).code).toBe('CONFIG_INVALID');
  });
});

describe('parseAgentConfig', () => {
  const where = { source: '/etc/mcp-warden/agent.yaml', baseDir: '/etc/mcp-warden', fileName: '/etc/mcp-warden/agent.yaml' };

  it('reports every problem with file, line and JSON path', () => {
    const text = yamlConfig('colour: blue\nreport:\n  url: http://collector.example.com\n  token: t0k3n-abc\n  tokenFile: x\n');

    const e = thrown(() => parseAgentConfig(text, where));

    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.file).toBe(where.fileName);
    expect(e.message).toMatch(/agent\.yaml:14:1: \$\.colour: unknown property "colour"/);
    expect(e.message).toContain('$.report.url: must be an https:// URL');
    expect(e.message).toContain('$.report: set either `token` or `tokenFile`, not both');
  });

  it('rejects a threshold above the number of keys', () => {
    const e = thrown(() => parseAgentConfig(yamlConfig().replace('threshold: 1', 'threshold: 2'), where));

    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.jsonPath).toBe('$.trust.threshold');
  });

  it('rejects a key entry with both publicKey and publicKeyFile, and a config with no allowlist source', () => {
    const e = thrown(() =>
      parseAgentConfig(
        JSON.stringify({ org: 'a', trust: { keys: [{ publicKey: 'x', publicKeyFile: 'y' }], threshold: 1 }, allowlist: {} }),
        where,
      ),
    );

    expect(e.message).toContain('$.trust.keys[0]: needs exactly one of `publicKey` or `publicKeyFile`');
    expect(e.message).toContain('$.allowlist: needs `file`, `url`, or both');
  });

  it('accepts http:// only for loopback', () => {
    const ok = yamlConfig('report:\n  url: http://127.0.0.1:8443/\n');

    expect(parseAgentConfig(ok, where).config.report?.url).toBe('http://127.0.0.1:8443/');
    expect(thrown(() => parseAgentConfig(ok.replace('127.0.0.1', '127.0.0.1.evil.com'), where)).code).toBe('CONFIG_INVALID');
  });

  it('teaches the redactor the inline enrollment token', () => {
    const token = 'enroll-canary-7f3a9c2e1b';

    parseAgentConfig(yamlConfig(`report:\n  url: https://c.example.com\n  token: ${token}\n`), where);

    expect(redactor.redactString(`sent ${token}`)).not.toContain(token);
  });

  it('reports a syntax error with its line', () => {
    const e = thrown(() => parseAgentConfig('org: acme\ntrust: [\n', where));

    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/agent\.yaml:\d+:\d+: YAML/);
  });

  it('does not modify the parsed document it resolves paths in', () => {
    const dir = tmpDir();
    const file = writeFile(path.join(dir, 'agent.yaml'), yamlConfig());

    const first = loadAgentConfig({ configPath: file, env: {} });
    const second = loadAgentConfig({ configPath: file, env: {} });

    expect(second.config).toEqual(first.config);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('the example agent config', () => {
  it('is valid', () => {
    const file = path.resolve(__dirname, '..', '..', '..', 'schemas', 'examples', 'agent-config.example.yaml');

    const loaded = loadAgentConfig({ configPath: file, env: {} });

    expect(loaded.config.trust.threshold).toBe(2);
    expect(loaded.config.allowlist.file).toBe(path.join(path.dirname(file), 'allowlist.dsse.json'));
  });
});
