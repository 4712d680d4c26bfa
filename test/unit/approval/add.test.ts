// resolveFromRecord / resolveSpec with a fake npm (the NpmRunner interface): which rule a
// quarantined entry becomes, and which entries are refused with which code.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveFromRecord, resolveSpec, type ResolveOptions } from '../../../src/approval/add';
import { ApprovalError } from '../../../src/approval/errors';
import type { NpmRunner } from '../../../src/approval/npm-cli';
import { lintAllowlist } from '../../../src/policy/lint';
import type { QuarantineRecord } from '../../../src/quarantine/record';

const INTEGRITY = `sha512-${crypto.createHash('sha512').update('t').digest('base64')}`;
const O: ResolveOptions = { now: new Date('2026-12-03T00:00:00Z'), cooldownDays: 7, noTree: true };

function fakeNpm(keysError?: Error): NpmRunner & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    view(spec) {
      asked.push(spec);
      const version = spec.endsWith('@latest') ? '2.0.0' : spec.slice(spec.lastIndexOf('@') + 1);
      const name = spec.slice(0, spec.lastIndexOf('@'));
      return Promise.resolve({
        name,
        version,
        versions: ['1.0.0', '2.0.0'],
        time: { '1.0.0': '2026-01-01T00:00:00Z', '2.0.0': '2026-02-01T00:00:00Z' },
        dist: { integrity: INTEGRITY, signatures: [{ keyid: 'k', sig: 's' }] },
      });
    },
    config: () => Promise.resolve('https://registry.example/'),
    lockfile: () => Promise.reject(new Error('not used')),
    fetchJson: () => (keysError ? Promise.reject(keysError) : Promise.resolve({ keys: [] })),
  };
}

function record(entry: Record<string, unknown>, over: Partial<QuarantineRecord> = {}): QuarantineRecord {
  return {
    version: 1,
    id: 'q-1',
    time: '2026-12-03T00:00:00Z',
    file: '/home/dev/.claude.json',
    scope: 'user',
    configHome: '/home/dev',
    jsonPath: ['mcpServers', 'thing'],
    name: 'thing',
    transport: 'stdio',
    verdict: 'unapproved',
    reason: 'matches no approved server',
    policy: null,
    entry,
    secrets: [],
    ...over,
  };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return (e as ApprovalError).code;
  }
}

