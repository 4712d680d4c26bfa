// A big realistic home, shared by the reconcile bench and the regression test of the big
// enforce pass: 1,000 projects, a ~/.claude.json of 20 MB (Claude Code keeps per-project
// history and metrics there), user/local/project entries, some unapproved.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerRule } from '../../src/policy/types';

export const PROJECTS = 1000;
const TARGET_BYTES = 20 * 1024 * 1024;

export function rules(bin: string): ServerRule[] {
  const out: ServerRule[] = [];
  for (let i = 0; i < 20; i++) {
    out.push({
      id: `srv-${i}`,
      transport: 'stdio',
      command: bin,
      args: ['--profile', `p${i}`],
      sha256: crypto.createHash('sha256').update(fs.readFileSync(bin)).digest('hex'),
    });
  }
  out.push({ id: 'docs', transport: 'http', url: 'https://mcp.example.com/*' });
  return out;
}

function history(i: number): unknown[] {
  // Prompt history and metrics: what makes real ~/.claude.json files big.
  return Array.from({ length: 12 }, (_, k) => ({
    display: `refactor module ${i}-${k} `.repeat(8),
    pastedContents: {},
    timestamp: 1700000000000 + k,
  }));
}

/** `projects` (default PROJECTS); the file is padded up to `minBytes` (default 20 MB). */
export function buildHome(
  dir: string,
  bin: string,
  size: { projects?: number; minBytes?: number } = {},
): { home: string; unapproved: number } {
  const home = path.join(dir, 'home');
  const projects: Record<string, unknown> = {};
  let unapproved = 0;
  const count = size.projects ?? PROJECTS;
  const target = size.minBytes ?? TARGET_BYTES;
  for (let i = 0; i < count; i++) {
    const p = path.join(home, 'src', `proj-${i}`);
    fs.mkdirSync(path.join(p, '.claude'), { recursive: true });
    const local: Record<string, unknown> = {
      [`srv-${i % 20}`]: { type: 'stdio', command: bin, args: ['--profile', `p${i % 20}`], env: {} },
    };
    if (i % 50 === 0) {
      local[`rogue-${i}`] = { type: 'stdio', command: 'npx', args: ['-y', `rogue-${i}`], env: {} };
      unapproved++;
    }
    projects[p] = {
      allowedTools: [],
      history: history(i),
      mcpContextUris: [],
      mcpServers: local,
      enabledMcpjsonServers: [],
      disabledMcpjsonServers: [],
      hasTrustDialogAccepted: true,
      lastCost: 0.12,
      lastDuration: 123456,
      exampleFiles: ['src/a.ts', 'src/b.ts'],
    };
    if (i % 10 === 0) {
      const servers: Record<string, unknown> = { docs: { type: 'http', url: 'https://mcp.example.com/mcp' } };
      if (i % 100 === 0) {
        servers.tracker = { type: 'http', url: `https://tracker-${i}.example.net/mcp` };
        unapproved++;
      }
      fs.writeFileSync(path.join(p, '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2) + '\n');
      fs.writeFileSync(path.join(p, '.claude', 'settings.local.json'), JSON.stringify({ enabledMcpjsonServers: ['docs'] }, null, 2) + '\n');
    }
  }
  const doc: Record<string, unknown> = {
    numStartups: 412,
    userID: crypto.randomBytes(32).toString('hex'),
    projects,
    mcpServers: {
      'srv-0': { type: 'stdio', command: bin, args: ['--profile', 'p0'], env: {} },
      evil: { type: 'stdio', command: 'npx', args: ['-y', 'evil'], env: {} },
    },
  };
  unapproved++;
  let text = JSON.stringify(doc, null, 2);
  // Pad with cached metrics up to the target size (Claude Code keeps such caches there).
  const pad: string[] = [];
  while (text.length + pad.length * 200 < target) pad.push(crypto.randomBytes(96).toString('hex'));
  doc.cachedStatsigGates = pad;
  text = JSON.stringify(doc, null, 2) + '\n';
  fs.writeFileSync(path.join(home, '.claude.json'), text, { mode: 0o600 });
  return { home, unapproved };
}
