// Calls to the collector as this device (issue 19: approval requests): the device
// credential of `<stateDir>/collector-credential.json`, enrolling first when there is none
// (as the sender does), once more when the collector no longer knows it. The same
// transport rules as event POSTs: report.url (https, or http to loopback), proxy and CAs.
import type { AgentConfig } from '../config/types';
import { WardenError, ExitCode } from '../errors';
import { deviceInfo } from '../events/device';
import { netHint } from '../net/errors';
import { netSettings } from '../net/settings';
import { enrol, forgetCredential, loadCredential, saveCredential } from './credential';
import { apiUrl, collectorUrl, enrollmentToken, readCaFile } from './endpoint';
import { httpRequest } from '../net/http';
import { DEFAULT_RETRY } from './retry';

const TIMEOUT_MS = 30_000;

export type DeviceApiErrorCode = 'NOT_CONFIGURED' | 'UNREACHABLE' | 'REFUSED' | 'BAD_RESPONSE';

/** A device call that failed: unreachable / bad answer are the machine's (3), a refusal the input's (2). */
export class DeviceApiError extends WardenError<DeviceApiErrorCode> {
  constructor(opts: { code: DeviceApiErrorCode; message: string; httpStatus?: number; errorCode?: string; cause?: unknown }) {
    super({ ...opts, exitCode: opts.code === 'REFUSED' || opts.code === 'NOT_CONFIGURED' ? ExitCode.USAGE : ExitCode.UNAVAILABLE });
    this.httpStatus = opts.httpStatus;
    this.errorCode = opts.errorCode;
  }
  readonly httpStatus?: number;
  /** The collector's `error.code`, when it answered with one. */
  readonly errorCode?: string;
}

export interface DeviceApiOptions {
  stateDir: string;
  config: AgentConfig;
  baseDir?: string;
}

export interface DeviceApi {
  readonly deviceId: string;
  call<T>(method: 'GET' | 'POST', route: string, body?: unknown, params?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export function deviceApi(opts: DeviceApiOptions): DeviceApi {
  const report = opts.config.report;
  if (!report?.url)
    throw new DeviceApiError({
      code: 'NOT_CONFIGURED',
      message: 'no collector configured (report.url in the agent config): ask your IT team how to request approval',
    });
  const base = collectorUrl(report.url, 'report.url');
  const ca = report.caFile ? readCaFile(report.caFile, opts.baseDir) : undefined;
  const net = netSettings({ config: opts.config, baseDir: opts.baseDir });
  const deviceId = deviceInfo(opts.stateDir, report.deviceId).id;

  const credential = async (): Promise<string> => {
    const stored = loadCredential(opts.stateDir, deviceId);
    if (stored) return stored;
    const r = await enrol({
      url: apiUrl(base, 'enroll'),
      enrollToken: enrollmentToken(report, opts.baseDir),
      deviceId,
      ca,
      net,
      policy: DEFAULT_RETRY,
      now: Date.now,
    });
    if (r.type === 'enrolled') {
      saveCredential(opts.stateDir, deviceId, r.credential, Date.now());
      return r.credential;
    }
    // The agent may have enrolled meanwhile (the collector refuses a second enrolment).
    const raced = loadCredential(opts.stateDir, deviceId);
    if (raced) return raced;
    throw new DeviceApiError({
      code: r.type === 'retryable' ? 'UNREACHABLE' : 'REFUSED',
      message: `cannot enrol at ${base.origin}: ${r.error}`,
    });
  };

  const once = async (method: 'GET' | 'POST', route: string, token: string, body: unknown, params: Record<string, string>) => {
    const url = apiUrl(base, route);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return httpRequest({
      url,
      method,
      headers,
      body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
      ca,
      net,
      timeoutMs: TIMEOUT_MS,
    });
  };

  return {
    deviceId,
    async call<T>(method: 'GET' | 'POST', route: string, body?: unknown, params: Record<string, string> = {}) {
      let res = await once(method, route, await credential(), body, params);
      if (res.kind === 'response' && res.status === 401 && /CREDENTIAL_UNKNOWN/.test(res.body.toString('utf8'))) {
        forgetCredential(opts.stateDir);
        res = await once(method, route, await credential(), body, params);
      }
      if (res.kind === 'network')
        throw new DeviceApiError({ code: 'UNREACHABLE', message: `${base.origin}: ${netHint(res.net, res.proxy)} (${res.code})` });
      if (res.kind === 'too_large')
        throw new DeviceApiError({ code: 'BAD_RESPONSE', message: `${base.origin}: response over the size limit` });
      let parsed: unknown;
      try {
        parsed = JSON.parse(res.body.toString('utf8'));
      } catch (e) {
        throw new DeviceApiError({ code: 'BAD_RESPONSE', message: `${base.origin}: HTTP ${res.status}, not a JSON answer`, cause: e });
      }
      if (res.status >= 400) {
        const err = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        const code = typeof err?.code === 'string' ? err.code.slice(0, 64) : undefined;
        const message = typeof err?.message === 'string' ? err.message.slice(0, 500) : '';
        const kind = res.status === 429 || res.status >= 500 ? 'UNREACHABLE' : 'REFUSED';
        throw new DeviceApiError({
          code: kind,
          message: `${base.origin}: HTTP ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`,
          httpStatus: res.status,
          errorCode: code,
        });
      }
      return { status: res.status, body: parsed as T };
    },
  };
}
