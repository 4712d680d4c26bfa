// `mcp-warden exec` as the tool-pinning proxy, for real: the signed allowlist pins the tools of
// a real MCP server (test/fixtures/mcp/rug-pull-server.cjs, on @modelcontextprotocol/sdk); the
// server then changes a description between runs, adds a tool, or changes one mid-session and
// sends notifications/tools/list_changed. The client here is a raw JSON-RPC line client.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerRule } from '../../../src/policy/types';
import { listServer } from '../../../src/tools/client';
import { serverDigests } from '../../../src/tools/digest';
import { EVERYTHING, McpSession, RUG_SERVER } from '../../helpers/mcp';
import { requireKeyring } from '../credentials/keyring-env';
import { cleanupWorlds, makeWorld, sha256File, spooled, type World } from '../credentials/world';

beforeAll(() => requireKeyring());
afterEach(cleanupWorlds);

async function pinnedRule(over: Partial<ServerRule> = {}): Promise<ServerRule> {
  const listing = await listServer([process.execPath, RUG_SERVER], process.env, 20_000);
  const d = serverDigests(listing.lists);
  return {
    id: 'rug',
    transport: 'stdio',
    command: process.execPath,
    args: [RUG_SERVER],
    sha256: sha256File(RUG_SERVER),
    toolPins: { server: d.server, tools: d.tools, prompts: d.prompts, resourceTemplates: d.resourceTemplates },
    ...over,
  };
}

function session(w: World, env: NodeJS.ProcessEnv = {}): McpSession {
  return new McpSession([w.execPath, 'exec', '--server', 'rug', '--scope', 'user', '--', process.execPath, RUG_SERVER], {
    ...w.env,
    ...env,
  });
}

const changedEvents = (w: World) =>
  spooled(w).filter((e) => e.kind === 'server.tools_changed') as unknown as Array<{
    kind: string;
    action: string;
    detail: { changes: Array<{ name: string; old?: string; new: string }> };
  }>;

