// Secrets inside a stdio server's argv. Pure. Where the allowlist rule writes
// `{{secret:NAME}}` at a position, the rule decides: the value under the placeholder is the
// secret, named NAME, so that the migrated argv equals the rule's argv exactly (Claude Code's
// managed `serverCommand` matching and `system apply` depend on that). Where the rule has a
// literal, nothing may change (the argv must stay equal to the rule), so a secret found
// there is reported only. Past the rule's args (trailing user arguments) and without a
// rule, heuristics find secrets: credential flags, header-style arguments, token shapes,
// URL credentials, random-looking values.
import { findTokenShapes } from '../log/secret-patterns';
import { hasPlaceholder, SECRET_PLACEHOLDER_RE } from '../policy/placeholder';
import { looksRandom } from './entropy';
import { isCredentialFlag, isCredentialHeaderName, isCredentialParam, isLocatorName, toSecretName } from './names';
import { decodeURIComponentSafe, isPathLike } from './values';

export interface ArgSecret {
  /** Index into the inner argv's arguments (inner.slice(1)). */
  index: number;
  start: number;
  end: number;
  /** Placeholder NAME. */
  name: string;
  reason: string;
  movable: boolean;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Match `arg` against a rule template with placeholders; the spans and names of the values. */
export function matchTemplate(template: string, arg: string): Array<{ name: string; start: number; end: number }> | undefined {
  const names: string[] = [];
  let source = '^';
  let last = 0;
  for (const m of template.matchAll(SECRET_PLACEHOLDER_RE)) {
    source += escapeRe(template.slice(last, m.index));
    source += '(.+?)';
    names.push(m[1] ?? '');
    last = m.index + m[0].length;
  }
  if (names.length === 0) return undefined;
  source += escapeRe(template.slice(last)) + '$';
  const m = new RegExp(source, 'ds').exec(arg);
  if (!m?.indices) return undefined;
  const out: Array<{ name: string; start: number; end: number }> = [];
  for (let i = 0; i < names.length; i++) {
    const span = m.indices[i + 1];
    if (!span) return undefined;
    out.push({ name: names[i] ?? '', start: span[0], end: span[1] });
  }
  return out;
}

type Hit = Omit<ArgSecret, 'index' | 'movable'>;

/** A secret value after a credential flag: not a path, not a locator, not another flag. */
function flagValueIsSecret(flag: string, value: string): boolean {
  if (!value || value.startsWith('-') || value.includes('${') || hasPlaceholder(value)) return false;
  if (isPathLike(value) || /^(?:true|false|\d{1,5})$/i.test(value)) return false;
  return !isLocatorName(flag);
}

function urlHits(arg: string): Hit[] {
  const hits: Hit[] = [];
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^\s/@:]*):([^\s/@]+)@/i.exec(arg);
  if (scheme?.[1] && scheme[3] && !hasPlaceholder(scheme[3]) && !scheme[3].startsWith('${')) {
    const start = scheme[1].length + 3 + (scheme[2]?.length ?? 0) + 1;
    hits.push({ start, end: start + scheme[3].length, name: `${toSecretName(scheme[1])}_PASSWORD`, reason: 'url-password' });
  }
  const q = arg.indexOf('?');
  if (q >= 0 && /^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
    let pos = q + 1;
    const end = arg.includes('#', pos) ? arg.indexOf('#', pos) : arg.length;
    for (const pair of arg.slice(pos, end).split('&')) {
      const eq = pair.indexOf('=');
      const value = eq > 0 ? pair.slice(eq + 1) : '';
      const key = decodeURIComponentSafe(pair.slice(0, Math.max(eq, 0)));
      if (value && !value.startsWith('${') && !hasPlaceholder(value) && isCredentialParam(key)) {
        hits.push({ start: pos + eq + 1, end: pos + pair.length, name: toSecretName(key), reason: `url-query:${key}` });
      }
      pos += pair.length + 1;
    }
  }
  return hits;
}

/** Heuristic hits in one argument (`prev` is the argument before it). */
export function scanArg(arg: string, prev: string | undefined): Hit[] {
  const hits: Hit[] = [];
  const eq = /^(--?[A-Za-z][A-Za-z0-9_.-]*)=(.*)$/s.exec(arg);
  if (eq?.[1] && eq[2] !== undefined && isCredentialFlag(eq[1]) && flagValueIsSecret(eq[1], eq[2])) {
    hits.push({ start: eq[1].length + 1, end: arg.length, name: toSecretName(eq[1]), reason: 'flag' });
  } else if (prev && !prev.includes('=') && isCredentialFlag(prev) && flagValueIsSecret(prev, arg)) {
    hits.push({ start: 0, end: arg.length, name: toSecretName(prev), reason: 'flag' });
  }
  // `--header "Authorization: Bearer …"` (mcp-remote and friends).
  const hdr = /^([A-Za-z][A-Za-z0-9-]*):\s*(?:(?:Bearer|Basic|Token|Bot)\s+)?/i.exec(arg);
  if (hdr?.[1] && isCredentialHeaderName(hdr[1]) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
    const value = arg.slice(hdr[0].length);
    if (value && !value.includes('${') && !hasPlaceholder(value)) {
      hits.push({ start: hdr[0].length, end: arg.length, name: toSecretName(hdr[1]), reason: 'header' });
    }
  }
  hits.push(...urlHits(arg));
  for (const s of findTokenShapes(arg)) hits.push({ start: s.start, end: s.end, name: toSecretName(s.id), reason: `shape:${s.id}` });
  const valueStart = eq?.[1] ? eq[1].length + 1 : 0;
  const candidate = arg.slice(valueStart);
  if (!hasPlaceholder(candidate) && looksRandom(candidate)) {
    hits.push({ start: valueStart, end: arg.length, name: 'SECRET', reason: 'entropy' });
  }
  // Keep the first hit of overlapping ones (order above = priority), then sort by position.
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Secrets in `args` (the arguments after the command), guided by the rule's args template.
 * `ruleArgs` undefined: no rule (heuristics everywhere; the plan reports, never migrates).
 */
export function findArgSecrets(args: readonly string[], ruleArgs: readonly string[] | undefined): ArgSecret[] {
  const out: ArgSecret[] = [];
  args.forEach((arg, index) => {
    const template = ruleArgs?.[index];
    if (template !== undefined) {
      const slots = matchTemplate(template, arg);
      if (slots) {
        // A slot that already holds its placeholder was moved before (a wrapped entry).
        for (const s of slots) if (!hasPlaceholder(arg.slice(s.start, s.end))) out.push({ index, ...s, reason: 'rule', movable: true });
        return;
      }
      if (template === arg) {
        // The allowlist itself holds this argument: report what looks secret, change nothing.
        for (const h of scanArg(arg, args[index - 1])) out.push({ index, ...h, movable: false });
        return;
      }
    }
    const movable = ruleArgs !== undefined && index >= ruleArgs.length;
    for (const h of scanArg(arg, args[index - 1])) out.push({ index, ...h, movable });
  });
  return uniqueNames(out);
}

/** Placeholder names must be unique per entry: a clash gets `_2`, `_3`… (rule names never change). */
function uniqueNames(secrets: ArgSecret[]): ArgSecret[] {
  const taken = new Set(secrets.filter((s) => s.reason === 'rule').map((s) => s.name));
  for (const s of secrets) {
    if (s.reason === 'rule') continue;
    let name = s.name;
    for (let n = 2; taken.has(name); n++) name = `${s.name}_${n}`;
    s.name = name;
    taken.add(name);
  }
  return secrets;
}
