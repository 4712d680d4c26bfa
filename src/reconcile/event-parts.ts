// The pieces every drift event of a pass is built from (events.ts for servers,
// plugin-events.ts for plugins): how a server is shown (secrets masked), how severe a
// verdict is, and the key that reports a standing finding once a day.
import * as crypto from 'node:crypto';
import type { DriftEventInput, ServerRef, Severity } from '../events/types';
import type { ServerEntry } from '../inventory/types';
import { shownUrl } from '../clients/adapters';
import { sanitizeEntry } from '../quarantine/sanitize';

export const SEVERITY: Record<string, Severity> = {
  denied: 'high',
  pin_mismatch: 'high',
  unapproved: 'medium',
  unverifiable: 'low',
};

/**
 * How each record is shown, by rule id: records are never changed once discovered, and the
 * agent's incremental passes report the same standing findings of unchanged records again
 * and again (masking an entry scans every string of it for token shapes). The secrets it
 * finds were learned by the redactor on the first call, for the life of the process.
 */
const shownRefs = new WeakMap<ServerEntry, Map<string | undefined, ServerRef>>();

/** A copy each time: callers put it in events and findings of their own. */
function copyRef(ref: ServerRef): ServerRef {
  return ref.argv ? { ...ref, argv: [...ref.argv] } : { ...ref };
}

export function serverRef(entry: ServerEntry, ruleId?: string): ServerRef {
  let refs = shownRefs.get(entry);
  const kept = refs?.get(ruleId);
  if (kept) return copyRef(kept);
  const ref = makeServerRef(entry, ruleId);
  if (!refs) shownRefs.set(entry, (refs = new Map<string | undefined, ServerRef>()));
  refs.set(ruleId, ref);
  return copyRef(ref);
}

function makeServerRef(entry: ServerEntry, ruleId?: string): ServerRef {
  const shown = sanitizeEntry(entry).entry;
  const ref: ServerRef = { name: entry.name, scope: entry.scope, transport: entry.transport };
  // Only for other clients: Claude Code's events stay exactly as older collectors accept them.
  if (entry.client !== undefined) ref.client = entry.client;
  if (entry.transport === 'stdio' && typeof shown.command === 'string') {
    const args = Array.isArray(shown.args) ? shown.args.filter((a): a is string => typeof a === 'string') : [];
    ref.argv = [shown.command, ...args].slice(0, 256).map((a) => a.slice(0, 4096));
  }
  const url = shownUrl(entry.client, entry.raw, shown);
  if (url !== undefined) ref.url = url.slice(0, 4096);
  if (ruleId !== undefined) ref.ruleId = ruleId;
  return ref;
}

export interface FindingEvent {
  event: DriftEventInput;
  /** For once-a-day reporting of findings nothing was done about; absent = always report. */
  dedupe?: { key: string; file: string };
}

export function dedupeKey(parts: readonly unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
