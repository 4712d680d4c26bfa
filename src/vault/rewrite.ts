// The entry as it is written once its secrets are in the keychain. Pure.
//  stdio:  command = the installed mcp-warden, args = exec --server ID --scope SCOPE -- CMD
//          ARGS with each moved secret replaced by `{{secret:NAME}}` (so a rule with
//          placeholders is reproduced exactly), moved variables removed from `env`.
//  remote: moved headers removed, `headersHelper` = `<mcp-warden> headers --server ID
//          --scope SCOPE`.
// Every other key of the entry (type, timeout, alwaysLoad, other env vars) stays.
// Other clients (src/clients): stdio only, in that client's shape (adapter.wrap: VS Code
// keeps `type: "stdio"`; Codex's `[mcp_servers.NAME]` gets command/args/env), and the
// wrapper names the client (and the project, in project scope). None of them runs a
// headers helper, so a remote entry of theirs is not rewritten (plan.ts reports it).
import { adapterOf } from '../clients/adapters';
import type { ServerEntry } from '../inventory/types';
import type { Scope } from '../policy/types';
import { execArgv, headersHelperCommand, parseExecArgv } from '../inventory/wrapper';
import { secretPlaceholder } from '../policy/placeholder';
import { innerArgv, type DetectedSecret } from '../secrets/detect';
import { matchTemplate } from '../secrets/args';
import { normalizeDir } from './account';

/** The inner argv with the moved argument secrets replaced by placeholders. */
export function placeholderArgv(inner: readonly string[], moved: readonly DetectedSecret[]): string[] {
  const args = inner.slice(1);
  const byIndex = new Map<number, DetectedSecret[]>();
  for (const d of moved) {
    if (!d.arg) continue;
    byIndex.set(d.arg.index, [...(byIndex.get(d.arg.index) ?? []), d]);
  }
  const out = args.map((arg, i) => {
    // Right to left, so earlier spans keep their offsets.
    const spans = [...(byIndex.get(i) ?? [])].sort((a, b) => (b.arg?.start ?? 0) - (a.arg?.start ?? 0));
    let s = arg;
    for (const d of spans) {
      if (!d.arg) continue;
      s = s.slice(0, d.arg.start) + secretPlaceholder(d.secretName) + s.slice(d.arg.end);
    }
    return s;
  });
  return [inner[0] ?? '', ...out];
}

export interface RewriteOptions {
  /** Absolute path of the installed mcp-warden (agent config `exec.path`). */
  execPath: string;
  ruleId: string;
  scope: Scope;
}

/** The rewritten entry object, or undefined when the entry cannot carry the wrapper. */
export function rewriteEntry(
  entry: ServerEntry,
  moved: readonly DetectedSecret[],
  opts: RewriteOptions,
): Record<string, unknown> | undefined {
  if (entry.client !== undefined && entry.client !== 'claude-code') return rewriteClientEntry(entry, moved, opts);
  const out: Record<string, unknown> = { ...entry.raw };
  if (entry.transport === 'stdio') {
    const inner = innerArgv(entry);
    if (!inner || !inner[0]) return undefined;
    const argv = execArgv(opts.execPath, opts.ruleId, opts.scope, placeholderArgv(inner, moved));
    out.command = argv[0];
    out.args = argv.slice(1);
    const movedEnv = new Set(moved.filter((d) => d.finding.location === 'env').map((d) => d.secretName));
    if (entry.raw.env && typeof entry.raw.env === 'object') {
      out.env = Object.fromEntries(Object.entries(entry.raw.env as Record<string, unknown>).filter(([k]) => !movedEnv.has(k)));
    }
    return out;
  }
  if (entry.transport === 'http' || entry.transport === 'sse' || entry.transport === 'ws') {
    const movedHeaders = new Set(moved.filter((d) => d.finding.location === 'headers').map((d) => d.secretName));
    if (entry.raw.headers && typeof entry.raw.headers === 'object') {
      const kept = Object.fromEntries(Object.entries(entry.raw.headers as Record<string, unknown>).filter(([k]) => !movedHeaders.has(k)));
      if (Object.keys(kept).length > 0) out.headers = kept;
      else delete out.headers;
    }
    out.headersHelper = headersHelperCommand(opts.execPath, opts.ruleId, opts.scope);
    return out;
  }
  return undefined;
}

function movedEnvNames(moved: readonly DetectedSecret[]): Set<string> {
  return new Set(moved.filter((d) => d.finding.location === 'env').map((d) => d.secretName));
}

/** Another client's stdio entry, wrapped in its own format; undefined for anything else. */
function rewriteClientEntry(
  entry: ServerEntry,
  moved: readonly DetectedSecret[],
  opts: RewriteOptions,
): Record<string, unknown> | undefined {
  if (entry.transport !== 'stdio' || entry.client === undefined) return undefined;
  if (moved.some((d) => d.finding.location !== 'env' && d.finding.location !== 'args')) return undefined;
  const inner = innerArgv(entry);
  if (!inner || !inner[0]) return undefined;
  if (opts.scope === 'project' && !entry.project) return undefined;
  const site = { client: entry.client, ...(opts.scope === 'project' && entry.project ? { project: normalizeDir(entry.project) } : {}) };
  const argv = execArgv(opts.execPath, opts.ruleId, opts.scope, placeholderArgv(inner, moved), site);
  const out = adapterOf(entry.client).wrap(entry.raw, argv);
  const movedEnv = movedEnvNames(moved);
  if (entry.raw.env && typeof entry.raw.env === 'object') {
    const kept = Object.fromEntries(Object.entries(entry.raw.env as Record<string, unknown>).filter(([k]) => !movedEnv.has(k)));
    // An emptied table is dropped: Codex would keep an empty `[mcp_servers.NAME.env]`.
    if (Object.keys(kept).length > 0) out.env = kept;
    else delete out.env;
  }
  return out;
}

/**
 * Recover the argument secrets from an entry and its planned rewrite: each placeholder in
 * the rewritten inner argv sits where a value sits in the original. Values that are
 * themselves placeholders were moved before and are skipped. Undefined when the two do
 * not line up (the plan does not belong to this entry).
 */
export function argSecretsFromRewrite(
  entry: ServerEntry,
  rewritten: Record<string, unknown>,
): Array<{ name: string; value: string }> | undefined {
  const inner = innerArgv(entry);
  const args = Array.isArray(rewritten.args) ? (rewritten.args as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  const wrapped = parseExecArgv(typeof rewritten.command === 'string' ? rewritten.command : undefined, args, () => true);
  if (!inner || !wrapped || wrapped.inner.length !== inner.length) return undefined;
  const out: Array<{ name: string; value: string }> = [];
  for (let i = 1; i < inner.length; i++) {
    const template = wrapped.inner[i] ?? '';
    const original = inner[i] ?? '';
    if (template === original) continue;
    const slots = matchTemplate(template, original);
    if (!slots) return undefined;
    for (const s of slots) {
      const value = original.slice(s.start, s.end);
      if (value === secretPlaceholder(s.name)) continue;
      const seen = out.find((o) => o.name === s.name);
      if (seen && seen.value !== value) return undefined;
      if (!seen) out.push({ name: s.name, value });
    }
  }
  return out;
}
