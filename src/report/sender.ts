// One send pass: everything pending in the spool goes to the collector in batches, within
// a deadline. Used by `reconcile --once` (sends before exit, bounded wait) and by the
// agent's periodic flush. Acknowledged events leave the spool; events the collector
// refused for good go to dead letters; everything else stays for the next pass.
import * as crypto from 'node:crypto';
import type { AgentConfig } from '../config/types';
import { describeError } from '../errors';
import { log } from '../log/logger';
import { ReportError } from './errors';
import { NetError } from '../net/errors';
import { netSettings } from '../net/settings';
import { apiUrl, collectorUrl, enrollmentToken, readCaFile } from './endpoint';
import { makeBatches, sendBatch, type BatchContext } from './batch';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { spoolPaths } from './spool-files';
import { readPending } from './spool-ops';
import { ackIds, moveToDead } from './spool-ops';
import { trySendLock, withSpoolLock } from './spool-lock';
import { enrol, forgetCredential, loadCredential, saveCredential } from './credential';
import { deviceInfo } from '../events/device';
import { readState, writeState, type SendRecord } from './spool-state';
import type { DriftEvent } from '../events/types';

export interface SendOptions {
  stateDir: string;
  config: AgentConfig;
  /** Folder that a relative `report.tokenFile` / `report.caFile` resolves against (the config file's). */
  baseDir?: string;
  /** Wall-clock budget for the whole pass, in milliseconds. */
  deadlineMs: number;
  /** Send even if an earlier Retry-After or permanent failure said to wait. */
  force?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Test seams. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function sendPending(opts: SendOptions): Promise<SendRecord> {
  const now = opts.now ?? Date.now;
  const paths = spoolPaths(opts.stateDir);
  const base = { accepted: 0, duplicates: 0, rejected: 0 };
  const report = opts.config.report;
  if (!report?.url) return { at: new Date(now()).toISOString(), outcome: 'not_configured', ...base, pending: readPending(paths).length };

  let ctx: SendContext;
  let key: string;
  try {
    const base = collectorUrl(report.url, 'report.url');
    const url = apiUrl(base, 'events');
    const enrollToken = enrollmentToken(report, opts.baseDir);
    const ca = report.caFile ? readCaFile(report.caFile, opts.baseDir) : undefined;
    const net = netSettings({ config: opts.config, baseDir: opts.baseDir });
    key = crypto
      .createHash('sha256')
      .update(`${url.href}\0${enrollToken}\0${ca ?? ''}`)
      .digest('hex')
      .slice(0, 16);
    ctx = {
      url,
      token: '',
      ca,
      net,
      enrollUrl: apiUrl(base, 'enroll'),
      enrollToken,
      stateDir: opts.stateDir,
      deviceId: deviceInfo(opts.stateDir, report.deviceId).id,
      policy: { ...DEFAULT_RETRY, ...opts.retry },
      deadline: now() + opts.deadlineMs,
      now,
      random: opts.random ?? Math.random,
      sleep: opts.sleep ?? sleepMs,
    };
  } catch (e) {
    if (!(e instanceof ReportError) && !(e instanceof NetError)) throw e;
    // A config problem: recorded for `status`, and the events stay in the spool.
    const rec: SendRecord = {
      at: new Date(now()).toISOString(),
      outcome: 'permanent',
      ...base,
      pending: readPending(paths).length,
      error: describeError(e),
      errorCode: e.code,
    };
    record(paths.dir, paths.state, rec, undefined);
    return rec;
  }

  const release = await trySendLock(paths.dir);
  if (!release) return { at: new Date(now()).toISOString(), outcome: 'busy', ...base, pending: readPending(paths).length };
  try {
    const state = readState(paths.state);
    const wait = state.notBefore ? Date.parse(state.notBefore) - now() : 0;
    if (!opts.force && wait > 0 && (state.notBeforeKey === undefined || state.notBeforeKey === key)) {
      return { at: new Date(now()).toISOString(), outcome: 'deferred', ...base, pending: readPending(paths).length };
    }
    return await pass(ctx, paths, key);
  } finally {
    await release().catch(() => undefined);
  }
}

interface SendContext extends BatchContext {
  /** report.caFile's PEM, for the enrolment request when no network settings apply. */
  ca?: string;
  enrollUrl: URL;
  enrollToken: string;
  stateDir: string;
  /** This device's id: the one its credential is for. */
  deviceId: string;
}

type Stop = { outcome: SendRecord['outcome']; httpStatus?: number; error: string; notBefore?: number; keyed?: boolean; netCode?: string };

/** Enrol for a device credential and keep it; a Stop when the collector did not give one. */
async function enrolNow(ctx: SendContext): Promise<Stop | undefined> {
  const r = await enrol({
    url: ctx.enrollUrl,
    enrollToken: ctx.enrollToken,
    deviceId: ctx.deviceId,
    ca: ctx.ca,
    net: ctx.net,
    policy: ctx.policy,
    now: ctx.now,
  });
  if (r.type === 'retryable')
    return {
      outcome: 'retryable',
      httpStatus: r.httpStatus,
      error: r.error,
      notBefore: r.retryAt,
      ...(r.netCode ? { netCode: r.netCode } : {}),
    };
  if (r.type === 'permanent')
    return {
      outcome: 'permanent',
      httpStatus: r.httpStatus,
      error: r.error,
      notBefore: ctx.now() + ctx.policy.permanentRetryMs,
      keyed: true,
    };
  saveCredential(ctx.stateDir, ctx.deviceId, r.credential, ctx.now());
  log().info('enrolled at the collector', { deviceId: ctx.deviceId });
  ctx.token = r.credential;
  return undefined;
}

async function pass(ctx: SendContext, paths: ReturnType<typeof spoolPaths>, key: string): Promise<SendRecord> {
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  const handled = new Set<string>();
  let stop: Stop | undefined;
  const queue: DriftEvent[][] = [];
  const refill = () => queue.push(...makeBatches(readPending(paths).filter((e) => !handled.has(e.id))));
  refill();
  // First contact (or a device id that changed): enrol, once, before sending anything.
  const stored = loadCredential(ctx.stateDir, ctx.deviceId);
  if (stored) ctx.token = stored;
  else if (queue.length > 0) stop = await enrolNow(ctx);
  let reenrolled = false;
  while (!stop) {
    const batch = queue.shift();
    if (!batch) {
      refill();
      if (queue.length === 0) break;
      continue;
    }
    if (ctx.now() >= ctx.deadline) {
      stop = { outcome: 'partial', error: 'deadline reached' };
      break;
    }
    for (const e of batch) handled.add(e.id);
    const r = await sendBatch(batch, ctx);
    switch (r.type) {
      case 'stored':
        totals.accepted += r.accepted;
        totals.duplicates += r.duplicates;
        totals.rejected += r.rejected.length;
        ackIds(paths, r.stored);
        moveToDead(
          paths,
          r.rejected.map((x) => ({ id: x.id, reason: x.reason, httpStatus: 200 })),
        );
        break;
      case 'too_large':
        if (batch.length > 1) {
          // Halve and resend: the collector's body cap may be below ours.
          const mid = Math.ceil(batch.length / 2);
          queue.unshift(batch.slice(0, mid), batch.slice(mid));
        } else {
          totals.rejected += 1;
          moveToDead(paths, [{ id: batch[0].id, reason: r.error, httpStatus: r.httpStatus }]);
        }
        break;
      case 'bad_batch':
        totals.rejected += batch.length;
        moveToDead(
          paths,
          batch.map((e) => ({ id: e.id, reason: r.error, httpStatus: r.httpStatus })),
        );
        break;
      case 'retryable':
        stop = {
          outcome: 'retryable',
          httpStatus: r.httpStatus,
          error: r.error,
          notBefore: r.retryAt,
          ...(r.netCode ? { netCode: r.netCode } : {}),
        };
        break;
      case 'permanent':
        stop = {
          outcome: 'permanent',
          httpStatus: r.httpStatus,
          error: r.error,
          notBefore: ctx.now() + ctx.policy.permanentRetryMs,
          keyed: true,
        };
        break;
      case 'credential_unknown':
        // The collector forgot this credential (an admin reset, a new database): enrol
        // again, once per pass. If the device id is still enrolled there, the collector
        // refuses (ALREADY_ENROLLED) and an admin has to reset it: that is the point.
        forgetCredential(ctx.stateDir);
        if (reenrolled) {
          stop = {
            outcome: 'permanent',
            httpStatus: r.httpStatus,
            error: r.error,
            notBefore: ctx.now() + ctx.policy.permanentRetryMs,
            keyed: true,
          };
          break;
        }
        reenrolled = true;
        stop = await enrolNow(ctx);
        if (!stop) queue.unshift(batch);
        break;
    }
  }
  const pending = readPending(paths).length;
  const rec: SendRecord = {
    at: new Date(ctx.now()).toISOString(),
    outcome: stop ? stop.outcome : 'ok',
    ...totals,
    pending,
    ...(stop?.httpStatus === undefined ? {} : { httpStatus: stop.httpStatus }),
    ...(stop ? { error: stop.error } : {}),
    ...(stop?.netCode ? { netCode: stop.netCode } : {}),
  };
  const notBefore =
    stop?.notBefore !== undefined && stop.notBefore > ctx.now() ? { at: stop.notBefore, key: stop.keyed ? key : undefined } : undefined;
  record(paths.dir, paths.state, rec, notBefore);
  if (stop && stop.outcome !== 'partial') log().warn('report send stopped', { outcome: rec.outcome, error: rec.error, pending });
  return rec;
}

function record(dir: string, stateFile: string, rec: SendRecord, notBefore: { at: number; key?: string } | undefined): void {
  try {
    withSpoolLock(dir, () => {
      const state = readState(stateFile);
      state.lastSend = rec;
      if (rec.outcome === 'ok' || rec.outcome === 'partial') state.lastSuccessAt = rec.at;
      delete state.notBefore;
      delete state.notBeforeKey;
      if (notBefore) {
        state.notBefore = new Date(notBefore.at).toISOString();
        if (notBefore.key) state.notBeforeKey = notBefore.key;
      }
      writeState(stateFile, state);
    });
  } catch (e) {
    log().error('send result not recorded', { error: describeError(e) });
  }
}
