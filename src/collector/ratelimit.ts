// Rate limit: a token bucket per key. The routes key on what a client cannot choose: the
// device its credential authenticates, else the connection's source address (routes.ts
// `limit`). Requests, not events, are counted: a batch of
// 500 costs one token. The buckets live in this process: with several collector instances
// behind a load balancer the limit applies per instance (a device spread over N instances
// gets up to N times the rate). Memory is bounded: the least recently used buckets go.
export interface RateLimitOptions {
  /** Sustained requests per second per device; 0 disables the limit. */
  perSecond: number;
  /** Bucket size: requests a device may make in a burst. */
  burst: number;
  /** Most buckets kept. */
  maxKeys?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 10, burst: 40, maxKeys: 100_000 };

export interface RateLimiter {
  /** 0 when allowed; otherwise milliseconds until the next request would be. */
  take(key: string, now?: number): number;
}

export function createRateLimiter(opts: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = opts.maxKeys ?? DEFAULT_RATE_LIMIT.maxKeys ?? 100_000;
  return {
    take(key, now = Date.now()) {
      if (opts.perSecond <= 0) return 0;
      const b = buckets.get(key) ?? { tokens: opts.burst, at: now };
      buckets.delete(key); // re-inserted below: Map order doubles as LRU order
      b.tokens = Math.min(opts.burst, b.tokens + ((now - b.at) / 1000) * opts.perSecond);
      b.at = now;
      let wait = 0;
      if (b.tokens >= 1) b.tokens -= 1;
      else wait = Math.ceil(((1 - b.tokens) / opts.perSecond) * 1000);
      buckets.set(key, b);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return wait;
    },
  };
}
