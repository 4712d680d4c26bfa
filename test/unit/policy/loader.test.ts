import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPolicy } from '../../../src/policy/loader';
import { policyStateFile, readPolicyState, writePolicyState } from '../../../src/policy/last-good';
import type { LoadedConfig } from '../../../src/config/types';
import type { Allowlist } from '../../../src/policy/types';
import { makeAllowlist, makeKey, signAllowlist, writeSignedAllowlist, type TestKey } from '../../helpers/policy';
import { tmpDir, cleanupTmp } from '../../helpers/tmp';

afterEach(cleanupTmp);

const k1 = makeKey();
const k2 = makeKey();

interface Setup {
  dir: string;
  stateDir: string;
  envelope: string;
  config: (keys?: TestKey[]) => LoadedConfig;
  publish: (a: Allowlist, keys?: TestKey[]) => void;
}

function setup(): Setup {
  const dir = tmpDir();
  const envelope = path.join(dir, 'allowlist.dsse.json');
  return {
    dir,
    stateDir: path.join(dir, 'state'),
    envelope,
    config: (keys = [k1]) => ({
      config: {
        org: 'acme',
        trust: { keys: keys.map((k) => ({ publicKey: k.publicPem })), threshold: 1 },
        allowlist: { file: envelope },
        exec: { path: '/bin/true' },
      },
      source: path.join(dir, 'agent.json'),
      baseDir: dir,
    }),
    publish: (a, keys = [k1]) => {
      writeSignedAllowlist(envelope, a, keys);
    },
  };
}

