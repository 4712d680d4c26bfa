// Marketplace sources against the allowlist's `marketplaces` section, the way Claude Code
// reads `blockedMarketplaces` then `strictKnownMarketplaces` (reference §3.4): blocked
// first, then, when `allowed` is set, the source must match one of its entries. An entry
// matches when its type is the source's and every field it gives is equal (`owner/*`
// covers an owner's repositories); `hostPattern` tests the host of github (github.com),
// git and url sources, `pathPattern` the path of file and directory sources. Pure.
import type { MarketplacePolicy, MarketplaceSource } from '../policy/types';

export type MarketplaceVerdict = { verdict: 'approved' | 'unapproved' | 'denied'; reason: string };

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Host of a git URL in https or scp-like SSH form (`git@host:org/repo.git`). */
export function hostOf(url: string): string | undefined {
  const scp = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):/.exec(url);
  if (scp) return scp[1].toLowerCase();
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}

function repoMatches(rule: string, repo: string): boolean {
  if (rule.endsWith('/*'))
    return repo.toLowerCase().startsWith(rule.slice(0, -1).toLowerCase()) && !repo.slice(rule.length - 1).includes('/');
  return rule.toLowerCase() === repo.toLowerCase();
}

export function sourceMatches(rule: MarketplaceSource, source: unknown): boolean {
  const s = obj(source);
  if (!s || typeof s.source !== 'string') return false;
  const str = (k: string): string | undefined => {
    const v = s[k];
    return typeof v === 'string' ? v : undefined;
  };
  switch (rule.source) {
    case 'hostPattern': {
      const host = s.source === 'github' ? 'github.com' : s.source === 'git' || s.source === 'url' ? hostOf(str('url') ?? '') : undefined;
      return host !== undefined && safeTest(rule.hostPattern, host);
    }
    case 'pathPattern': {
      const p = s.source === 'file' || s.source === 'directory' ? str('path') : undefined;
      return p !== undefined && safeTest(rule.pathPattern, p);
    }
    case 'github':
      return (
        s.source === 'github' &&
        repoMatches(rule.repo, str('repo') ?? '') &&
        (rule.ref === undefined || rule.ref === str('ref')) &&
        (rule.path === undefined || rule.path === str('path'))
      );
    case 'git':
      return (
        s.source === 'git' &&
        rule.url === str('url') &&
        (rule.ref === undefined || rule.ref === str('ref')) &&
        (rule.path === undefined || rule.path === str('path'))
      );
    case 'url':
      return s.source === 'url' && rule.url === str('url');
    case 'npm':
      return s.source === 'npm' && rule.package === str('package');
    case 'file':
    case 'directory':
      return s.source === rule.source && rule.path === str('path');
  }
}

/** A short, secret-free description of a source for messages. */
export function describeSource(source: unknown): string {
  const s = obj(source);
  if (!s || typeof s.source !== 'string') return 'an unknown source';
  const detail = [s.repo, s.url, s.package, s.path].find((x): x is string => typeof x === 'string');
  // A URL may carry credentials (`https://user:token@host/…`): show the host only.
  const shown = detail && (s.source === 'git' || s.source === 'url') ? (hostOf(detail) ?? 'an unparsable URL') : detail;
  return `${s.source}${shown ? ` ${shown}` : ''}`;
}

export function judgeMarketplace(source: unknown, policy: MarketplacePolicy | undefined): MarketplaceVerdict {
  if (!policy) return { verdict: 'approved', reason: 'the allowlist has no marketplaces section' };
  const blocked = (policy.blocked ?? []).findIndex((r) => sourceMatches(r, source));
  if (blocked >= 0) return { verdict: 'denied', reason: `its source (${describeSource(source)}) matches marketplaces.blocked[${blocked}]` };
  if (policy.allowed === undefined) return { verdict: 'approved', reason: 'not blocked' };
  const allowed = policy.allowed.findIndex((r) => sourceMatches(r, source));
  if (allowed >= 0) return { verdict: 'approved', reason: `matches marketplaces.allowed[${allowed}]` };
  return { verdict: 'unapproved', reason: `its source (${describeSource(source)}) matches no entry of marketplaces.allowed` };
}
