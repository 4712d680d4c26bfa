// The whole loop, through the real CLI, the real Claude Code CLI, a real keychain and a real
// collector: sign → agent in enforce mode → unapproved server removed, token moved to the
// keychain → Claude Code launches the approved server through `exec` with the token →
// drift reaches the collector exactly once → policy update picked up → the approved server restored.
// This is the test that tells us the product works.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { tmpDir, cleanupTmp } from '../helpers/tmp';
import { installWardenShim, runCli, spawnCli } from '../helpers/cli';
import { agentEnv, readAgentStatus, serversIn, startAgent, waitFor, sha256File, type RunningAgent } from '../helpers/agent';
import { makeAllowlist } from '../helpers/policy';
import type { Allowlist, ServerRule } from '../../src/policy/types';

const ROOT = path.resolve(__dirname, '..', '..');
const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

if (!process.env.MCP_WARDEN_TEST_KEYRING) {
  throw new Error('the end-to-end test needs a Secret Service: run it through `npm test` (scripts/with-keyring.sh)');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A real MCP server (the reference "everything" server) that refuses to start unless the
 * token arrives in its environment. It holds only the token's hash, so no file on disk
 * contains the token except the keychain.
 */
function tokenCheckingServer(dir: string, tokenHash: string): string {
  const file = path.join(dir, 'server', 'everything-with-token.mjs');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    [
      "import { createHash } from 'node:crypto';",
      "import { pathToFileURL } from 'node:url';",
      `const got = createHash('sha256').update(process.env.EVERYTHING_TOKEN ?? '').digest('hex');`,
      `if (got !== ${JSON.stringify(tokenHash)}) { process.stderr.write('EVERYTHING_TOKEN missing or wrong\\n'); process.exit(3); }`,
      `await import(pathToFileURL(${JSON.stringify(EVERYTHING)}).href);`,
      '',
    ].join('\n'),
  );
  return file;
}

