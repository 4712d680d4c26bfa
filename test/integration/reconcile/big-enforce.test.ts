// Regression (issue 13): an enforce pass over a big realistic home (1,000 projects, 20 MB
// ~/.claude.json, 31 unapproved entries) did its work and then crashed on the way out with
// winston's "write after end", exit 1 and a Node stack trace. The real CLI in a child
// process, logging to its file as reconcile always does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../../helpers/policy';
import { buildHome, rules } from '../../helpers/bighome';

jest.setTimeout(180000);

function unapprovedLeft(home: string): string[] {
  const left: string[] = [];
  const doc = JSON.parse(fs.readFileSync(path.join(home, '.claude.json'), 'utf8')) as {
    mcpServers: Record<string, unknown>;
    projects: Record<string, { mcpServers?: Record<string, unknown> }>;
  };
  for (const name of Object.keys(doc.mcpServers)) if (name === 'evil') left.push(`user:${name}`);
  for (const [p, v] of Object.entries(doc.projects)) {
    for (const name of Object.keys(v.mcpServers ?? {})) if (name.startsWith('rogue-')) left.push(`local:${p}:${name}`);
    const mcp = path.join(p, '.mcp.json');
    if (!fs.existsSync(mcp)) continue;
    const servers = (JSON.parse(fs.readFileSync(mcp, 'utf8')) as { mcpServers: Record<string, unknown> }).mcpServers;
    for (const name of Object.keys(servers)) if (name === 'tracker') left.push(`project:${mcp}:${name}`);
  }
  return left;
}

describe('reconcile --once, enforce, over a big home', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-big-')));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('removes every unapproved entry, exits 0 and prints no stack trace', () => {
    const bin = path.join(dir, 'bin', 'mcp-srv');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.writeFileSync(bin, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const { home, unapproved } = buildHome(dir, bin);
    expect(unapproved).toBe(31);
    const key = makeKey();
    const env = writeSignedAllowlist(path.join(dir, 'etc', 'allowlist.json'), makeAllowlist({ mode: 'enforce', servers: rules(bin) }), [
      key,
    ]);
    const cfg = writeAgentConfig(path.join(dir, 'etc'), {
      keys: [key],
      envelopeFile: env,
      extra: { exec: { path: path.join(dir, 'bin', 'mcp-warden') } },
    });
    const stateDir = path.join(dir, 'state');
    // A log left near its rotation size by earlier passes: this pass rotates it, which is
    // when winston's File transport used to write after its end on the way out.
    const logFile = path.join(stateDir, 'logs', 'mcp-warden.log');
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const old = `${JSON.stringify({ level: 'info', message: 'earlier pass', pad: 'p'.repeat(400) })}\n`;
    fs.writeFileSync(logFile, old.repeat(Math.floor((5 * 1024 * 1024 - 2000) / old.length)), { mode: 0o600 });

    const r = runCli(['--home', home, '--state-dir', stateDir, '--config', cfg, '--log-level', 'debug', 'reconcile', '--once', '--json'], {
      env: { CLAUDE_CONFIG_DIR: '' },
      timeoutMs: 170000,
    });
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack frame
    expect(r.stderr).not.toMatch(/write after end/);
    expect(r.status).toBe(0);
    const actions = (JSON.parse(r.stdout) as { actions: Array<{ status: string }> }).actions;
    expect(actions.filter((a) => a.status === 'done').length).toBeGreaterThanOrEqual(31);
    expect(unapprovedLeft(home)).toEqual([]);
    // The log file was written and closed whole: every line is JSON.
    const logText = fs.readFileSync(logFile, 'utf8');
    expect(logText).toMatch(/removed|remov/i);
    for (const line of logText.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