describe('resolveFromRecord', () => {
  it('npx with an exact version: the argv kept, secrets named, the pin as asked', async () => {
    const rec = record(
      { command: 'npx', args: ['-y', '@acme/thing@1.0.0', '--token', '{{secret:T}}'], env: { K: '{{secret:K}}' } },
      {
        secrets: [
          { path: ['env', 'K'], name: 'K', account: 'a' },
          { path: ['args', 3], name: 'T', account: 'b' },
        ],
      },
    );
    const r = await resolveFromRecord(rec, fakeNpm(), O);
    expect(r.rule).toMatchObject({
      id: 'thing',
      command: 'npx',
      args: ['-y', '@acme/thing@1.0.0', '--token', '{{secret:T}}'],
      package: { version: '1.0.0' },
      env: { secrets: ['K'] },
    });
    expect(r.findings.find((f) => f.check === 'pinned')).toBeUndefined();
  });

  it('npx without a version: pinned to the latest, and said so', async () => {
    const npm = fakeNpm();
    const r = await resolveFromRecord(record({ command: 'npx', args: ['@acme/thing'] }), npm, O);
    expect(npm.asked[0]).toBe('@acme/thing@latest');
    expect(r.rule.args).toEqual(['@acme/thing@2.0.0']);
    expect(r.findings[0]).toMatchObject({ level: 'info', check: 'pinned' });
  });

  it('a remote server: its exact URL and header secrets', async () => {
    const rec = record(
      { type: 'http', url: 'https://mcp.example/x', headers: { Authorization: '{{secret:AUTH}}' } },
      { transport: 'http', secrets: [{ path: ['headers', 'Authorization'], name: 'AUTH', account: 'a' }] },
    );
    const r = await resolveFromRecord(rec, fakeNpm(), { ...O, scopes: ['user'] });
    expect(r.rule).toEqual({
      id: 'thing',
      transport: 'http',
      url: 'https://mcp.example/x',
      headers: { secrets: ['AUTH'] },
      scopes: ['user'],
    });
  });

  it.each([
    [{ command: 'uvx', args: ['mcp-server-fetch'] }, 'REGISTRY_UNSUPPORTED'],
    [{ command: '/usr/local/bin/uvx', args: ['mcp-server-fetch==1.0'] }, 'REGISTRY_UNSUPPORTED'],
    [{ command: 'pipx', args: ['run', 'mcp-server-fetch'] }, 'REGISTRY_UNSUPPORTED'],
    [{ command: 'uv', args: ['tool', 'run', 'mcp-server-fetch'] }, 'REGISTRY_UNSUPPORTED'],
    [{ command: 'my-server', args: [] }, 'SPEC_INVALID'],
    [{ command: 'npx', args: ['-y'] }, 'SPEC_INVALID'],
    [{ args: ['x'] }, 'SPEC_INVALID'],
  ])('%j is refused with %s', async (entry, code) => {
    expect(await codeOf(resolveFromRecord(record(entry), fakeNpm(), O))).toBe(code);
  });

  it("an absolute command: pinned by sha256 with the developer's argv", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-add-unit-'));
    try {
      const bin = path.join(dir, 'srv');
      fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
      const r = await resolveFromRecord(record({ command: bin, args: ['--stdio'] }), fakeNpm(), O);
      expect(r.rule).toMatchObject({
        command: bin,
        args: ['--stdio'],
        sha256: crypto.createHash('sha256').update('#!/bin/sh\n').digest('hex'),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resolveFromRecord: interpreters', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-add-interp-'));
    fs.mkdirSync(path.join(dir, 'proj', 'tools'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'proj', 'tools', 'srv.py'), 'print(1)\n');
    fs.writeFileSync(path.join(dir, 'srv.js'), 'console.log(1)\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const sha = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

  it('node with an absolute script: the script is pinned, the argv kept', async () => {
    const js = path.join(dir, 'srv.js');
    const r = await resolveFromRecord(record({ command: 'node', args: ['--enable-source-maps', js, '--stdio'] }), fakeNpm(), O);
    expect(r.rule).toMatchObject({
      command: 'node',
      args: ['--enable-source-maps', js, '--stdio'],
      file: js,
      sha256: sha('console.log(1)\n'),
    });
  });

  it('python3 with a script relative to the project: `file` stays relative, as the judge resolves it', async () => {
    const rec = record({ command: 'python3', args: ['tools/srv.py'] }, { scope: 'project', project: path.join(dir, 'proj') });
    const r = await resolveFromRecord(rec, fakeNpm(), O);
    expect(r.rule).toMatchObject({ command: 'python3', args: ['tools/srv.py'], file: 'tools/srv.py', sha256: sha('print(1)\n') });
    const doc = { org: 'a', version: 1, expires: '2099-01-01T00:00:00Z', mode: 'enforce', servers: [r.rule] };
    expect(lintAllowlist(JSON.stringify(doc), { fileName: 'a.json' }).errors).toEqual([]);
    expect(r.findings.map((f) => f.check)).toContain('file');
  });

  it.each([
    [{ command: 'node', args: ['-e', 'console.log(1)'] }],
    [{ command: 'python3', args: ['-m', 'server'] }],
    [{ command: 'bash', args: ['-c', 'exec srv'] }],
    [{ command: 'node', args: ['missing.js'] }], // relative, no project
  ])('%j has no script to pin: SPEC_INVALID', async (entry) => {
    expect(await codeOf(resolveFromRecord(record(entry), fakeNpm(), O))).toBe('SPEC_INVALID');
  });
});

describe('resolveSpec', () => {
  it('signing keys that cannot be read: the signature is "not checked", with the reason', async () => {
    const r = await resolveSpec(
      { kind: 'npm', name: 'x', version: '1.0.0' },
      fakeNpm(new Error('GET https://registry.example/-/npm/v1/keys: HTTP 401')),
      O,
    );
    expect(r.findings.find((f) => f.check === 'registry-signature')).toEqual({
      level: 'warn',
      check: 'registry-signature',
      message:
        "registry signature not checked: cannot read the registry's signing keys (GET https://registry.example/-/npm/v1/keys: HTTP 401)",
    });
  });
});
