// Tool rules: what is rendered, and the end-to-end property that an approved server cannot
// escape its `ask` rule by being named differently (see helpers.ts for the model of Claude
// Code's rule matching).
import { normaliseToolPattern, renderToolRules } from '../../../src/system/permissions';
import { renderManagedSettings } from '../../../src/system/render';
import type { ServerRule } from '../../../src/policy/types';
import { EXEC, fixtureAllowlist, matchingRules, policyOf, ruleMatches, toolFullName } from './helpers';

const rule = (id: string, tools: ServerRule['tools']): ServerRule => ({ id, transport: 'http', url: `https://${id}.example/mcp`, tools });

describe('renderToolRules', () => {
  it('renders exact rules under the rule id, and any-name forms into ask only', () => {
    const r = renderToolRules([rule('gh', { ask: ['create_issue'], deny: ['delete_repo'] })]);
    expect(r.ask).toEqual(['mcp__gh__create_issue', 'mcp__*__create_issue', 'mcp__*__delete_repo']);
    expect(r.deny).toEqual(['mcp__gh__delete_repo']);
  });

  it('keeps prefix globs and gives "*" no any-name form', () => {
    const r = renderToolRules([rule('fs', { ask: ['write_*', '*'] })]);
    expect(r.ask).toEqual(['mcp__fs__write_*', 'mcp__fs__*', 'mcp__*__write_*']);
    expect(r.ask).not.toContain('mcp__*__*');
    expect(r.notes.join('\n')).toMatch(/no any-name form/);
  });

  it('normalises tool names the way Claude Code names tools', () => {
    expect(normaliseToolPattern('files/read.all')).toBe('files_read_all');
    expect(normaliseToolPattern('get-*')).toBe('get-*');
    const r = renderToolRules([rule('x', { deny: ['a.b'] })]);
    expect(r.deny).toEqual(['mcp__x__a_b']);
    expect(r.notes[0]).toMatch(/written as "a_b"/);
  });

  it('de-duplicates across rules', () => {
    const r = renderToolRules([rule('a', { ask: ['t'] }), rule('b', { ask: ['t'] })]);
    expect(r.ask).toEqual(['mcp__a__t', 'mcp__b__t', 'mcp__*__t']);
  });

  it('renders nothing for rules without tools', () => {
    expect(renderToolRules([rule('a', undefined), rule('b', {})])).toEqual({ ask: [], deny: [], notes: [] });
  });
});

describe('a renamed server cannot escape its ask rule', () => {
  const allowlist = fixtureAllowlist('full');
  const { permissions } = renderManagedSettings(policyOf(allowlist), { execPath: EXEC }).settings;
  const withTools = allowlist.servers.filter((s) => s.tools);
  const userNames = ['my github', 'GH', 'fs2', 'claude.ai Thing', 'x'];

  // A concrete tool a pattern covers: `edit_*` → `edit_x`, `*` → `x`.
  const concrete = (pattern: string): string => pattern.replace(/\*/g, 'x');

  it.each(withTools.map((s) => [s.id, s] as const))('%s: once the agent named the entry by its rule id, its own rules apply', (_id, s) => {
    for (const t of s.tools?.ask ?? []) {
      expect(matchingRules(permissions?.ask, s.id, concrete(t))).toContain(`mcp__${s.id}__${normaliseToolPattern(t)}`);
    }
    for (const t of s.tools?.deny ?? []) {
      expect(matchingRules(permissions?.deny, s.id, concrete(t))).toContain(`mcp__${s.id}__${normaliseToolPattern(t)}`);
    }
  });

  it.each(withTools.map((s) => [s.id, s] as const))(
    '%s: under any name the user picks (agent not running), its named tools still ask',
    (_id, s) => {
      const named = [...(s.tools?.ask ?? []), ...(s.tools?.deny ?? [])].filter((t) => t !== '*');
      for (const name of userNames) {
        for (const t of named) {
          expect(matchingRules(permissions?.ask, name, concrete(t))).toContain(`mcp__*__${normaliseToolPattern(t)}`);
        }
      }
    },
  );

  it('the exact rule binds only to the rule id: a different name is not covered by it', () => {
    expect(ruleMatches('mcp__github__create_issue', toolFullName('my github', 'create_issue'))).toBe(false);
    expect(ruleMatches('mcp__github__create_issue', toolFullName('github', 'create_issue'))).toBe(true);
  });
});
