// Group ingest: the batches of requests that arrive while earlier ones are being stored go
// into the database together, in one transaction (ingestParts), each answered with its own
// counts. A transaction costs a fixed number of statements, so under load the cost per
// event falls with the group size: that is what lets several hundred requests a second
// through on PostgreSQL, where every statement is a round trip. Unloaded, a request starts
// at once and alone (no added latency).
//
// Two batches with a device in common never share a group: posture and open drift are per
// device, so a group's result is exactly that of its parts stored one after another. A
// group that fails is retried part by part, so that one bad batch fails alone.
import type { DriftEvent } from '../../events/types';
import type { Db } from './db';
import { ingestParts, type IngestPart, type IngestResult } from './ingest';

export interface IngestQueueOptions {
  /** Groups stored at the same time (PostgreSQL: connections used for ingest). */
  concurrency: number;
  /** Most events in one group. */
  maxEvents: number;
}

interface Waiting extends IngestPart {
  devices: Set<string>;
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
}

export interface IngestQueue {
  ingest(events: readonly DriftEvent[], receivedMs: number): Promise<IngestResult>;
  /** Resolves once nothing is queued or being stored. */
  idle(): Promise<void>;
}

/** The next group: the oldest waiting part, then later ones with no device in common, up to maxEvents. */
export function takeGroup<T extends { devices: ReadonlySet<string>; events: readonly unknown[] }>(waiting: T[], maxEvents: number): T[] {
  const group: T[] = [];
  const devices = new Set<string>();
  let events = 0;
  for (let i = 0; i < waiting.length;) {
    const w = waiting[i];
    const clash = [...w.devices].some((d) => devices.has(d));
    if (group.length > 0 && (clash || events + w.events.length > maxEvents)) {
      i++;
      continue;
    }
    waiting.splice(i, 1);
    group.push(w);
    for (const d of w.devices) devices.add(d);
    events += w.events.length;
  }
  return group;
}

export function ingestQueue(db: Db, opts: IngestQueueOptions): IngestQueue {
  const waiting: Waiting[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  const store = async (group: Waiting[]): Promise<void> => {
    try {
      const results = await ingestParts(db, group);
      group.forEach((w, i) => w.resolve(results[i] ?? { accepted: 0, duplicates: 0 }));
    } catch (e) {
      if (group.length === 1) {
        group[0].reject(e);
        return;
      }
      for (const w of group) {
        await ingestParts(db, [w]).then(
          ([r]) => w.resolve(r ?? { accepted: 0, duplicates: 0 }),
          (err: unknown) => w.reject(err),
        );
      }
    }
  };

  const pump = (): void => {
    while (running < opts.concurrency && waiting.length > 0) {
      const group = takeGroup(waiting, opts.maxEvents);
      running++;
      void store(group).finally(() => {
        running--;
        pump();
      });
    }
    if (running === 0 && waiting.length === 0) {
      const ws = idleWaiters;
      idleWaiters = [];
      for (const w of ws) w();
    }
  };

  return {
    ingest(events, receivedMs) {
      if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
      return new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ events, receivedMs, devices: new Set(events.map((e) => e.device.id)), resolve, reject });
        pump();
      });
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((r) => idleWaiters.push(r));
    },
  };
}
