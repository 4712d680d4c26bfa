// Deny rules: every field a rule gives must match; a rule that gives no field matches
// nothing (a malformed rule must never turn into "deny everything"). Deny beats allow.
import type { DenyRule } from '../policy/types';
import { packageNameOf } from './argv';
import { urlMatches } from './url';

export interface DenySubject {
  name: string;
  /** [command, ...args] for stdio (the inner command of a wrapped entry). */
  argv?: readonly string[];
  url?: string;
}

function hasField(rule: DenyRule): boolean {
  return (
    rule.command !== undefined || rule.args !== undefined || rule.package !== undefined || rule.url !== undefined || rule.name !== undefined
  );
}

function packageIn(argv: readonly string[], pkg: string): boolean {
  for (const a of argv) {
    // `--package=name@1`, `name`, `name@1`, `@scope/name@1`
    const spec = a.startsWith('--package=') ? a.slice('--package='.length) : a;
    if (spec === pkg || packageNameOf(spec) === pkg) return true;
  }
  return false;
}

export function denyMatches(rule: DenyRule, s: DenySubject): boolean {
  if (!hasField(rule)) return false;
  if (rule.name !== undefined && rule.name !== s.name) return false;
  if (rule.command !== undefined || rule.args !== undefined || rule.package !== undefined) {
    if (!s.argv || s.argv.length === 0) return false;
    const [command, ...args] = s.argv;
    if (rule.command !== undefined && rule.command !== command) return false;
    if (rule.args !== undefined && (rule.args.length !== args.length || rule.args.some((a, i) => a !== args[i]))) {
      return false;
    }
    if (rule.package !== undefined && !packageIn(s.argv, rule.package)) return false;
  }
  if (rule.url !== undefined) {
    if (s.url === undefined || !urlMatches(rule.url, s.url)) return false;
  }
  return true;
}

/** The first deny rule that matches, with its index. */
export function findDeny(rules: readonly DenyRule[] | undefined, s: DenySubject): { rule: DenyRule; index: number } | undefined {
  if (!rules) return undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (denyMatches(rule, s)) return { rule, index: i };
  }
  return undefined;
}
