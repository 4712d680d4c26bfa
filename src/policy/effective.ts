// What a verified policy means in effect, decided here once: every later stage reads these
// answers instead of re-deriving them from the raw document.
import type { Mode, Policy, ServerRule, ToolPinning } from './types';

/** `toolPinning` as it applies: explicit, else `pinned` when the rule has pins, else `off`. */
export function effectivePinning(rule: Pick<ServerRule, 'transport' | 'toolPinning' | 'toolPins'>): ToolPinning {
  if (rule.transport !== 'stdio') return 'off';
  return rule.toolPinning ?? (rule.toolPins ? 'pinned' : 'off');
}

/**
 * The mode a policy puts this device in: its allowlist's, and audit when there is none.
 * The one place this is decided: no policy (none configured, none verified yet, every
 * candidate refused) can never mean enforce, and nothing else picks a default of its own.
 */
export function effectiveMode(policy: Pick<Policy, 'allowlist'> | null | undefined): Mode {
  return policy?.allowlist.mode ?? 'audit';
}
