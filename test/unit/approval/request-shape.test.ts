// What a request carries and how requests group: pure.
import * as crypto from 'node:crypto';
import { recordFromRequest, requestFromRecord } from '../../../src/approval/request-shape';
import { scrubEntry, serverIdentity, serverKey } from '../../../src/events/approval-request';
import type { QuarantineRecord } from '../../../src/quarantine/record';

const record = (entry: Record<string, unknown>, secrets: QuarantineRecord['secrets'] = []): QuarantineRecord => ({
  version: 1,
  id: 'q-20261203T120000Z-0123abcd',
  time: '2026-12-03T12:00:00.000Z',
  file: '/home/alice/.claude.json',
  scope: 'user',
  configHome: '/home/alice',
  jsonPath: ['mcpServers', 'thing'],
  name: 'thing',
  transport: 'stdio',
  verdict: 'unapproved',
  reason: 'matches no approved server',
  policy: null,
  entry,
  secrets,
});

describe('request shape', () => {
  it('keeps placeholders, names where secrets were (no accounts) and scrubs token shapes left anywhere', () => {
    const canary = `ghp_${crypto.randomBytes(24).toString('hex').slice(0, 36)}`;
    const body = requestFromRecord(
      record({ command: 'npx', args: ['-y', 'x@1.0.0'], env: { T: '{{secret:T}}' }, odd: { deep: [`Bearer ${canary}`] } }, [
        { path: ['env', 'T'], name: 'T', account: 'acct-secret-name' },
      ]),
      { reason: 'r', user: 'alice', hostname: 'h' },
    );
    const text = JSON.stringify(body);
    expect(text).not.toContain(canary);
    expect(text).not.toContain('acct-secret-name');
    expect(body.secrets).toEqual([
      { path: ['env', 'T'], name: 'T' },
      { path: ['odd', 'deep', 0], name: 'odd_deep_0' },
    ]);
    expect(body).toMatchObject({
      name: 'thing',
      quarantineId: 'q-20261203T120000Z-0123abcd',
      removedBecause: 'matches no approved server',
      reason: 'r',
      user: 'alice',
    });
    expect(scrubEntry({ a: 'plain' })).toEqual({ entry: { a: 'plain' }, scrubbed: [] });
  });

  it('groups by package, URL or command line, never by name', () => {
    expect(serverIdentity({ command: 'npx', args: ['-y', '@acme/x@1.2.3', '--flag'] })).toBe('npm:@acme/x@1.2.3');
    expect(serverIdentity({ command: '/usr/local/bin/npx', args: ['-y', '@acme/x@1.2.3'] })).toBe('npm:@acme/x@1.2.3');
    expect(serverIdentity({ type: 'http', url: 'https://mcp.example/x' })).toBe('url:https://mcp.example/x');
    expect(serverKey({ command: 'node', args: ['a.js'] })).not.toBe(serverKey({ command: 'node', args: ['b.js'] }));
    expect(serverKey({ command: 'npx', args: ['-y', 'p@1.0.0'] })).toMatch(/^[0-9a-f]{32}$/);
  });

  it("a stored request stands in for a record (no accounts, the developer's scope)", () => {
    const r = recordFromRequest(
      {
        id: 'r-0123456789abcdef',
        name: 'x',
        transport: 'stdio',
        entry: { command: 'npx' },
        secrets: [{ path: ['env', 'T'], name: 'T' }],
        deviceList: [{ scope: 'project' }],
      },
      '/home/admin',
    );
    expect(r).toMatchObject({ scope: 'project', configHome: '/home/admin', secrets: [{ path: ['env', 'T'], name: 'T', account: '' }] });
  });
});
