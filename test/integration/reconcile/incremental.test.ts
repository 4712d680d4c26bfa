// The agent's incremental pass (discovery cache, kept verdicts, kept lookups by key, the
// files it already knows) must decide exactly what a pass that reads and judges the whole
// home again decides, for the same changed files: same verdicts, plan, results, events,
// reconcile state (`removals`, `reported`), files on disk and posture report. Each step is
// run twice from the same snapshot of home and state: once from scratch, once as the agent
// runs it, and the two are compared.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPass, type PassOptions, type PassResult } from '../../../src/reconcile/pass';
import { DiscoveryCache } from '../../../src/discovery';
import { JudgedEntries } from '../../../src/reconcile/judged';
import { MemorySink } from '../../../src/events/types';
import { MemorySecretStore } from '../../../src/vault/keychain/store';
import { listRecords } from '../../../src/quarantine/store';
import { restoreRecord } from '../../../src/quarantine/restore';
import { toReport } from '../../../src/agent/pass';
import { makeAllowlist } from '../../helpers/policy';
import type { Mode, Policy, ServerRule } from '../../../src/policy/types';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(cleanupTmp);

const RULE: ServerRule = {
  id: 'ok',
  transport: 'stdio',
  command: '/bin/sh',
  args: ['-c', 'true'],
  file: '/bin/sh',
  sha256: crypto.createHash('sha256').update(fs.readFileSync('/bin/sh')).digest('hex'),
};
const OK = { command: '/bin/sh', args: ['-c', 'true'] };
const j = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

function policyOf(mode: Mode): Policy {
  return {
    allowlist: makeAllowlist({ mode, servers: [RULE] }),
    digest: 'e'.repeat(64),
    keyIds: [],
    acceptedAt: '2026-01-01T00:00:00Z',
    source: 'test',
  };
}

/** Every file under a folder, by relative path (record ids made comparable: several records share a name). */
function tree(dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, f);
    if (!fs.statSync(abs).isFile()) continue;
    (out[ids(f)] ??= []).push(ids(fs.readFileSync(abs, 'utf8')));
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

const ids = (s: string): string => s.replace(/q-\d{8}T\d{6}Z-[0-9a-f]{8}/g, 'q-ID');

/** What a pass decided and did, without timings; record ids made comparable. */
function outcome(r: PassResult, sink: MemorySink, root: string, report: unknown): unknown {
  return JSON.parse(
    ids(
      JSON.stringify({
        counts: r.counts,
        verdicts: r.plan.verdicts,
        actions: r.plan.actions,
        held: r.plan.held,
        flapping: r.plan.flapping,
        results: r.results,
        written: r.written,
        errors: r.errors,
        events: sink.events,
        retry: r.retryAfterMs !== undefined,
        report,
        disk: tree(root),
      }),
    ),
  );
}

/** A home of four projects (three with a .mcp.json, one with local settings), and the agent's kept state. */
function world(mode: Mode) {
  const root = tmpDir();
  const home = path.join(root, 'home');
  const projects = [0, 1, 2, 3].map((i) => path.join(home, 'src', `p${i}`));
  for (const p of projects) fs.mkdirSync(path.join(p, '.claude'), { recursive: true });
  writeFile(
    path.join(home, '.claude.json'),
    j({
      mcpServers: { ok: OK, plain: { command: 'evil' } },
      projects: Object.fromEntries(projects.map((p, i) => [p, i === 3 ? { mcpServers: { local3: { command: 'l3' } } } : {}])),
    }),
  );
  const mcp = (i: number): string => path.join(projects[i], '.mcp.json');
  writeFile(mcp(0), j({ mcpServers: { ok: OK, rogue0: { command: 'r0' } } }));
  writeFile(mcp(1), j({ mcpServers: { rogue1: { command: 'r1' }, docs: { type: 'http', url: 'https://x.example/mcp' } } }));
  writeFile(mcp(2), j({ mcpServers: { ok: OK } }));
  writeFile(path.join(projects[1], '.claude', 'settings.local.json'), j({ enabledMcpjsonServers: ['rogue1', 'docs'] }));
  const store = new MemorySecretStore();
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const base = (sink: MemorySink): PassOptions => ({
    home,
    stateDir: path.join(root, 'state'),
    policy: policyOf(mode),
    sink,
    execPath: '/opt/mcp-warden',
    secretStore: () => Promise.resolve(store),
    env: {},
    now: () => new Date(clock),
  });
  const agent = { cache: new DiscoveryCache(), judged: new JudgedEntries(), known: undefined as Set<string> | undefined };

  /** The agent's first (full) pass. */
  const full = async (): Promise<PassResult> => {
    const r = await runPass({ ...base(new MemorySink()), cache: agent.cache, judged: agent.judged });
    agent.known = new Set([...r.inventory.files, ...r.inventory.unreadable.map((u) => u.file)]);
    return r;
  };

  /** One incremental step on `changed`, from scratch and as the agent runs it: both must agree. */
  const step = async (changed: string[]): Promise<PassResult> => {
    clock += 60_000;
    const snap = path.join(tmpDir(), 'snap');
    fs.cpSync(root, snap, { recursive: true });
    const refSink = new MemorySink();
    const ref = await runPass({ ...base(refSink), only: changed, known: agent.known });
    const want = outcome(ref, refSink, root, toReport(ref));
    fs.rmSync(root, { recursive: true, force: true });
    fs.cpSync(snap, root, { recursive: true });
    const sink = new MemorySink();
    const r = await runPass({ ...base(sink), only: changed, known: agent.known, cache: agent.cache, judged: agent.judged });
    agent.known = new Set([...r.inventory.files, ...r.inventory.unreadable.map((u) => u.file)]);
    expect(outcome(r, sink, root, toReport(r, agent.judged.entryIndex.of(r.inventory.entries)))).toEqual(want);
    return r;
  };
  return { root, home, projects, mcp, store, full, step, stateDir: path.join(root, 'state') };
}

