// The admin's commands end to end, through the real CLI (a bundle of the current sources),
// with keys generated here and real files.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { makeAllowlist, makeKey, signAllowlist, writeAgentConfig, type TestKey } from '../../helpers/policy';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';
import { ALLOWLIST_PAYLOAD_TYPE, signEnvelope, type DsseEnvelope } from '../../../src/policy/dsse';
import { loadPolicy } from '../../../src/policy/loader';
import { loadAgentConfig } from '../../../src/config/load';
import type { Allowlist } from '../../../src/policy/types';

afterEach(cleanupTmp);

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'schemas', 'examples', 'allowlist.example.yaml');

function json<T = Record<string, unknown>>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

describe('mcp-warden keygen', () => {
  it('writes a 0600 PKCS#8 private key and an SPKI public key, prints the key id, refuses to overwrite', () => {
    const dir = path.join(tmpDir(), 'keys');

    const r = runCli(['keygen', '--out-dir', dir, '--name', 'it-1', '--json']);
    const again = runCli(['keygen', '--out-dir', dir, '--name', 'it-1']);

    expect(r.status).toBe(0);
    const k = json<{ keyId: string; privateKeyFile: string; publicKeyFile: string }>(r.stdout);
    expect(fs.statSync(k.privateKeyFile).mode & 0o777).toBe(0o600);
    const priv = crypto.createPrivateKey(fs.readFileSync(k.privateKeyFile));
    const pub = crypto.createPublicKey(fs.readFileSync(k.publicKeyFile));
    expect(fs.readFileSync(k.privateKeyFile, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect([priv.asymmetricKeyType, pub.asymmetricKeyType]).toEqual(['ed25519', 'ed25519']);
    expect(k.keyId).toBe(
      crypto
        .createHash('sha256')
        .update(pub.export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    );
    expect(again.status).toBe(2);
    expect(fs.readFileSync(k.privateKeyFile, 'utf8')).toBe(priv.export({ type: 'pkcs8', format: 'pem' }));
  });
});

describe('mcp-warden allowlist lint', () => {
  it('passes the example allowlist', () => {
    const r = runCli(['allowlist', 'lint', EXAMPLE]);

    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('valid (org acme, version 12')]);
  });

  it('prints every error with its JSON path and line:column, exit 1', () => {
    const file = writeFile(
      path.join(tmpDir(), 'a.yaml'),
      'org: acme\nversion: 1\nexpires: 2030-01-01T00:00:00Z\nmode: enforce\nservers:\n  - id: x\n    transport: stdio\n    command: npx\n    args: [-y, pkg@latest]\n    package: {registry: npm, name: pkg, version: latest, integrity: sha1-abc}\n',
    );

    const r = runCli(['allowlist', 'lint', file]);

    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:10:41: $.servers[0].package.version: must be an exact version`);
    expect(r.stdout).toContain(`${file}:10:58: $.servers[0].package.integrity: must be an SRI string`);
    expect(r.stdout).toContain('2 errors');
  });

  it('reports JSON errors with line:column too, as JSON with --json', () => {
    const file = writeFile(path.join(tmpDir(), 'a.json'), JSON.stringify({ ...makeAllowlist(), mode: 'block' }, null, 2));

    const r = runCli(['allowlist', 'lint', file, '--json']);

    expect(r.status).toBe(1);
    expect(json<{ errors: unknown[] }>(r.stdout).errors).toEqual([
      { path: '$.mode', line: 5, column: 3, message: 'must be one of: "audit", "enforce"' },
    ]);
  });

  it.each([
    ['malformed YAML', 'a.yaml', 'org: acme\n  servers: [\n'],
    ['malformed JSON', 'a.json', '{"org": "acme",,}'],
  ])('exits 2 on %s', (_name, name, text) => {
    const r = runCli(['allowlist', 'lint', writeFile(path.join(tmpDir(), name), text)]);

    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/:\d+:\d+: (YAML|JSON)/);
  });

  it('exits 2 on a missing file', () => {
    expect(runCli(['allowlist', 'lint', '/nonexistent/a.yaml']).status).toBe(2);
  });
});

describe('mcp-warden allowlist sign', () => {
  function keyFile(dir: string, k: TestKey, name: string, mode = 0o600): string {
    return writeFile(path.join(dir, `${name}.key.pem`), k.privatePem, mode);
  }

  it('signs with every key over PAE, canonical JSON payload, and the result verifies', () => {
    const dir = tmpDir();
    const [a, b] = [makeKey(), makeKey()];
    const out = path.join(dir, 'allowlist.dsse.json');

    const r = runCli(['allowlist', 'sign', EXAMPLE, '--key', keyFile(dir, a, 'a'), '--key', keyFile(dir, b, 'b'), '--out', out]);

    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const env = json<DsseEnvelope>(fs.readFileSync(out, 'utf8'));
    expect(env.payloadType).toBe(ALLOWLIST_PAYLOAD_TYPE);
    expect(env.signatures.map((s) => s.keyid).sort()).toEqual([a.keyId, b.keyId].sort());
    const payload = Buffer.from(env.payload, 'base64').toString('utf8');
    expect(Object.keys(JSON.parse(payload) as object)).toEqual([
      'deny',
      'expires',
      'mode',
      'org',
      'requestApproval',
      'servers',
      'settings',
      'version',
    ]);
    const config = writeAgentConfig(dir, { keys: [a, b], threshold: 2, envelopeFile: out, extra: { exec: { path: '/bin/true' } } });
    expect(runCli(['allowlist', 'verify', out, '--config', config, '--state-dir', path.join(dir, 'state')]).status).toBe(0);
  });

  it('gives the same payload for the same allowlist in YAML and in JSON with keys reordered', () => {
    const dir = tmpDir();
    const k = keyFile(dir, makeKey(), 'k');
    const a = makeAllowlist({ version: 3, servers: [] });
    const yamlFile = writeFile(path.join(dir, 'a.yaml'), `version: 3\nservers: []\nmode: ${a.mode}\norg: acme\nexpires: ${a.expires}\n`);
    const jsonFile = writeFile(path.join(dir, 'a.json'), JSON.stringify(a));

    runCli(['allowlist', 'sign', yamlFile, '--key', k, '--out', path.join(dir, 'y.dsse')]);
    runCli(['allowlist', 'sign', jsonFile, '--key', k, '--out', path.join(dir, 'j.dsse')]);

    const payloadOf = (f: string): string => json<DsseEnvelope>(fs.readFileSync(path.join(dir, f), 'utf8')).payload;
    expect(payloadOf('y.dsse')).toBe(payloadOf('j.dsse'));
  });

  it('--append lets signers on separate machines add signatures to one envelope', () => {
    const dir = tmpDir();
    const [a, b] = [makeKey(), makeKey()];
    const out = path.join(dir, 'allowlist.dsse.json');
    const other = writeFile(path.join(dir, 'other.json'), JSON.stringify(makeAllowlist({ version: 99 })));

    expect(runCli(['allowlist', 'sign', EXAMPLE, '--key', keyFile(dir, a, 'a'), '--out', out]).status).toBe(0);
    expect(runCli(['allowlist', 'sign', EXAMPLE, '--key', keyFile(dir, b, 'b'), '--out', out, '--append']).status).toBe(0);
    const mismatch = runCli(['allowlist', 'sign', other, '--key', path.join(dir, 'b.key.pem'), '--out', out, '--append']);

    expect(
      json<DsseEnvelope>(fs.readFileSync(out, 'utf8'))
        .signatures.map((s) => s.keyid)
        .sort(),
    ).toEqual([a.keyId, b.keyId].sort());
    expect(mismatch.status).toBe(2);
    const config = writeAgentConfig(dir, { keys: [a, b], threshold: 2, envelopeFile: out, extra: { exec: { path: '/bin/true' } } });
    expect(runCli(['allowlist', 'verify', out, '--config', config, '--state-dir', path.join(dir, 'state')]).status).toBe(0);
  });

  it('warns when the private key is readable by group or others', () => {
    const dir = tmpDir();

    const r = runCli(['allowlist', 'sign', EXAMPLE, '--key', keyFile(dir, makeKey(), 'k', 0o644), '--out', path.join(dir, 'o.json')]);

    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: .*k\.key\.pem is accessible by group or others \(mode 644\)/);
  });

  it.each([
    [
      'an RSA key',
      () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ],
    [
      'an EC key',
      () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ],
    ['a public key', () => makeKey().publicPem],
  ])('refuses %s (KEY_INVALID, exit 2) and writes nothing', (_name, pem) => {
    const dir = tmpDir();
    const out = path.join(dir, 'o.json');

    const r = runCli(['allowlist', 'sign', EXAMPLE, '--key', writeFile(path.join(dir, 'k.pem'), pem(), 0o600), '--out', out]);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain('KEY_INVALID');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('lints first: an invalid allowlist is not signed (LINT_FAILED, exit 1)', () => {
    const dir = tmpDir();
    const src = writeFile(
      path.join(dir, 'a.yaml'),
      'org: acme\nversion: 1\nexpires: 2030-01-01T00:00:00Z\nmode: enforce\nservers: [{id: x, transport: http}]\n',
    );

    const r = runCli(['allowlist', 'sign', src, '--key', keyFile(dir, makeKey(), 'k'), '--out', path.join(dir, 'o.json')]);

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('$.servers[0].url: is required');
    expect(r.stderr).toContain('LINT_FAILED');
  });
});

describe('mcp-warden allowlist verify', () => {
  const trusted = [makeKey(), makeKey()];
  const stranger = makeKey();

  interface Case {
    dir: string;
    config: string;
    stateDir: string;
    write: (content: DsseEnvelope | string | Buffer) => string;
  }

  function setup(opts: { threshold?: number; maxBytes?: number } = {}): Case {
    const dir = tmpDir();
    const envelopeFile = path.join(dir, 'allowlist.dsse.json');
    const config = writeAgentConfig(dir, {
      keys: trusted,
      threshold: opts.threshold ?? 1,
      envelopeFile,
      extra: { exec: { path: '/bin/true' }, allowlist: { file: envelopeFile, maxBytes: opts.maxBytes } },
    });
    return {
      dir,
      config,
      stateDir: path.join(dir, 'state'),
      write: (content) => {
        fs.writeFileSync(
          envelopeFile,
          Buffer.isBuffer(content) ? content : typeof content === 'string' ? content : JSON.stringify(content),
        );
        return envelopeFile;
      },
    };
  }

  function verify(c: Case, file: string): { status: number | null; code?: string; out: Record<string, unknown> } {
    const r = runCli(['allowlist', 'verify', file, '--config', c.config, '--state-dir', c.stateDir, '--json']);
    if (!r.stdout) throw new Error(r.stderr);
    const out = json(r.stdout);
    return { status: r.status, code: out.code as string | undefined, out };
  }

  it('prints org, version, expiry, mode, server count and the key ids that verified', () => {
    const c = setup({ threshold: 2 });
    const file = c.write(signAllowlist(makeAllowlist({ version: 4, mode: 'audit' }), trusted));

    const r = runCli(['allowlist', 'verify', file, '--config', c.config, '--state-dir', c.stateDir]);

    expect(r.status).toBe(0);
    for (const s of ['org:      acme', 'version:  4', 'mode:     audit', 'servers:  0', trusted[0].keyId, trusted[1].keyId])
      expect(r.stdout).toContain(s);
    expect(fs.existsSync(c.stateDir)).toBe(false);
  });

  const good = (a: Partial<Allowlist> = {}): DsseEnvelope => signAllowlist(makeAllowlist(a), [trusted[0]]);
  const payloadOf = (e: DsseEnvelope): Buffer => Buffer.from(e.payload, 'base64');

  it.each<[string, () => DsseEnvelope | string, number]>([
    [
      'SIGNATURE_INVALID',
      () => ({ ...good(), payload: Buffer.from(payloadOf(good()).toString().replace('enforce', 'audit')).toString('base64') }),
      1,
    ],
    [
      'SIGNATURE_NOT_PAE',
      () => ({
        ...good(),
        signatures: [{ keyid: trusted[0].keyId, sig: crypto.sign(null, payloadOf(good()), trusted[0].privateKey).toString('base64') }],
      }),
      1,
    ],
    ['UNKNOWN_KEY', () => signAllowlist(makeAllowlist(), [stranger]), 1],
    ['THRESHOLD_NOT_MET', () => signAllowlist(makeAllowlist(), [trusted[0], stranger]), 2],
    ['DUPLICATE_SIGNATURES', () => signAllowlist(makeAllowlist(), [trusted[0], trusted[0]]), 2],
    ['PAYLOAD_TYPE', () => signEnvelope('application/vnd.in-toto+json', payloadOf(good()), [trusted[0].privateKey]), 1],
    ['EXPIRED', () => good({ expires: '2024-01-01T00:00:00Z' }), 1],
    ['ORG_MISMATCH', () => good({ org: 'globex' }), 1],
    ['PAYLOAD_PARSE', () => signAllowlist('{"org": "acme",', [trusted[0]]), 1],
    ['SCHEMA_INVALID', () => signAllowlist('{"org": "acme"}', [trusted[0]]), 1],
    ['ENVELOPE_MALFORMED', () => '{"payload": "e30=", "payloadType": ', 1],
    ['BAD_BASE64', () => ({ ...good(), payload: '%%%not-base64%%%' }), 1],
    ['NO_SIGNATURES', () => ({ ...good(), signatures: [] }), 1],
  ])('rejects with %s (exit 1)', (code, make, threshold) => {
    const c = setup({ threshold });
    const v = verify(c, c.write(make()));

    expect([v.status, v.code]).toEqual([1, code]);
  });

  it('rejects an envelope over the size cap (ENVELOPE_TOO_LARGE)', () => {
    const c = setup({ maxBytes: 1024 });
    const big = good({ requestApproval: 'x'.repeat(2000) });

    expect(verify(c, c.write(big)).code).toBe('ENVELOPE_TOO_LARGE');
  });

  it('rejects a rollback and an equal version with different bytes against the state folder', () => {
    const c = setup();
    c.write(good({ version: 5 }));
    loadPolicy({ config: loadAgentConfig({ configPath: c.config, env: {} }), stateDir: c.stateDir });

    expect(verify(c, c.write(good({ version: 4 }))).code).toBe('ROLLBACK');
    expect(verify(c, c.write(good({ version: 5, mode: 'audit' }))).code).toBe('VERSION_CONFLICT');
    expect(verify(c, c.write(good({ version: 6 }))).status).toBe(0);
  });

  it('refuses an agent config whose trust key is not Ed25519 (KEY_INVALID, exit 2)', () => {
    const dir = tmpDir();
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const config = writeFile(
      path.join(dir, 'agent.json'),
      JSON.stringify({ org: 'acme', trust: { keys: [{ publicKey: rsa }], threshold: 1 }, allowlist: { file: 'a.json' } }),
    );

    const r = runCli(['allowlist', 'verify', writeFile(path.join(dir, 'a.json'), JSON.stringify(good())), '--config', config]);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain('KEY_INVALID');
  });
});

describe('mcp-warden allowlist hash', () => {
  it('prints sha256sum-style lines', () => {
    const file = writeFile(path.join(tmpDir(), 'server.js'), 'console.log(1)\n');

    const r = runCli(['allowlist', 'hash', file]);

    expect(r.stdout).toBe(`${crypto.createHash('sha256').update('console.log(1)\n').digest('hex')}  ${file}\n`);
  });
});
