// Shared by the system tests: policies from fixture allowlists, goldens, and a model of how
// Claude Code binds permission rules to tools (from the 2.1.330 CLI's source: a tool's full
// name is `mcp__<server>__<tool>`, both parts with [^A-Za-z0-9_-] replaced by `_`; a rule
// without `*` matches that name exactly, or every tool of the server when it names only the
// server; a rule with `*` is a glob over the whole name).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Allowlist, Policy } from '../../../src/policy/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'golden', 'system');
export const EXEC = '/usr/bin/mcp-warden';

export function fixtureAllowlist(name: string): Allowlist {
  return JSON.parse(fs.readFileSync(path.join(GOLDEN, `${name}.allowlist.json`), 'utf8')) as Allowlist;
}

export function policyOf(allowlist: Allowlist): Policy {
  const bytes = Buffer.from(JSON.stringify(allowlist));
  return {
    allowlist,
    digest: crypto.createHash('sha256').update(bytes).digest('hex'),
    keyIds: [],
    acceptedAt: '2026-01-01T00:00:00.000Z',
    source: 'test',
  };
}

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it. */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

const norm = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');

export function toolFullName(serverName: string, tool: string): string {
  return `mcp__${norm(serverName)}__${norm(tool)}`;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export function ruleMatches(rule: string, fullName: string): boolean {
  if (rule.includes('*')) return globToRegExp(rule).test(fullName);
  if (rule === fullName) return true;
  // `mcp__server` (no tool part) covers every tool of that server.
  return !rule.slice('mcp__'.length).includes('__') && fullName.startsWith(`${rule}__`);
}

export function matchingRules(rules: readonly string[] | undefined, serverName: string, tool: string): string[] {
  const full = toolFullName(serverName, tool);
  return (rules ?? []).filter((r) => ruleMatches(r, full));
}
