// Drift events about plugins: a plugin's server the allowlist does not approve
// (`plugin.server_*`), a plugin turned off (`plugin.disabled`), a marketplace it does not
// allow (`plugin.marketplace_*`). Each names the plugin, its marketplace and the server in
// the message and in `detail`; argv and URLs go through serverRef (secrets masked).
import type { ActionTaken, DriftEventInput, EventKind } from '../events/types';
import type { ServerEntry } from '../inventory/types';
import type { Action, Plan } from '../plan/types';
import type { Verdict } from '../judge/types';
import type { ActionResult } from '../apply/types';
import { formatJsonPath } from '../util/jsonpath';
import { dedupeKey, serverRef, SEVERITY, type FindingEvent } from './event-parts';

type PluginAction = Extract<Action, { kind: 'plugin' }>;

function always(event: DriftEventInput): boolean {
  return event.action !== 'none' && event.action !== 'failed' && event.action !== 'refused';
}

function finding(event: DriftEventInput, parts: readonly unknown[], file: string): FindingEvent {
  return always(event) ? { event } : { event, dedupe: { key: dedupeKey(parts), file } };
}

/** What happened to the plugin across its settings files: done anywhere wins. */
function pluginOutcome(
  results: readonly ActionResult[],
  id: string,
): { action: ActionTaken; wouldDo?: ActionTaken; note: string; recordIds: string[] } {
  const mine = results.filter((r) => r.action.kind === 'plugin' && r.action.enablement.id === id);
  const done = mine.filter((r) => r.status === 'done');
  if (done.length > 0)
    return { action: 'quarantined', note: ' — plugin turned off', recordIds: done.flatMap((r) => (r.recordId ? [r.recordId] : [])) };
  const failed = mine.find((r) => r.status === 'failed');
  if (failed)
    return { action: 'failed', note: ` — could not turn the plugin off: ${failed.detail ?? failed.code ?? 'error'}`, recordIds: [] };
  if (mine.some((r) => r.status === 'not-run'))
    return { action: 'none', wouldDo: 'quarantined', note: ' — enforce would turn the plugin off', recordIds: [] };
  if (mine.some((r) => r.status === 'skipped'))
    return { action: 'none', wouldDo: 'quarantined', note: ' — changed while being checked; judged again next pass', recordIds: [] };
  return { action: 'none', note: '', recordIds: [] };
}

export function pluginEvents(
  plan: Plan,
  byEntry: ReadonlyMap<string, ServerEntry>,
  results: readonly ActionResult[],
  inScope: (file: string) => boolean,
  fingerprint: (e: ServerEntry) => string,
): FindingEvent[] {
  const out: FindingEvent[] = [];
  const pluginActs = plan.actions.filter((a): a is PluginAction => a.kind === 'plugin');
  const actedOn = new Set(pluginActs.map((a) => a.enablement.id));
  const held = new Map((plan.held ?? []).filter((h) => h.kind === 'plugin').map((h) => [h.entry.plugin?.id, h]));
  const verdicts: Verdict[] = plan.verdicts.filter((v) => v.verdict in SEVERITY && byEntry.get(v.entryKey)?.plugin);
  for (const v of verdicts) {
    const e = byEntry.get(v.entryKey) as ServerEntry;
    const p = e.plugin as NonNullable<ServerEntry['plugin']>;
    // Reported when this pass looked at the plugin (its files, or a settings file that turns it on).
    if (!inScope(e.file) && !actedOn.has(p.id) && !held.has(p.id)) continue;
    const h = held.get(p.id);
    const o = h ? { action: 'refused' as ActionTaken, note: ` — ${h.reason}`, recordIds: [] as string[] } : pluginOutcome(results, p.id);
    const event: DriftEventInput = {
      kind: `plugin.server_${v.verdict}` as EventKind,
      severity: SEVERITY[v.verdict],
      mode: plan.mode,
      action: o.action,
      message: `${e.name} (plugin ${p.name} from marketplace ${p.marketplace}, ${e.file}): ${v.reason}${o.note}`,
      server: serverRef(e, v.ruleId),
      file: e.file,
      jsonPath: formatJsonPath(e.jsonPath),
      detail: {
        plugin: p.id,
        marketplace: p.marketplace,
        server: e.name,
        ...(o.recordIds.length > 0 ? { quarantineIds: o.recordIds } : {}),
      },
    };
    if ('wouldDo' in o && o.wouldDo) event.wouldDo = o.wouldDo;
    out.push(finding(event, ['plugin', fingerprint(e), o.action, event.wouldDo], e.file));
  }
  const resultOf = new Map<Action, ActionResult>(results.map((r) => [r.action, r]));
  for (const a of pluginActs) {
    const r = resultOf.get(a);
    if (!r || (r.status !== 'done' && r.status !== 'failed')) continue;
    const id = a.enablement.id;
    const market = id.slice(id.lastIndexOf('@') + 1);
    const done = r.status === 'done';
    const event: DriftEventInput = {
      kind: 'plugin.disabled',
      severity: done ? 'medium' : 'high',
      mode: plan.mode,
      action: done ? 'quarantined' : 'failed',
      message: `plugin ${id} ${done ? 'turned off' : 'could not be turned off'} in ${a.enablement.file} (${a.enablement.scope} settings): ${a.reason}${done ? '' : ` (${r.detail ?? r.code ?? 'error'})`}`,
      server: { name: id, scope: 'plugin' },
      file: a.enablement.file,
      jsonPath: formatJsonPath(['enabledPlugins', id]),
      detail: {
        plugin: id,
        marketplace: market,
        servers: a.servers.map((s) => s.entry.name),
        ...(r.recordId ? { quarantineId: r.recordId } : {}),
        ...(r.code ? { error: r.code } : {}),
      },
    };
    out.push({ event });
  }
  for (const m of plan.marketplaces ?? []) {
    if (!inScope(m.file)) continue;
    const affected = [...new Set(pluginActs.filter((a) => a.marketplace?.name === m.name).map((a) => a.enablement.id))];
    const event: DriftEventInput = {
      kind: m.verdict === 'denied' ? 'plugin.marketplace_denied' : 'plugin.marketplace_unapproved',
      severity: m.verdict === 'denied' ? 'high' : 'medium',
      mode: plan.mode,
      action: 'none',
      message: `marketplace ${m.name} (${m.file}): ${m.reason}${affected.length > 0 ? `; plugins from it: ${affected.join(', ')}` : ''}`,
      file: m.file,
      detail: { marketplace: m.name, plugins: affected },
    };
    out.push(finding(event, ['marketplace', m.name, m.file, m.verdict], m.file));
  }
  return out;
}
