// Rules with tool pinning: reconcile wraps their entries in exec even without secrets, and
// system apply allows only the wrapped argv (enforce mode) so nothing bypasses the proxy.
import * as path from 'node:path';
import { planCredentialActions } from '../../../src/vault/plan';
import { stdioForms } from '../../../src/system/render';
import type { Verdict } from '../../../src/judge/types';
import type { ServerRule } from '../../../src/policy/types';
import { execArgv } from '../../../src/inventory/wrapper';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { entryFrom, policyOf } from '../credentials/fixtures';

const EXEC = '/opt/mcp-warden/bin/mcp-warden';
const HEX = 'c'.repeat(64);
const pinned: ServerRule = {
  id: 'srv',
  transport: 'stdio',
  command: '/opt/srv',
  args: ['--stdio'],
  sha256: HEX,
  toolPins: { server: HEX, tools: {} },
};

afterEach(cleanupTmp);

function entries(raw: Record<string, unknown>) {
  const home = tmpDir();
  const file = writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers: { srv: raw } }));
  const e = entryFrom(file, ['mcpServers', 'srv'], { configHome: home });
  const v: Verdict = { entryKey: e.key, verdict: 'approved', ruleId: 'srv', reason: '' };
  return { entries: [e], verdicts: [v] };
}

describe('tool-pinned rules', () => {
  it('are rewritten to run through exec, with nothing to move', () => {
    const { entries: es, verdicts } = entries({ type: 'stdio', command: '/opt/srv', args: ['--stdio'], env: { LOG: '1' } });
    const plan = planCredentialActions({ entries: es }, verdicts, policyOf([pinned]), { execPath: EXEC, mode: 'enforce' });
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({
      kind: 'migrate',
      ruleId: 'srv',
      findings: [],
      rewritten: { type: 'stdio', command: EXEC, args: execArgv(EXEC, 'srv', 'user', ['/opt/srv', '--stdio']).slice(1), env: { LOG: '1' } },
    });
  });

  it('are left alone in audit mode, when already wrapped, and when pinning is off', () => {
    const plain = entries({ command: '/opt/srv', args: ['--stdio'] });
    expect(
      planCredentialActions({ entries: plain.entries }, plain.verdicts, policyOf([pinned]), { execPath: EXEC, mode: 'audit' }).actions,
    ).toEqual([]);
    expect(
      planCredentialActions({ entries: plain.entries }, plain.verdicts, policyOf([{ ...pinned, toolPinning: 'off' }]), {
        execPath: EXEC,
        mode: 'enforce',
      }).actions,
    ).toEqual([]);
    const argv = execArgv(EXEC, 'srv', 'user', ['/opt/srv', '--stdio']);
    const wrapped = entries({ command: argv[0], args: argv.slice(1) });
    expect(wrapped.entries[0]?.wrapped).toBeDefined();
    expect(
      planCredentialActions({ entries: wrapped.entries }, wrapped.verdicts, policyOf([pinned]), { execPath: EXEC, mode: 'enforce' })
        .actions,
    ).toEqual([]);
  });

  it('have only their wrapped argv allowed natively in enforce mode', () => {
    expect(stdioForms(pinned, EXEC, {}, 'enforce').plain).toBeUndefined();
    expect(stdioForms(pinned, EXEC, {}, 'enforce').wrapped).toHaveLength(3);
    expect(stdioForms(pinned, EXEC, {}, 'audit').plain).toEqual(['/opt/srv', '--stdio']);
    expect(stdioForms({ ...pinned, toolPinning: 'off' }, EXEC, {}, 'enforce').plain).toEqual(['/opt/srv', '--stdio']);
    expect(stdioForms({ ...pinned, toolPins: undefined, toolPinning: 'tofu' }, EXEC, {}, 'enforce').plain).toBeUndefined();
  });
});

describe('exec for a rule wrapped only for tool pinning', () => {
  it('starts without secrets when the keychain is locked (and refuses when the rule has secrets)', async () => {
    const { decideLaunch } = await import('../../../src/launch/exec');
    const { MemorySecretStore } = await import('../../../src/vault/keychain/store');
    const store = new MemorySecretStore();
    store.available = false;
    const judgeContext = () => ({
      execPath: EXEC,
      home: '/home/dev',
      which: (c: string) => c,
      hashFile: () => ({ sha256: HEX }),
      npxInstalls: () => [],
    });
    const req = {
      site: { serverId: 'srv', scope: 'user' as const, configHome: '/home/dev', projectDir: '/home/dev' },
      inner: ['/opt/srv', '--stdio'],
      env: {},
    };
    const ok = await decideLaunch(req, { policy: policyOf([pinned]), execPath: EXEC, judgeContext, store });
    expect(ok).toMatchObject({ ok: true, argv: ['/opt/srv', '--stdio'], notes: [expect.stringContaining('the keychain is unavailable')] });
    const withSecrets = await decideLaunch(req, {
      policy: policyOf([{ ...pinned, env: { secrets: ['TOKEN'] } }]),
      execPath: EXEC,
      judgeContext,
      store,
    });
    expect(withSecrets).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
    const unpinned = await decideLaunch(req, {
      policy: policyOf([{ ...pinned, toolPins: undefined }]),
      execPath: EXEC,
      judgeContext,
      store,
    });
    expect(unpinned).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
  });
});
