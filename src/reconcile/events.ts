// Drift events for a pass, built from the plan and what apply() did. One event per
// finding; a finding nothing was done about (audit mode, unverifiable, a failure that
// repeats) is reported once a day, not once a pass. Never a secret value: argv and URLs
// are shown as the quarantine record shows them (secrets replaced by placeholders).
import type { ActionTaken, DriftEventInput, EventKind } from '../events/types';
import type { ServerEntry, UnreadableFile } from '../inventory/types';
import type { Action, Plan } from '../plan/types';
import type { ActionResult } from '../apply/types';
import { formatJsonPath } from '../util/jsonpath';
import type { Mode } from '../policy/types';
import { exposureEvents, type CredentialExposure } from '../vault/plan';
import type { ReconcileState } from './state-file';
import { pluginEvents } from './plugin-events';
import { dedupeKey, serverRef, SEVERITY, type FindingEvent } from './event-parts';

export const REPORT_AGAIN_MS = 24 * 60 * 60_000;

function where(entry: ServerEntry): string {
  if (entry.scope === 'agent') return `${entry.name} (subagent ${entry.file})`;
  return entry.client !== undefined
    ? `${entry.name} (${entry.client}, ${entry.scope} scope, ${entry.file})`
    : `${entry.name} (${entry.scope} scope, ${entry.file})`;
}

/** What happened, as event fields, from an action result (or its absence). */
function outcome(
  result: ActionResult | undefined,
  did: ActionTaken,
): { action: ActionTaken; wouldDo?: ActionTaken; note: string; detail: Record<string, unknown> } {
  if (!result) return { action: 'none', note: '', detail: {} };
  switch (result.status) {
    case 'done': {
      const detail: Record<string, unknown> = result.recordId ? { quarantineId: result.recordId } : {};
      if (!result.sealedSecrets) return { action: did, note: ` — ${did}`, detail };
      // The keychain was unavailable: say so, and where the values wait (never the values).
      detail.secretsSealed = result.sealedSecrets;
      return {
        action: did,
        note: ` — ${did}; the keychain was unavailable, so its ${result.sealedSecrets} secret value(s) are sealed on this device until \`quarantine restore\``,
        detail,
      };
    }
    case 'not-run':
      return { action: 'none', wouldDo: did, note: ` — enforce would have ${did === 'fixed' ? 'fixed it' : did + ' it'}`, detail: {} };
    case 'skipped':
      return { action: 'none', wouldDo: did, note: ' — changed while being checked; judged again next pass', detail: { skipped: true } };
    case 'failed':
      return {
        action: 'failed',
        note: ` — could not act: ${result.detail ?? result.code ?? 'error'}`,
        detail: { error: result.code ?? 'ERROR' },
      };
  }
}

