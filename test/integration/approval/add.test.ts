// `allowlist add` end to end: the real CLI, the real npm, against a registry on 127.0.0.1
// with real ECDSA signatures; plus one lookup on the registry this machine's npm uses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnCli } from '../../helpers/cli';
import { startFakeRegistry, integrityOf, type FakeRegistry } from '../../helpers/registry';
import { writeRecord } from '../../../src/quarantine/store';
import type { QuarantineRecord } from '../../../src/quarantine/record';

jest.setTimeout(120000);

const SOURCE = `# ACME allowlist (comments must survive)
org: acme
version: 3
expires: "2099-01-01T00:00:00Z"
mode: enforce
servers:
  # the docs server
  - id: docs
    transport: http
    url: "https://mcp.acme.example/*"   # trailing comment

deny:
  - package: mcp-server-from-a-blog
`;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawnCli(args, { env });
    let stdout = '';
    let stderr = '';
    c.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    c.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const DAY = 24 * 3600 * 1000;
const iso = (daysAgo: number): string => new Date(Date.now() - daysAgo * DAY).toISOString();

describe('allowlist add (registry on 127.0.0.1)', () => {
  let reg: FakeRegistry;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    reg = await startFakeRegistry();
    reg.add('@acme/mcp-thing', [
      { version: '1.0.0', published: iso(200), maintainers: ['alice'] },
      { version: '1.1.0', published: iso(100), maintainers: ['alice'], provenance: true },
      {
        version: '1.2.0',
        published: iso(2),
        maintainers: ['alice', 'mallory'],
        scripts: { postinstall: 'node steal.js' },
        dependencies: { 'dep-a': '1.0.0' },
      },
    ]);
    reg.add('dep-a', [{ version: '1.0.0', published: iso(300), scripts: { install: 'node-gyp rebuild' } }]);
    reg.add('@evil/server-github', [{ version: '0.0.1', published: iso(30), badSignature: true }]);
    reg.add('server-githubb', [{ version: '2.0.0', published: iso(30), unsigned: true, deprecated: 'use something else' }]);
  });
  afterAll(() => reg.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-add-'));
    env = { npm_config_registry: reg.url, npm_config_cache: path.join(dir, 'npm-cache'), npm_config_update_notifier: 'false' };
    fs.writeFileSync(path.join(dir, 'allowlist.yaml'), SOURCE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (): string => path.join(dir, 'allowlist.yaml');

  it('writes a complete pinned rule after a verified signature, keeping every other byte', async () => {
    const r = await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@1.1.0', '--scope', 'user', '--json'], env);
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout) as {
      written: boolean;
      rule: Record<string, unknown>;
      findings: Array<{ check: string; level: string }>;
    };
    expect(res.written).toBe(true);
    expect(res.rule).toEqual({
      id: 'mcp-thing',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@acme/mcp-thing@1.1.0'],
      package: { registry: 'npm', name: '@acme/mcp-thing', version: '1.1.0', integrity: integrityOf('@acme/mcp-thing', '1.1.0') },
      scopes: ['user'],
    });
    const level = (c: string): string | undefined => res.findings.find((f) => f.check === c)?.level;
    expect(level('registry-signature')).toBe('ok');
    expect(level('provenance')).toBe('ok');
    expect(level('age')).toBe('ok');
    expect(level('maintainers')).toBe('ok');
    const text = fs.readFileSync(file(), 'utf8');
    // The old text is there byte for byte, the rule inserted after the last one.
    const [head, tail] = SOURCE.split('\n\ndeny:');
    expect(text.startsWith(head)).toBe(true);
    expect(text.endsWith(`\n\ndeny:${tail}`)).toBe(true);
    const lint = await run(['allowlist', 'lint', file()], env);
    expect(lint.stdout).toMatch(/valid/);
    expect(lint.status).toBe(0);
  });

  it('warns about a young version, new maintainers and install scripts in the tree', async () => {
    const r = await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@1.2.0', '--dry-run'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/warn {2}install-scripts: runs code on install: postinstall: node steal\.js/);
    expect(r.stdout).toMatch(/warn {2}age: published 2 days ago .*7-day cooldown/);
    expect(r.stdout).toMatch(/warn {2}maintainers: maintainers changed since 1\.1\.0: \+mallory/);
    expect(r.stdout).toMatch(/warn {2}dependency-install-scripts: dependencies with install scripts: dep-a/);
    expect(r.stdout).toMatch(/info {2}dependencies: 1 package in its dependency tree/);
    expect(r.stdout).toMatch(/dry run/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(SOURCE);
  });

  it('an invalid registry signature blocks the rule; nothing is written', async () => {
    const r = await run(['allowlist', 'add', file(), 'npm:@evil/server-github@0.0.1'], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/BLOCK registry-signature: registry signature INVALID/);
    expect(r.stdout).toMatch(/typosquat: name close to the popular package @modelcontextprotocol\/server-github/);
    expect(r.stderr).toMatch(/nothing written/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(SOURCE);
  });

  it('unsigned, deprecated, near a popular name: warned, still written', async () => {
    const r = await run(['allowlist', 'add', file(), 'npm:server-githubb', '--no-tree'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/npm:server-githubb@2\.0\.0/);
    expect(r.stdout).toMatch(/warn {2}registry-signature: the registry serves no signature/);
    expect(r.stdout).toMatch(/warn {2}deprecated: use something else/);
    expect(r.stdout).toMatch(/warn {2}typosquat/);
  });

  it('--replace bumps an existing rule in place; JSON sources too', async () => {
    expect((await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@1.0.0', '--no-tree'], env)).status).toBe(0);
    const r = await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@1.1.0', '--replace', 'mcp-thing', '--no-tree'], env);
    expect(r.status).toBe(0);
    const text = fs.readFileSync(file(), 'utf8');
    expect(text.match(/id: mcp-thing/g)).toHaveLength(1);
    expect(text).toContain('@acme/mcp-thing@1.1.0');
    expect(text).not.toContain('@acme/mcp-thing@1.0.0');
    // An id that is taken without --replace blocks, after the review, naming the rule that has it.
    const again = await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@1.0.0', '--no-tree'], env);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/ok {4}registry-signature/);
    expect(again.stdout).toMatch(
      /BLOCK lint: \$\.servers\[1\]\.id: already has a rule "mcp-thing" \(servers\[1\]\): give --replace mcp-thing/,
    );
    expect(again.stderr).toMatch(/nothing written/);

    const json = path.join(dir, 'allowlist.json');
    const src = `{\n\t"org": "acme",\n\t"version": 1,\n\t"expires": "2099-01-01T00:00:00Z",\n\t"mode": "audit",\n\t"servers": [\n\t\t{ "id": "docs", "transport": "http", "url": "https://x.example/mcp" }\n\t]\n}\n`;
    fs.writeFileSync(json, src);
    expect((await run(['allowlist', 'add', json, 'npm:@acme/mcp-thing@1.1.0', '--no-tree'], env)).status).toBe(0);
    const out = fs.readFileSync(json, 'utf8');
    expect(out).toContain('\t\t{ "id": "docs", "transport": "http", "url": "https://x.example/mcp" },');
    expect((JSON.parse(out) as { servers: unknown[] }).servers).toHaveLength(2);
  });

  it('--from-quarantine builds the rule from what the developer had: argv kept, version pinned, secrets named', async () => {
    const stateDir = path.join(dir, 'state');
    const record: QuarantineRecord = {
      version: 1,
      id: 'q-20261203T120000Z-0123abcd',
      time: new Date().toISOString(),
      file: path.join(dir, 'home', '.claude.json'),
      scope: 'user',
      configHome: path.join(dir, 'home'),
      jsonPath: ['mcpServers', 'thing'],
      name: 'thing',
      transport: 'stdio',
      verdict: 'unapproved',
      reason: 'matches no approved server',
      policy: null,
      entry: {
        type: 'stdio',
        command: 'npx',
        args: ['-y', '@acme/mcp-thing', '--verbose'],
        env: { THING_TOKEN: '{{secret:THING_TOKEN}}' },
      },
      secrets: [{ path: ['env', 'THING_TOKEN'], name: 'THING_TOKEN', account: 'acct-1' }],
    };
    writeRecord(stateDir, record);
    const r = await run(['--state-dir', stateDir, 'allowlist', 'add', file(), '--from-quarantine', record.id, '--no-tree', '--json'], env);
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout) as { rule: Record<string, unknown>; findings: Array<{ check: string }> };
    expect(res.rule).toMatchObject({
      id: 'thing',
      command: 'npx',
      args: ['-y', '@acme/mcp-thing@1.2.0', '--verbose'],
      package: { name: '@acme/mcp-thing', version: '1.2.0' },
      env: { secrets: ['THING_TOKEN'] },
    });
    expect(res.findings.map((f) => f.check)).toContain('pinned');
  });

  it('file: and oci: rules; bad specs and missing versions are input errors; a dead registry is unavailable', async () => {
    const bin = path.join(dir, 'srv.js');
    fs.writeFileSync(bin, 'console.log(1)\n', { mode: 0o644 });
    const f = await run(['allowlist', 'add', file(), `file:${bin}`, '--json'], env);
    expect(f.status).toBe(0);
    expect((JSON.parse(f.stdout) as { rule: unknown }).rule).toMatchObject({ id: 'srv', command: 'node', args: [bin], file: bin });
    const digest = `sha256:${'a'.repeat(64)}`;
    const o = await run(['allowlist', 'add', file(), `oci:ghcr.io/acme/mcp@${digest}`, '--runtime', 'podman', '--json'], env);
    expect(o.status).toBe(0);
    expect((JSON.parse(o.stdout) as { rule: unknown }).rule).toMatchObject({
      command: 'podman',
      args: ['run', '-i', '--rm', `ghcr.io/acme/mcp@${digest}`],
      image: { digest },
    });
    expect((await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@^1.0.0'], env)).status).toBe(2);
    expect((await run(['allowlist', 'add', file(), 'oci:ghcr.io/acme/mcp:latest'], env)).status).toBe(2);
    expect((await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@9.9.9', '--no-tree'], env)).status).toBe(2);
    const dead = await run(['allowlist', 'add', file(), 'npm:@acme/mcp-thing@1.1.0', '--no-tree'], {
      ...env,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
    });
    expect(dead.status).toBe(3);
    expect(dead.stderr).not.toMatch(/\n\s+at /);
  });
});

// Marked: reaches the registry this machine's npm is configured for (the npm registry is
// reachable here and in CI). MCP_WARDEN_TEST_OFFLINE=1 leaves it out on a machine without it.
const online = process.env.MCP_WARDEN_TEST_OFFLINE ? describe.skip : describe;
online('allowlist add (network: the configured npm registry)', () => {
  it('pins @modelcontextprotocol/server-everything to the integrity in our own lockfile', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-add-net-'));
    try {
      const file = path.join(dir, 'allowlist.yaml');
      fs.writeFileSync(file, SOURCE);
      const r = await run(['allowlist', 'add', file, 'npm:@modelcontextprotocol/server-everything@2026.8.31', '--no-tree', '--json'], {});
      expect(r.status).toBe(0);
      const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { integrity?: string }>;
      };
      const res = JSON.parse(r.stdout) as { rule: { package: { integrity: string } } };
      expect(res.rule.package.integrity).toBe(lock.packages['node_modules/@modelcontextprotocol/server-everything']?.integrity);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
