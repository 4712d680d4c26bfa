// Every server Claude Code can start is governed (issue 15), with the real agent process and
// the real `claude` CLI as the oracle: a project Claude Code registers in ~/.claude.json is
// judged and watched by the incremental pass that sees it; plugins installed with
// `claude plugin install` are inventoried and an unapproved one is turned off within
// seconds, after which `claude mcp list` no longer lists it while the approved plugin
// server still connects; `quarantine restore` turns it back on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tmpDir, cleanupTmp, writeFile, sha256File, filesContaining } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli';
import {
  agentEnv,
  echoAllowlist,
  readAgentStatus,
  readJson,
  serversIn,
  startAgent,
  waitFor,
  ECHO,
  type RunningAgent,
} from '../../helpers/agent';
import { openSpool } from '../../../src/report';
import { createEventFactory } from '../../../src/events/factory';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

// A secret in a plugin's server env: it must never reach events, records, status or logs.
const CANARY = 'sk-canary-plugin-4f9d2c7e1a8b3f6d0e5c9a7b';

const running: RunningAgent[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
  cleanupTmp();
});

function writeJson(file: string, value: unknown): void {
  writeFile(file, JSON.stringify(value, null, 2));
}

function claude(home: string, cwd: string, args: string[]): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, MCP_TIMEOUT: '30000' };
  delete env.CLAUDE_CONFIG_DIR;
  const r = spawnSync(CLAUDE, args, {
    cwd,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function events(
  stateDir: string,
): Array<{ kind: string; action: string; message: string; server?: { argv?: string[] }; detail?: Record<string, unknown> }> {
  return openSpool(stateDir, { factory: createEventFactory({ stateDir, policy: null, mode: 'audit' }) }).pending();
}

/** A local marketplace with an approved plugin (server-everything) and an unapproved one. */
function marketplace(dir: string): void {
  writeJson(path.join(dir, '.claude-plugin', 'marketplace.json'), {
    name: 'acme-tools',
    owner: { name: 'acme' },
    plugins: [
      { name: 'goodp', source: './plugins/goodp' },
      { name: 'evilp', source: './plugins/evilp' },
    ],
  });
  writeJson(path.join(dir, 'plugins', 'goodp', '.claude-plugin', 'plugin.json'), { name: 'goodp', version: '1.0.0' });
  writeJson(path.join(dir, 'plugins', 'goodp', '.mcp.json'), {
    mcpServers: { everything: { command: 'node', args: [EVERYTHING, 'stdio'] } },
  });
  writeJson(path.join(dir, 'plugins', 'evilp', '.claude-plugin', 'plugin.json'), {
    name: 'evilp',
    version: '1.0.0',
    mcpServers: { 'plugin-evil': { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/evil.js'], env: { EVIL_API_TOKEN: CANARY } } },
  });
  writeFile(path.join(dir, 'plugins', 'evilp', 'evil.js'), 'process.exit(0)\n');
}

describe('coverage of every server source (agent + real claude CLI)', () => {
  it('judges and watches a project as soon as Claude Code registers it in ~/.claude.json', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist(), { system: { managedDir: path.join(tmpDir(), 'managed') } });
    const claudeJson = path.join(env.home, '.claude.json');
    writeJson(claudeJson, { mcpServers: { ok: { command: ECHO, args: ['approved'] } }, projects: {} });
    // A cloned repo outside every discovery root, shipping a server nobody approved.
    const repo = path.join(env.root, 'clones', 'evil-repo');
    const mcpJson = path.join(repo, '.mcp.json');
    writeJson(mcpJson, { mcpServers: { cloned: { command: 'npx', args: ['-y', 'cloned-server'] } } });
    const agent = await startAgent(env);
    running.push(agent);
    const before = readAgentStatus(env.stateDir)?.passes.full ?? 0;

    // First `claude` run in the clone: Claude Code registers the project.
    writeJson(claudeJson, { mcpServers: { ok: { command: ECHO, args: ['approved'] } }, projects: { [repo]: { allowedTools: [] } } });
    await waitFor('the cloned server removed', () => serversIn(mcpJson).length === 0);
    // …by an incremental pass: no full pass ran (fullPassSeconds is 600 here).
    expect(readAgentStatus(env.stateDir)?.passes.full).toBe(before);

    // And the project's folder is watched from then on.
    writeJson(mcpJson, { mcpServers: { later: { command: 'npx', args: ['-y', 'later-server'] } } });
    await waitFor('a server added later removed', () => serversIn(mcpJson).length === 0);
    expect(readAgentStatus(env.stateDir)?.passes.full).toBe(before);
  });

  it('turns off a plugin installed while it runs; the approved plugin server still connects; restore turns it on', async () => {
    const allowlist = echoAllowlist({
      servers: [{ id: 'everything', transport: 'stdio', command: 'node', args: [EVERYTHING, 'stdio'], sha256: sha256File(EVERYTHING) }],
    });
    const env = agentEnv(tmpDir(), allowlist, { system: { managedDir: path.join(tmpDir(), 'managed') } });
    const mkt = path.join(env.root, 'marketplace');
    marketplace(mkt);
    const work = path.join(env.root, 'work');
    fs.mkdirSync(work, { recursive: true });
    expect(claude(env.home, work, ['plugin', 'marketplace', 'add', mkt]).status).toBe(0);
    expect(claude(env.home, work, ['plugin', 'install', 'goodp@acme-tools']).status).toBe(0);
    const settings = path.join(env.home, '.claude', 'settings.json');

    // scan sees the plugin server (with ${CLAUDE_PLUGIN_ROOT} expanded) and names its source.
    const sr = runCli([...env.args(), 'scan', '--json']);
    const scan = JSON.parse(sr.stdout) as {
      entries: Array<{ name: string; source: string; verdict: string }>;
      sources: Record<string, number>;
    };
    expect(scan.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'plugin:goodp:everything', source: 'plugin', verdict: 'approved' })]),
    );
    expect(scan.sources.plugin).toBeGreaterThan(0);

    const agent = await startAgent(env);
    running.push(agent);
    expect(claude(env.home, work, ['plugin', 'install', 'evilp@acme-tools']).status).toBe(0);
    await waitFor(
      'the unapproved plugin turned off',
      () => (readJson(settings).enabledPlugins as Record<string, unknown>)['evilp@acme-tools'] === false,
      20_000,
    );
    expect((readJson(settings).enabledPlugins as Record<string, unknown>)['goodp@acme-tools']).toBe(true);
    // The plugin's own files are never touched.
    expect(fs.readFileSync(path.join(mkt, 'plugins', 'evilp', '.claude-plugin', 'plugin.json'), 'utf8')).toContain('plugin-evil');

    const list = claude(env.home, work, ['mcp', 'list']);
    expect(list.out).not.toContain('plugin:evilp');
    expect(list.out).toMatch(/plugin:goodp:everything:.*Connected/);

    const kinds = events(env.stateDir).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['plugin.server_unapproved', 'plugin.disabled']));
    const unapproved = events(env.stateDir).filter((e) => e.kind === 'plugin.server_unapproved');
    expect(unapproved[0]?.detail).toMatchObject({
      plugin: 'evilp@acme-tools',
      marketplace: 'acme-tools',
      server: 'plugin:evilp:plugin-evil',
    });
    // Judged as Claude Code runs it: ${CLAUDE_PLUGIN_ROOT} expanded, from the marketplace's copy (and the cached one).
    expect(unapproved.map((e) => e.server?.argv?.[1])).toContain(path.join(mkt, 'plugins', 'evilp', 'evil.js'));

    await agent.stop();
    const q = JSON.parse(runCli([...env.args(), 'quarantine', 'list', '--json']).stdout) as Array<{
      id: string;
      kind?: string;
      name: string;
    }>;
    const rec = q.find((r) => r.kind === 'plugin' && r.name === 'evilp@acme-tools');
    expect(rec).toBeDefined();
    const restored = runCli([...env.args(), 'quarantine', 'restore', rec?.id ?? '']);
    expect(restored.status).toBe(0);
    expect((readJson(settings).enabledPlugins as Record<string, unknown>)['evilp@acme-tools']).toBe(true);
    expect(claude(env.home, work, ['mcp', 'list']).out).toContain('plugin:evilp:plugin-evil');
    expect(filesContaining(env.stateDir, CANARY)).toEqual([]);
  }, 240_000); // seven real `claude` runs: slow on a loaded machine
});
