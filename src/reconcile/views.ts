// The JSON shapes `scan --json` and `reconcile --once --json` print (documented in
// docs/reconcile.md; acceptance checks rely on them). Entry values are shown as the
// quarantine record would show them: secret values replaced by `{{secret:NAME}}`.
import type { Inventory, ServerEntry } from '../inventory/types';
import type { Action, Plan } from '../plan/types';
import type { Verdict } from '../judge/types';
import type { ActionResult } from '../apply/types';
import { sanitizeEntry } from '../quarantine/sanitize';
import { formatJsonPath } from '../util/jsonpath';
import { shownUrl } from '../clients/adapters';
import type { PassResult } from './pass';

export interface EntryView {
  key: string;
  file: string;
  jsonPath: string;
  scope: string;
  configHome: string;
  project?: string;
  name: string;
  /** The MCP client whose file holds it (docs/clients.md). */
  client: string;
  transport: string;
  type?: string;
  command?: string;
  args?: unknown[];
  env?: Record<string, unknown>;
  url?: string;
  headers?: Record<string, unknown>;
  headersHelper?: string;
  wrapped?: { serverId: string; scope: string };
  /** Where Claude Code gets it: user, local, project, plugin or subagent. */
  source: string;
  /** For a plugin's server: the plugin (`name@marketplace`) and the folder it is loaded from. */
  plugin?: { id: string; marketplace: string; root: string };
  /** For a subagent: the server is named there, defined elsewhere. */
  reference?: boolean;
  verdict: Verdict['verdict'] | 'unjudged';
  reason: string;
  ruleId?: string;
  notes?: string[];
}

export function entryView(entry: ServerEntry, verdict: Verdict | undefined): EntryView {
  const shown = sanitizeEntry(entry).entry;
  const v: EntryView = {
    key: entry.key,
    file: entry.file,
    jsonPath: formatJsonPath(entry.jsonPath),
    scope: entry.scope,
    configHome: entry.configHome,
    name: entry.name,
    client: entry.client ?? 'claude-code',
    transport: entry.transport,
    source: entry.scope === 'agent' ? 'subagent' : entry.scope,
    verdict: verdict?.verdict ?? 'unjudged',
    reason: verdict?.reason ?? 'no policy: not judged',
  };
  if (entry.project !== undefined) v.project = entry.project;
  if (entry.type !== undefined) v.type = entry.type;
  if (typeof shown.command === 'string') v.command = shown.command;
  if (Array.isArray(shown.args)) v.args = shown.args;
  if (shown.env && typeof shown.env === 'object') v.env = shown.env as Record<string, unknown>;
  const url = shownUrl(entry.client, entry.raw, shown);
  if (url !== undefined) v.url = url;
  if (shown.headers && typeof shown.headers === 'object') v.headers = shown.headers as Record<string, unknown>;
  if (typeof shown.headersHelper === 'string') v.headersHelper = shown.headersHelper;
  if (entry.wrapped) v.wrapped = { serverId: entry.wrapped.serverId, scope: entry.wrapped.scope };
  if (entry.plugin) v.plugin = { id: entry.plugin.id, marketplace: entry.plugin.marketplace, root: entry.plugin.root };
  if (entry.reference) v.reference = true;
  if (verdict?.ruleId !== undefined) v.ruleId = verdict.ruleId;
  if (verdict?.notes) v.notes = verdict.notes;
  return v;
}

export interface ActionView {
  kind: Action['kind'];
  status: ActionResult['status'];
  file: string;
  jsonPath: string;
  name?: string;
  /** rename: the new name; settings: the new value. */
  to?: unknown;
  key?: string;
  reason: string;
  code?: string;
  detail?: string;
  quarantineId?: string;
  /** Secret values sealed to this device because the keychain was unavailable. */
  secretsSealed?: number;
}

