// The sandbox in the rest of the pipeline: reconcile's wrap actions, `system apply`'s
// rendered allowlist, lint, and the schema.
import { planSandboxWraps } from '../../../src/sandbox/plan';
import { renderManagedSettings, stdioForms } from '../../../src/system/render';
import { lintAllowlist } from '../../../src/policy/lint';
import { execArgv } from '../../../src/inventory/wrapper';
import type { ServerEntry } from '../../../src/inventory/types';
import type { Allowlist, Policy, ServerRule } from '../../../src/policy/types';
import type { Verdict } from '../../../src/judge/types';
import { makeAllowlist } from '../../helpers/policy';

const EXEC = '/usr/local/bin/mcp-warden';
const rule: ServerRule = {
  id: 'fs',
  transport: 'stdio',
  command: 'node',
  args: ['/srv/fs.js'],
  sha256: 'a'.repeat(64),
  sandbox: { mode: 'required' },
};
const policyOf = (a: Allowlist): Policy => ({
  allowlist: a,
  digest: '0'.repeat(64),
  keyIds: [],
  acceptedAt: '2026-01-01T00:00:00Z',
  source: 't',
});

function entry(over: Partial<ServerEntry> = {}): ServerEntry {
  const raw = { type: 'stdio', command: 'node', args: ['/srv/fs.js'], env: { LOG: '1' } };
  return {
    key: 'k1',
    file: '/h/.claude.json',
    scope: 'user',
    configHome: '/h',
    jsonPath: ['mcpServers', 'fs'],
    name: 'fs',
    transport: 'stdio',
    command: 'node',
    args: ['/srv/fs.js'],
    env: { LOG: '1' },
    raw,
    ...over,
  };
}
const approved: Verdict[] = [{ entryKey: 'k1', verdict: 'approved', ruleId: 'fs', reason: 'ok' }];

describe('planSandboxWraps', () => {
  it('wraps an approved entry of a sandboxed rule, keeping its other keys', () => {
    const [a] = planSandboxWraps({ entries: [entry()] }, approved, policyOf(makeAllowlist({ servers: [rule] })), {
      execPath: EXEC,
      skip: new Set(),
    });
    expect(a?.kind).toBe('wrap');
    if (a?.kind !== 'wrap') return;
    expect(a.rewritten).toEqual({
      type: 'stdio',
      command: EXEC,
      args: execArgv(EXEC, 'fs', 'user', ['node', '/srv/fs.js']).slice(1),
      env: { LOG: '1' },
    });
  });

  it('follows the allowlist default and the rule mode off', () => {
    const plainRule: ServerRule = { ...rule, sandbox: undefined };
    const withDefault = policyOf(makeAllowlist({ servers: [plainRule], sandbox: { mode: 'preferred' } }));
    expect(planSandboxWraps({ entries: [entry()] }, approved, withDefault, { execPath: EXEC, skip: new Set() })).toHaveLength(1);
    const off = policyOf(makeAllowlist({ servers: [{ ...rule, sandbox: { mode: 'off' } }], sandbox: { mode: 'required' } }));
    expect(planSandboxWraps({ entries: [entry()] }, approved, off, { execPath: EXEC, skip: new Set() })).toEqual([]);
  });

  it('leaves alone what is wrapped already, migrated this pass, unapproved, or not ours to edit', () => {
    const p = policyOf(makeAllowlist({ servers: [rule] }));
    const run = (e: ServerEntry, v: Verdict[] = approved, skip = new Set<string>()) =>
      planSandboxWraps({ entries: [e] }, v, p, { execPath: EXEC, skip });
    expect(run(entry({ wrapped: { serverId: 'fs', scope: 'user', inner: ['node', '/srv/fs.js'] } }))).toEqual([]);
    expect(run(entry(), approved, new Set(['k1']))).toEqual([]);
    expect(run(entry(), [{ entryKey: 'k1', verdict: 'unapproved', reason: 'no' }])).toEqual([]);
    expect(run(entry({ scope: 'managed' }))).toEqual([]);
    expect(planSandboxWraps({ entries: [entry()] }, approved, null, { execPath: EXEC, skip: new Set() })).toEqual([]);
  });
});

