// The allowlist's placeholder for a secret inside a rule's args: `{{secret:NAME}}`. Part of the
// allowlist format (the judge matches through it, lint checks it, exec fills it at launch).
/** Placeholder for a secret inside args: `{{secret:NAME}}`. Claude Code does not expand it (it only expands `${…}`). */
export const SECRET_PLACEHOLDER_RE = /\{\{secret:([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** The same pattern without the global flag: `test()` then keeps no state between calls. */
const HAS_PLACEHOLDER_RE = new RegExp(SECRET_PLACEHOLDER_RE.source);

/** Whether `value` holds a `{{secret:NAME}}` placeholder anywhere. */
export function hasPlaceholder(value: string): boolean {
  return HAS_PLACEHOLDER_RE.test(value);
}

export function secretPlaceholder(name: string): string {
  return `{{secret:${name}}}`;
}
