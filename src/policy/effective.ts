// What a verified policy means in effect, decided here once: every later stage reads these
// answers instead of re-deriving them from the raw document.
import type { ServerRule, ToolPinning } from './types';

/** `toolPinning` as it applies: explicit, else `pinned` when the rule has pins, else `off`. */
export function effectivePinning(rule: Pick<ServerRule, 'transport' | 'toolPinning' | 'toolPins'>): ToolPinning {
  if (rule.transport !== 'stdio') return 'off';
  return rule.toolPinning ?? (rule.toolPins ? 'pinned' : 'off');
}
