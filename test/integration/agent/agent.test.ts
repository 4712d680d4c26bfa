// The real agent process on a temp home: continuous enforcement, policy pickup, single
// instance, clean shutdown, bursts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir, cleanupTmp, writeFile } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli';
import { agentEnv, echoAllowlist, readAgentStatus, serversIn, startAgent, waitFor, ECHO, type RunningAgent } from '../../helpers/agent';

const running: RunningAgent[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop('SIGKILL');
  cleanupTmp();
});

const approved = { command: ECHO, args: ['approved'] };
const rogue = (n: number) => ({ command: 'npx', args: ['-y', `rogue-server-${n}`] });

function writeJson(file: string, value: unknown): void {
  writeFile(file, JSON.stringify(value, null, 2));
}

describe('mcp-warden agent (enforce)', () => {
  it('removes unapproved servers written into every scope while it runs', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist(), { discovery: { roots: ['~/src'], maxDepth: 3 } });
    const project = path.join(env.home, 'src', 'app');
    fs.mkdirSync(project, { recursive: true });
    const claudeJson = path.join(env.home, '.claude.json');
    writeJson(claudeJson, { mcpServers: { ok: approved }, projects: { [project]: { mcpServers: {} } } });
    const agent = await startAgent(env);
    running.push(agent);

    // user scope
    writeJson(claudeJson, { mcpServers: { ok: approved, rogue: rogue(1) }, projects: { [project]: { mcpServers: {} } } });
    await waitFor('user-scope removal', () => serversIn(claudeJson).join() === 'ok');

    // local scope
    writeJson(claudeJson, { mcpServers: { ok: approved }, projects: { [project]: { mcpServers: { rogue: rogue(2) } } } });
    await waitFor('local-scope removal', () => serversIn(claudeJson, ['projects', project, 'mcpServers']).length === 0);

    // project scope (.mcp.json in a known project)
    const mcpJson = path.join(project, '.mcp.json');
    writeJson(mcpJson, { mcpServers: { ok: approved, rogue: rogue(3) } });
    await waitFor('project-scope removal', () => serversIn(mcpJson).join() === 'ok');

    // a new project folder under a discovery root
    const fresh = path.join(env.home, 'src', 'new-project');
    writeJson(path.join(fresh, '.mcp.json'), { mcpServers: { rogue: rogue(4) } });
    await waitFor('removal in a new project folder', () => serversIn(path.join(fresh, '.mcp.json')).length === 0);

    const q = runCli([...env.args(), 'quarantine', 'list', '--json']);
    const names = (JSON.parse(q.stdout) as Array<{ name: string }>).map((r) => r.name);
    expect(names.filter((n) => n === 'rogue')).toHaveLength(4);
    expect(readAgentStatus(env.stateDir)?.lastPass?.compliant).toBe(true);
  });

  it('in audit mode reports and changes no byte', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist({ mode: 'audit' }));
    const claudeJson = path.join(env.home, '.claude.json');
    writeJson(claudeJson, { mcpServers: { ok: approved } });
    const agent = await startAgent(env);
    running.push(agent);
    const passes = readAgentStatus(env.stateDir)!.passes.incremental;
    writeJson(claudeJson, { mcpServers: { ok: approved, rogue: rogue(1) } });
    const before = fs.readFileSync(claudeJson);
    await waitFor('a pass over the change', () => (readAgentStatus(env.stateDir)?.passes.incremental ?? 0) > passes);
    expect(fs.readFileSync(claudeJson).equals(before)).toBe(true);
    const st = readAgentStatus(env.stateDir)!;
    expect(st.lastPass?.compliant).toBe(false);
    expect(st.lastPass?.counts.unapproved).toBe(1);
  });

  it('picks up a new signed allowlist without restart, and refuses a rolled-back one', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist({ version: 2 }));
    const claudeJson = path.join(env.home, '.claude.json');
    const extra = { command: ECHO, args: ['later'] };
    writeJson(claudeJson, { mcpServers: { ok: approved } });
    const agent = await startAgent(env);
    running.push(agent);

    // v3 approves a second server: the agent must not remove it once v3 is in force.
    const v3 = echoAllowlist({ version: 3 });
    v3.servers.push({ id: 'later', transport: 'stdio', command: ECHO, args: ['later'], sha256: v3.servers[0].sha256 });
    env.publish(v3);
    await waitFor('v3 in force', () => readAgentStatus(env.stateDir)?.policy?.version === 3);
    writeJson(claudeJson, { mcpServers: { ok: approved, later: extra } });
    await waitFor('a pass that judged both servers', () => readAgentStatus(env.stateDir)?.lastPass?.counts.approved === 2);
    expect(serversIn(claudeJson)).toEqual(['later', 'ok']);

    // A rolled-back (older, validly signed) allowlist is refused; v3 stays.
    env.publish(echoAllowlist({ version: 1 }));
    const st = await waitFor('the rollback to be refused', () => {
      const s = readAgentStatus(env.stateDir);
      return s?.policyRejection?.code === 'ROLLBACK' && s;
    });
    expect(st.policy?.version).toBe(3);
  });

  it('a second agent for the same user refuses to start', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist());
    const agent = await startAgent(env);
    running.push(agent);
    const second = runCli([...env.args(), 'agent']);
    expect(second.status).toBe(3);
    expect(second.stderr).toContain('LOCK_HELD');
  });

  it('exits 0 on SIGTERM in the middle of activity, leaving no temp file or lock behind', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist());
    const claudeJson = path.join(env.home, '.claude.json');
    writeJson(claudeJson, { mcpServers: { ok: approved } });
    const agent = await startAgent(env);
    for (let i = 0; i < 50; i++) writeJson(claudeJson, { mcpServers: { ok: approved, [`r${i}`]: rogue(i) } });
    const code = await agent.stop('SIGTERM');
    expect(code).toBe(0);
    expect(fs.readdirSync(env.home).filter((f) => f.includes('.tmp') || f.endsWith('.lock'))).toEqual([]);
    expect(fs.existsSync(path.join(env.stateDir, 'agent.pid'))).toBe(false);
    expect(() => JSON.parse(fs.readFileSync(claudeJson, 'utf8')) as unknown).not.toThrow();
    // and it starts again (as launchd/systemd would restart it)
    const again = await startAgent(env);
    running.push(again);
    await waitFor('the last rogue entry removed after restart', () => serversIn(claudeJson).join() === 'ok');
  });

  it('a burst of 1,000 writes to one file ends in the right state without a pass per write', async () => {
    const env = agentEnv(tmpDir(), echoAllowlist());
    const claudeJson = path.join(env.home, '.claude.json');
    writeJson(claudeJson, { mcpServers: { ok: approved } });
    const agent = await startAgent(env);
    running.push(agent);
    const before = readAgentStatus(env.stateDir)!.passes;
    for (let i = 0; i < 1000; i++) {
      // Unrelated keys change as Claude Code's own saves do; the last write adds a rogue server.
      writeJson(claudeJson, { counter: i, mcpServers: i === 999 ? { ok: approved, rogue: rogue(i) } : { ok: approved } });
    }
    await waitFor('the final state', () => serversIn(claudeJson).join() === 'ok' && readJsonCounter(claudeJson) === 999);
    const after = readAgentStatus(env.stateDir)!.passes;
    const passes = after.incremental + after.full - before.incremental - before.full;
    expect(passes).toBeGreaterThan(0);
    expect(passes).toBeLessThan(1000);
  });
});

function readJsonCounter(file: string): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { counter?: number }).counter;
  } catch {
    return undefined;
  }
}