describe('exec as the tool-pinning proxy', () => {
  it('forwards an unchanged server untouched and exits with its code', async () => {
    const w = makeWorld([await pinnedRule()]);
    const s = session(w);
    const init = await s.initialize();
    expect(init.result?.serverInfo).toEqual({ name: 'rug-pull', version: '1.0.0' });
    expect(await s.toolNames()).toEqual(['echo', 'arm']);
    const r = await s.request('tools/call', { name: 'echo', arguments: { text: 'hi' } });
    expect(r.result?.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(await s.close()).toEqual({ code: 0, signal: null });
    expect(s.stderr).toBe('');
    expect(spooled(w)).toEqual([]);
  });

  it('withholds a description changed between runs, refuses calls to it, and reports it once', async () => {
    const rule = await pinnedRule();
    const w = makeWorld([rule]);
    const counter = path.join(w.root, 'runs');
    for (let run = 0; run < 2; run++) {
      const s = session(w, { RUG_STATE_FILE: counter, RUG_CHANGE_AFTER: '0' });
      await s.initialize();
      expect(await s.toolNames()).toEqual(['arm']);
      const r = await s.request('tools/call', { name: 'echo', arguments: { text: 'x' } });
      expect(r.error).toMatchObject({ code: -32001, message: expect.stringContaining('withheld') });
      expect(await s.close()).toEqual({ code: 0, signal: null });
      // One line on stderr at the first launch; the change was reported already at the second.
      expect(s.stderr.trim().split('\n').filter(Boolean)).toHaveLength(run === 0 ? 1 : 0);
    }
    const evs = changedEvents(w);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      action: 'refused',
      detail: { changes: [{ name: 'echo', old: rule.toolPins?.tools.echo, new: expect.stringMatching(/^[a-f0-9]{64}$/) }] },
    });
    expect(JSON.stringify(spooled(w))).not.toContain('id_rsa');
  });

  it('withholds a new tool', async () => {
    const w = makeWorld([await pinnedRule()]);
    const s = session(w, { RUG_EXTRA_TOOL: '1' });
    await s.initialize();
    expect(await s.toolNames()).toEqual(['echo', 'arm']);
    expect((await s.request('tools/call', { name: 'exfiltrate' })).error?.code).toBe(-32001);
    await s.close();
    expect(s.stderr).toContain('tool "exfiltrate" is new');
  });

  it('re-checks after notifications/tools/list_changed (a rug pull mid-session)', async () => {
    const w = makeWorld([await pinnedRule()]);
    const s = session(w);
    await s.initialize();
    expect(await s.toolNames()).toEqual(['echo', 'arm']);
    const changed = s.next((m) => m.method === 'notifications/tools/list_changed');
    await s.request('tools/call', { name: 'arm' });
    await changed;
    expect(await s.toolNames()).toEqual(['arm']);
    expect((await s.request('tools/call', { name: 'echo', arguments: { text: 'x' } })).error?.code).toBe(-32001);
    await s.close();
    expect(changedEvents(w)).toHaveLength(1);
  });

  it('onToolChange: block refuses the whole server and exits 126', async () => {
    const w = makeWorld([await pinnedRule({ onToolChange: 'block' })]);
    const s = session(w, { RUG_EXTRA_TOOL: '1' });
    await s.initialize();
    const r = await s.request('tools/list');
    expect(r.error).toMatchObject({ code: -32001, message: expect.stringContaining('onToolChange: block') });
    expect((await s.exited).code).toBe(126);
    expect(s.stderr).toContain('server refused');
  });

  it('audit mode reports but withholds nothing', async () => {
    const w = makeWorld([await pinnedRule()], 'audit');
    const s = session(w, { RUG_EXTRA_TOOL: '1' });
    await s.initialize();
    expect(await s.toolNames()).toEqual(['echo', 'arm', 'exfiltrate']);
    await s.close();
    expect(changedEvents(w).map((e) => e.action)).toEqual(['none']);
  });

  it('TOFU: pins at first use on this device, then withholds what changes', async () => {
    const rule = await pinnedRule({ toolPins: undefined, toolPinning: 'tofu' });
    const w = makeWorld([rule]);
    const first = session(w);
    await first.initialize();
    expect(await first.toolNames()).toEqual(['echo', 'arm']);
    await first.close();
    expect(spooled(w).map((e) => e.kind)).toEqual(['server.tools_pinned']);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(w.stateDir, 'tool-pins.json'), 'utf8')).servers)).toEqual([
      expect.stringMatching(/^rug\|[a-f0-9]{64}$/),
    ]);
    const second = session(w, { RUG_EXTRA_TOOL: '1' });
    await second.initialize();
    expect(await second.toolNames()).toEqual(['echo', 'arm']);
    await second.close();
    expect(changedEvents(w)).toHaveLength(1);
  });

  it('forwards SIGTERM to the server and reports how it ended', async () => {
    const w = makeWorld([await pinnedRule()]);
    const s = session(w);
    await s.initialize();
    s.child.kill('SIGTERM');
    // The shim execs node, so the signal reaches exec itself, which passes it on.
    // 128 + 15: the server was ended by the forwarded SIGTERM (exec's own convention).
    expect(await s.exited).toEqual({ code: 143, signal: null });
  });

  it('passes @modelcontextprotocol/server-everything through unchanged when it matches its pins', async () => {
    const argv = ['node', EVERYTHING, 'stdio'];
    const listing = await listServer(argv, process.env, 30_000);
    const d = serverDigests(listing.lists);
    const rule: ServerRule = {
      id: 'everything',
      transport: 'stdio',
      command: 'node',
      args: [EVERYTHING, 'stdio'],
      sha256: sha256File(EVERYTHING),
      toolPins: { server: d.server, tools: d.tools, prompts: d.prompts, resourceTemplates: d.resourceTemplates },
    };
    const w = makeWorld([rule]);
    const s = new McpSession([w.execPath, 'exec', '--server', 'everything', '--scope', 'user', '--', ...argv], w.env);
    await s.initialize();
    expect(await s.toolNames()).toEqual(Object.keys(d.tools));
    const prompts = await s.request('prompts/list');
    expect((prompts.result?.prompts as unknown[]).length).toBe(Object.keys(d.prompts).length);
    const r = await s.request('tools/call', { name: 'echo', arguments: { message: 'through the proxy' } });
    expect(JSON.stringify(r.result)).toContain('through the proxy');
    await s.close();
    expect(changedEvents(w)).toEqual([]);
  });
});
