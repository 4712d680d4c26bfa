// The typosquat check: names one or two edits from a popular MCP package, or a popular
// package's distinctive name under another scope. The popular names themselves, and
// ordinary names that merely share a generic word (`mcp-server`), are not flagged.
import { editDistance, looksLike, POPULAR_MCP_PACKAGES } from '../../../src/approval/typosquat';

describe('editDistance (optimal string alignment, capped)', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1], // substitution
    ['abc', 'abcd', 1], // insertion
    ['abcd', 'abc', 1], // deletion
    ['abc', 'acb', 1], // adjacent swap
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // OSA, not full Damerau: no edit of a swapped pair
    ['', 'ab', 2],
  ])('%j → %j = %d', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
    expect(editDistance(b, a, 5)).toBe(d);
  });

  it('stops at the cap: anything further is cap + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 3)).toBe(4);
    expect(editDistance('server-github', 'server-gitlab', 3)).toBe(2);
    expect(editDistance('server-github', 'server-gitlab', 1)).toBe(2);
  });
});

describe('looksLike', () => {
  it('never flags a popular package itself', () => {
    for (const p of POPULAR_MCP_PACKAGES) expect(looksLike(p)).toBeUndefined();
  });

  it.each([
    // one edit in the scope or the name
    ['@modelcontextprotoco1/server-github', '@modelcontextprotocol/server-github'],
    ['@modelcontextprotocol/server-githb', '@modelcontextprotocol/server-github'],
    ['@modelcontextprotocol/server-filesytem', '@modelcontextprotocol/server-filesystem'],
    ['@modelcontextprotocol/sever-memory', '@modelcontextprotocol/server-memory'],
    ['@modelcontextprotocol/server-postgers', '@modelcontextprotocol/server-postgres'], // swap
    // two edits on a long name
    ['@modelcontextprotocol/servr-githb', '@modelcontextprotocol/server-github'],
    ['@modelcontext-protocol/server-github', '@modelcontextprotocol/server-github'],
    // the popular package's name under another scope, or none
    ['server-github', '@modelcontextprotocol/server-github'],
    ['@evil/server-github', '@modelcontextprotocol/server-github'],
    ['server-githubb', '@modelcontextprotocol/server-github'],
    ['@x/server-gitub', '@modelcontextprotocol/server-github'],
    ['@someone/context7-mcp', '@upstash/context7-mcp'],
    ['notion-mcp-server', '@notionhq/notion-mcp-server'],
    ['@acme/mcp-remote', 'mcp-remote'],
    // unscoped popular names
    ['mcp-remot', 'mcp-remote'],
    ['firecrawl-mcq', 'firecrawl-mcp'],
    ['figma-developer-mpc', 'figma-developer-mcp'],
    ['exa-mcp-servers', 'exa-mcp-server'],
    // short scoped names: one edit
    ['@stripe/mcq', '@stripe/mcp'],
    ['@playwrigth/mcp', '@playwright/mcp'],
  ])('%s looks like %s', (name, popular) => {
    expect(looksLike(name)).toBe(popular);
  });

  it.each([
    'left-pad',
    '@acme/mcp-thing',
    '@modelcontextprotocol/server-git', // three edits from server-github: a real, different package
    '@modelcontextprotocol/server-fetch',
    '@stripe/agent-toolkit',
    'mcp-remote-tools',
    '@azure/mcp-extra',
    '@acme/mcp',
    // generic names: sharing the word "mcp-server" with @sentry/mcp-server or
    // @heroku/mcp-server says nothing (an organisation's own `@acme/mcp-server`)
    '@acme/mcp-server',
    'mcp-server',
    '@acme/mcp-servers',
    '@acme/sdk',
    '@acme/inspector',
  ])('%s is not flagged', (name) => {
    expect(looksLike(name)).toBeUndefined();
  });

  it('takes another list', () => {
    expect(looksLike('lodahs', ['lodash'])).toBe('lodash');
    expect(looksLike('lodash', ['lodash'])).toBeUndefined();
    expect(looksLike('@modelcontextprotocol/server-githb', [])).toBeUndefined();
  });
});
