// apply(): carry out a plan's actions. Files are edited one at a time, all actions on a
// file in one locked edit (src/fsedit). A removal writes its quarantine record FIRST; if
// the entry then turns out to have changed (or the edit fails) the record is discarded.
// One action's failure never stops the others; apply() itself does not throw.
import * as crypto from 'node:crypto';
import { editJsonFile } from '../fsedit/edit';
import { describeError, isWardenError } from '../errors';
import { ruleOf } from '../judge/judge';
import { entryFingerprint } from '../plan/state';
import { recordRemoval } from '../plan/flapping';
import type { Action, Plan } from '../plan/types';
import { discardRecord, quarantineEntry, type QuarantineContext } from '../quarantine/quarantine';
import type { QuarantineRecord } from '../quarantine/record';
import { syncRecordDirs } from '../quarantine/store';
import { quarantinePlugin } from '../quarantine/plugin';
import { removeAgentEntries } from '../quarantine/agent-file';
import { actionFile, opsFor } from './ops';
import { adapterOf } from '../clients/adapters';
import type { FileSyntax } from '../clients/types';
import type { ActionResult, ApplyContext, ApplyResult, MigrateAction } from './types';

type FileAction = Exclude<Action, { kind: 'migrate' }>;

function fileOf(a: FileAction): string {
  return actionFile(a);
}

function isAgentFile(actions: readonly FileAction[]): boolean {
  return actions.some((a) => a.kind === 'remove' && a.entry.scope === 'agent');
}

/** The real path discovery judged (when the file was reached through a symlink). */
function realFileOf(a: FileAction): string | undefined {
  if (a.kind === 'settings') return a.settings.realFile;
  return a.kind === 'plugin' ? undefined : a.entry.realFile;
}

/** The file's syntax: other clients' files may be JSON with comments or TOML (src/clients). */
function syntaxOf(actions: readonly FileAction[]): FileSyntax {
  const a = actions.find((x) => x.kind === 'remove' || x.kind === 'rename');
  return a && 'entry' in a ? adapterOf(a.entry.client).syntax : 'json';
}

function codeOf(e: unknown): string {
  return isWardenError(e) ? e.code : 'ERROR';
}

interface Prepared {
  action: FileAction;
  record?: QuarantineRecord;
  created?: boolean;
  sealed?: number;
}

