// Where reports and admin queries go, and with what credentials. One rule for every
// client in this project: https always; plain http only to a loopback address (tests and
// the quickstart), because the token would otherwise cross the network in clear.
import * as path from 'node:path';
import { redactor } from '../log/redact';
import { readCapped } from '../util/fsio';
import { ReportError } from './errors';
import { isLoopbackHost } from '../util/net';
import { parseTokenText, tokenProblem } from '../util/token-text';

const MAX_TOKEN_FILE_BYTES = 64 * 1024;
const MAX_CA_FILE_BYTES = 1024 * 1024;

export { isLoopbackHost };

/**
 * Parse a collector base URL (or a full `/v1/...` URL) and check its scheme. `what` names
 * the setting in errors (`report.url`, `--collector`).
 */
export function collectorUrl(raw: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch (e) {
    throw new ReportError({ code: 'ENDPOINT_INVALID', message: `${what}: not a URL`, cause: e });
  }
  if (u.username || u.password) {
    // A URL carrying credentials would end up in logs and status output.
    throw new ReportError({
      code: 'ENDPOINT_INVALID',
      message: `${what}: credentials in the URL are not accepted; use the token settings`,
    });
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:') {
    if (isLoopbackHost(u.hostname)) return u;
    throw new ReportError({
      code: 'ENDPOINT_INSECURE',
      message: `${what}: plain http:// is accepted only for loopback addresses (127.0.0.1, ::1, localhost); use https:// for ${u.host}`,
    });
  }
  throw new ReportError({ code: 'ENDPOINT_INVALID', message: `${what}: scheme ${u.protocol} is not supported (https:// only)` });
}

/** `base` + `/v1/<route>`, keeping any path prefix of a reverse proxy (`https://h/warden/`). */
export function apiUrl(base: URL, route: string): URL {
  const u = new URL(base.href);
  const prefix = u.pathname.replace(/\/v1\/.*$/, '').replace(/\/+$/, '');
  u.pathname = `${prefix}/v1/${route}`;
  u.search = '';
  u.hash = '';
  return u;
}

function resolveFrom(file: string, baseDir?: string): string {
  return baseDir && !path.isAbsolute(file) ? path.join(baseDir, file) : file;
}

/**
 * Read a token file: its first token (`#` lines are comments; one trailing newline is
 * stripped; surrounding whitespace is refused, not trimmed). Learned by the redactor.
 */
export function readTokenFile(file: string, what: string): string {
  let text: string;
  try {
    text = readCapped(file, MAX_TOKEN_FILE_BYTES).toString('utf8');
  } catch (e) {
    throw new ReportError({ code: 'TOKEN_UNREADABLE', message: `${what}: cannot read ${file}`, file, cause: e });
  }
  const parsed = parseTokenText(text);
  if ('problem' in parsed) {
    throw new ReportError({ code: 'TOKEN_INVALID', message: `${what}: ${file}, line ${parsed.line}: the token ${parsed.problem}`, file });
  }
  const token = parsed.tokens[0];
  if (!token) throw new ReportError({ code: 'TOKEN_MISSING', message: `${what}: ${file} holds no token`, file });
  redactor.learn(token);
  return token;
}

/** The enrollment token from `report.token` or `report.tokenFile`. */
export function enrollmentToken(report: { token?: string; tokenFile?: string }, baseDir?: string): string {
  if (report.token) {
    redactor.learn(report.token.trim());
    const problem = tokenProblem(report.token);
    if (problem) throw new ReportError({ code: 'TOKEN_INVALID', message: `report.token: the enrollment token ${problem}` });
    redactor.learn(report.token);
    return report.token;
  }
  if (report.tokenFile) return readTokenFile(resolveFrom(report.tokenFile, baseDir), 'report.tokenFile');
  throw new ReportError({ code: 'TOKEN_MISSING', message: 'report: set token or tokenFile (the enrollment token)' });
}

/** Extra CA certificates (PEM) for a private PKI, added to the system roots, never replacing them. */
export function readCaFile(file: string, baseDir?: string): string {
  const f = resolveFrom(file, baseDir);
  let pem: string;
  try {
    pem = readCapped(f, MAX_CA_FILE_BYTES).toString('utf8');
  } catch (e) {
    throw new ReportError({ code: 'CA_UNREADABLE', message: `cannot read the CA file ${f}`, file: f, cause: e });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ReportError({ code: 'CA_UNREADABLE', message: `${f} holds no PEM certificate`, file: f });
  }
  return pem;
}
