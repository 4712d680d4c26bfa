// plan(): pure decisions from an inventory, verdicts and state.
import * as path from 'node:path';
import { plan } from '../../../src/plan/plan';
import { emptyPlanState, entryFingerprint } from '../../../src/plan/state';
import type { Inventory, ServerEntry, SettingsState } from '../../../src/inventory/types';
import type { Action } from '../../../src/plan/types';
import type { Verdict, VerdictKind } from '../../../src/judge/types';
import type { ServerRule } from '../../../src/policy/types';
import { HOME, PROJECT, entry, policy } from '../judge/fake';

const NOW = new Date('2026-06-01T12:00:00Z');
const RULE: ServerRule = { id: 'github', transport: 'stdio', command: 'gh-mcp', args: [], sha256: 'b'.repeat(64) };
const TOOLS: ServerRule = { ...RULE, tools: { ask: ['create_*'] } };

function inv(entries: ServerEntry[], settings: SettingsState[] = []): Inventory {
  return { entries, settings, unreadable: [], files: [], folders: [], projects: [PROJECT], configHomes: [HOME] };
}

function v(e: ServerEntry, verdict: VerdictKind, ruleId?: string): Verdict {
  return { entryKey: e.key, verdict, reason: verdict, ...(ruleId ? { ruleId } : {}) };
}

const kinds = (actions: Action[]): string[] =>
  actions.map((a) => `${a.kind}:${'entry' in a ? a.entry.name : a.kind === 'plugin' ? a.enablement.id : a.key}`);