export function actionView(r: ActionResult): ActionView {
  const a = r.action;
  let v: ActionView;
  if (a.kind === 'settings') {
    v = {
      kind: a.kind,
      status: r.status,
      file: a.settings.file,
      jsonPath: formatJsonPath([...(a.settings.jsonPath ?? []), a.key]),
      key: a.key,
      to: a.to,
      reason: a.reason,
    };
  } else if (a.kind === 'plugin') {
    v = {
      kind: a.kind,
      status: r.status,
      file: a.enablement.file,
      jsonPath: formatJsonPath(['enabledPlugins', a.enablement.id]),
      name: a.enablement.id,
      key: 'enabledPlugins',
      to: false,
      reason: a.reason,
    };
  } else {
    v = { kind: a.kind, status: r.status, file: a.entry.file, jsonPath: formatJsonPath(a.entry.jsonPath), name: a.entry.name, reason: '' };
    if (a.kind === 'remove') v.reason = `${a.verdict.verdict}: ${a.verdict.reason}`;
    if (a.kind === 'rename') {
      v.to = a.to;
      v.reason = a.reason;
    }
    if (a.kind === 'wrap') v.reason = a.reason;
    if (a.kind === 'migrate')
      v.reason = `secrets ${a.findings.map((f) => `${f.location}:${f.location === 'args' ? (f.placeholder ?? f.name) : f.name}`).join(', ')} to the keychain`;
  }
  if (r.code !== undefined) v.code = r.code;
  if (r.detail !== undefined) v.detail = r.detail;
  if (r.recordId !== undefined) v.quarantineId = r.recordId;
  if (r.sealedSecrets !== undefined) v.secretsSealed = r.sealedSecrets;
  return v;
}

export function heldView(
  plan: Plan,
): Array<{ kind: string; file: string; jsonPath: string; name: string; to?: string; reason: string; retryAt?: string }> {
  return (plan.held ?? []).map((h) => {
    const v: { kind: string; file: string; jsonPath: string; name: string; to?: string; reason: string; retryAt?: string } = {
      kind: h.kind,
      file: h.entry.file,
      jsonPath: formatJsonPath(h.entry.jsonPath),
      name: h.entry.name,
      reason: h.reason,
    };
    if (h.to !== undefined) v.to = h.to;
    if (h.retryAt !== undefined) v.retryAt = h.retryAt;
    return v;
  });
}

/** Every plugin some settings scope mentions: where it is turned on or off, and its servers. */
export function pluginsView(
  inv: Inventory,
): Array<{ id: string; enabled: boolean; settings: Array<{ file: string; scope: string; value: unknown }>; servers: string[] }> {
  const byId = new Map<
    string,
    { id: string; enabled: boolean; settings: Array<{ file: string; scope: string; value: unknown }>; servers: string[] }
  >();
  for (const p of inv.plugins ?? []) {
    const v = byId.get(p.id) ?? { id: p.id, enabled: false, settings: [], servers: [] };
    v.settings.push({ file: p.file, scope: p.scope, value: p.value });
    if (p.value === true) v.enabled = true;
    byId.set(p.id, v);
  }
  for (const e of inv.entries) if (e.plugin) byId.get(e.plugin.id)?.servers.push(e.name);
  for (const v of byId.values()) v.servers = [...new Set(v.servers)];
  return [...byId.values()];
}

/** Entries by where Claude Code gets them (every source mcp-warden reads). */
export function sourceCounts(entries: readonly { scope: string }[]): Record<string, number> {
  const out: Record<string, number> = { user: 0, local: 0, project: 0, plugin: 0, subagent: 0 };
  for (const e of entries) {
    const k = e.scope === 'agent' ? 'subagent' : e.scope;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Entries per MCP client (docs/clients.md). */
export function clientCounts(entries: readonly { client?: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const k = e.client ?? 'claude-code';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export function passView(r: PassResult, notes: readonly string[]): Record<string, unknown> {
  return {
    policy: r.policy,
    mode: r.mode,
    noPolicy: r.noPolicy,
    dryRun: r.dryRun,
    executed: r.executed,
    notes,
    counts: r.counts,
    sources: sourceCounts(r.inventory.entries),
    marketplaces: r.plan.marketplaces ?? [],
    actions: r.results.map(actionView),
    held: heldView(r.plan),
    flapping: r.plan.flapping ?? [],
    written: r.written,
    errors: r.errors,
    unreadable: r.unreadable,
    truncated: r.inventory.truncated ?? [],
    files: r.inventory.files.length,
    projects: r.inventory.projects.length,
    cleaned: r.cleaned ?? { temps: 0, locks: 0 },
    durationMs: r.durationMs,
  };
}
