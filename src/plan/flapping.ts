// Backoff for entries that come back after we removed them. Claude Code keeps
// ~/.claude.json in memory and may write a removed entry back seconds later; removing it
// again at once, every time, would make the agent and Claude Code fight in a hot loop.
// The first return is removed at once; each further return waits twice as long after the
// previous removal (2 s, 4 s, 8 s … capped at 5 min). An hour without a return forgets it.
import type { RemovalRecord } from './state';

export const FLAP_BASE_MS = 2_000;
export const FLAP_MAX_MS = 5 * 60_000;
export const FLAP_RESET_MS = 60 * 60_000;

export type FlapDecision = { kind: 'first' } | { kind: 'again'; count: number } | { kind: 'wait'; count: number; retryAt: Date };

export function backoffMs(count: number): number {
  // count = removals including the one being considered; the 2nd removal waits 0.
  if (count <= 2) return 0;
  return Math.min(FLAP_BASE_MS * 2 ** (count - 3), FLAP_MAX_MS);
}

export function flapDecision(prev: RemovalRecord | undefined, now: Date): FlapDecision {
  if (!prev) return { kind: 'first' };
  const last = Date.parse(prev.last);
  if (!Number.isFinite(last) || now.getTime() - last > FLAP_RESET_MS) return { kind: 'first' };
  const count = prev.count + 1;
  const at = last + backoffMs(count);
  if (now.getTime() >= at) return { kind: 'again', count };
  return { kind: 'wait', count, retryAt: new Date(at) };
}

/** The record after a removal that happened at `now`. */
export function recordRemoval(prev: RemovalRecord | undefined, now: Date, recordId?: string): RemovalRecord {
  const d = flapDecision(prev, now);
  const iso = now.toISOString();
  if (d.kind === 'first' || !prev)
    return recordId !== undefined ? { count: 1, first: iso, last: iso, recordId } : { count: 1, first: iso, last: iso };
  const next: RemovalRecord = { count: prev.count + 1, first: prev.first, last: iso };
  const id = recordId ?? prev.recordId;
  if (id !== undefined) next.recordId = id;
  return next;
}

/** Forget removals older than the reset window. */
export function pruneRemovals(removals: Record<string, RemovalRecord>, now: Date): Record<string, RemovalRecord> {
  const out: Record<string, RemovalRecord> = {};
  for (const [k, r] of Object.entries(removals)) {
    if (now.getTime() - Date.parse(r.last) <= FLAP_RESET_MS) out[k] = r;
  }
  return out;
}
