// URL matching with Claude Code's `serverUrl` semantics (reference §3.3): `*` may appear
// anywhere (scheme included) and matches any run of characters; hosts compare
// case-insensitively with a trailing FQDN dot ignored; paths compare case-sensitively; a
// pattern without a path matches any path.
//
// The entry's URL is parsed with WHATWG URL, the parser the HTTP client will use, so that
// what we compare is where the client really connects (`https://evil\@good` is evil).

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function glob(pattern: string, value: string, flags = ''): boolean {
  if (!pattern.includes('*')) return flags.includes('i') ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return new RegExp('^' + escapeRe(pattern).replace(/\*/g, '[\\s\\S]*') + '$', flags).test(value);
}

interface PatternParts {
  scheme: string;
  authority: string;
  /** '' when the pattern has no path (matches any path). */
  path: string;
}

function splitPattern(pattern: string): PatternParts | undefined {
  const sep = pattern.indexOf('://');
  if (sep < 0) return undefined;
  const scheme = pattern.slice(0, sep);
  const rest = pattern.slice(sep + 3);
  const cut = rest.search(/[/?#]/);
  const authority = cut < 0 ? rest : rest.slice(0, cut);
  const path = cut < 0 ? '' : rest.slice(cut);
  return { scheme, authority, path };
}

function stripDot(host: string): string {
  // Keep a port: `example.com.:8443` → `example.com:8443`.
  const m = /^(.*?)(:\d+)?$/.exec(host);
  const name = (m?.[1] ?? host).replace(/\.$/, '');
  return name + (m?.[2] ?? '');
}

// WHATWG drops a scheme's default port from `host`; do the same to a literal pattern.
function dropDefaultPort(scheme: string, authority: string): string {
  if ((scheme === 'https' || scheme === 'wss') && authority.endsWith(':443')) return authority.slice(0, -4);
  if ((scheme === 'http' || scheme === 'ws') && authority.endsWith(':80')) return authority.slice(0, -3);
  return authority;
}

/** The parts of a URL the client will connect to, or undefined when it does not parse. */
export function parseEntryUrl(url: string): { scheme: string; host: string; path: string } | undefined {
  // Control characters, spaces and backslashes have parser-dependent meanings: refuse.
  if (/[\s\\\u0000-\u001f\u007f]/.test(url)) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  return { scheme: u.protocol.replace(/:$/, ''), host: stripDot(u.host.toLowerCase()), path: u.pathname + u.search };
}

/** Does `url` (an entry's) match `pattern` (a rule's `url` or a deny rule's)? */
export function urlMatches(pattern: string, url: string): boolean {
  // `${VAR}` in the entry: Claude Code expands it at load time, so only the very string
  // the admin approved is accepted; anything else cannot be proven to go where approved.
  if (url.includes('${')) return pattern === url;
  const p = splitPattern(pattern);
  const e = parseEntryUrl(url);
  if (!p || !e) return false;
  if (!glob(p.scheme.toLowerCase(), e.scheme, 'i')) return false;
  const authority = dropDefaultPort(p.scheme.toLowerCase(), stripDot(p.authority.replace(/^.*@/, '').toLowerCase()));
  if (!glob(authority, e.host, 'i')) return false;
  if (p.path === '') return true;
  return glob(p.path, e.path);
}
