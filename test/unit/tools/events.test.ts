// The events and state files of tool pinning: valid drift events whatever a server lists,
// never a description; reports claimed once; state files that are corrupt start over.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEventFactory } from '../../../src/events/factory';
import { eventProblems } from '../../../src/events/validate';
import { changeEvent, changeLine, pinnedEvent, reportKey, type EventContext } from '../../../src/tools/pinning';
import { claimReports, loadTofu, reportsFile, saveTofu, tofuFile } from '../../../src/tools/store';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

afterEach(cleanupTmp);

const HEX = (c: string): string => c.repeat(64);
const ctx: EventContext = {
  ruleId: 'srv',
  scope: 'user',
  argv: ['node', 'srv.js'],
  mode: 'enforce',
  pinning: 'pinned',
  onToolChange: 'withhold',
};
const device = { id: 'd', hostname: 'h', os: 'linux', user: 'u' };

describe('tool pinning events', () => {
  it('are valid drift events even for thousands of changed tools with long names', () => {
    const factory = createEventFactory({ stateDir: tmpDir(), policy: null, mode: 'enforce', device });
    const changes = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'tools' as const,
      name: `t${i}-${'x'.repeat(500)}`,
      old: HEX('a'),
      new: HEX('b'),
    }));
    const ev = factory(changeEvent(ctx, changes, false));
    expect(eventProblems(ev)).toEqual([]);
    expect(ev.detail).toMatchObject({ truncated: 2900 });
    const tofu = factory(pinnedEvent({ ...ctx, pinning: 'tofu' }, { tools: { a: HEX('a') } }, ['tools']));
    expect(eventProblems(tofu)).toEqual([]);
  });

  it('carry names and digests, never descriptions', () => {
    const ev = changeEvent(ctx, [{ kind: 'tools', name: 'echo', old: HEX('a'), new: HEX('b') }], false);
    expect(JSON.stringify(ev)).not.toMatch(/description/i);
    expect(changeLine('srv', [{ kind: 'tools', name: 'echo', new: HEX('b') }], 'withheld')).toBe(
      'mcp-warden: srv: tool "echo" is new since the allowlist pinned it — withheld until your IT admin re-pins it',
    );
  });
});

describe('tool pinning state', () => {
  it('claims each report once', () => {
    const dir = tmpDir();
    const k = reportKey('srv', { kind: 'tools', name: 'echo', new: HEX('b') });
    expect(claimReports(dir, [k, k])).toEqual([k]);
    expect(claimReports(dir, [k])).toEqual([]);
    fs.writeFileSync(reportsFile(dir), '{not json');
    expect(claimReports(dir, [k])).toEqual([k]);
  });

  it('keeps TOFU pins per key and kind, never overwriting a learned kind', () => {
    const dir = tmpDir();
    saveTofu(dir, 'srv|x', { tools: { a: HEX('a') } }, ['tools'], new Date());
    saveTofu(dir, 'srv|x', { tools: { a: HEX('c') }, prompts: { p: HEX('d') } }, ['tools', 'prompts'], new Date());
    expect(loadTofu(dir, 'srv|x')).toEqual({ tools: { a: HEX('a') }, prompts: { p: HEX('d') } });
    expect(loadTofu(dir, 'other')).toEqual({});
    expect((fs.statSync(tofuFile(dir)).mode & 0o777).toString(8)).toBe('600');
    fs.writeFileSync(path.join(dir, 'tool-pins.json'), JSON.stringify({ servers: { 'srv|x': { tools: { a: 'not-hex' } } } }));
    expect(loadTofu(dir, 'srv|x')).toEqual({});
  });
});
