// Generators of Claude Code's config files for the fuzz suite: ~/.claude.json (user and
// local scope, with history and caches around them), a project .mcp.json and the
// .claude/settings*.json approval keys. Each is a realistic document, then mutated.
import { canary, word, type Rng } from './rng';
import { damage, deepText, randomStyle, toNode, write, type Json, type Members, type Node } from './json-text';

export type ConfigKind = 'claude-json' | 'mcp-json' | 'settings';

export interface Generated {
  bytes: Buffer<ArrayBufferLike>;
  /** Canary secrets written into the file: none may appear in any output. */
  canaries: string[];
}

const NAMES = [
  'github',
  'fs',
  'constructor',
  'toString',
  'hasOwnProperty',
  '__proto__',
  'valueOf',
  'caf\u00e9',
  '\u{1F600}',
  'a.b',
  'a"b',
  '',
  ' ',
  'mcp',
];

function server(r: Rng, canaries: string[]): Json {
  const t = r.int(4);
  if (t === 0)
    return {
      type: 'http',
      url: `https://${word(r)}.example/mcp`,
      headers: r.chance(0.3) ? { Authorization: `Bearer ${pushed(canaries, canary(r))}` } : {},
    };
  if (t === 1) return { command: 'npx', args: ['-y', word(r)] };
  const env: Record<string, Json> = {};
  if (r.chance(0.4)) env.GITHUB_TOKEN = pushed(canaries, canary(r));
  if (r.chance(0.2)) env.PLAIN = word(r);
  return { type: 'stdio', command: r.pick(['node', 'npx', 'uvx', '/usr/bin/x']), args: [word(r), word(r)], env };
}

function pushed(list: string[], v: string): string {
  list.push(v);
  return v;
}

function servers(r: Rng, canaries: string[]): Members {
  const n = r.int(6);
  const m: Members = { members: [] };
  for (let i = 0; i < n; i++) m.members.push([r.chance(0.2) ? r.pick(NAMES) : word(r), toNode(server(r, canaries))]);
  return m;
}

const ODD_NUMBERS = ['1e400', '-0', '0.0000001e-5', '123456789012345678901234567890', '-1E+2', '0e0'];

/** Structural mutations on the members of an object: repeats, `__proto__`, depth, size. */
function mutate(r: Rng, obj: Members): void {
  const rounds = r.int(3);
  for (let k = 0; k < rounds; k++) {
    const m = obj.members;
    switch (r.int(7)) {
      case 0: {
        const pick = m[r.int(m.length)];
        if (pick) m.splice(r.int(m.length + 1), 0, [pick[0], toNode({ command: 'echo', args: [word(r)] })]); // repeated key
        break;
      }
      case 1:
        m.push(['__proto__', toNode(r.chance(0.5) ? { command: 'echo' } : { polluted: true })]);
        break;
      case 2:
        m.push([word(r), { raw: deepText(r, 600 + r.int(r.chance(0.1) ? 20_000 : 2_000)) }]);
        break;
      case 3:
        m.push([word(r), 'x'.repeat(r.chance(0.05) ? 1_000_000 : 10_000)]);
        break;
      case 4:
        m.push([word(r), { raw: r.pick(ODD_NUMBERS) }]);
        break;
      case 5:
        m.push([word(r), '@@BADUTF8@@']);
        break;
      default:
        m.push([word(r), '\u2028\u0000\uD83D\uDE00 "\\']);
    }
  }
}

/** Put a deep value, a repeat or `__proto__` inside one of the servers too. */
function mutateServers(r: Rng, s: Members): void {
  for (const [, v] of s.members) if (v && typeof v === 'object' && 'members' in v && r.chance(0.3)) mutate(r, v as Members);
  if (r.chance(0.5)) mutate(r, s);
}

function document(kind: ConfigKind, r: Rng, canaries: string[]): Node {
  if (kind === 'settings') {
    const d: Members = { members: [] };
    if (r.chance(0.7)) d.members.push(['enableAllProjectMcpServers', r.chance(0.5)]);
    if (r.chance(0.6)) d.members.push(['enabledMcpjsonServers', [word(r), word(r)]]);
    d.members.push(['permissions', toNode({ allow: ['Bash(ls)'], deny: [] })]);
    if (r.chance(0.3)) d.members.push(['env', toNode({ TOKEN: pushed(canaries, canary(r)) })]);
    mutate(r, d);
    return d;
  }
  const s = servers(r, canaries);
  mutateServers(r, s);
  if (kind === 'mcp-json') {
    const d: Members = { members: [['mcpServers', s]] };
    if (r.chance(0.2)) d.members.unshift(['mcpServers', toNode({ shadowed: { command: 'echo' } })]);
    if (r.chance(0.3)) mutate(r, d);
    return d;
  }
  const projects: Members = { members: [] };
  for (let i = r.int(4); i > 0; i--) {
    const p: Members = {
      members: [
        ['mcpServers', servers(r, canaries)],
        ['history', toNode([{ display: word(r, 40) }])],
        ['allowedTools', []],
      ],
    };
    if (r.chance(0.3)) mutateServers(r, p.members[0]?.[1] as Members);
    if (r.chance(0.2)) p.members.push(['enabledMcpjsonServers', [word(r)]]);
    projects.members.push([r.chance(0.1) ? r.pick(['__proto__', 'constructor']) : `/home/u/${word(r)}`, p]);
  }
  const d: Members = {
    members: [
      ['numStartups', r.int(100)],
      ['projects', projects],
      [r.chance(0.1) ? 'mcp\u0053ervers' : 'mcpServers', s],
    ],
  };
  if (r.chance(0.1)) d.members.push(['mcpServers', servers(r, canaries)]); // a repeat of the key: last wins
  if (r.chance(0.3)) mutate(r, d);
  return d;
}

export function generate(kind: ConfigKind, r: Rng): Generated {
  const canaries: string[] = [];
  const style = randomStyle(r);
  let text = write(r, document(kind, r, canaries), style) + (r.chance(0.7) ? style.eol : '');
  if (r.chance(0.02)) text = r.pick(['[]', '"x"', '1', 'null', '']);
  let bytes: Buffer<ArrayBufferLike> = Buffer.from(text, 'utf8');
  // Invalid UTF-8 inside strings: a lone continuation byte, 0xFF, a truncated sequence.
  const marker = Buffer.from('@@BADUTF8@@');
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker)) {
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x80, 0xff, 0xc3, 0x41]), bytes.subarray(at + marker.length)]);
  }
  if (r.chance(0.15)) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (r.chance(0.25)) bytes = damage(r, bytes);
  return { bytes, canaries };
}