export function buildEvents(
  plan: Plan,
  entries: readonly ServerEntry[],
  results: readonly ActionResult[],
  unreadable: readonly UnreadableFile[],
  inScope: (file: string) => boolean,
  fingerprint: (e: ServerEntry) => string,
  /** key → entry over `entries` (the agent keeps one across passes); built here when absent. */
  entryByKey?: ReadonlyMap<string, ServerEntry>,
): FindingEvent[] {
  const out: FindingEvent[] = [];
  const byEntry = entryByKey ?? new Map(entries.map((e) => [e.key, e]));
  const resultOf = new Map<Action, ActionResult>(results.map((r) => [r.action, r]));
  const removal = new Map<string, ActionResult>();
  for (const r of results) if (r.action.kind === 'remove') removal.set(r.action.entry.key, r);
  const held = new Map((plan.held ?? []).filter((h) => h.kind === 'remove').map((h) => [h.entry.key, h]));
  const push = (event: DriftEventInput, dedupeParts?: readonly unknown[], file?: string): void => {
    // Something done is news every time; a finding nothing was done about is news once a day.
    const alwaysReport = event.action !== 'none' && event.action !== 'failed' && event.action !== 'refused';
    out.push(alwaysReport || !dedupeParts || !file ? { event } : { event, dedupe: { key: dedupeKey(dedupeParts), file } });
  };

  for (const v of plan.verdicts) {
    if (!(v.verdict in SEVERITY)) continue;
    const entry = byEntry.get(v.entryKey);
    if (!entry || !inScope(entry.file)) continue;
    // Plugin servers have their own events (pluginEvents); a subagent's reference by name is
    // reported through the server it names.
    if (entry.plugin || entry.reference) continue;
    const h = held.get(entry.key);
    const o = h
      ? {
          action: 'none' as ActionTaken,
          wouldDo: 'removed' as ActionTaken,
          note: ` — removal held back until ${h.retryAt ?? 'later'} (${h.reason})`,
          detail: { retryAt: h.retryAt },
        }
      : outcome(removal.get(entry.key), 'removed');
    const event: DriftEventInput = {
      kind: `server.${v.verdict}` as EventKind,
      severity: SEVERITY[v.verdict],
      mode: plan.mode,
      action: o.action,
      message: `${where(entry)}: ${v.reason}${o.note}`,
      server: serverRef(entry, v.ruleId),
      file: entry.file,
      jsonPath: formatJsonPath(entry.jsonPath),
    };
    if (o.wouldDo) event.wouldDo = o.wouldDo;
    if (Object.keys(o.detail).length > 0) event.detail = o.detail;
    push(event, [event.kind, fingerprint(entry), o.action, o.wouldDo], entry.file);
  }

  for (const f of plan.flapping ?? []) {
    const entry = byEntry.get(f.entryKey);
    if (!entry) continue;
    const done = removal.get(entry.key)?.status === 'done';
    const event: DriftEventInput = {
      kind: 'server.flapping',
      severity: 'medium',
      mode: plan.mode,
      action: done ? 'removed' : 'none',
      message: `${where(entry)} came back after being removed (${f.count - 1} time(s)); Claude Code probably rewrote it from memory. ${done ? 'Removed again.' : `Next removal at ${f.retryAt ?? 'the next pass'}.`}`,
      server: serverRef(entry),
      file: entry.file,
      jsonPath: formatJsonPath(entry.jsonPath),
      detail: f.retryAt ? { count: f.count, retryAt: f.retryAt } : { count: f.count },
    };
    if (!done && plan.mode === 'enforce') event.wouldDo = 'removed';
    push(event, ['flap', fingerprint(entry), f.count], entry.file);
  }

  for (const a of plan.actions) {
    if (a.kind === 'rename') {
      const o = outcome(resultOf.get(a), 'renamed');
      const event: DriftEventInput = {
        kind: 'server.renamed',
        severity: 'info',
        mode: plan.mode,
        action: o.action,
        message: `${where(a.entry)} → ${a.to}: ${a.reason}${o.note}`,
        server: serverRef(a.entry, a.to),
        file: a.entry.file,
        jsonPath: formatJsonPath(a.entry.jsonPath),
      };
      if (o.wouldDo) event.wouldDo = o.wouldDo;
      push(event, ['rename', fingerprint(a.entry), o.action, o.wouldDo], a.entry.file);
    } else if (a.kind === 'settings') {
      const o = outcome(resultOf.get(a), 'fixed');
      const path = [...(a.settings.jsonPath ?? []), a.key];
      const event: DriftEventInput = {
        kind: 'settings.drift',
        severity: a.key === 'enableAllProjectMcpServers' ? 'high' : 'medium',
        mode: plan.mode,
        action: o.action,
        message: `${a.settings.file}: ${a.reason}${o.note}`,
        file: a.settings.file,
        jsonPath: formatJsonPath(path),
        detail: { key: a.key },
      };
      if (o.wouldDo) event.wouldDo = o.wouldDo;
      push(event, ['settings', a.settings.file, path, JSON.stringify(a.settings[a.key]), o.action, o.wouldDo], a.settings.file);
    }
  }

  for (const h of plan.held ?? []) {
    if (h.kind !== 'rename') continue;
    push(
      {
        kind: 'server.renamed',
        severity: 'medium',
        mode: plan.mode,
        action: 'refused',
        message: `${where(h.entry)} was not renamed to ${h.to ?? '?'}: ${h.reason}`,
        server: serverRef(h.entry, h.to),
        file: h.entry.file,
        jsonPath: formatJsonPath(h.entry.jsonPath),
      },
      ['rename-refused', fingerprint(h.entry), h.to],
      h.entry.file,
    );
  }

  out.push(...pluginEvents(plan, byEntry, results, inScope, fingerprint));

  for (const u of unreadable) {
    if (!inScope(u.file)) continue;
    out.push({
      event: {
        kind: 'config.unreadable',
        severity: 'medium',
        mode: plan.mode,
        action: 'none',
        message: `${u.file} ${u.reason}`,
        file: u.file,
        detail: { code: u.code },
      },
      dedupe: { key: dedupeKey(['unreadable', u.file, u.code]), file: u.file },
    });
  }
  return out;
}

/** Which events to emit now, updating the once-a-day bookkeeping in `state`. */
export function selectToEmit(
  found: FindingEvent[],
  state: ReconcileState,
  now: Date,
  inScope: (file: string) => boolean,
): DriftEventInput[] {
  const emit: DriftEventInput[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    if (!f.dedupe) {
      emit.push(f.event);
      continue;
    }
    seen.add(f.dedupe.key);
    const prev = state.reported[f.dedupe.key];
    if (prev && now.getTime() - Date.parse(prev.at) < REPORT_AGAIN_MS) continue;
    state.reported[f.dedupe.key] = { file: f.dedupe.file, at: now.toISOString() };
    emit.push(f.event);
  }
  // A finding that went away is forgotten, so if it comes back it is reported again.
  for (const [k, r] of Object.entries(state.reported)) if (inScope(r.file) && !seen.has(k)) delete state.reported[k];
  return emit;
}

/**
 * `credential.exposed` findings from the credentials planner (secrets that stay in plain
 * text, and in audit mode those enforce would move), and for a dry run in enforce mode the
 * migrations that were not run. Migrations that ran report themselves (applyMigration).
 */
export function credentialFindings(
  exposures: readonly CredentialExposure[],
  results: readonly ActionResult[],
  mode: Mode,
  inScope: (file: string) => boolean,
): FindingEvent[] {
  const out: FindingEvent[] = [];
  const events = exposureEvents(
    exposures.filter((x) => inScope(x.entry.file)),
    mode,
  );
  for (const r of results) {
    if (r.action.kind !== 'migrate' || r.status !== 'not-run') continue;
    const x: CredentialExposure = {
      entry: r.action.entry,
      findings: r.action.findings,
      ruleId: r.action.ruleId,
      wouldMigrate: true,
      reason: 'a dry run: enforce would move it to the keychain',
    };
    events.push(...exposureEvents([x], mode));
  }
  for (const event of events) {
    const file = event.file ?? '';
    out.push({
      event,
      dedupe: {
        key: dedupeKey(['credential', file, event.jsonPath, event.credential?.name, event.credential?.fingerprint, event.wouldDo]),
        file,
      },
    });
  }
  return out;
}