describe('incremental pass = a pass over the whole home, same changed files', () => {
  it('audit: one project changes while the others hold unapproved entries', async () => {
    const w = world('audit');
    await w.full();
    writeFile(w.mcp(2), j({ mcpServers: { ok: OK, rogue2: { command: 'r2' } } }));
    const r = await w.step([w.mcp(2)]);
    expect(r.counts.unapproved).toBeGreaterThanOrEqual(5);
    writeFile(w.mcp(0), j({ mcpServers: { ok: OK } }));
    await w.step([w.mcp(0)]);
    fs.rmSync(w.mcp(1));
    await w.step([w.mcp(1)]);
    // A project's .mcp.json created, and its settings changed, in one pass.
    writeFile(w.mcp(3), j({ mcpServers: { rogue3: { command: 'r3' } } }));
    writeFile(path.join(w.projects[3], '.claude', 'settings.local.json'), j({ enableAllProjectMcpServers: true }));
    await w.step([w.mcp(3), path.join(w.projects[3], '.claude', 'settings.local.json')]);
    writeFile(w.mcp(2), '{ broken');
    await w.step([w.mcp(2)]);
    writeFile(w.mcp(2), j({ mcpServers: { ok: OK } }));
    await w.step([w.mcp(2)]);
  });

  it('enforce: removals, an entry that comes back (flapping), a restored record, several files at once', async () => {
    const w = world('enforce');
    await w.full();
    const rogue = { command: 'npx', args: ['-y', 'rogue'] };
    writeFile(w.mcp(2), j({ mcpServers: { ok: OK, rogue } }));
    let r = await w.step([w.mcp(2)]);
    expect(r.results.filter((x) => x.status === 'done')).toHaveLength(1);
    // Claude Code writes it back: a removal again, recorded in `removals`.
    writeFile(w.mcp(2), j({ mcpServers: { ok: OK, rogue } }));
    r = await w.step([w.mcp(2)]);
    expect(r.plan.flapping?.length ?? 0).toBeGreaterThan(0);
    // The user restores the first record: the entry is back, then judged again (and removed).
    const rec = listRecords(w.stateDir).records.find((x) => x.name === 'rogue' && !x.restoredAt);
    await restoreRecord({
      stateDir: w.stateDir,
      id: rec?.id ?? '',
      now: new Date('2026-03-01T10:05:00Z'),
      secretStore: () => Promise.resolve(w.store),
    });
    await w.step([w.mcp(2)]);
    // Two projects at once, one of them new (created .mcp.json), plus an approved change.
    writeFile(w.mcp(0), j({ mcpServers: { ok: OK, again0: { command: 'a0' } } }));
    writeFile(w.mcp(3), j({ mcpServers: { ok: OK, new3: { command: 'n3' } } }));
    await w.step([w.mcp(3), w.mcp(0)]);
    writeFile(w.mcp(1), j({ mcpServers: { docs: { type: 'http', url: 'https://x.example/mcp' } } }));
    await w.step([w.mcp(1)]);
    fs.rmSync(w.mcp(0));
    await w.step([w.mcp(0)]);
  });
});
