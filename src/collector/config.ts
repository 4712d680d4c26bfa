// What `collector serve` needs from its flags and environment, checked before anything
// starts: the listen address, the tokens (from the environment or files, never from flag
// values that would land in shell history and `ps`), the TLS files.
import * as net from 'node:net';
import { readCapped } from '../util/fsio';
import { redactor } from '../log/redact';
import { CollectorError } from './errors';
import { MIN_TOKEN_LENGTH } from './auth';
import { parseTokenText, tokenProblem } from '../util/token-text';

const MAX_TOKEN_FILE_BYTES = 64 * 1024;
const MAX_PEM_BYTES = 1024 * 1024;

export function parseListen(raw: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(raw);
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (!m || !host || port > 65535 || (m[1] !== undefined && !net.isIPv6(m[1]))) {
    throw new CollectorError({
      code: 'LISTEN_INVALID',
      message: `--listen: expected HOST:PORT (e.g. 127.0.0.1:8443 or [::1]:8443), got "${raw}"`,
    });
  }
  return { host, port };
}

/**
 * Tokens from `file` (one per line; `#` comments; several lines allow rotation; one
 * trailing newline) or else from the environment variable, taken exactly: surrounding
 * whitespace is refused, not trimmed (src/util/token-text.ts). Every token is learned by
 * the redactor.
 */
export function loadTokens(what: string, envName: string, env: NodeJS.ProcessEnv, file?: string): string[] {
  let tokens: string[];
  if (file) {
    let text: string;
    try {
      text = readCapped(file, MAX_TOKEN_FILE_BYTES).toString('utf8');
    } catch (e) {
      throw new CollectorError({ code: 'TOKEN_MISSING', message: `${what} token file ${file} cannot be read`, file, cause: e });
    }
    const parsed = parseTokenText(text);
    if ('problem' in parsed) {
      throw new CollectorError({
        code: 'TOKEN_WEAK',
        message: `${what} token file ${file}, line ${parsed.line}: the token ${parsed.problem}`,
        file,
      });
    }
    tokens = parsed.tokens;
  } else {
    const v = env[envName];
    const problem = v ? tokenProblem(v) : undefined;
    if (v && problem) {
      redactor.learn(v.trim());
      throw new CollectorError({ code: 'TOKEN_WEAK', message: `${envName}: the ${what} token ${problem}` });
    }
    tokens = v ? [v] : [];
  }
  for (const t of tokens) redactor.learn(t);
  if (tokens.length === 0) {
    throw new CollectorError({ code: 'TOKEN_MISSING', message: `no ${what} token: set ${envName} or pass --${what}-token-file` });
  }
  if (tokens.some((t) => t.length < MIN_TOKEN_LENGTH)) {
    throw new CollectorError({
      code: 'TOKEN_WEAK',
      message: `${what} tokens must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. openssl rand -hex 32)`,
    });
  }
  return tokens;
}

export function loadTls(cert?: string, key?: string): { cert: Buffer; key: Buffer } | undefined {
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new CollectorError({ code: 'TLS_INVALID', message: '--tls-cert and --tls-key go together' });
  const read = (f: string) => {
    try {
      return readCapped(f, MAX_PEM_BYTES);
    } catch (e) {
      throw new CollectorError({ code: 'TLS_INVALID', message: `cannot read ${f}`, file: f, cause: e });
    }
  };
  return { cert: read(cert), key: read(key) };
}
