// Polls `allowlist.url` with conditional requests. A failure backs off (capped) and is
// reported through onError; the last good policy stays in force meanwhile (loadPolicy).
import { fetchEnvelope, type ConditionalState } from './policy-fetch';

export interface PollerOptions {
  url: string;
  intervalMs: number;
  maxBytes: number;
  caFile?: string;
  onEnvelope: (bytes: Buffer, source: string) => void;
  onError: (e: unknown) => void;
}

const MAX_BACKOFF_FACTOR = 8;

export class PolicyPoller {
  private timer: NodeJS.Timeout | undefined;
  private readonly cond: ConditionalState = {};
  private failures = 0;
  private stopped = false;

  constructor(private readonly opts: PollerOptions) {}

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const r = await fetchEnvelope(this.opts.url, this.cond, { maxBytes: this.opts.maxBytes, caFile: this.opts.caFile });
      this.failures = 0;
      if (r.status === 'ok') {
        this.cond.etag = r.etag;
        this.cond.lastModified = r.lastModified;
        this.opts.onEnvelope(r.bytes, this.opts.url);
      }
    } catch (e) {
      this.failures += 1;
      this.opts.onError(e);
    }
    const factor = Math.min(2 ** this.failures, MAX_BACKOFF_FACTOR);
    this.schedule(this.failures ? Math.min(this.opts.intervalMs, 5000 * factor) : this.opts.intervalMs);
  }
}
