// With no policy in force, nothing is ever executed: not by `reconcile --once`, not by the
// agent's passes (first pass, a change it reacts to, the policy it then refuses). Every way
// of having "no policy" is tried: none delivered yet, a tampered envelope, a foreign signer,
// an expired allowlist, and each with a plain file, a project `.mcp.json` and a secret that
// would be migrated in enforce mode. The decision lives in one place (policy/effective.ts:
// effectiveMode); this test holds every entry point to it, byte for byte on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir, cleanupTmp, writeFile, sha256File } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli';
import { agentEnv, echoAllowlist, readAgentStatus, startAgent, waitFor, type AgentEnv, type RunningAgent } from '../../helpers/agent';
import { makeKey, writeSignedAllowlist } from '../../helpers/policy';
import { canary } from '../reconcile/world';

// Made at run time, never a literal: a token-shaped string in the source would look committed.
const CANARY = canary();
const running: RunningAgent[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
  cleanupTmp();
});

/** An enforce allowlist, then the way it stops being a policy. */
const NO_POLICY: Record<string, (env: AgentEnv) => void> = {
  'no envelope delivered': (env) => fs.rmSync(env.envelope),
  'a tampered envelope': (env) => {
    const doc = JSON.parse(fs.readFileSync(env.envelope, 'utf8')) as { payload: string };
    const body = JSON.parse(Buffer.from(doc.payload, 'base64').toString('utf8')) as Record<string, unknown>;
    body.mode = 'enforce';
    body.servers = [];
    doc.payload = Buffer.from(JSON.stringify(body)).toString('base64');
    fs.writeFileSync(env.envelope, JSON.stringify(doc));
  },
  'a foreign signer': (env) => writeSignedAllowlist(env.envelope, echoAllowlist({ mode: 'enforce' }), [makeKey()]),
  'an expired allowlist': (env) =>
    writeSignedAllowlist(env.envelope, echoAllowlist({ mode: 'enforce', expires: '2020-01-01T00:00:00Z' }), [env.key]),
};

function world(make: (env: AgentEnv) => void): { env: AgentEnv; files: string[] } {
  const env = agentEnv(tmpDir(), echoAllowlist({ mode: 'enforce' }), { discovery: { roots: ['~/src'], maxDepth: 3 } });
  make(env);
  const project = path.join(env.home, 'src', 'app');
  const claudeJson = writeFile(
    path.join(env.home, '.claude.json'),
    JSON.stringify(
      {
        mcpServers: { rogue: { command: 'npx', args: ['-y', 'rogue-server'], env: { GITHUB_TOKEN: CANARY } } },
        projects: { [project]: { mcpServers: { local: { command: 'npx', args: ['-y', 'local-rogue'] } } } },
      },
      null,
      2,
    ),
  );
  const mcpJson = writeFile(
    path.join(project, '.mcp.json'),
    JSON.stringify({ mcpServers: { team: { command: 'npx', args: ['-y', 'team-rogue'] } } }, null, 2),
  );
  const settings = writeFile(
    path.join(project, '.claude', 'settings.local.json'),
    JSON.stringify({ enableAllProjectMcpServers: true }, null, 2),
  );
  return { env, files: [claudeJson, mcpJson, settings] };
}

function snapshot(files: string[]): string[] {
  return files.map((f) => `${f}:${sha256File(f)}`);
}

/** Nothing acted: no quarantine record, no sealed secret, no stash. */
function assertNothingExecuted(env: AgentEnv, files: string[], before: string[]): void {
  expect(snapshot(files)).toEqual(before);
  const quarantine = path.join(env.stateDir, 'quarantine');
  expect(fs.existsSync(quarantine) ? fs.readdirSync(quarantine).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  for (const f of fs.readdirSync(env.home, { recursive: true }) as string[]) expect(f).not.toMatch(/\.mcp-warden-tmp|\.bak$/);
}

describe.each(Object.keys(NO_POLICY))('with %s', (name) => {
  it('`reconcile --once` in an enforce configuration changes nothing and says why', () => {
    const { env, files } = world(NO_POLICY[name]);
    const before = snapshot(files);
    const r = runCli([...env.args(), 'reconcile', '--once', '--json']);
    expect(r.stderr).not.toContain(CANARY);
    expect(r.stdout).not.toContain(CANARY);
    const out = JSON.parse(r.stdout) as { mode: string; noPolicy: boolean; executed: boolean; policy: unknown; written: unknown[] };
    expect(out).toMatchObject({ mode: 'audit', noPolicy: true, executed: false, policy: null, written: [] });
    assertNothingExecuted(env, files, before);
  });

  it('the agent reports, and acts on nothing: first pass, a new rogue server, a refused policy', async () => {
    const { env, files } = world(NO_POLICY[name]);
    const agent = await startAgent(env);
    running.push(agent);
    const first = await waitFor('a first pass', () => readAgentStatus(env.stateDir)?.lastPass);
    expect(readAgentStatus(env.stateDir)?.policy).toBeNull();
    // A change it reacts to (an incremental pass): still nothing.
    const mcpJson = files[1];
    fs.writeFileSync(
      mcpJson,
      JSON.stringify(
        { mcpServers: { team: { command: 'npx', args: ['-y', 'team-rogue'] }, more: { command: 'npx', args: ['-y', 'more-rogue'] } } },
        null,
        2,
      ),
    );
    const before = snapshot(files);
    await waitFor('a pass after the change', () => {
      const p = readAgentStatus(env.stateDir)?.lastPass;
      return p && p.time !== first.time;
    });
    // A policy that arrives broken is refused, and refusal is not permission.
    if (!fs.existsSync(env.envelope)) writeSignedAllowlist(env.envelope, echoAllowlist({ mode: 'enforce' }), [env.key]);
    NO_POLICY['a tampered envelope'](env);
    await waitFor('the policy refused', () => readAgentStatus(env.stateDir)?.policyRejection);
    expect(readAgentStatus(env.stateDir)?.policy).toBeNull();
    assertNothingExecuted(env, files, before);
    expect(agent.stderr()).not.toContain(CANARY);
  });
});

it('control: the same world under a valid enforce policy is acted on (so the checks above can fail)', () => {
  const { env, files } = world(() => undefined);
  const before = snapshot(files);
  const r = runCli([...env.args(), 'reconcile', '--once', '--json']);
  const out = JSON.parse(r.stdout) as { mode: string; executed: boolean };
  expect(out).toMatchObject({ mode: 'enforce', executed: true });
  expect(snapshot(files)).not.toEqual(before);
  expect(fs.readdirSync(path.join(env.stateDir, 'quarantine')).length).toBeGreaterThan(0);
});
