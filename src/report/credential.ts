// The device's collector credential (issue 14): minted by the collector at enrolment
// (POST /v1/enroll, with the shared enrollment token, once per device id) and kept here,
// `<stateDir>/collector-credential.json`, mode 0600, written atomically. It is a secret:
// learned by the redactor when read, never logged, never in status output.
//
// One credential per device per state folder, not per collector URL: a collector renamed
// behind a load balancer keeps working; a different collector database answers
// CREDENTIAL_UNKNOWN and the agent enrols there (report.url comes from the root-owned
// agent config, and TLS is verified, so the credential only goes where the admin said).
import { netHint, type NetErrorCode } from '../net/errors';
import type { NetSettings } from '../net/settings';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactor } from '../log/redact';
import { readCapped, writeFileAtomic, ensurePrivateDir } from '../util/fsio';
import { httpRequest } from '../net/http';
import { parseRetryAfter, type RetryPolicy } from './retry';

export const CREDENTIAL_FILE = 'collector-credential.json';
const MAX_CREDENTIAL_FILE_BYTES = 4096;
const CREDENTIAL = /^mwd1_[A-Za-z0-9_-]{43}$/;
const ENROL_TIMEOUT_MS = 30_000;

export interface StoredCredential {
  version: 1;
  deviceId: string;
  credential: string;
  enrolledAt: string;
}

export const credentialPath = (stateDir: string): string => path.join(stateDir, CREDENTIAL_FILE);

/** The stored credential for `deviceId`; undefined when absent, damaged or for another device id. */
export function loadCredential(stateDir: string, deviceId: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(readCapped(credentialPath(stateDir), MAX_CREDENTIAL_FILE_BYTES).toString('utf8'));
  } catch {
    return undefined;
  }
  const c = v as Partial<StoredCredential> | null;
  if (typeof c !== 'object' || c === null || c.version !== 1 || c.deviceId !== deviceId) return undefined;
  if (typeof c.credential !== 'string' || !CREDENTIAL.test(c.credential)) return undefined;
  redactor.learn(c.credential);
  return c.credential;
}

export function saveCredential(stateDir: string, deviceId: string, credential: string, now: number): void {
  ensurePrivateDir(stateDir);
  const body: StoredCredential = { version: 1, deviceId, credential, enrolledAt: new Date(now).toISOString() };
  writeFileAtomic(credentialPath(stateDir), `${JSON.stringify(body)}\n`, { mode: 0o600 });
}

export function forgetCredential(stateDir: string): void {
  fs.rmSync(credentialPath(stateDir), { force: true });
}

export type EnrolResult =
  | { type: 'enrolled'; credential: string }
  | { type: 'retryable'; retryAt: number; httpStatus?: number; error: string; netCode?: NetErrorCode }
  /** Refused for good: a wrong enrollment token, or the device id is enrolled already (an admin must reset it). */
  | { type: 'permanent'; httpStatus?: number; error: string };

export interface EnrolRequest {
  url: URL;
  enrollToken: string;
  deviceId: string;
  ca?: string;
  /** Proxy and CAs (src/net/settings.ts), as for event POSTs. */
  net?: NetSettings;
  policy: RetryPolicy;
  now: () => number;
  timeoutMs?: number;
}

function errorCode(body: Buffer): string | undefined {
  try {
    const c = (JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } }).error?.code;
    return typeof c === 'string' ? c.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

/** One enrolment attempt. The answer is a value; a retryable one is tried at the next pass. */
export async function enrol(r: EnrolRequest): Promise<EnrolResult> {
  const res = await httpRequest({
    url: r.url,
    method: 'POST',
    headers: { authorization: `Bearer ${r.enrollToken}`, 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ deviceId: r.deviceId })),
    ca: r.ca,
    net: r.net,
    timeoutMs: r.timeoutMs ?? ENROL_TIMEOUT_MS,
  });
  // Same words as a failed event POST: it is the same collector, unreachable.
  if (res.kind === 'network') {
    const proxyOrTls = res.tls || res.net === 'PROXY_AUTH_REQUIRED' || res.net === 'PROXY_REFUSED' || res.net === 'PROXY_INVALID';
    const wait = proxyOrTls ? r.policy.maxBackoffMs : r.policy.initialBackoffMs;
    return {
      type: 'retryable',
      retryAt: r.now() + wait,
      error: `${res.net}: ${netHint(res.net, res.proxy)} (${res.code})`,
      netCode: res.net,
    };
  }
  if (res.kind === 'too_large') return { type: 'permanent', httpStatus: res.status, error: 'enrol: response over the size limit' };
  const code = errorCode(res.body);
  if (res.status === 201) {
    let credential: unknown;
    try {
      credential = (JSON.parse(res.body.toString('utf8')) as { credential?: unknown }).credential;
    } catch {
      credential = undefined;
    }
    if (typeof credential !== 'string' || !CREDENTIAL.test(credential))
      return { type: 'permanent', httpStatus: 201, error: 'enrol: malformed collector response' };
    redactor.learn(credential);
    return { type: 'enrolled', credential };
  }
  const error = `enrol: HTTP ${res.status}${code ? ` ${code}` : ''}`;
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    const wait = parseRetryAfter(res.headers['retry-after'], r.now(), r.policy) ?? r.policy.initialBackoffMs;
    return { type: 'retryable', retryAt: r.now() + wait, httpStatus: res.status, error };
  }
  const hint =
    code === 'ALREADY_ENROLLED'
      ? ` (device ${r.deviceId} is enrolled already: ask an admin to run mcp-warden fleet reset-device ${r.deviceId})`
      : '';
  return { type: 'permanent', httpStatus: res.status, error: `${error}${hint}` };
}
