// Writing the other clients' admin controls (clients-render.ts) into their system files:
// Gemini CLI's system settings.json (JSON with comments) and Codex's requirements.toml.
// Those files are the admin's, and may hold other settings (Gemini's `tools`, `telemetry`;
// Codex's `allowed_approval_policies`): we own only our keys (`mcp.allowed`, `mcp.excluded`;
// the `[mcp_servers]` table), edit them in place keeping everything else byte for byte,
// and validate the result before anything is written. A file we cannot parse is never
// touched. Audit mode removes our keys, as it removes Claude Code's drop-in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Mode, Policy } from '../policy/types';
import { computeSyntaxEdit } from '../fsedit/syntax';
import type { JsonEditOp } from '../fsedit/ops';
import { getOwn, jsonEqual } from '../util/json-safe';
import { isWardenError } from '../errors';
import { SystemError } from './errors';
import { readDropIn, writeDropIn } from './dropin';
import { renderCodexRequirements, renderGeminiControls, type ClientRender } from './clients-render';

export type ClientControlId = 'gemini-cli' | 'codex';

export interface ClientControlTarget {
  client: ClientControlId;
  file: string;
}

export interface ClientControlReport {
  client: ClientControlId;
  file: string;
  outcome: 'written' | 'unchanged' | 'removed' | 'absent' | 'refused';
  /** What our keys hold after this run (enforce) or would (dry run). */
  value?: unknown;
  notes: string[];
  error?: { code: string; message: string };
}

const NAME_RE = /^[A-Za-z0-9_-]{1,128}$/;
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** What a schema cannot say: names the clients match exactly, no control characters, no `${`. */
export function checkClientValue(client: ClientControlId, value: unknown): string[] {
  const issues: string[] = [];
  const str = (where: string, s: unknown, name = false): void => {
    if (typeof s !== 'string' || s.trim() === '') issues.push(`${where} must be a non-empty string`);
    else if (CONTROL_RE.test(s)) issues.push(`${where} contains a control character`);
    else if (name && !NAME_RE.test(s)) issues.push(`${where} is not a server name ([A-Za-z0-9_-])`);
    // Gemini CLI expands $VAR / ${VAR} in settings values from the user's environment.
    else if (client === 'gemini-cli' && s.includes('$')) issues.push(`${where} contains "$", which Gemini CLI would expand`);
  };
  if (value === undefined) return issues;
  if (client === 'gemini-cli') {
    const v = value as Record<string, unknown>;
    for (const k of Object.keys(v)) if (k !== 'allowed' && k !== 'excluded') issues.push(`mcp.${k} is not ours`);
    for (const k of ['allowed', 'excluded'] as const) {
      const list = v[k];
      if (list === undefined) continue;
      if (!Array.isArray(list)) issues.push(`mcp.${k} must be a list`);
      else list.forEach((n, i) => str(`mcp.${k}[${i}]`, n, true));
    }
  } else {
    for (const [name, req] of Object.entries(value as Record<string, unknown>)) {
      if (!NAME_RE.test(name)) issues.push(`mcp_servers.${name} is not a server name`);
      const id = getOwn(req, 'identity') as Record<string, unknown> | undefined;
      const keys = id && typeof id === 'object' ? Object.keys(id) : [];
      if (keys.length !== 1 || (keys[0] !== 'command' && keys[0] !== 'url'))
        issues.push(`mcp_servers.${name}.identity must have exactly one of command, url`);
      else str(`mcp_servers.${name}.identity.${keys[0]}`, id?.[keys[0]]);
    }
  }
  return issues;
}

/** The edits that put `value` under our keys of `doc` (or take our keys out). */
function opsFor(client: ClientControlId, doc: unknown, value: unknown): JsonEditOp[] {
  if (client === 'codex') return [{ path: ['mcp_servers'], value }];
  const mcp = getOwn(doc, 'mcp');
  const v = (value ?? {}) as Record<string, unknown>;
  if (mcp === undefined || mcp === null || typeof mcp !== 'object') return value === undefined ? [] : [{ path: ['mcp'], value }];
  return (['allowed', 'excluded'] as const).map((k) => ({ path: ['mcp', k], value: v[k] }));
}

