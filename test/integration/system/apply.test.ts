import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTmp, writeFile } from '../../helpers/tmp';
import { signAllowlist } from '../../helpers/policy';
import { renderManagedSettings } from '../../../src/system/render';
import { checkManagedSettings, serializeManagedSettings } from '../../../src/system/validate';
import { policyOf } from '../../unit/system/helpers';
import { EXEC_PATH, fixture, json, machine, snapshot, spooled } from './setup';

afterEach(cleanupTmp);

const codeOf = (stderr: string): string | undefined => /mcp-warden: ([A-Z_]+):/.exec(stderr)?.[1];

describe('system apply', () => {
  it('writes the drop-in the verified policy renders: schema-valid, mode 0644, owner root', () => {
    const m = machine();
    const allowlist = fixture('full');
    m.publish(allowlist);
    const r = m.run(['apply', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = json<{ outcome: string; file: string; text: string }>(r);
    expect(report.outcome).toBe('written');
    expect(report.file).toBe(m.dropIn);
    const text = fs.readFileSync(m.dropIn, 'utf8');
    expect(text).toBe(serializeManagedSettings(renderManagedSettings(policyOf(allowlist), { execPath: EXEC_PATH }).settings));
    // --json output goes through the redactor, which masks URL userinfo even when it is a placeholder.
    expect((JSON.parse(report.text) as { allowedMcpServers: unknown[] }).allowedMcpServers).toHaveLength(
      JSON.parse(text).allowedMcpServers.length,
    );
    expect(checkManagedSettings(JSON.parse(text))).toEqual([]);
    const st = fs.statSync(m.dropIn);
    expect(st.mode & 0o777).toBe(0o644);
    if (process.getuid?.() === 0) expect(st.uid).toBe(0);
    expect(spooled(m.stateDir).map((e) => [e.kind, e.action])).toEqual([['managed.applied', 'fixed']]);
  });

  it('is idempotent: unchanged content is not rewritten', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    const before = fs.statSync(m.dropIn);
    const r = m.run(['apply', '--json']);
    expect(r.status).toBe(0);
    expect(json(r).outcome).toBe('unchanged');
    const after = fs.statSync(m.dropIn);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(spooled(m.stateDir)).toHaveLength(1);
  });

  it('--dry-run writes nothing: no drop-in, no managed folder, no policy state', () => {
    const m = machine();
    m.publish(fixture('full'));
    const r = m.run(['apply', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^would write: /);
    expect(r.stdout).toContain('"allowedMcpServers"');
    expect(fs.existsSync(m.managedDir)).toBe(false);
    expect(snapshot(m.stateDir)).toEqual({});
  });

  it('never touches the other managed files', () => {
    const m = machine();
    writeFile(path.join(m.managedDir, 'managed-settings.json'), '{"permissions":{"deny":["Bash(curl:*)"]}}\n');
    writeFile(path.join(m.managedDir, 'managed-settings.d', '10-org.json'), '{"env":{"X":"1"}}\n');
    writeFile(path.join(m.managedDir, 'managed-mcp.json'), '{"mcpServers":{}}\n');
    const before = snapshot(m.managedDir);
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    const after = snapshot(m.managedDir);
    delete after['managed-settings.d/50-mcp-warden.json'];
    expect(after).toEqual(before);
  });

  it('restores a drop-in someone edited, and fixes its mode', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    const good = fs.readFileSync(m.dropIn, 'utf8');
    fs.writeFileSync(m.dropIn, '{"allowedMcpServers":[{"serverCommand":["evil"]}],"enableAllProjectMcpServers":true}\n');
    expect(json(m.run(['apply', '--json'])).outcome).toBe('written');
    expect(fs.readFileSync(m.dropIn, 'utf8')).toBe(good);
    fs.chmodSync(m.dropIn, 0o600);
    expect(json(m.run(['apply', '--json'])).outcome).toBe('written');
    expect(fs.statSync(m.dropIn).mode & 0o777).toBe(0o644);
  });

  it('uses system.dropInName from the agent config', () => {
    const m = machine({ extra: { system: { dropInName: '90-acme-mcp.json' } } });
    m.publish(fixture('remote-only'));
    expect(m.run(['apply']).status).toBe(0);
    expect(fs.readdirSync(path.dirname(m.dropIn))).toEqual(['90-acme-mcp.json']);
  });

  it('refuses a drop-in name that is not a plain .json file name (exit 2)', () => {
    const m = machine({ extra: { system: { dropInName: '../evil.json' } } });
    m.publish(fixture('remote-only'));
    const r = m.run(['apply']);
    expect(r.status).toBe(2);
    // The agent config schema refuses it first; system apply checks again (defence in depth).
    expect(['CONFIG_INVALID', 'DROPIN_NAME_INVALID']).toContain(codeOf(r.stderr));
    expect(fs.existsSync(m.managedDir)).toBe(false);
  });
});

describe('system apply fails safe', () => {
  function applied(): ReturnType<typeof machine> & { good: Record<string, string> } {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    return Object.assign(m, { good: snapshot(m.managedDir) });
  }

  it('a tampered allowlist writes nothing and reports managed.rejected', () => {
    const m = applied();
    const env = signAllowlist(fixture('full', { version: 8 }), [m.key]);
    // Same signature, different payload: a user widened the allowlist.
    const forged = fixture('full', { version: 8, settings: { allowManagedMcpServersOnly: false } });
    env.payload = Buffer.from(JSON.stringify(forged, null, 2)).toString('base64');
    fs.writeFileSync(m.envelope, JSON.stringify(env));
    const r = m.run(['apply']);
    expect(r.status).toBe(1);
    expect(codeOf(r.stderr)).toBe('POLICY_REJECTED');
    expect(snapshot(m.managedDir)).toEqual(m.good);
    expect(spooled(m.stateDir).map((e) => e.kind)).toEqual(['managed.applied', 'managed.rejected']);
  });

  it('a refusal that persists is reported once, and again after a success', () => {
    const m = applied();
    m.publish(fixture('full', { version: 6, servers: [] }));
    expect(m.run(['apply']).status).toBe(1);
    expect(m.run(['apply']).status).toBe(1);
    expect(spooled(m.stateDir).map((e) => e.kind)).toEqual(['managed.applied', 'managed.rejected']);
    m.publish(fixture('full', { version: 8, deny: [] }));
    expect(m.run(['apply']).status).toBe(0);
    m.publish(fixture('full', { version: 7 }));
    expect(m.run(['apply']).status).toBe(1);
    expect(spooled(m.stateDir).map((e) => e.kind)).toEqual(['managed.applied', 'managed.rejected', 'managed.applied', 'managed.rejected']);
  });

  it('a rolled-back allowlist writes nothing', () => {
    const m = applied();
    m.publish(fixture('full', { version: 6, servers: [] }));
    const r = m.run(['apply']);
    expect(r.status).toBe(1);
    expect(codeOf(r.stderr)).toBe('POLICY_REJECTED');
    expect(r.stderr).toContain('ROLLBACK');
    expect(snapshot(m.managedDir)).toEqual(m.good);
  });

  it('an expired allowlist writes nothing new; the last good stays', () => {
    const m = applied();
    m.publish(fixture('full', { version: 9, expires: '2020-01-01T00:00:00Z', servers: [] }));
    const r = m.run(['apply']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('EXPIRED');
    expect(snapshot(m.managedDir)).toEqual(m.good);
  });

  it('no policy at all writes nothing and exits 1', () => {
    const m = machine();
    const r = m.run(['apply']);
    expect(r.status).toBe(1);
    expect(['NO_POLICY', 'POLICY_REJECTED']).toContain(codeOf(r.stderr));
    expect(fs.existsSync(m.managedDir)).toBe(false);
  });

  it('a policy whose argv would expand from the user environment writes nothing (RENDER_INVALID)', () => {
    const m = applied();
    m.publish(
      fixture('full', {
        version: 8,
        servers: [{ id: 'home-bin', transport: 'stdio', command: '${HOME}/bin/mcp', args: [], sha256: 'a'.repeat(64) }],
      }),
    );
    const r = m.run(['apply']);
    expect(r.status).toBe(1);
    expect(codeOf(r.stderr)).toBe('RENDER_INVALID');
    expect(r.stderr).toContain('$.allowedMcpServers[0].serverCommand[0]');
    expect(snapshot(m.managedDir)).toEqual(m.good);
  });

  it('refuses, as root, a managed folder others can write', () => {
    if (process.getuid?.() !== 0) return;
    const m = machine();
    m.publish(fixture('full'));
    fs.mkdirSync(path.join(m.managedDir, 'managed-settings.d'), { recursive: true });
    fs.chmodSync(path.join(m.managedDir, 'managed-settings.d'), 0o777);
    const r = m.run(['apply']);
    expect(r.status).toBe(1);
    expect(codeOf(r.stderr)).toBe('UNSAFE_PATH');
    expect(fs.readdirSync(path.join(m.managedDir, 'managed-settings.d'))).toEqual([]);
  });
});

describe('system apply in audit mode', () => {
  it('writes nothing that blocks and reports what enforce would write', () => {
    const m = machine();
    m.publish(fixture('full', { mode: 'audit' }));
    const r = m.run(['apply', '--json']);
    expect(r.status).toBe(0);
    const report = json<{ outcome: string; settings: { allowedMcpServers: unknown[] } }>(r);
    expect(report.outcome).toBe('absent');
    expect(report.settings.allowedMcpServers.length).toBeGreaterThan(0);
    expect(fs.existsSync(m.dropIn)).toBe(false);
  });

  it('removes our enforce drop-in when the allowlist moves to audit, and only ours', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    writeFile(path.join(m.managedDir, 'managed-settings.d', '10-org.json'), '{"env":{"X":"1"}}\n');
    m.publish(fixture('full', { version: 8, mode: 'audit' }));
    const r = m.run(['apply']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^audit mode: removed: /);
    expect(fs.readdirSync(path.dirname(m.dropIn))).toEqual(['10-org.json']);
    expect(spooled(m.stateDir).map((e) => [e.kind, e.action])).toEqual([
      ['managed.applied', 'fixed'],
      ['managed.applied', 'removed'],
    ]);
  });
});
