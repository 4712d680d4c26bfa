// The agent's periodic flush: a send pass every `intervalMs`, and soon after new events
// (`kick()`), never two passes at once. Honours the spool's not-before time (Retry-After,
// permanent failures) through sendPending. Timers are unref'd: they never keep a process
// alive on their own.
import type { AgentConfig } from '../config/types';
import { describeError } from '../errors';
import { log } from '../log/logger';
import { sendPending } from './sender';
import type { SendRecord } from './spool-state';

export const DEFAULT_FLUSH_INTERVAL_MS = 60_000;
/** Debounce after a kick: events of one pass go out together. */
export const DEFAULT_KICK_DELAY_MS = 2_000;
/** Budget of one periodic pass. */
export const FLUSH_DEADLINE_MS = 120_000;

export interface FlusherOptions {
  stateDir: string;
  config: AgentConfig;
  baseDir?: string;
  intervalMs?: number;
  kickDelayMs?: number;
  onResult?: (r: SendRecord) => void;
}

export interface Flusher {
  /** Send soon (after the debounce). */
  kick(): void;
  /** Stop the timers, wait for a pass in flight, then one last pass bounded by `deadlineMs`. */
  stop(deadlineMs?: number): Promise<SendRecord | undefined>;
}

export function startFlusher(opts: FlusherOptions): Flusher {
  const interval = opts.intervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const kickDelay = opts.kickDelayMs ?? DEFAULT_KICK_DELAY_MS;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<SendRecord | undefined> | undefined;
  let stopped = false;

  const run = (deadlineMs: number): Promise<SendRecord | undefined> => {
    if (inFlight) return inFlight;
    inFlight = sendPending({ stateDir: opts.stateDir, config: opts.config, baseDir: opts.baseDir, deadlineMs })
      .then((r) => {
        opts.onResult?.(r);
        return r;
      })
      .catch((e: unknown) => {
        log().error('report flush failed', { error: describeError(e) });
        return undefined;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run(FLUSH_DEADLINE_MS).then(() => schedule(interval));
    }, ms);
    timer.unref();
  };
  schedule(kickDelay);

  return {
    kick() {
      if (!inFlight) schedule(kickDelay);
    },
    async stop(deadlineMs = 5_000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight;
      return run(deadlineMs);
    },
  };
}