describe('loadPolicy', () => {
  it('accepts a valid allowlist and stores it as the last good (0600, atomically)', () => {
    const s = setup();
    s.publish(makeAllowlist({ version: 3 }));

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect(r.status).toBe('accepted');
    expect(r.policy?.allowlist.version).toBe(3);
    expect(r.policy?.keyIds).toEqual([k1.keyId]);
    expect(r.policy?.source).toBe(s.envelope);
    const st = readPolicyState(s.stateDir).state;
    expect(st?.version).toBe(3);
    expect(st?.digest).toBe(r.policy?.digest);
    expect(Buffer.from(st?.envelope ?? '', 'base64').equals(fs.readFileSync(s.envelope))).toBe(true);
    expect(fs.statSync(policyStateFile(s.stateDir)).mode & 0o777).toBe(0o600);
    // No temp files left behind.
    expect(fs.readdirSync(path.dirname(policyStateFile(s.stateDir))).filter((f) => !f.startsWith('.lock'))).toEqual(['last-good.json']);
  });

  it('reports unchanged, without writing, when the same envelope is loaded again', () => {
    const s = setup();
    s.publish(makeAllowlist());
    const first = loadPolicy({ config: s.config(), stateDir: s.stateDir });
    const before = fs.statSync(policyStateFile(s.stateDir)).mtimeMs;

    const again = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect(again.status).toBe('unchanged');
    expect(again.policy?.acceptedAt).toBe(first.policy?.acceptedAt);
    expect(fs.statSync(policyStateFile(s.stateDir)).mtimeMs).toBe(before);
  });

  it('keeps the last good, with the reason, when a newer candidate is rejected', () => {
    const s = setup();
    s.publish(makeAllowlist({ version: 2 }));
    loadPolicy({ config: s.config(), stateDir: s.stateDir });
    s.publish(makeAllowlist({ version: 3, org: 'other' }));

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect(r.status).toBe('kept-last-good');
    expect(r.policy?.allowlist.version).toBe(2);
    expect(r.rejection?.code).toBe('ORG_MISMATCH');
    expect(readPolicyState(s.stateDir).state?.version).toBe(2);
  });

  it('refuses a rollback to an older signed version', () => {
    const s = setup();
    const old = signAllowlist(makeAllowlist({ version: 1 }), [k1]);
    s.publish(makeAllowlist({ version: 2 }));
    loadPolicy({ config: s.config(), stateDir: s.stateDir });
    fs.writeFileSync(s.envelope, JSON.stringify(old));

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect([r.status, r.rejection?.code, r.policy?.allowlist.version]).toEqual(['kept-last-good', 'ROLLBACK', 2]);
  });

  it('treats an older file as superseded, not rejected, when the last good came from the URL', () => {
    const s = setup();
    s.publish(makeAllowlist({ version: 4 }));
    const bytes = Buffer.from(JSON.stringify(signAllowlist(makeAllowlist({ version: 5 }), [k1])));
    loadPolicy({ config: s.config(), stateDir: s.stateDir, candidate: { bytes, source: 'https://policy.example.com/a.json' } });

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect([r.status, r.rejection, r.superseded?.code, r.policy?.allowlist.version]).toEqual(['unchanged', undefined, 'ROLLBACK', 5]);
  });

  it('keeps the last good when the allowlist file disappears', () => {
    const s = setup();
    s.publish(makeAllowlist());
    loadPolicy({ config: s.config(), stateDir: s.stateDir });
    fs.rmSync(s.envelope);

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect([r.status, r.rejection?.code, r.policy?.allowlist.version]).toEqual(['kept-last-good', 'SOURCE_MISSING', 1]);
  });

  it('keeps the policy in force past its expiry, flagged stale (never no policy, never deny-all)', () => {
    const s = setup();
    const expires = new Date(Date.now() + 3600_000).toISOString();
    s.publish(makeAllowlist({ expires }));
    loadPolicy({ config: s.config(), stateDir: s.stateDir });
    const later = new Date(Date.now() + 30 * 24 * 3600_000);

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir, now: later });

    expect([r.status, r.stale, r.policy?.allowlist.version]).toEqual(['unchanged', true, 1]);
    fs.rmSync(s.envelope);
    const gone = loadPolicy({ config: s.config(), stateDir: s.stateDir, now: later });
    expect([gone.status, gone.stale]).toEqual(['kept-last-good', true]);
  });

  it('returns no policy when nothing valid exists', () => {
    const s = setup();

    const missing = loadPolicy({ config: s.config(), stateDir: s.stateDir });
    fs.writeFileSync(s.envelope, '{"payload":');
    const broken = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect([missing.status, missing.policy, missing.rejection?.code]).toEqual(['none', null, 'SOURCE_MISSING']);
    expect([broken.status, broken.rejection?.code]).toEqual(['none', 'ENVELOPE_MALFORMED']);
    expect(fs.existsSync(policyStateFile(s.stateDir))).toBe(false);
  });

  it('re-verifies the last good against the current trust keys', () => {
    const s = setup();
    s.publish(makeAllowlist());
    loadPolicy({ config: s.config([k1]), stateDir: s.stateDir });
    s.publish(makeAllowlist({ version: 2 }), [k1]);

    // k1 was revoked: only k2 is trusted now. Neither the candidate nor the last good verify.
    const r = loadPolicy({ config: s.config([k2]), stateDir: s.stateDir });

    expect([r.status, r.policy, r.rejection?.code, r.lastGoodRejection?.code]).toEqual(['none', null, 'UNKNOWN_KEY', 'UNKNOWN_KEY']);
  });

  it('takes a candidate fetched from a URL instead of the file', () => {
    const s = setup();
    s.publish(makeAllowlist({ version: 1 }));
    const bytes = Buffer.from(JSON.stringify(signAllowlist(makeAllowlist({ version: 7 }), [k1])));

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir, candidate: { bytes, source: 'https://policy.example.com/a.json' } });

    expect([r.status, r.policy?.allowlist.version, r.policy?.source]).toEqual(['accepted', 7, 'https://policy.example.com/a.json']);
  });

  it('does not write in read-only mode', () => {
    const s = setup();
    s.publish(makeAllowlist());

    expect(loadPolicy({ config: s.config(), stateDir: s.stateDir, readOnly: true }).status).toBe('accepted');
    expect(fs.existsSync(policyStateFile(s.stateDir))).toBe(false);
  });

  it('treats a corrupt state file as no last good and replaces it on the next acceptance', () => {
    const s = setup();
    fs.mkdirSync(path.dirname(policyStateFile(s.stateDir)), { recursive: true });
    fs.writeFileSync(policyStateFile(s.stateDir), 'garbage');
    s.publish(makeAllowlist({ version: 4 }));

    expect(loadPolicy({ config: s.config(), stateDir: s.stateDir }).status).toBe('accepted');
    expect(readPolicyState(s.stateDir).state?.version).toBe(4);
  });
});