describe('system apply render', () => {
  it('allows only the wrapped form of a rule whose sandbox is required, and says why', () => {
    expect(stdioForms(rule, EXEC).plain).toBeUndefined();
    expect(stdioForms({ ...rule, sandbox: { mode: 'preferred' } }, EXEC).plain).toEqual(['node', '/srv/fs.js']);
    const { settings, notes } = renderManagedSettings(policyOf(makeAllowlist({ servers: [rule] })), { execPath: EXEC });
    expect(settings.allowedMcpServers).toEqual(
      ['user', 'local', 'project'].map((s) => ({ serverCommand: execArgv(EXEC, 'fs', s as 'user', ['node', '/srv/fs.js']) })),
    );
    expect(notes.some((n) => n.includes('sandbox is required'))).toBe(true);
  });

  it('applies the allowlist default too', () => {
    expect(stdioForms({ ...rule, sandbox: undefined }, EXEC, { sandbox: { mode: 'required' } }).plain).toBeUndefined();
  });
});

describe('lint', () => {
  const doc = (extra: Record<string, unknown>, server: Record<string, unknown> = {}) =>
    JSON.stringify({ ...makeAllowlist({ servers: [{ ...rule, ...server }] }), ...extra });

  it('accepts a full sandbox section on a rule and as the default', () => {
    const r = lintAllowlist(
      doc(
        { sandbox: { mode: 'preferred', filesystem: { allowRead: ['~/.cache/x', '/opt/tools', 'data'], denyWrite: ['.git'] } } },
        { sandbox: { mode: 'required', filesystem: { allowWrite: ['out'] } } },
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => !w.message.startsWith('no tool pins'))).toEqual([]);
  });

  it.each([
    [{ sandbox: { mode: 'always' } }, '/servers/0/sandbox/mode'],
    [{ sandbox: { filesystem: { allowRead: ['../other'] } } }, '/servers/0/sandbox/filesystem/allowRead/0'],
    [{ sandbox: { filesystem: { read: ['x'] } } }, '/servers/0/sandbox/filesystem'],
    [{ sandbox: { network: { allowedDomains: ['http://a.com'] } } }, '/servers/0/sandbox/network/allowedDomains/0'],
  ])('rejects %j', (server, where) => {
    const r = lintAllowlist(doc({}, server));
    expect(r.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.errors)).toContain(where.split('/').filter(Boolean).pop());
  });

  it('rejects a sandbox on a remote rule; accepts hosts, wildcards, ports and IP literals; warns about a top-level wildcard', () => {
    const remote = lintAllowlist(
      JSON.stringify(
        makeAllowlist({ servers: [{ id: 'r', transport: 'http', url: 'https://a.example/mcp', sandbox: { mode: 'required' } }] }),
      ),
    );
    expect(remote.errors.map((e) => e.message).join()).toContain('stdio servers only');
    const domains = lintAllowlist(
      doc(
        {},
        {
          sandbox: {
            mode: 'required',
            network: { allowedDomains: ['api.example.com', '*.example.org', 'localhost:8080', '127.0.0.1:5432', '10.0.0.5'] },
          },
        },
      ),
    );
    expect(domains.errors).toEqual([]);
    expect(domains.warnings.filter((w) => w.message.includes('allowedDomains') || w.message.includes('top-level'))).toEqual([]);
    const broad = lintAllowlist(doc({}, { sandbox: { mode: 'required', network: { allowedDomains: ['*.com'] } } }));
    expect(broad.warnings.map((w) => w.message).join()).toContain('*.com opens every host under a top-level domain');
    for (const bad of ['a.com:0', 'a.com:65536', 'a.com:', '*.a.com:x'])
      expect(lintAllowlist(doc({}, { sandbox: { network: { allowedDomains: [bad] } } })).errors.length).toBeGreaterThan(0);
  });
});
