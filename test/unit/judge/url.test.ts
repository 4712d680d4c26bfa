// Claude Code's serverUrl semantics (reference §3.3), table-driven.
import { urlMatches } from '../../../src/judge/url';

describe('urlMatches', () => {
  it.each([
    // exact
    ['https://mcp.example.com/mcp', 'https://mcp.example.com/mcp', true],
    ['https://mcp.example.com/mcp', 'https://mcp.example.com/mcp/', false],
    // `*` anywhere, scheme included
    ['https://*.example.com/*', 'https://a.b.example.com/x/y', true],
    ['https://*.example.com/*', 'https://example.com/x', false],
    ['*://mcp.example.com/*', 'http://mcp.example.com/x', true],
    ['https://mcp.example.com/v*/mcp', 'https://mcp.example.com/v2/mcp', true],
    // hosts case-insensitive, trailing dot ignored; paths case-sensitive
    ['https://MCP.example.com/mcp', 'https://mcp.EXAMPLE.com./mcp', true],
    ['https://mcp.example.com./mcp', 'https://mcp.example.com/mcp', true],
    ['https://mcp.example.com/MCP', 'https://mcp.example.com/mcp', false],
    // no path in the pattern: any path
    ['https://mcp.example.com', 'https://mcp.example.com/anything?q=1', true],
    ['https://mcp.example.com', 'https://mcp.example.com.evil.net/', false],
    // ports
    ['https://mcp.example.com:8443/*', 'https://mcp.example.com:8443/x', true],
    ['https://mcp.example.com/*', 'https://mcp.example.com:8443/x', false],
    ['https://mcp.example.com:443/x', 'https://mcp.example.com/x', true],
    // where the client really connects
    ['https://good.example.com/*', 'https://good.example.com@evil.net/x', false],
    ['https://good.example.com/*', 'https://evil.net/good.example.com/x', false],
    ['https://good.example.com/*', 'https://evil.net\\@good.example.com/x', false],
    ['https://good.example.com/*', 'https://good.example.com/a/../b', true],
    ['https://good.example.com/a/*', 'https://good.example.com/a/../../b', false],
    ['https://good.example.com/*', 'https://good.example.com/ x', false],
    // ${VAR}: only the very string
    ['https://${H}/mcp', 'https://${H}/mcp', true],
    ['https://*/mcp', 'https://${H}/mcp', false],
    // garbage
    ['no scheme', 'https://x/', false],
    ['https://x/*', 'not a url', false],
  ])('%s vs %s → %s', (pattern, url, want) => {
    expect(urlMatches(pattern, url)).toBe(want);
  });
});
