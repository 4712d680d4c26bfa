// Which values in a server entry are secrets. Pure: no I/O, no logging.
//
// A value is a secret when (first reason wins):
//  - the allowlist rule says so: `env.secrets`, `headers.secrets`, or a `{{secret:NAME}}`
//    placeholder at that argument position;
//  - it has a known token shape (src/log/secret-patterns.ts, shared with the log redactor);
//  - it is a password in URL userinfo or a credential-named URL query parameter;
//  - its name marks it (Claude Code's own rule for env names; credential headers and flags),
//    unless it is plainly not one (a path, a boolean, a small number, or the name also says
//    it locates something: `*_URL`, `*_PATH`, `*_FILE` …);
//  - last resort, it looks random (src/secrets/entropy.ts, false-positive rate measured).
// Never secrets: `${VAR}` references (Claude Code expands them from its environment),
// `{{secret:NAME}}` placeholders (already moved), and our own `headersHelper`.
import * as crypto from 'node:crypto';
import type { ServerEntry } from '../inventory/types';
import type { SecretFinding } from '../plan/types';
import type { ServerRule } from '../policy/types';
import { findTokenShapes } from '../log/secret-patterns';
import { parseHeadersHelper } from '../inventory/wrapper';
import { findArgSecrets } from './args';
import { isCredentialEnvName, isCredentialHeaderName } from './names';
import { judgeValue, urlSecret } from './values';

/**
 * Domain-separation key of the fingerprint. Fixed (not per install) on purpose: an admin
 * can compute the fingerprint of a token known to have leaked and find every device that
 * holds it (`mcp-warden credentials fingerprint`); 32 bits identify, they do not reveal.
 */
const FINGERPRINT_KEY = 'mcp-warden/credential-fingerprint/v1';

/** First 8 hex digits of HMAC-SHA256(FINGERPRINT_KEY, value). */
export function fingerprint(value: string): string {
  return crypto.createHmac('sha256', FINGERPRINT_KEY).update(value, 'utf8').digest('hex').slice(0, 8);
}

/** A finding with what the migration needs. `value` is THE SECRET: never log, never report. */
export interface DetectedSecret {
  finding: SecretFinding;
  value: string;
  /** Name it is stored under: the env variable, the header, or the args placeholder NAME. */
  secretName: string;
  /** False: report only (inside a `${…}` default, in a URL, in a literal of the rule). */
  movable: boolean;
  /** For args: position in the inner argv's arguments and the span of the value in that argument. */
  arg?: { index: number; start: number; end: number };
}

/** [command, ...args] of the server that actually runs (seen through `mcp-warden exec`). */
export function innerArgv(entry: ServerEntry): string[] | undefined {
  if (entry.wrapped) return entry.wrapped.inner;
  if (!entry.command) return undefined;
  return [entry.command, ...(entry.args ?? [])];
}

/** Index in the entry's on-disk `args` of inner argument `i` (inner.slice(1)[i]). */
function diskArgIndex(entry: ServerEntry, i: number): number {
  // Wrapped: args = ['exec','--server',ID,'--scope',S,('--client',C,('--project',P)),'--', command, ...arguments].
  return entry.wrapped ? (entry.wrapped.innerAt ?? 6) + 1 + i : i;
}

function envSecrets(entry: ServerEntry, rule: ServerRule | undefined): DetectedSecret[] {
  const out: DetectedSecret[] = [];
  const listed = new Set(rule?.env?.secrets ?? []);
  for (const [name, value] of Object.entries(entry.env ?? {})) {
    if (typeof value !== 'string') continue;
    const marked = listed.has(name) ? 'rule' : isCredentialEnvName(name) ? 'name' : 'none';
    const v = judgeValue(value, marked, name);
    if (!v) continue;
    out.push({
      finding: { location: 'env', name, reason: v.reason, fingerprint: fingerprint(value) },
      value,
      secretName: name,
      movable: v.movable,
    });
  }
  return out;
}

function headerSecrets(entry: ServerEntry, rule: ServerRule | undefined): DetectedSecret[] {
  const out: DetectedSecret[] = [];
  const listed = new Set((rule?.headers?.secrets ?? []).map((h) => h.toLowerCase()));
  for (const [name, value] of Object.entries(entry.headers ?? {})) {
    if (typeof value !== 'string') continue;
    const marked = listed.has(name.toLowerCase()) ? 'rule' : isCredentialHeaderName(name) ? 'name' : 'none';
    const v = judgeValue(value, marked, name);
    if (!v) continue;
    out.push({
      finding: { location: 'headers', name, reason: v.reason, fingerprint: fingerprint(value) },
      value,
      secretName: name,
      movable: v.movable,
    });
  }
  // A hand-written helper with a token pasted into it (`echo '{"Authorization":"Bearer …"}'`).
  if (entry.headersHelper && !parseHeadersHelper(entry.headersHelper)) {
    const shape = findTokenShapes(entry.headersHelper)[0];
    if (shape) {
      const value = entry.headersHelper.slice(shape.start, shape.end);
      out.push({
        finding: { location: 'headers', name: 'headersHelper', reason: `shape:${shape.id}`, fingerprint: fingerprint(value) },
        value,
        secretName: 'headersHelper',
        movable: false,
      });
    }
  }
  return out;
}

function urlSecrets(entry: ServerEntry): DetectedSecret[] {
  if (!entry.url) return [];
  const why = urlSecret(entry.url);
  if (!why) return [];
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:([^\s/@]+)@/i.exec(entry.url);
  const value = why === 'url-password' && m?.[1] ? m[1] : entry.url;
  const name = why === 'url-password' ? 'userinfo' : why.slice('url-query:'.length);
  // Report only: the URL is the server's identity in the allowlist and in Claude Code's
  // managed serverUrl rules, so we never rewrite it.
  return [{ finding: { location: 'url', name, reason: why, fingerprint: fingerprint(value) }, value, secretName: name, movable: false }];
}

function argSecrets(entry: ServerEntry, rule: ServerRule | undefined): DetectedSecret[] {
  const inner = innerArgv(entry);
  if (!inner) return [];
  const args = inner.slice(1);
  return findArgSecrets(args, rule ? (rule.args ?? []) : undefined).map((s) => {
    const value = (args[s.index] ?? '').slice(s.start, s.end);
    const argIndex = diskArgIndex(entry, s.index);
    return {
      finding: {
        location: 'args',
        name: String(argIndex),
        argIndex,
        placeholder: s.name,
        reason: s.reason,
        fingerprint: fingerprint(value),
      },
      value,
      secretName: s.name,
      movable: s.movable,
      arg: { index: s.index, start: s.start, end: s.end },
    };
  });
}

/**
 * Every secret in `entry`, with its value (for the migration only). `rule` is the allowlist
 * rule that approved the entry, when there is one.
 */
export function detectSecrets(entry: ServerEntry, rule?: ServerRule): DetectedSecret[] {
  return [...envSecrets(entry, rule), ...argSecrets(entry, rule), ...headerSecrets(entry, rule), ...urlSecrets(entry)];
}

/** The findings alone: names, locations, reasons and fingerprints, never values. */
export function findSecrets(entry: ServerEntry, rule?: ServerRule): SecretFinding[] {
  return detectSecrets(entry, rule).map((d) => d.finding);
}