describe('plan', () => {
  it('with no policy: audit only, nothing to do', () => {
    const e = entry('x', { command: 'x' });
    const p = plan(inv([e]), { policy: null, verdicts: [] }, emptyPlanState('s'), { now: NOW });
    expect(p).toEqual({ mode: 'audit', noPolicy: true, verdicts: [], actions: [] });
  });

  it('removes unapproved, pin-mismatched and denied entries; leaves approved, unverifiable and ignored ones', () => {
    const es = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => entry(n, { command: n }));
    const vs = [
      v(es[0], 'approved', 'github'),
      v(es[1], 'unapproved'),
      v(es[2], 'pin_mismatch', 'github'),
      v(es[3], 'denied'),
      v(es[4], 'unverifiable', 'github'),
      v(es[5], 'ignored'),
    ];
    const p = plan(inv(es), { policy: policy([RULE]), verdicts: vs }, emptyPlanState('s'), { now: NOW });
    expect(p.mode).toBe('enforce');
    expect(kinds(p.actions)).toEqual(['remove:b', 'remove:c', 'remove:d']);
  });

  it('plans the same in audit mode (what enforce would do)', () => {
    const e = entry('b', { command: 'b' });
    const pol = policy([RULE]);
    pol.allowlist.mode = 'audit';
    const p = plan(inv([e]), { policy: pol, verdicts: [v(e, 'unapproved')] }, emptyPlanState('s'), { now: NOW });
    expect(p.mode).toBe('audit');
    expect(kinds(p.actions)).toEqual(['remove:b']);
  });

  it('acts only on the files in `only`', () => {
    const a = entry('a', { command: 'a' }, { scope: 'user' });
    const b = entry('b', { command: 'b' }, { scope: 'project' });
    const p = plan(inv([a, b]), { policy: policy([]), verdicts: [v(a, 'unapproved'), v(b, 'unapproved')] }, emptyPlanState('s'), {
      now: NOW,
      only: new Set([b.file]),
    });
    expect(kinds(p.actions)).toEqual(['remove:b']);
  });

  describe('flapping', () => {
    const e = entry('x', { command: 'x' }, { scope: 'user' });
    const state = (count: number, lastMsAgo: number) => {
      const s = emptyPlanState('salt');
      const last = new Date(NOW.getTime() - lastMsAgo).toISOString();
      s.removals[entryFingerprint('salt', e)] = { count, first: last, last };
      return s;
    };
    const run = (s: ReturnType<typeof state>) => plan(inv([e]), { policy: policy([]), verdicts: [v(e, 'unapproved')] }, s, { now: NOW });

    it('removes a returning entry at once the first time, reporting the flapping', () => {
      const p = run(state(1, 500));
      expect(kinds(p.actions)).toEqual(['remove:x']);
      expect(p.flapping).toEqual([{ entryKey: e.key, count: 2 }]);
    });

    it('holds it back while the backoff runs, with the time to retry', () => {
      const p = run(state(3, 1000));
      expect(p.actions).toEqual([]);
      expect(p.held).toEqual([expect.objectContaining({ kind: 'remove', retryAt: new Date(NOW.getTime() - 1000 + 4000).toISOString() })]);
      expect(p.flapping).toEqual([expect.objectContaining({ count: 4, retryAt: expect.any(String) })]);
    });

    it('forgets it after an hour without a return', () => {
      const p = run(state(9, 61 * 60_000));
      expect(kinds(p.actions)).toEqual(['remove:x']);
      expect(p.flapping).toBeUndefined();
    });

    it('knows an entry by content: a different entry at the same place is new', () => {
      const s = state(5, 100);
      const other = entry('x', { command: 'y' }, { scope: 'user' });
      const p = plan(inv([other]), { policy: policy([]), verdicts: [v(other, 'unapproved')] }, s, { now: NOW });
      expect(kinds(p.actions)).toEqual(['remove:x']);
      expect(p.flapping).toBeUndefined();
    });
  });

  describe('tool-rule renames', () => {
    it('renames an approved entry whose rule has tool rules to the rule id', () => {
      const e = entry('gh', { command: 'gh-mcp' });
      const p = plan(inv([e]), { policy: policy([TOOLS]), verdicts: [v(e, 'approved', 'github')] }, emptyPlanState('s'), { now: NOW });
      expect(p.actions).toEqual([expect.objectContaining({ kind: 'rename', to: 'github' })]);
    });

    it('leaves it when the rule has no tool rules, or the name is already right', () => {
      const a = entry('gh', { command: 'gh-mcp' });
      const b = entry('github', { command: 'gh-mcp' }, { scope: 'user' });
      expect(
        plan(inv([a]), { policy: policy([RULE]), verdicts: [v(a, 'approved', 'github')] }, emptyPlanState('s'), { now: NOW }).actions,
      ).toEqual([]);
      expect(
        plan(inv([b]), { policy: policy([TOOLS]), verdicts: [v(b, 'approved', 'github')] }, emptyPlanState('s'), { now: NOW }).actions,
      ).toEqual([]);
    });

    it('refuses when another entry of the same map has the name; waits a pass for one being removed', () => {
      const gh = entry('gh', { command: 'gh-mcp' });
      const taken = entry('github', { command: 'other' });
      const held = plan(
        inv([gh, taken]),
        { policy: policy([TOOLS]), verdicts: [v(gh, 'approved', 'github'), v(taken, 'unverifiable')] },
        emptyPlanState('s'),
        { now: NOW },
      );
      expect(held.actions).toEqual([]);
      expect(held.held).toEqual([expect.objectContaining({ kind: 'rename', to: 'github' })]);
      const freed = plan(
        inv([gh, taken]),
        { policy: policy([TOOLS]), verdicts: [v(gh, 'approved', 'github'), v(taken, 'unapproved')] },
        emptyPlanState('s'),
        { now: NOW },
      );
      expect(kinds(freed.actions)).toEqual(['remove:github']);
      expect(freed.held?.[0]?.reason).toContain('next pass');
      // Next pass: the name is free.
      const next = plan(inv([gh]), { policy: policy([TOOLS]), verdicts: [v(gh, 'approved', 'github')] }, emptyPlanState('s'), { now: NOW });
      expect(kinds(next.actions)).toEqual(['rename:gh']);
    });

    it('gives the name to one of two entries that want it; the other is held', () => {
      const a = entry('a', { command: 'gh-mcp' });
      const b = entry('b', { command: 'gh-mcp' });
      const p = plan(
        inv([a, b]),
        { policy: policy([TOOLS]), verdicts: [v(a, 'approved', 'github'), v(b, 'approved', 'github')] },
        emptyPlanState('s'),
        { now: NOW },
      );
      expect(kinds(p.actions)).toEqual(['rename:a']);
      expect(p.held?.map((h) => h.entry.name)).toEqual(['b']);
    });

    it('entries in different maps do not conflict', () => {
      const a = entry('a', { command: 'gh-mcp' }, { scope: 'user' });
      const b = entry('github', { command: 'gh-mcp' });
      const p = plan(
        inv([a, b]),
        { policy: policy([TOOLS]), verdicts: [v(a, 'approved', 'github'), v(b, 'approved', 'github')] },
        emptyPlanState('s'),
        { now: NOW },
      );
      expect(kinds(p.actions)).toEqual(['rename:a']);
    });
  });

  describe('settings drift', () => {
    const mcp = path.join(PROJECT, '.mcp.json');
    const settings = (over: Partial<SettingsState>): SettingsState => ({
      file: path.join(PROJECT, '.claude', 'settings.local.json'),
      kind: 'local-settings',
      project: PROJECT,
      configHome: HOME,
      ...over,
    });

    it('sets enableAllProjectMcpServers to false unless the policy allows it', () => {
      const s = settings({ enableAllProjectMcpServers: true });
      const p = plan(inv([], [s]), { policy: policy([]), verdicts: [] }, emptyPlanState('s'), { now: NOW });
      expect(p.actions).toEqual([expect.objectContaining({ kind: 'settings', key: 'enableAllProjectMcpServers', to: false })]);
      const allowed = plan(
        inv([], [s]),
        { policy: policy([], undefined, { enableAllProjectMcpServers: true }), verdicts: [] },
        emptyPlanState('s'),
        { now: NOW },
      );
      expect(allowed.actions).toEqual([]);
      const off = settings({ enableAllProjectMcpServers: false });
      expect(plan(inv([], [off]), { policy: policy([]), verdicts: [] }, emptyPlanState('s'), { now: NOW }).actions).toEqual([]);
    });

    it('keeps only names of approved (or unverifiable) servers the settings govern', () => {
      const ok = entry('ok', { command: 'x' }, { scope: 'project', file: mcp });
      const unv = entry('unv', { command: 'x' }, { scope: 'project', file: mcp });
      const bad = entry('bad', { command: 'x' }, { scope: 'project', file: mcp });
      const parent = entry(
        'up',
        { command: 'x' },
        { scope: 'project', file: path.join(path.dirname(PROJECT), '.mcp.json'), project: path.dirname(PROJECT) },
      );
      const elsewhere = entry('far', { command: 'x' }, { scope: 'project', file: '/elsewhere/.mcp.json', project: '/elsewhere' });
      const s = settings({ enabledMcpjsonServers: ['ok', 'unv', 'bad', 'up', 'far', 'ghost', 7] });
      const vs = [
        v(ok, 'approved', 'github'),
        v(unv, 'unverifiable'),
        v(bad, 'unapproved'),
        v(parent, 'approved', 'github'),
        v(elsewhere, 'approved', 'github'),
      ];
      const p = plan(inv([ok, unv, bad, parent, elsewhere], [s]), { policy: policy([RULE]), verdicts: vs }, emptyPlanState('s'), {
        now: NOW,
      });
      const act = p.actions.find((a) => a.kind === 'settings');
      expect(act).toMatchObject({ key: 'enabledMcpjsonServers', to: ['ok', 'unv', 'up', 7] });
      expect((act as { reason: string }).reason).toContain('bad, far, ghost');
      // User settings govern every project.
      const user = settings({
        kind: 'user-settings',
        project: undefined,
        file: path.join(HOME, '.claude', 'settings.json'),
        enabledMcpjsonServers: ['far', 'ghost'],
      });
      const pu = plan(
        inv([elsewhere], [user]),
        { policy: policy([RULE]), verdicts: [v(elsewhere, 'approved', 'github')] },
        emptyPlanState('s'),
        { now: NOW },
      );
      expect(pu.actions).toEqual([expect.objectContaining({ to: ['far'] })]);
    });

    it('follows renames in both approval lists', () => {
      const gh = entry('gh', { command: 'gh-mcp' }, { scope: 'project', file: mcp });
      const s = settings({
        enabledMcpjsonServers: ['gh'],
        disabledMcpjsonServers: ['gh'],
        kind: 'claude-json-project',
        jsonPath: ['projects', PROJECT],
        file: path.join(HOME, '.claude.json'),
      });
      const p = plan(inv([gh], [s]), { policy: policy([TOOLS]), verdicts: [v(gh, 'approved', 'github')] }, emptyPlanState('s'), {
        now: NOW,
      });
      expect(p.actions).toEqual([
        expect.objectContaining({ kind: 'rename', to: 'github' }),
        expect.objectContaining({ kind: 'settings', key: 'enabledMcpjsonServers', to: ['github'] }),
        expect.objectContaining({ kind: 'settings', key: 'disabledMcpjsonServers', to: ['gh', 'github'] }),
      ]);
    });

    it('carries disabledMcpServers over to the new name of a renamed user or local server', () => {
      const claudeJson = path.join(HOME, '.claude.json');
      const user = entry('gh', { command: 'gh-mcp' }, { scope: 'user' });
      const local = entry('gh2', { command: 'gh-mcp' }, { scope: 'local' });
      const here = settings({
        kind: 'claude-json-project',
        jsonPath: ['projects', PROJECT],
        file: claudeJson,
        disabledMcpServers: ['gh', 'gh2', 'plugin:p:s'],
      });
      const other = settings({
        kind: 'claude-json-project',
        jsonPath: ['projects', '/other'],
        project: '/other',
        file: claudeJson,
        disabledMcpServers: ['gh', 'gh2'],
      });
      const vs = [v(user, 'approved', 'github'), v(local, 'approved', 'github')];
      const p = plan(inv([user, local], [here, other]), { policy: policy([TOOLS]), verdicts: vs }, emptyPlanState('s'), { now: NOW });
      const off = p.actions.filter((a) => a.kind === 'settings' && a.key === 'disabledMcpServers');
      // user scope: every project's list; local scope: only its own project's.
      expect(off).toEqual([
        expect.objectContaining({ settings: here, to: ['gh', 'github', 'gh2', 'plugin:p:s'] }),
        expect.objectContaining({ settings: other, to: ['gh', 'github', 'gh2'] }),
      ]);
    });

    it('leaves empty lists alone', () => {
      const s = settings({ enabledMcpjsonServers: [], disabledMcpjsonServers: [] });
      expect(plan(inv([], [s]), { policy: policy([]), verdicts: [] }, emptyPlanState('s'), { now: NOW }).actions).toEqual([]);
    });
  });

  it('takes migrations from the credentials planner, except for entries removed or renamed this pass', () => {
    const keep = entry('keep', { command: 'gh-mcp' }, { scope: 'user' });
    const gone = entry('gone', { command: 'x' }, { scope: 'user' });
    const mig = (e: ServerEntry): Action => ({ kind: 'migrate', entry: e, ruleId: 'github', findings: [], rewritten: {} });
    const p = plan(
      inv([keep, gone]),
      { policy: policy([RULE]), verdicts: [v(keep, 'approved', 'github'), v(gone, 'unapproved')] },
      emptyPlanState('s'),
      { now: NOW, credentialActions: [mig(keep), mig(gone)] },
    );
    expect(kinds(p.actions)).toEqual(['remove:gone', 'migrate:keep']);
  });
});