describe('loadPolicy, less common paths', () => {
  it('keeps the last good when a URL-only config has no fetched candidate yet', () => {
    const s = setup();
    s.publish(makeAllowlist());
    loadPolicy({ config: s.config(), stateDir: s.stateDir });
    const urlOnly = s.config();
    urlOnly.config.allowlist = { url: 'https://policy.example.com/a.json' };

    const r = loadPolicy({ config: urlOnly, stateDir: s.stateDir });
    const fresh = loadPolicy({ config: urlOnly, stateDir: path.join(s.dir, 'other-state') });

    expect([r.status, r.rejection, r.policy?.allowlist.version]).toEqual(['unchanged', undefined, 1]);
    expect([fresh.status, fresh.rejection, fresh.policy]).toEqual(['none', undefined, null]);
  });

  it('reports an unreadable or oversized allowlist file with its own code', () => {
    const s = setup();
    fs.mkdirSync(s.envelope);
    const unreadable = loadPolicy({ config: s.config(), stateDir: s.stateDir });
    fs.rmdirSync(s.envelope);
    fs.writeFileSync(s.envelope, 'x'.repeat(2048));
    const big = s.config();
    big.config.allowlist.maxBytes = 1024;

    expect(unreadable.rejection?.code).toBe('SOURCE_UNREADABLE');
    expect(loadPolicy({ config: big, stateDir: s.stateDir }).rejection?.code).toBe('ENVELOPE_TOO_LARGE');
  });

  it('stores a re-signed envelope of the same allowlist (more signatures) as unchanged', () => {
    const s = setup();
    const a = makeAllowlist();
    s.publish(a, [k1]);
    loadPolicy({ config: s.config([k1, k2]), stateDir: s.stateDir });
    s.publish(a, [k1, k2]);

    const r = loadPolicy({ config: s.config([k1, k2]), stateDir: s.stateDir });

    expect([r.status, r.policy?.keyIds.length]).toEqual(['unchanged', 2]);
    expect(Buffer.from(readPolicyState(s.stateDir).state?.envelope ?? '', 'base64').equals(fs.readFileSync(s.envelope))).toBe(true);
  });

  it('still returns an accepted policy when the state cannot be stored, saying why', () => {
    const s = setup();
    s.publish(makeAllowlist());
    fs.writeFileSync(s.stateDir, 'a file where the state folder should be');

    const r = loadPolicy({ config: s.config(), stateDir: s.stateDir });

    expect([r.status, r.policy?.allowlist.version, typeof r.stateError]).toEqual(['accepted', 1, 'string']);
  });
});

describe('writePolicyState', () => {
  it('only moves forward: an older version never replaces a newer one', () => {
    const stateDir = path.join(tmpDir(), 'state');
    const base = { format: 1 as const, acceptedAt: new Date().toISOString(), source: 'x', keyIds: [], envelope: 'e30=' };

    expect(writePolicyState(stateDir, { ...base, version: 3, digest: 'a'.repeat(64) })).toBe(true);
    expect(writePolicyState(stateDir, { ...base, version: 2, digest: 'b'.repeat(64) })).toBe(false);
    expect(writePolicyState(stateDir, { ...base, version: 3, digest: 'c'.repeat(64) })).toBe(false);
    expect(writePolicyState(stateDir, { ...base, version: 4, digest: 'd'.repeat(64) })).toBe(true);
    expect(readPolicyState(stateDir).state?.digest).toBe('d'.repeat(64));
  });

  it('waits for another process holding the state lock, then writes', async () => {
    const stateDir = path.join(tmpDir(), 'state');
    const dir = path.join(stateDir, 'policy');
    fs.mkdirSync(dir, { recursive: true });
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const r=require('proper-lockfile').lockSync(process.argv[1],{lockfilePath:process.argv[2],realpath:false});console.log('held');setTimeout(()=>{r();process.exit(0)},300);`,
        dir,
        path.join(dir, '.lock'),
      ],
      { cwd: path.resolve(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));

    // Blocks (synchronously) until the holder releases: the write is not lost.
    const written = writePolicyState(stateDir, {
      format: 1,
      version: 9,
      digest: 'e'.repeat(64),
      acceptedAt: 'x',
      source: 'x',
      keyIds: [],
      envelope: 'e30=',
    });
    await new Promise((resolve) => holder.once('exit', resolve));

    expect(written).toBe(true);
    expect(readPolicyState(stateDir).state?.version).toBe(9);
  });
});