function ourPart(client: ClientControlId, doc: unknown): unknown {
  if (client === 'codex') return getOwn(doc, 'mcp_servers');
  const mcp = getOwn(doc, 'mcp');
  if (mcp === undefined || mcp === null || typeof mcp !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ['allowed', 'excluded'] as const) if (getOwn(mcp, k) !== undefined) out[k] = getOwn(mcp, k);
  return Object.keys(out).length > 0 ? out : undefined;
}

export function renderFor(client: ClientControlId, policy: Policy, execPath: string): ClientRender<unknown> {
  return client === 'codex' ? renderCodexRequirements(policy, execPath) : renderGeminiControls(policy);
}

/** Render, validate, and (unless dry run) write one client's controls. Never throws for expected failures. */
export function applyClientControl(
  t: ClientControlTarget,
  policy: Policy,
  opts: { execPath: string; mode: Mode; dryRun: boolean },
): ClientControlReport {
  const r = renderFor(t.client, policy, opts.execPath);
  // Audit mode: nothing of ours in the file (what enforce would write is reported).
  const wanted = opts.mode === 'audit' ? undefined : r.value;
  const report: ClientControlReport = { client: t.client, file: t.file, outcome: 'unchanged', notes: r.notes };
  if (r.value !== undefined) report.value = r.value;
  try {
    const issues = checkClientValue(t.client, r.value);
    if (issues.length > 0)
      throw new SystemError({
        code: 'RENDER_INVALID',
        message: `refusing to write ${t.file}: ${issues.slice(0, 10).join('; ')}`,
        file: t.file,
      });
    const existing = readDropIn(t.file);
    const text = existing?.text ?? '';
    if (!existing && wanted === undefined) {
      report.outcome = 'absent';
      return report;
    }
    const syntax = t.client === 'codex' ? 'toml' : 'jsonc';
    const c = computeSyntaxEdit(t.file, syntax, text === '' && syntax === 'jsonc' ? '{}\n' : text, (doc) => opsFor(t.client, doc, wanted));
    // Read back: our keys hold exactly what was rendered, and nothing else changed (computeSyntaxEdit checked that).
    if (!jsonEqual(ourPart(t.client, c.after()), wanted))
      throw new SystemError({
        code: 'RENDER_INVALID',
        message: `${t.file}: the edit did not produce the rendered controls; nothing written`,
        file: t.file,
      });
    if (c.applied.length === 0 || c.next === text) {
      report.outcome = wanted === undefined ? 'absent' : 'unchanged';
      return report;
    }
    report.outcome = wanted === undefined ? 'removed' : 'written';
    if (!opts.dryRun) writeDropIn(t.file, c.next);
  } catch (e) {
    if (!isWardenError(e)) throw e;
    report.outcome = 'refused';
    report.error = { code: e.code, message: e.message };
  }
  return report;
}

/**
 * Where each client keeps its admin file on this OS: Gemini CLI's system settings (the
 * GEMINI_CLI_SYSTEM_SETTINGS_PATH that Gemini CLI itself honours wins), Codex's
 * requirements.toml. Sources: docs/clients.md.
 */
export function defaultClientControlFile(
  client: ClientControlId,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  if (client === 'gemini-cli') {
    if (env.GEMINI_CLI_SYSTEM_SETTINGS_PATH) return path.resolve(env.GEMINI_CLI_SYSTEM_SETTINGS_PATH);
    if (platform === 'darwin') return '/Library/Application Support/GeminiCli/settings.json';
    if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'gemini-cli', 'settings.json');
    return '/etc/gemini-cli/settings.json';
  }
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'OpenAI', 'Codex', 'requirements.toml');
  return '/etc/codex/requirements.toml';
}

/** The targets of this run: a client whose admin folder does not exist (not installed) is left alone, unless its file was named. */
export function clientControlTargets(named: Partial<Record<ClientControlId, string>>, env: NodeJS.ProcessEnv): ClientControlTarget[] {
  const out: ClientControlTarget[] = [];
  for (const client of ['gemini-cli', 'codex'] as const) {
    const given = named[client];
    const file = given ? path.resolve(given) : defaultClientControlFile(client, env);
    if (given || (client === 'gemini-cli' && env.GEMINI_CLI_SYSTEM_SETTINGS_PATH) || fs.existsSync(path.dirname(file)))
      out.push({ client, file });
  }
  return out;
}
