// exec's pinned path: build the guard for the rule (admin pins, or this device's TOFU pins),
// run the proxy, and report each change once (stderr line + drift event). Loaded only when
// the rule pins its tools, so unpinned launches never load it.
import type { DriftEventInput } from '../events/types';
import type { Mode, ServerRule } from '../policy/types';
import { commandDigest } from '../vault/manifest';
import { ToolGuard, type ToolChange } from './guard';
import { effectivePinning } from '../policy/effective';
import { rulePins, reportKey, changeLine, changeEvent, pinnedEvent, type EventContext } from './pinning';
import { InternalError } from '../errors';
import { runProxy, type ProxyIo } from './proxy';
import { claimReports, loadTofu, saveTofu, tofuKey } from './store';

export interface PinnedLaunch {
  rule: ServerRule;
  scope: string;
  /** The inner argv as written (placeholders, no secret values): identity and events. */
  inner: readonly string[];
  /** What runs (secrets filled in). */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  mode: Mode;
  stateDir: string;
  say(line: string): void;
  record(events: DriftEventInput[]): Promise<void>;
  now?: () => Date;
  io?: ProxyIo;
}

/** True when exec must proxy this rule's server. */
export function needsProxy(rule: ServerRule | undefined): rule is ServerRule {
  return rule !== undefined && effectivePinning(rule) !== 'off';
}

export async function runPinned(l: PinnedLaunch): Promise<number> {
  const pinning = effectivePinning(l.rule);
  if (pinning === 'off') throw new InternalError('runPinned on an unpinned rule');
  const key = tofuKey(l.rule.id, commandDigest([...l.inner]));
  const pins = pinning === 'pinned' ? rulePins(l.rule) : loadTofu(l.stateDir, key);
  const onToolChange = l.rule.onToolChange ?? 'withhold';
  const enforce = l.mode === 'enforce';
  const guard = new ToolGuard({ ruleId: l.rule.id, mode: pinning, onChange: onToolChange, enforce, pins });
  const ectx: EventContext = { ruleId: l.rule.id, scope: l.scope, argv: l.inner, mode: l.mode, pinning, onToolChange };
  const pending: Array<Promise<void>> = [];
  const now = l.now ?? (() => new Date());
  const code = await runProxy(
    l.argv,
    l.env,
    guard,
    {
      onChanges: (changes: ToolChange[], blocked: boolean) => {
        let fresh: ToolChange[];
        try {
          const keys = new Set(
            claimReports(
              l.stateDir,
              changes.map((c) => reportKey(l.rule.id, c)),
            ),
          );
          fresh = changes.filter((c) => keys.has(reportKey(l.rule.id, c)));
        } catch {
          fresh = changes; // no state folder: report rather than stay silent
        }
        if (fresh.length === 0 && !blocked) return;
        const shown = fresh.length > 0 ? fresh : changes;
        l.say(changeLine(l.rule.id, shown, !enforce ? 'audit' : blocked ? 'blocked' : 'withheld'));
        if (fresh.length > 0) pending.push(l.record([changeEvent(ectx, fresh, blocked)]));
      },
      onLearned: (kinds) => {
        try {
          saveTofu(l.stateDir, key, guard.pins, kinds, now());
        } catch (e) {
          l.say(`mcp-warden: ${l.rule.id}: could not store the first-use tool pins (${(e as Error).message}); they will be learned again`);
        }
        pending.push(l.record([pinnedEvent(ectx, guard.pins, kinds)]));
      },
      say: (line) => l.say(line),
    },
    l.io,
  );
  await Promise.all(pending);
  return code;
}