async function applyFile(file: string, actions: FileAction[], ctx: ApplyContext, qctx: QuarantineContext, out: ApplyResult): Promise<void> {
  const ready: Prepared[] = [];
  for (const action of actions) {
    if (action.kind === 'plugin') {
      try {
        ready.push({ action, record: quarantinePlugin(action, qctx), created: true });
      } catch (e) {
        out.results.push({ action, status: 'failed', code: codeOf(e), detail: describeError(e) });
      }
      continue;
    }
    if (action.kind !== 'remove') {
      ready.push({ action });
      continue;
    }
    const fp = entryFingerprint(ctx.state.salt, action.entry);
    const prev = ctx.state.removals[fp];
    try {
      const q = await quarantineEntry(action.entry, action.verdict, ruleOf(ctx.policy, action.verdict), qctx, prev?.recordId, fp);
      ready.push({ action, record: q.record, created: q.created, sealed: q.sealed });
    } catch (e) {
      out.results.push({ action, status: 'failed', code: codeOf(e), detail: describeError(e) });
    }
  }
  if (ready.length === 0) return;
  // The records above are on disk (each fsync'd and renamed); one folder fsync makes them
  // all durable before any entry leaves the file. Best effort, as for every folder fsync.
  if (qctx.unsynced) syncRecordDirs(qctx.unsynced);
  const applied = new Set<FileAction>();
  const actionsHere = ready.map((p) => p.action);
  try {
    if (isAgentFile(actionsHere)) {
      // A subagent's frontmatter (only removals are planned there).
      const removes = actionsHere.filter((a): a is Extract<FileAction, { kind: 'remove' }> => a.kind === 'remove');
      const r = await removeAgentEntries(
        file,
        removes.map((a) => a.entry),
      );
      for (const a of removes) if (r.removed.has(a.entry.key)) applied.add(a);
      if (r.text !== undefined) out.written.push({ file, sha256: crypto.createHash('sha256').update(r.text).digest('hex') });
    } else {
      const { ops, owner } = opsFor(actionsHere);
      const real = actionsHere.map(realFileOf).find((f) => f !== undefined);
      const r = await editJsonFile(file, ops, {
        ...ctx.edit,
        expectRealPath: real ?? file,
        syntax: syntaxOf(actionsHere),
        known: ctx.texts?.take(file),
      });
      for (const op of r.applied) {
        const a = owner.get(op);
        if (a) applied.add(a);
      }
      if (r.changed) out.written.push({ file, sha256: r.sha256 ?? crypto.createHash('sha256').update(r.text).digest('hex') });
    }
  } catch (e) {
    for (const p of ready) {
      if (p.created && p.record) await discardRecord(p.record, qctx);
      out.results.push({ action: p.action, status: 'failed', code: codeOf(e), detail: describeError(e) });
    }
    return;
  }
  for (const p of ready) {
    if (applied.has(p.action)) {
      const res: ActionResult = { action: p.action, status: 'done' };
      if (p.record && p.action.kind === 'plugin') res.recordId = p.record.id;
      if (p.record && p.action.kind === 'remove') {
        res.recordId = p.record.id;
        if (p.sealed) res.sealedSecrets = p.sealed;
        const fp = entryFingerprint(ctx.state.salt, p.action.entry);
        ctx.state.removals[fp] = recordRemoval(ctx.state.removals[fp], ctx.now, p.record.id);
      }
      out.results.push(res);
    } else {
      if (p.created && p.record) await discardRecord(p.record, qctx);
      out.results.push({ action: p.action, status: 'skipped', detail: 'changed since it was judged; judged again next pass' });
    }
  }
}

async function applyMigrate(action: MigrateAction, ctx: ApplyContext, out: ApplyResult): Promise<void> {
  if (!ctx.migrate) {
    out.results.push({ action, status: 'failed', code: 'NO_MIGRATOR', detail: 'credential migration is not available in this build' });
    return;
  }
  try {
    const r = await ctx.migrate(action);
    const res: ActionResult = { action, status: r.status };
    if (r.code !== undefined) res.code = r.code;
    if (r.detail !== undefined) res.detail = r.detail;
    out.results.push(res);
    out.written.push(...(r.written ?? []));
  } catch (e) {
    out.results.push({ action, status: 'failed', code: codeOf(e), detail: describeError(e) });
  }
}

/** Carry out `plan` (only when `execute`: enforce mode and not a dry run). */
export async function applyPlan(plan: Plan, ctx: ApplyContext, execute: boolean): Promise<ApplyResult> {
  const out: ApplyResult = { results: [], written: [] };
  if (!execute || plan.noPolicy) {
    out.results = plan.actions.map((action) => ({ action, status: 'not-run' }));
    return out;
  }
  const byFile = new Map<string, FileAction[]>();
  const migrations: MigrateAction[] = [];
  for (const a of plan.actions) {
    if (a.kind === 'migrate') {
      migrations.push(a);
      continue;
    }
    const f = fileOf(a);
    byFile.set(f, [...(byFile.get(f) ?? []), a]);
  }
  // One keychain health and one record index for the whole pass: after the keychain fails
  // once, the other removals seal at once instead of each waiting for it to fail again.
  const qctx: QuarantineContext = {
    stateDir: ctx.stateDir,
    now: ctx.now,
    policy: ctx.policy,
    secretStore: ctx.secretStore,
    keychain: {},
    unsynced: new Set(),
  };
  for (const [file, actions] of byFile) await applyFile(file, actions, ctx, qctx, out);
  for (const m of migrations) await applyMigrate(m, ctx, out);
  return out;
}