function claude(args: string[], home: string, cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(CLAUDE, args, { cwd, encoding: 'utf8', env: { ...process.env, HOME: home, ...extraEnv }, timeout: 120000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

let agent: RunningAgent | undefined;
let collector: ChildProcess | undefined;
afterAll(async () => {
  await agent?.stop('SIGKILL');
  collector?.kill('SIGKILL');
  cleanupTmp();
});

jest.setTimeout(240000);

test('the whole loop works end to end', async () => {
  const dir = tmpDir('mcpw-e2e-');
  const token = `e2e-token-${crypto.randomBytes(16).toString('hex')}`;
  const server = tokenCheckingServer(dir, crypto.createHash('sha256').update(token).digest('hex'));
  const helper = path.join(dir, 'server', 'helper.mjs');
  fs.writeFileSync(helper, `await import(${JSON.stringify(new URL(`file://${EVERYTHING}`).href)});\n`);
  const node = process.execPath;

  const everything: ServerRule = {
    id: 'everything',
    transport: 'stdio',
    command: node,
    args: [server, 'stdio'],
    sha256: sha256File(server),
    env: { secrets: ['EVERYTHING_TOKEN'] },
  };
  const helperRule: ServerRule = { id: 'helper', transport: 'stdio', command: node, args: [helper, 'stdio'], sha256: sha256File(helper) };
  const v1: Allowlist = makeAllowlist({ version: 1, mode: 'enforce', servers: [everything] });

  // Collector on SQLite.
  const port = await freePort();
  const adminToken = crypto.randomBytes(16).toString('hex');
  const enrollToken = crypto.randomBytes(16).toString('hex');
  collector = spawnCli(['collector', 'serve', '--db', `sqlite:${path.join(dir, 'drift.db')}`, '--listen', `127.0.0.1:${port}`], {
    env: { MCP_WARDEN_ADMIN_TOKEN: adminToken, MCP_WARDEN_ENROLL_TOKEN: enrollToken },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the collector',
    () =>
      spawnSync(node, [
        '-e',
        `require('http').get('${url}/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))`,
      ]).status === 0,
  );

  // Agent config: exec path is a shim of this build; reports go to the collector.
  const shim = installWardenShim(dir);
  const env = agentEnv(path.join(dir, 'fleet'), v1, {
    exec: { path: shim },
    report: { url, token: enrollToken, heartbeatSeconds: 3600 },
    agent: { notify: false, debounceMs: 20, fullPassSeconds: 600 },
    discovery: { roots: ['~/src'], maxDepth: 2 },
  });
  const project = path.join(env.home, 'src', 'app');
  fs.mkdirSync(project, { recursive: true });
  spawnSync('git', ['init', '-q', project]);

  // The developer's config, written by the real Claude Code CLI.
  expect(
    claude(
      ['mcp', 'add', '--scope', 'user', 'everything', '-e', `EVERYTHING_TOKEN=${token}`, '--', node, server, 'stdio'],
      env.home,
      project,
    ).status,
  ).toBe(0);
  expect(claude(['mcp', 'add', '--scope', 'project', 'helper', '--', node, helper, 'stdio'], env.home, project).status).toBe(0);
  const claudeJson = path.join(env.home, '.claude.json');
  const mcpJson = path.join(project, '.mcp.json');
  expect(fs.readFileSync(claudeJson, 'utf8')).toContain(token);

  // The agent, enforcing.
  agent = await startAgent(env);
  await waitFor('the unapproved server removed', () => serversIn(mcpJson).length === 0);
  await waitFor('the token moved out of the config', () => !fs.readFileSync(claudeJson, 'utf8').includes(token));
  const entry = (
    JSON.parse(fs.readFileSync(claudeJson, 'utf8')) as {
      mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }>;
    }
  ).mcpServers.everything;
  expect(entry.command).toBe(shim);
  expect(entry.args.slice(0, 6)).toEqual(['exec', '--server', 'everything', '--scope', 'user', '--']);
  expect(entry.env?.EVERYTHING_TOKEN).toBeUndefined();

  // Claude Code starts the approved server through exec, and the server got its token.
  const wardenEnv = { MCP_WARDEN_CONFIG: env.config, MCP_WARDEN_HOME: env.home, MCP_WARDEN_STATE_DIR: env.stateDir };
  const list = claude(['mcp', 'list'], env.home, project, wardenEnv);
  expect(list.out).toMatch(/everything:.*Connected/);
  expect(list.out).not.toContain(token);

  // Drift at the collector, exactly once.
  const adminEnv = { MCP_WARDEN_ADMIN_TOKEN: adminToken };
  // One event per finding, carrying what was done about it (action: removed).
  const removedAtCollector = () => {
    const q = runCli(['drift', 'query', '--collector', url, '--kind', 'server.unapproved', '--format', 'json'], { env: adminEnv });
    const events = q.status === 0 ? (JSON.parse(q.stdout) as Array<{ id: string; action: string; server?: { name: string } }>) : [];
    return events.filter((e) => e.action === 'removed');
  };
  const removed = await waitFor('the removal to reach the collector', () => {
    const ev = removedAtCollector();
    return ev.length > 0 && ev;
  });
  expect(removed.filter((e) => e.server?.name === 'helper')).toHaveLength(1);
  const migrated = runCli(['drift', 'query', '--collector', url, '--kind', 'credential.migrated', '--format', 'json'], { env: adminEnv });
  expect((JSON.parse(migrated.stdout) as unknown[]).length).toBe(1);

  // The admin approves the helper in v2: the running agent picks it up by itself...
  const v2 = makeAllowlist({ version: 2, mode: 'enforce', servers: [everything, helperRule] });
  env.publish(v2);
  await waitFor('v2 in force', () => readAgentStatus(env.stateDir)?.policy?.version === 2);

  // ... and puts the developer's quarantined server back by itself (docs/approval.md): it stays.
  await waitFor('the helper restored by the agent', () => serversIn(mcpJson).join() === 'helper');
  await waitFor('a pass that approves the restored server', () => readAgentStatus(env.stateDir)?.lastPass?.counts.approved === 2);
  expect(serversIn(mcpJson)).toEqual(['helper']);

  // Nothing of the token anywhere on disk but the keychain.
  const grep = spawnSync('grep', ['-rl', token, dir], { encoding: 'utf8' });
  expect(grep.stdout).toBe('');
  // The agent enrolled: its device credential sits in its own 0600 file and nowhere else
  // (not in its logs or spool, not in the collector's database: that keeps its SHA-256).
  const credFile = path.join(env.stateDir, 'collector-credential.json');
  expect(fs.statSync(credFile).mode & 0o777).toBe(0o600);
  const credential = (JSON.parse(fs.readFileSync(credFile, 'utf8')) as { credential: string }).credential;
  expect(credential).toMatch(/^mwd1_/);
  expect(spawnSync('grep', ['-rl', credential, dir], { encoding: 'utf8' }).stdout.trim()).toBe(credFile);

  expect(await agent.stop('SIGTERM')).toBe(0);
  agent = undefined;
  // Exactly once, even after the agent's final flush on shutdown.
  expect(removedAtCollector().filter((e) => e.server?.name === 'helper')).toHaveLength(1);
});
