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

export function serverRef(entry: ServerEntry, ruleId?: string): ServerRef {
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
