import * as path from 'node:path';
import { planCredentialActions, exposureEvents } from '../../../src/vault/plan';
import type { Verdict } from '../../../src/judge/types';
import type { ServerRule } from '../../../src/policy/types';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { canary, entryFrom, policyOf } from './fixtures';

const EXEC = '/opt/mcp-warden/bin/mcp-warden';

const ghRule: ServerRule = {
  id: 'github',
  transport: 'stdio',
  command: 'npx',
  args: ['-y', '@acme/gh-mcp@1.0.0'],
  env: { secrets: ['GITHUB_TOKEN'] },
};
const pgRule: ServerRule = {
  id: 'pg',
  transport: 'stdio',
  command: 'npx',
  args: ['-y', 'pg-mcp@1.0.0', 'postgres://app:{{secret:PG_PASSWORD}}@db/app'],
};
const apiRule: ServerRule = { id: 'api', transport: 'http', url: 'https://mcp.example.com/mcp' };

afterEach(cleanupTmp);

function setup(token: string) {
  const home = tmpDir();
  const file = writeFile(
    path.join(home, '.claude.json'),
    JSON.stringify(
      {
        mcpServers: {
          gh: { type: 'stdio', command: 'npx', args: ['-y', '@acme/gh-mcp@1.0.0'], env: { GITHUB_TOKEN: token, LOG_LEVEL: 'debug' } },
          pg: { command: 'npx', args: ['-y', 'pg-mcp@1.0.0', `postgres://app:${token}@db/app`], env: {} },
          api: {
            type: 'http',
            url: 'https://mcp.example.com/mcp',
            headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
          },
          rogue: { command: 'npx', args: ['-y', 'rogue'], env: { API_KEY: token } },
        },
      },
      null,
      2,
    ),
  );
  const entries = ['gh', 'pg', 'api', 'rogue'].map((n) => entryFrom(file, ['mcpServers', n], { configHome: home }));
  const verdicts: Verdict[] = [
    { entryKey: entries[0].key, verdict: 'approved', ruleId: 'github', reason: '' },
    { entryKey: entries[1].key, verdict: 'approved', ruleId: 'pg', reason: '' },
    { entryKey: entries[2].key, verdict: 'approved', ruleId: 'api', reason: '' },
    { entryKey: entries[3].key, verdict: 'unapproved', reason: 'no rule' },
  ];
  return { home, file, entries, verdicts };
}

describe('planCredentialActions', () => {
  it('migrates approved entries in enforce mode and reports the rest', () => {
    const token = canary();
    const { entries, verdicts } = setup(token);
    const plan = planCredentialActions({ entries }, verdicts, policyOf([ghRule, pgRule, apiRule]), { execPath: EXEC, mode: 'enforce' });
    expect(plan.actions.map((a) => a.ruleId)).toEqual(['github', 'pg', 'api']);
    const [gh, pg, api] = plan.actions;
    expect(gh.rewritten).toEqual({
      type: 'stdio',
      command: EXEC,
      args: ['exec', '--server', 'github', '--scope', 'user', '--', 'npx', '-y', '@acme/gh-mcp@1.0.0'],
      env: { LOG_LEVEL: 'debug' },
    });
    // The migrated argv equals the rule's argv exactly (what system apply renders).
    expect((pg.rewritten.args as string[]).slice(6)).toEqual([pgRule.command, ...pgRule.args!]);
    expect(api.rewritten).toEqual({
      type: 'http',
      url: 'https://mcp.example.com/mcp',
      headers: { Accept: 'application/json' },
      headersHelper: `${EXEC} headers --server api --scope user`,
    });
    expect(plan.exposures).toEqual([
      expect.objectContaining({ wouldMigrate: false, findings: [expect.objectContaining({ name: 'API_KEY' })] }),
    ]);
    expect(JSON.stringify(plan.actions.map((a) => [a.findings, a.rewritten]))).not.toContain(token);
  });

  it('changes nothing in audit mode and says what enforce would do', () => {
    const token = canary();
    const { entries, verdicts } = setup(token);
    const plan = planCredentialActions({ entries }, verdicts, policyOf([ghRule, pgRule, apiRule], 'audit'), {
      execPath: EXEC,
      mode: 'audit',
    });
    expect(plan.actions).toEqual([]);
    expect(plan.exposures.filter((x) => x.wouldMigrate)).toHaveLength(3);
    const events = exposureEvents(plan.exposures, 'audit');
    expect(events.every((e) => e.kind === 'credential.exposed' && e.action === 'none')).toBe(true);
    expect(events.filter((e) => e.wouldDo === 'migrated')).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(token);
    // Found in audit mode, never moved: handed back to be masked (the pass teaches the redactor);
    // planning itself writes no global.
    expect(plan.learned).toContain(token);
  });

  it('with no policy, reports only', () => {
    const { entries } = setup(canary());
    const plan = planCredentialActions({ entries }, [], null, { execPath: EXEC, mode: 'audit' });
    expect(plan.actions).toEqual([]);
    expect(plan.exposures).toHaveLength(4);
  });

  it('re-migrates a wrapped entry that got a new plaintext variable, keeping its argv', () => {
    const token = canary();
    const home = tmpDir();
    const file = writeFile(
      path.join(home, '.claude.json'),
      JSON.stringify({
        mcpServers: {
          gh: {
            command: EXEC,
            args: ['exec', '--server', 'github', '--scope', 'user', '--', 'npx', '-y', '@acme/gh-mcp@1.0.0'],
            env: { GITHUB_TOKEN: token },
          },
        },
      }),
    );
    const e = entryFrom(file, ['mcpServers', 'gh'], { configHome: home });
    const plan = planCredentialActions(
      { entries: [e] },
      [{ entryKey: e.key, verdict: 'approved', ruleId: 'github', reason: '' }],
      policyOf([ghRule]),
      { execPath: EXEC, mode: 'enforce' },
    );
    expect(plan.actions[0].rewritten).toEqual({ command: EXEC, args: e.args, env: {} });
  });

  it('does not touch plugin or managed entries', () => {
    const token = canary();
    const { entries, verdicts } = setup(token);
    const plugin = { ...entries[0], scope: 'plugin' as const };
    const plan = planCredentialActions({ entries: [plugin] }, verdicts, policyOf([ghRule]), { execPath: EXEC, mode: 'enforce' });
    expect(plan.actions).toEqual([]);
    expect(plan.exposures[0].reason).toMatch(/plugin/);
  });
});
