// Shared builders for credential unit tests: entries as discovery would produce them
// from a real JSON file, a policy around a list of rules, token-shaped values made at run time.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerEntry } from '../../../src/inventory/types';
import type { Policy, ServerRule } from '../../../src/policy/types';
import { looksLikeWarden, parseExecArgv } from '../../../src/inventory/wrapper';
import type { PathSegment } from '../../../src/util/jsonpath';

export const rnd = (n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string =>
  Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

/** A GitHub-token-shaped canary, unique per call. */
export const canary = (): string => 'ghp_' + rnd(36);

export function policyOf(servers: ServerRule[], mode: 'audit' | 'enforce' = 'enforce'): Policy {
  return {
    allowlist: { org: 'acme', version: 1, expires: '2999-01-01T00:00:00Z', mode, servers },
    digest: 'd'.repeat(64),
    keyIds: [],
    acceptedAt: new Date().toISOString(),
    source: 'test',
  };
}

/** An entry as discovery reads it from `file` at `jsonPath`. */
export function entryFrom(file: string, jsonPath: PathSegment[], over: Partial<ServerEntry> = {}): ServerEntry {
  let raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const seg of jsonPath) raw = (raw as Record<string | number, unknown>)[seg];
  const r = raw as Record<string, unknown>;
  const type = typeof r.type === 'string' ? r.type : undefined;
  const transport = type === 'http' || type === 'sse' || type === 'ws' ? type : 'stdio';
  const command = typeof r.command === 'string' ? r.command : undefined;
  const args = Array.isArray(r.args) ? (r.args as string[]) : undefined;
  const e: ServerEntry = {
    key: `${file}#${jsonPath.join('.')}`,
    file,
    scope: 'user',
    configHome: path.dirname(file),
    jsonPath,
    name: String(jsonPath[jsonPath.length - 1]),
    transport,
    type,
    command,
    args,
    env: r.env as Record<string, string> | undefined,
    url: typeof r.url === 'string' ? r.url : undefined,
    headers: r.headers as Record<string, string> | undefined,
    headersHelper: typeof r.headersHelper === 'string' ? r.headersHelper : undefined,
    raw: r,
    ...over,
  };
  const wrapped = parseExecArgv(command, args, looksLikeWarden);
  if (wrapped) e.wrapped = wrapped;
  return e;
}
