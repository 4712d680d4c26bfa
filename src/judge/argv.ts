// Matching an entry's argv against a rule's. Exact, element by element (as Claude Code's
// managed `serverCommand` does), except that a `{{secret:NAME}}` placeholder in the rule,
// alone or inside a larger string (`--key={{secret:K}}`), matches any non-empty value:
// that value is a secret the user supplies, which the credentials work moves to the keychain.
import { SECRET_PLACEHOLDER_RE } from '../policy/placeholder';

const compiled = new Map<string, RegExp | null>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex for a rule element with placeholders; null when it has none (plain equality). */
function patternFor(ruleArg: string): RegExp | null {
  let re = compiled.get(ruleArg);
  if (re !== undefined) return re;
  const placeholder = new RegExp(SECRET_PLACEHOLDER_RE.source, 'g');
  if (!placeholder.test(ruleArg)) {
    re = null;
  } else {
    placeholder.lastIndex = 0;
    let src = '^';
    let last = 0;
    for (const m of ruleArg.matchAll(placeholder)) {
      src += escapeRe(ruleArg.slice(last, m.index)) + '[\\s\\S]+';
      last = m.index + m[0].length;
    }
    src += escapeRe(ruleArg.slice(last)) + '$';
    re = new RegExp(src);
  }
  compiled.set(ruleArg, re);
  return re;
}

export function argMatches(ruleArg: string, value: string): boolean {
  const re = patternFor(ruleArg);
  return re === null ? ruleArg === value : re.test(value);
}

/** True when `args` is `ruleArgs` (placeholders matching any value), plus extra trailing args if allowed. */
export function argsMatch(ruleArgs: readonly string[], args: readonly string[], trailingArgs: boolean): boolean {
  if (args.length < ruleArgs.length) return false;
  if (!trailingArgs && args.length !== ruleArgs.length) return false;
  for (let i = 0; i < ruleArgs.length; i++) {
    if (!argMatches(ruleArgs[i], args[i])) return false;
  }
  return true;
}

/** The npm package name of a spec (`@scope/name@1.2.3` → `@scope/name`, `name` → `name`). */
export function packageNameOf(spec: string): string {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at < 0 ? spec : spec.slice(0, at);
}

/** The basename of a command without a Windows executable extension, lowercased on Windows only. */
export function commandBase(command: string): string {
  const base = command.replace(/\\/g, '/').split('/').pop() ?? command;
  return base.replace(/\.(exe|cmd|bat)$/i, '');
}
