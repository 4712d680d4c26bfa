// Names close to a popular MCP package: the typosquat check of `allowlist add`. A name is
// suspicious when it is not itself on the list and (a) it is within a small edit distance
// of a listed name, or (b) it has a listed package's unscoped name, or one edit from it, under another scope or
// none (`server-github`, `@evil/server-github`), unless that name is a generic word. The
// list is short on purpose: the packages people actually paste from blog posts.

export const POPULAR_MCP_PACKAGES: readonly string[] = [
  '@modelcontextprotocol/sdk',
  '@modelcontextprotocol/server-filesystem',
  '@modelcontextprotocol/server-github',
  '@modelcontextprotocol/server-gitlab',
  '@modelcontextprotocol/server-everything',
  '@modelcontextprotocol/server-memory',
  '@modelcontextprotocol/server-puppeteer',
  '@modelcontextprotocol/server-brave-search',
  '@modelcontextprotocol/server-postgres',
  '@modelcontextprotocol/server-slack',
  '@modelcontextprotocol/server-google-maps',
  '@modelcontextprotocol/server-sequential-thinking',
  '@modelcontextprotocol/server-redis',
  '@modelcontextprotocol/server-gdrive',
  '@modelcontextprotocol/inspector',
  '@playwright/mcp',
  '@upstash/context7-mcp',
  '@notionhq/notion-mcp-server',
  '@supabase/mcp-server-supabase',
  '@sentry/mcp-server',
  '@stripe/mcp',
  '@cloudflare/mcp-server-cloudflare',
  '@browserbasehq/mcp',
  '@azure/mcp',
  '@heroku/mcp-server',
  'mcp-remote',
  'firecrawl-mcp',
  'figma-developer-mcp',
  'tavily-mcp',
  'exa-mcp-server',
];

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const prev2: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > cap) return cap + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Unscoped names too generic to be imitated: `@acme/mcp-server` (an organisation's own
 * server) shares a word with `@sentry/mcp-server`, not an identity.
 */
const GENERIC_NAMES: ReadonlySet<string> = new Set(['mcp', 'mcp-server', 'server', 'sdk', 'inspector']);

function unscoped(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

/** The popular package `name` imitates, or undefined. */
export function looksLike(name: string, popular: readonly string[] = POPULAR_MCP_PACKAGES): string | undefined {
  if (popular.includes(name)) return undefined;
  for (const p of popular) {
    // Short names collide by chance; allow one edit there, two on longer ones.
    const cap = p.length < 12 ? 1 : 2;
    if (editDistance(name, p, cap) <= cap) return p;
    const u = unscoped(p);
    // Another scope (or none) and at most one edit: `server-githubb`, `@x/server-gitub`.
    if (u.length >= 8 && !GENERIC_NAMES.has(u) && editDistance(unscoped(name), u, 1) <= 1) return p;
  }
  return undefined;
}
