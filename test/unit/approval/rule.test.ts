// The rules `allowlist add` writes: npm, file and oci, their ids, scopes and env secrets.
// Each one must pass the allowlist schema as it is.
import { defaultId, fileRule, npmRule, ociRule } from '../../../src/approval/rule';
import { lintAllowlist } from '../../../src/policy/lint';
import type { ServerRule } from '../../../src/policy/types';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const SHA = 'ab'.repeat(32);
const DIGEST = `sha256:${'cd'.repeat(32)}`;

function lintErrors(rule: ServerRule): string[] {
  const doc = { org: 'acme', version: 1, expires: '2099-01-01T00:00:00Z', mode: 'enforce', servers: [rule] };
  return lintAllowlist(JSON.stringify(doc), { fileName: 'a.json' }).errors.map((e) => `${e.path}: ${e.message}`);
}

describe('defaultId', () => {
  it.each([
    ['@modelcontextprotocol/server-github', 'server-github'],
    ['server-github', 'server-github'],
    ['@scope/a.b', 'a-b'],
    ['my server (v2)', 'my-server-v2'],
    ['__x__', '__x__'],
    ['...', 'server'],
    ['', 'server'],
    ['@scope/', 'server'],
    ['ünïcode', 'n-code'],
  ])('%j → %j', (name, id) => {
    expect(defaultId(name)).toBe(id);
  });

  it('is at most 64 characters and always a valid id', () => {
    for (const name of ['x'.repeat(300), `${'a'.repeat(63)}.b`, '@s/' + 'y-'.repeat(100), '-a-', '%%%a%%%']) {
      const id = defaultId(name);
      expect(id.length).toBeLessThanOrEqual(64);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });
});

describe('npmRule', () => {
  it('npx -y name@version, pinned by integrity', () => {
    const r = npmRule('@acme/mcp-thing', '1.1.0', INTEGRITY);
    expect(r).toEqual({
      id: 'mcp-thing',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@acme/mcp-thing@1.1.0'],
      package: { registry: 'npm', name: '@acme/mcp-thing', version: '1.1.0', integrity: INTEGRITY },
    });
    expect(lintErrors(r)).toEqual([]);
  });

  it('an id, a description, scopes and env secrets (sorted)', () => {
    const r = npmRule('x', '1.0.0', INTEGRITY, {
      id: 'my-x',
      description: 'X for the docs team',
      scopes: ['user', 'project'],
      envSecrets: ['Z_TOKEN', 'A_KEY'],
    });
    expect(r).toMatchObject({
      id: 'my-x',
      description: 'X for the docs team',
      scopes: ['user', 'project'],
      env: { secrets: ['A_KEY', 'Z_TOKEN'] },
    });
    expect(lintErrors(r)).toEqual([]);
  });

  it('empty scopes and secrets are left out, not written as []', () => {
    const r = npmRule('x', '1.0.0', INTEGRITY, { scopes: [], envSecrets: [] });
    expect(r).not.toHaveProperty('scopes');
    expect(r).not.toHaveProperty('env');
  });

  it("the developer's argv is kept as given", () => {
    const r = npmRule('x', '1.0.0', INTEGRITY, { argv: { command: 'npx', args: ['--yes', 'x@1.0.0', '--port', '{{secret:PORT_TOKEN}}'] } });
    expect(r.args).toEqual(['--yes', 'x@1.0.0', '--port', '{{secret:PORT_TOKEN}}']);
    expect(lintErrors(r)).toEqual([]);
  });
});

describe('fileRule', () => {
  it('an executable runs as itself, no `file`', () => {
    const r = fileRule('/opt/tools/mcp-server', SHA, true);
    expect(r).toEqual({ id: 'mcp-server', transport: 'stdio', command: '/opt/tools/mcp-server', args: [], sha256: SHA });
    expect(lintErrors(r)).toEqual([]);
  });

  it.each([
    ['/opt/s/srv.js', 'node'],
    ['/opt/s/srv.mjs', 'node'],
    ['/opt/s/srv.cjs', 'node'],
    ['/opt/s/srv.py', 'python3'],
    ['/opt/s/srv.sh', 'bash'],
  ])('a script that is not executable: %s runs under %s and `file` names it', (file, interp) => {
    const r = fileRule(file, SHA, false);
    expect(r).toMatchObject({ id: 'srv', command: interp, args: [file], file, sha256: SHA });
    expect(lintErrors(r)).toEqual([]);
  });

  it('an executable script runs as itself', () => {
    expect(fileRule('/opt/s/srv.py', SHA, true)).toMatchObject({ command: '/opt/s/srv.py', args: [] });
  });

  it('a file of unknown kind runs as itself', () => {
    expect(fileRule('/opt/s/srv.bin', SHA, false)).toMatchObject({ id: 'srv', command: '/opt/s/srv.bin', args: [] });
  });

  it("the developer's argv: `file` is set when the command is not the file", () => {
    const r = fileRule('/opt/s/srv.py', SHA, false, { argv: { command: 'uv', args: ['run', '/opt/s/srv.py'] }, envSecrets: ['K'] });
    expect(r).toMatchObject({ command: 'uv', args: ['run', '/opt/s/srv.py'], file: '/opt/s/srv.py', env: { secrets: ['K'] } });
    expect(fileRule('/opt/s/srv', SHA, true, { argv: { command: '/opt/s/srv', args: ['--stdio'] } })).not.toHaveProperty('file');
  });
});

describe('ociRule', () => {
  it('docker run -i --rm image@digest, pinned by digest', () => {
    const r = ociRule('ghcr.io/github/github-mcp-server', DIGEST);
    expect(r).toEqual({
      id: 'github-mcp-server',
      transport: 'stdio',
      command: 'docker',
      args: ['run', '-i', '--rm', `ghcr.io/github/github-mcp-server@${DIGEST}`],
      image: { name: 'ghcr.io/github/github-mcp-server', digest: DIGEST },
    });
    expect(lintErrors(r)).toEqual([]);
  });

  it('podman; an image without a registry; scopes', () => {
    const r = ociRule('alpine', DIGEST, { runtime: 'podman', scopes: ['local'] });
    expect(r).toMatchObject({ id: 'alpine', command: 'podman', args: ['run', '-i', '--rm', `alpine@${DIGEST}`], scopes: ['local'] });
    expect(lintErrors(r)).toEqual([]);
  });

  it('a registry with a port: the id is the last path segment', () => {
    expect(ociRule('localhost:5000/team/img', DIGEST).id).toBe('img');
  });
});
