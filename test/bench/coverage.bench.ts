// Issue 15, measured with the real agent process:
//  1. cloned repo registered → unapproved server removed: a repo with a `.mcp.json` exists,
//     then Claude Code registers it in ~/.claude.json (its first run there); time until the
//     repo's `.mcp.json` no longer holds the server. p50/p99 over BENCH_TRIALS (default 50).
//  2. plugin turned on → turned off: an installed plugin with an unapproved server is turned
//     on in ~/.claude/settings.json (what `claude plugin install` writes last); time until
//     the agent has set it to false.
// Printed, never asserted. Each trial adds one more project to ~/.claude.json, so the last
// trials run against a file with BENCH_TRIALS projects.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { agentEnv, echoAllowlist, startAgent, serversIn, ECHO } from '../helpers/agent';

const TRIALS = Number(process.env.BENCH_TRIALS ?? 50);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.bench.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file); // as Claude Code saves: temp + rename
}

async function waitUntil(pred: () => boolean, limitMs = 10000): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > limitMs) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

function report(what: string, samples: number[], missed: number): void {
  samples.sort((a, b) => a - b);
  console.log(`${what}, ${samples.length} trials, enforce (full pass every 600 s, so every figure is an incremental pass):`);
  console.log(
    `  p50 ${pct(samples, 50).toFixed(1)} ms   p90 ${pct(samples, 90).toFixed(1)} ms   p99 ${pct(samples, 99).toFixed(1)} ms   max ${samples.at(-1)?.toFixed(1)} ms   missed ${missed}`,
  );
}

async function clonedRepo(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-clone-'));
  const env = agentEnv(root, echoAllowlist(), { system: { managedDir: path.join(root, 'managed') } });
  const claudeJson = path.join(env.home, '.claude.json');
  const projects: Record<string, unknown> = {};
  writeJson(claudeJson, { mcpServers: { ok: { command: ECHO, args: ['approved'] } }, projects });
  const agent = await startAgent(env);
  const samples: number[] = [];
  let missed = 0;
  for (let i = 0; i < TRIALS; i++) {
    const repo = path.join(root, 'clones', `repo-${i}`);
    const mcp = path.join(repo, '.mcp.json');
    writeJson(mcp, { mcpServers: { cloned: { command: 'npx', args: ['-y', `cloned-${i}`] } } });
    await new Promise((r) => setTimeout(r, 20));
    projects[repo] = { allowedTools: [], hasTrustDialogAccepted: false };
    writeJson(claudeJson, { mcpServers: { ok: { command: ECHO, args: ['approved'] } }, projects });
    const t0 = performance.now();
    if (await waitUntil(() => serversIn(mcp).length === 0)) samples.push(performance.now() - t0);
    else missed++;
  }
  await agent.stop();
  report('cloned repo registered in ~/.claude.json → its unapproved .mcp.json server removed', samples, missed);
  fs.rmSync(root, { recursive: true, force: true });
}

async function pluginOn(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-plugin-'));
  const env = agentEnv(root, echoAllowlist(), { system: { managedDir: path.join(root, 'managed') } });
  const plugins = path.join(env.home, '.claude', 'plugins');
  const installed: Record<string, unknown> = {};
  for (let i = 0; i < TRIALS; i++) {
    const dir = path.join(plugins, 'cache', 'mkt', `p${i}`, '1.0.0');
    writeJson(path.join(dir, '.claude-plugin', 'plugin.json'), {
      name: `p${i}`,
      mcpServers: { s: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/s.js'] } },
    });
    installed[`p${i}@mkt`] = [{ scope: 'user', installPath: dir }];
  }
  writeJson(path.join(plugins, 'installed_plugins.json'), { version: 2, plugins: installed });
  const settingsFile = path.join(env.home, '.claude', 'settings.json');
  const enabled: Record<string, boolean> = {};
  writeJson(settingsFile, { enabledPlugins: enabled });
  const agent = await startAgent(env);
  const samples: number[] = [];
  let missed = 0;
  const state = (id: string): unknown => {
    try {
      return (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { enabledPlugins: Record<string, unknown> }).enabledPlugins[id];
    } catch {
      return undefined;
    }
  };
  for (let i = 0; i < TRIALS; i++) {
    // Start from what is on disk (the agent set the earlier ones to false).
    const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { enabledPlugins: Record<string, boolean> };
    current.enabledPlugins[`p${i}@mkt`] = true;
    writeJson(settingsFile, current);
    const t0 = performance.now();
    if (await waitUntil(() => state(`p${i}@mkt`) === false)) samples.push(performance.now() - t0);
    else missed++;
    await new Promise((r) => setTimeout(r, 20));
  }
  await agent.stop();
  report('plugin with an unapproved server turned on in settings.json → turned off', samples, missed);
  fs.rmSync(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  await clonedRepo();
  await pluginOn();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
