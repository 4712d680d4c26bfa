// Polls `allowlist.url` (and `trust.root.chainUrl`, fetched first so a rotation and the
// allowlist signed by the new keys arrive in one tick) with conditional requests. A
// failure backs off (capped) and is reported through onError; the last good policy stays
// in force meanwhile (loadPolicy).
import { fetchEnvelope, type ConditionalState, type FetchOptions } from '../policy/fetch';

export interface PollerOptions {
  /** allowlist.url, if set. */
  url?: string;
  /** trust.root.chainUrl, if set. */
  rootsUrl?: string;
  intervalMs: number;
  maxBytes: number;
  /** Byte cap for the roots chain. */
  rootsMaxBytes?: number;
  /** Transport settings shared by every request (proxy, CAs). */
  fetch?: Omit<FetchOptions, 'maxBytes'>;
  onEnvelope: (bytes: Buffer, source: string) => void;
  /** A new roots chain (the bytes of `{"roots": [...]}`). */
  onRoots?: (bytes: Buffer, source: string) => void;
  onError: (e: unknown) => void;
  /** Every request of the tick succeeded (clears a reported network failure). */
  onSuccess?: () => void;
}

const MAX_BACKOFF_FACTOR = 8;

export class PolicyPoller {
  private timer: NodeJS.Timeout | undefined;
  private readonly cond: ConditionalState = {};
  private readonly rootsCond: ConditionalState = {};
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
      const { rootsUrl, url } = this.opts;
      if (rootsUrl) {
        const r = await fetchEnvelope(
          rootsUrl,
          this.rootsCond,
          { ...this.opts.fetch, maxBytes: this.opts.rootsMaxBytes ?? this.opts.maxBytes },
          'trust.root.chainUrl',
        );
        if (r.status === 'ok') {
          this.rootsCond.etag = r.etag;
          this.rootsCond.lastModified = r.lastModified;
          this.opts.onRoots?.(r.bytes, rootsUrl);
        }
      }
      if (url) {
        const r = await fetchEnvelope(url, this.cond, { ...this.opts.fetch, maxBytes: this.opts.maxBytes });
        if (r.status === 'ok') {
          this.cond.etag = r.etag;
          this.cond.lastModified = r.lastModified;
          this.opts.onEnvelope(r.bytes, url);
        }
      }
      this.failures = 0;
      this.opts.onSuccess?.();
    } catch (e) {
      this.failures += 1;
      this.opts.onError(e);
    }
    const factor = Math.min(2 ** this.failures, MAX_BACKOFF_FACTOR);
    this.schedule(this.failures ? Math.min(this.opts.intervalMs, 5000 * factor) : this.opts.intervalMs);
  }
}
