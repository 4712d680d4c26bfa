// Retry policy for sending reports, after OpenTelemetry's OTLP exporter
// (retrying-transport.ts, is-export-retryable.ts): named constants, capped exponential
// backoff with jitter, an overall deadline, and the server's Retry-After honoured.
// Pure functions; the sender does the waiting.

export interface RetryPolicy {
  /** Attempts per batch within one send pass (the first one included). */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  multiplier: number;
  /** ± fraction of the delay, so a fleet that lost its collector does not come back in lockstep. */
  jitter: number;
  /** Longest Retry-After honoured; a larger value is capped (a broken proxy must not silence a device for a year). */
  maxRetryAfterMs: number;
  /** After a permanent refusal (401, 403, 404 …) the next pass waits this long, unless the config changed. */
  permanentRetryMs: number;
}

export const MAX_ATTEMPTS = 5;
export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;
export const BACKOFF_MULTIPLIER = 2;
export const JITTER = 0.2;
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;
export const PERMANENT_RETRY_MS = 60 * 60 * 1000;

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: MAX_ATTEMPTS,
  initialBackoffMs: INITIAL_BACKOFF_MS,
  maxBackoffMs: MAX_BACKOFF_MS,
  multiplier: BACKOFF_MULTIPLIER,
  jitter: JITTER,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
  permanentRetryMs: PERMANENT_RETRY_MS,
};

/** Delay before retry number `retry` (1 = the first retry). `random` in [0, 1). */
export function backoffMs(retry: number, policy: RetryPolicy, random: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** Math.max(0, retry - 1));
  const jittered = base * (1 + policy.jitter * (2 * random - 1));
  return Math.max(0, Math.round(Math.min(policy.maxBackoffMs, jittered)));
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfter(header: string | string[] | undefined, now: number, policy: RetryPolicy): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  let ms: number;
  if (/^\d+$/.test(t)) ms = Number(t) * 1000;
  else {
    const at = Date.parse(t);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(policy.maxRetryAfterMs, Math.max(0, ms));
}

export type StatusClass =
  | 'success'
  /** 408, 429, 5xx: try again later. */
  | 'retryable'
  /** 413: the batch is too big; split it (a single event that is too big is refused for good). */
  | 'too_large'
  /** 400, 422: the collector cannot use this batch; keep it aside (dead letters). */
  | 'bad_batch'
  /** Any other status (401, 403, 404, redirects …): the endpoint or the token is wrong. Keep the events, stop, retry slowly. */
  | 'permanent';

export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'success';
  if (status === 408 || status === 429 || (status >= 500 && status < 600)) return 'retryable';
  if (status === 413) return 'too_large';
  if (status === 400 || status === 422) return 'bad_batch';
  return 'permanent';
}
