// What to drop when the spool is full: a pure decision, unit-tested on its own.
//
// Every event has a priority: a heartbeat is 0 (the next one says the same, newer), other
// events are 1 + their severity rank (info 1 … critical 5), and the summary of earlier
// drops (`agent.events_dropped`) is 6. An incoming event may evict
// spooled events of LOWER priority, lowest first and oldest first within a priority.
// Heartbeats and info events may also evict older events of their own priority (a newer
// heartbeat replaces an older one). Anything else of equal priority is never evicted: the
// incoming event is dropped instead, so the oldest evidence of real drift survives.
// Nothing is evicted unless that makes room: eviction never happens for nothing.
import { severityRank, type EventKind, type Severity } from '../events/types';

export interface SpoolItem {
  kind: EventKind;
  severity: Severity;
  /** Bytes the line takes in the spool file, newline included. */
  bytes: number;
}

export interface RoomPlan {
  /** Indices into the spooled items to evict, in file order. */
  evict: number[];
  /** False: the incoming event does not fit even after eviction; drop it. */
  accept: boolean;
}

export function priorityOf(item: Pick<SpoolItem, 'kind' | 'severity'>): number {
  if (item.kind === 'agent.heartbeat') return 0;
  // The record of earlier drops is the one thing that must not be dropped in turn.
  if (item.kind === 'agent.events_dropped') return 6;
  return 1 + severityRank(item.severity);
}

export function planRoom(spooled: readonly SpoolItem[], incoming: SpoolItem, maxBytes: number): RoomPlan {
  const used = spooled.reduce((n, s) => n + s.bytes, 0);
  if (used + incoming.bytes <= maxBytes) return { evict: [], accept: true };
  if (incoming.bytes > maxBytes) return { evict: [], accept: false };
  const p = priorityOf(incoming);
  const candidates = spooled
    .map((s, i) => ({ i, p: priorityOf(s), bytes: s.bytes }))
    .filter((c) => c.p < p || (c.p === p && p <= 1))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  let need = used + incoming.bytes - maxBytes;
  const evict: number[] = [];
  for (const c of candidates) {
    if (need <= 0) break;
    evict.push(c.i);
    need -= c.bytes;
  }
  if (need > 0) return { evict: [], accept: false };
  return { evict: evict.sort((a, b) => a - b), accept: true };
}
