import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTmp, writeFile } from '../../helpers/tmp';
import { fixture, json, machine, snapshot } from './setup';

afterEach(cleanupTmp);

interface Status {
  dropIn: string;
  ok: boolean;
  warnings: string[];
  policy?: { version: number; mode: string };
  sources: { kind: string; ours?: boolean }[];
  assessment: { effective: string; dropInEffective: boolean };
}

describe('system status', () => {
  it('reports our drop-in current after apply (exit 0), and changes nothing', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    const before = { managed: snapshot(m.managedDir), state: snapshot(m.stateDir) };
    const r = m.run(['status', '--json']);
    expect(r.status).toBe(0);
    const s = json<Status>(r);
    expect(s).toMatchObject({ dropIn: 'current', ok: true, warnings: [], policy: { version: 7, mode: 'enforce' } });
    expect(s.sources).toEqual([expect.objectContaining({ kind: 'drop-in', ours: true })]);
    expect({ managed: snapshot(m.managedDir), state: snapshot(m.stateDir) }).toEqual(before);
  });

  it('says missing before the first apply, and does not record the policy (read-only)', () => {
    const m = machine();
    m.publish(fixture('full'));
    const r = m.run(['status', '--json']);
    expect(r.status).toBe(1);
    expect(json<Status>(r).dropIn).toBe('missing');
    expect(fs.existsSync(path.join(m.stateDir, 'policy'))).toBe(false);
  });

  it('says stale when a newer allowlist renders differently', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    m.publish(fixture('full', { version: 8, deny: [] }));
    const r = m.run(['status']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/our drop-in: +\S+: stale/);
    expect(r.stdout).toMatch(/warning: our drop-in differs/);
  });

  it('says unexpected when the allowlist is in audit mode but our drop-in is still there', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    m.publish(fixture('full', { version: 8, mode: 'audit' }));
    expect(json<Status>(m.run(['status', '--json'])).dropIn).toBe('unexpected');
  });

  it('warns about managed-mcp.json and about another drop-in widening the allowlist', () => {
    const m = machine();
    m.publish(fixture('full'));
    expect(m.run(['apply']).status).toBe(0);
    writeFile(path.join(m.managedDir, 'managed-mcp.json'), '{"mcpServers":{}}');
    writeFile(path.join(m.managedDir, 'managed-settings.d', '60-team.json'), '{"allowedMcpServers":[{"serverUrl":"https://*"}]}');
    const r = m.run(['status', '--json']);
    expect(r.status).toBe(1);
    const s = json<Status>(r);
    expect(s.dropIn).toBe('current');
    expect(s.warnings.join('\n')).toMatch(/exclusive control/);
    expect(s.warnings.join('\n')).toMatch(/60-team.json also sets allowedMcpServers/);
  });

  it('still lists the managed sources when the agent config cannot be loaded', () => {
    const m = machine();
    writeFile(path.join(m.managedDir, 'managed-settings.json'), '{}');
    fs.writeFileSync(m.config, '{ not json');
    const r = m.run(['status', '--json']);
    expect(r.status).toBe(1);
    const s = json<Status>(r);
    expect(s.dropIn).toBe('unknown');
    expect(s.sources.map((x) => x.kind)).toEqual(['managed-settings.json']);
    expect(s.warnings[0]).toMatch(/^policy: agent config: /);
  });
});
