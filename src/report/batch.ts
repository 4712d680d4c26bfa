// Sending one batch with retries. Returns what happened as a value; the sender acts on it.
import type { DriftEvent } from '../events/types';
import { netHint, type NetErrorCode } from '../net/errors';
import type { NetSettings } from '../net/settings';
import { httpRequest } from '../net/http';
import { backoffMs, classifyStatus, parseRetryAfter, type RetryPolicy } from './retry';

/** Events per POST, and bytes per POST body (the collector's default cap is 4 MiB). */
export const MAX_BATCH_EVENTS = 500;
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Cap on one request, within the pass's overall deadline. */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_REASON_CHARS = 300;

export interface BatchContext {
  url: URL;
  /** The device credential (never the shared enrollment token). */
  token: string;
  /** Proxy and CAs (src/net/settings.ts). */
  net?: NetSettings;
  policy: RetryPolicy;
  deadline: number;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export type BatchResult =
  | { type: 'stored'; accepted: number; duplicates: number; stored: string[]; rejected: { id: string; reason: string }[] }
  /** Give up for now; `retryAt` is when trying again makes sense. */
  | { type: 'retryable'; retryAt: number; httpStatus?: number; error: string; netCode?: NetErrorCode }
  | { type: 'permanent'; httpStatus?: number; error: string }
  | { type: 'bad_batch'; httpStatus: number; error: string }
  | { type: 'too_large'; httpStatus: number; error: string }
  /** 401 CREDENTIAL_UNKNOWN: the collector does not know this device credential (reset, new database). */
  | { type: 'credential_unknown'; httpStatus: number; error: string };

/** Split pending events into batches by count and size. */
export function makeBatches(events: readonly DriftEvent[]): DriftEvent[][] {
  const out: DriftEvent[][] = [];
  let cur: DriftEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const n = Buffer.byteLength(JSON.stringify(e)) + 1;
    if (cur.length > 0 && (cur.length >= MAX_BATCH_EVENTS || bytes + n > MAX_BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(e);
    bytes += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function errorCodeOf(body: Buffer): string {
  try {
    const j = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } };
    const c = j.error?.code;
    return typeof c === 'string' ? ` ${c.slice(0, 64)}` : '';
  } catch {
    return '';
  }
}

interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

function parseIngest(body: Buffer, count: number): IngestResponse | undefined {
  let j: unknown;
  try {
    j = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof j !== 'object' || j === null) return undefined;
  const r = j as Record<string, unknown>;
  if (typeof r.accepted !== 'number' || typeof r.duplicates !== 'number' || !Array.isArray(r.rejected)) return undefined;
  const rejected: IngestResponse['rejected'] = [];
  for (const x of r.rejected as unknown[]) {
    const o = x as { index?: unknown; reason?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.index !== 'number' || o.index < 0 || o.index >= count) return undefined;
    // The collector's code (EVENT_INVALID, DEVICE_MISMATCH …) leads the reason kept in dead letters.
    const code = typeof (o as { code?: unknown }).code === 'string' ? `${String((o as { code: string }).code).slice(0, 64)}: ` : '';
    rejected.push({ index: o.index, reason: `${code}${typeof o.reason === 'string' ? o.reason : 'rejected'}`.slice(0, MAX_REASON_CHARS) });
  }
  // Counts must add up, or we cannot tell which events the collector kept.
  if (r.accepted + r.duplicates + rejected.length !== count) return undefined;
  return { accepted: r.accepted, duplicates: r.duplicates, rejected };
}

export async function sendBatch(batch: readonly DriftEvent[], ctx: BatchContext): Promise<BatchResult> {
  const body = Buffer.from(JSON.stringify({ events: batch }));
  const headers = {
    authorization: `Bearer ${ctx.token}`,
    'content-type': 'application/json',
  };
  for (let attempt = 1; ; attempt++) {
    const left = ctx.deadline - ctx.now();
    if (left <= 0) return { type: 'retryable', retryAt: ctx.now(), error: 'deadline reached' };
    const res = await httpRequest({
      url: ctx.url,
      method: 'POST',
      headers,
      body,
      net: ctx.net,
      timeoutMs: Math.min(REQUEST_TIMEOUT_MS, left),
    });
    let retryIn: number | undefined;
    let failure: { httpStatus?: number; error: string; netCode?: NetErrorCode };
    if (res.kind === 'network') {
      const error = `${res.net}: ${netHint(res.net, res.proxy)} (${res.code})`;
      // A certificate or proxy-policy problem will not fix itself within this pass: stop, try again later.
      if (res.tls || res.net === 'PROXY_AUTH_REQUIRED' || res.net === 'PROXY_REFUSED' || res.net === 'PROXY_INVALID') {
        return { type: 'retryable', retryAt: ctx.now() + ctx.policy.maxBackoffMs, error, netCode: res.net };
      }
      failure = { error, netCode: res.net };
    } else if (res.kind === 'too_large') {
      return { type: 'permanent', httpStatus: res.status, error: `response over the size limit (HTTP ${res.status})` };
    } else {
      const cls = classifyStatus(res.status);
      const error = `HTTP ${res.status}${errorCodeOf(res.body)}`;
      if (res.status === 401 && error.endsWith(' CREDENTIAL_UNKNOWN')) return { type: 'credential_unknown', httpStatus: 401, error };
      if (cls === 'success') {
        const parsed = parseIngest(res.body, batch.length);
        if (!parsed) {
          // We cannot tell what was stored; sending again is safe (the collector deduplicates).
          failure = { httpStatus: res.status, error: 'malformed collector response' };
        } else {
          const bad = new Set(parsed.rejected.map((r) => r.index));
          return {
            type: 'stored',
            accepted: parsed.accepted,
            duplicates: parsed.duplicates,
            stored: batch.filter((_, i) => !bad.has(i)).map((e) => e.id),
            rejected: parsed.rejected.map((r) => ({ id: batch[r.index]?.id ?? '', reason: r.reason })),
          };
        }
      } else if (cls === 'retryable') {
        retryIn = parseRetryAfter(res.headers['retry-after'], ctx.now(), ctx.policy);
        failure = { httpStatus: res.status, error };
      } else {
        return { type: cls, httpStatus: res.status, error };
      }
    }
    const delay = retryIn ?? backoffMs(attempt, ctx.policy, ctx.random());
    if (attempt >= ctx.policy.maxAttempts || ctx.now() + delay >= ctx.deadline) {
      return { type: 'retryable', retryAt: ctx.now() + delay, ...failure };
    }
    await ctx.sleep(delay);
  }
}
