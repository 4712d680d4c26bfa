// Which rules are pinned, and the events of the tool-pinning proxy. Pure.
import type { DriftEventInput } from '../events/types';
import type { Mode, ServerRule } from '../policy/types';
import { setDigest, type ItemKind } from './digest';
import type { Pins, ToolChange } from './guard';

/** The admin's pins as the guard takes them (a kind left out pins an empty set). */
export function rulePins(rule: Pick<ServerRule, 'toolPins'>): Pins {
  const p = rule.toolPins;
  return { tools: { ...(p?.tools ?? {}) }, prompts: { ...(p?.prompts ?? {}) }, resourceTemplates: { ...(p?.resourceTemplates ?? {}) } };
}

/** Changes listed in one event; the rest are counted. */
export const MAX_EVENT_CHANGES = 100;

const NOUN: Record<ItemKind, string> = { tools: 'tool', prompts: 'prompt', resourceTemplates: 'resource template' };

/** The once-per-change key: server, kind, name, new digest. */
export function reportKey(ruleId: string, c: ToolChange): string {
  return `${ruleId}|${c.kind}|${c.name}|${c.new}`;
}

/** Names a developer can read in one line; long lists are cut. */
function names(changes: readonly ToolChange[]): string {
  const shown = changes.slice(0, 5).map((c) => `${NOUN[c.kind]} ${JSON.stringify(c.name.slice(0, 64))}${c.old ? ' changed' : ' is new'}`);
  return shown.join(', ') + (changes.length > 5 ? ` and ${changes.length - 5} more` : '');
}

/** The stderr line for the developer. */
export function changeLine(ruleId: string, changes: readonly ToolChange[], outcome: 'withheld' | 'blocked' | 'audit'): string {
  const what =
    outcome === 'blocked'
      ? 'server refused (onToolChange: block)'
      : outcome === 'withheld'
        ? 'withheld until your IT admin re-pins it'
        : 'audit mode: reported, not withheld';
  return `mcp-warden: ${ruleId}: ${names(changes)} since the allowlist pinned it — ${what}`;
}

export interface EventContext {
  ruleId: string;
  scope: string;
  argv: readonly string[];
  mode: Mode;
  pinning: 'pinned' | 'tofu';
  onToolChange: 'withhold' | 'block';
}

/** One `server.tools_changed` event for the changes of one list (names and digests only). */
export function changeEvent(ctx: EventContext, changes: readonly ToolChange[], blocked: boolean): DriftEventInput {
  const enforced = ctx.mode === 'enforce';
  return {
    kind: 'server.tools_changed',
    severity: 'high',
    mode: ctx.mode,
    action: enforced ? 'refused' : 'none',
    ...(enforced ? {} : { wouldDo: 'refused' as const }),
    message:
      `${ctx.ruleId}: ${names(changes)} (${ctx.pinning}); ${enforced ? (blocked ? 'server refused' : 'withheld') : 'audit mode: not withheld'}`.slice(
        0,
        2000,
      ),
    server: { name: ctx.ruleId, scope: ctx.scope as 'user', transport: 'stdio', argv: [...ctx.argv], ruleId: ctx.ruleId },
    detail: {
      toolPinning: ctx.pinning,
      onToolChange: ctx.onToolChange,
      blocked,
      // Bounded: an event is at most 64 KiB (src/events/validate.ts), whatever a server lists.
      changes: changes
        .slice(0, MAX_EVENT_CHANGES)
        .map((c) => ({ kind: c.kind, name: c.name.slice(0, 128), ...(c.old ? { old: c.old } : {}), new: c.new })),
      ...(changes.length > MAX_EVENT_CHANGES ? { truncated: changes.length - MAX_EVENT_CHANGES } : {}),
    },
  };
}

/** TOFU: what was pinned on this device at first use. */
export function pinnedEvent(ctx: EventContext, pins: Partial<Pins>, kinds: readonly ItemKind[]): DriftEventInput {
  const counts = Object.fromEntries(kinds.map((k) => [k, Object.keys(pins[k] ?? {}).length]));
  return {
    kind: 'server.tools_pinned',
    severity: 'info',
    mode: ctx.mode,
    action: 'none',
    message: `${ctx.ruleId}: first use on this device, ${kinds.map((k) => `${counts[k]} ${k}`).join(', ')} pinned (trust on first use)`,
    server: { name: ctx.ruleId, scope: ctx.scope as 'user', transport: 'stdio', argv: [...ctx.argv], ruleId: ctx.ruleId },
    detail: { toolPinning: 'tofu', counts, digests: Object.fromEntries(kinds.map((k) => [k, setDigest(pins[k] ?? {})])) },
  };
}
