// A JudgeContext for unit tests: files, PATH and npx's cache are tables.
import * as path from 'node:path';
import type { ServerEntry } from '../../../src/inventory/types';
import type { JudgeContext, NpxInstall } from '../../../src/judge/context';
import type { Policy, ServerRule, DenyRule, PolicySettings } from '../../../src/policy/types';
import { entryKey, transportOf } from '../../../src/discovery';
import { looksLikeWarden, parseExecArgv } from '../../../src/inventory/wrapper';

export const EXEC = '/opt/mcp-warden/bin/mcp-warden';
export const HOME = '/home/dev';
export const PROJECT = '/home/dev/src/app';

export class FakeContext implements JudgeContext {
  execPath = EXEC;
  home = HOME;
  /** path → sha256 */
  files: Record<string, string> = {};
  /** command → resolved path */
  bin: Record<string, string> = {};
  npx: Record<string, NpxInstall[]> = {};
  npxError?: string;
  hashed: string[] = [];

  which(command: string): string | undefined {
    return this.bin[command];
  }

  hashFile(file: string): { sha256: string } | { error: string } {
    this.hashed.push(file);
    const h = this.files[path.normalize(file)];
    return h !== undefined ? { sha256: h } : { error: 'no such file' };
  }

  npxInstalls(spec: string): NpxInstall[] | { error: string } {
    if (this.npxError) return { error: this.npxError };
    return this.npx[spec] ?? [];
  }
}

export function policy(servers: ServerRule[], deny?: DenyRule[], settings?: PolicySettings): Policy {
  return {
    allowlist: {
      org: 'acme',
      version: 1,
      expires: '2099-01-01T00:00:00Z',
      mode: 'enforce',
      servers,
      ...(deny ? { deny } : {}),
      ...(settings ? { settings } : {}),
    },
    digest: 'a'.repeat(64),
    keyIds: [],
    acceptedAt: '2026-01-01T00:00:00Z',
    source: 'test',
  };
}

export interface EntryOpts {
  scope?: ServerEntry['scope'];
  file?: string;
  project?: string;
}

/** A ServerEntry as discovery would make it from `raw`. */
export function entry(name: string, raw: Record<string, unknown>, o: EntryOpts = {}): ServerEntry {
  const scope = o.scope ?? 'local';
  const file = o.file ?? (scope === 'project' ? path.join(PROJECT, '.mcp.json') : path.join(HOME, '.claude.json'));
  const jsonPath = scope === 'local' ? ['projects', PROJECT, 'mcpServers', name] : ['mcpServers', name];
  const e: ServerEntry = {
    key: entryKey(file, jsonPath),
    file,
    scope,
    configHome: HOME,
    jsonPath,
    name,
    transport: transportOf(raw.type),
    raw,
  };
  if (scope !== 'user') e.project = o.project ?? PROJECT;
  if (typeof raw.type === 'string') e.type = raw.type;
  if (typeof raw.command === 'string') e.command = raw.command;
  if (Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string')) e.args = raw.args;
  if (raw.env && typeof raw.env === 'object') e.env = raw.env as Record<string, string>;
  if (typeof raw.url === 'string') e.url = raw.url;
  if (raw.headers && typeof raw.headers === 'object') e.headers = raw.headers as Record<string, string>;
  if (typeof raw.headersHelper === 'string') e.headersHelper = raw.headersHelper;
  const w = parseExecArgv(e.command, e.args, looksLikeWarden);
  if (w) e.wrapped = w;
  return e;
}

export const SHA = 'b'.repeat(64);
export const OTHER_SHA = 'c'.repeat(64);
