// Passes that are killed, and passes without a keychain (issue 14 items 4 and 6), with the
// real CLI in child processes:
//  - SIGKILL at seeded random points while `reconcile --once` writes many files: the next
//    pass removes every temp file and lock the killed one left, does not wait for a stale
//    lock, leaves no duplicate quarantine record, and finishes the job;
//  - left-overs of a dead writer are cleaned, and nothing else (Claude Code's temp files,
//    a live writer's, a lock of someone else);
//  - no Secret Service at all: every unapproved server holding a secret is removed anyway,
//    its values sealed to the device, never in plaintext in records, logs or events.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { cleanupTmp } from '../../helpers/tmp';
import { spawnCli } from '../../helpers/cli';
import {
  canary,
  everythingRule,
  filesContaining,
  makeProject,
  makeWorld,
  readJson,
  spooled,
  warden,
  wardenJson,
  writeJson,
  type World,
} from './world';
import { TEMP_RE } from '../../../src/reconcile/leftovers';
import { listRecords } from '../../../src/quarantine/store';

jest.setTimeout(600_000);
afterEach(cleanupTmp);

interface Pass {
  actions: Array<{ kind: string; name?: string; status: string; quarantineId?: string; secretsSealed?: number }>;
  errors: unknown[];
  cleaned: { temps: number; locks: number };
}

const PROJECTS = 16;
const PER_FILE = 4;

/** A home with PROJECTS repos, each .mcp.json holding PER_FILE unapproved servers, and some in ~/.claude.json. */
function busyWorld(): { w: World; files: string[] } {
  const w = makeWorld({ servers: [everythingRule()] }, { discovery: { roots: ['~/src'], maxDepth: 2 } });
  const files: string[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const dir = path.join(w.home, 'src', `repo-${p}`);
    const servers: Record<string, unknown> = {};
    for (let i = 0; i < PER_FILE; i++) servers[`rogue-${i}`] = { type: 'stdio', command: 'npx', args: ['-y', `rogue-${p}-${i}`], env: {} };
    files.push(writeJson(path.join(dir, '.mcp.json'), { mcpServers: servers }));
  }
  const user: Record<string, unknown> = {};
  for (let i = 0; i < 20; i++) user[`user-rogue-${i}`] = { type: 'stdio', command: 'npx', args: ['-y', `user-rogue-${i}`], env: {} };
  files.push(writeJson(path.join(w.home, '.claude.json'), { mcpServers: user }));
  return { w, files };
}

/** Our temp files and every `*.lock` directory under the home and the state folder. */
function leftovers(w: World): { temps: string[]; locks: string[] } {
  const temps: string[] = [];
  const locks: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name.endsWith('.lock')) locks.push(p);
      else if (e.isDirectory()) walk(p);
      else if (TEMP_RE.test(e.name)) temps.push(p);
    }
  };
  walk(w.home);
  walk(w.stateDir);
  return { temps, locks };
}

function run(w: World): { pass: Pass; ms: number } {
  const t0 = performance.now();
  const pass = wardenJson<Pass>(w, ['reconcile', '--once']);
  return { pass, ms: performance.now() - t0 };
}

function killAfter(w: World, ms: number): Promise<void> {
  const child = spawnCli([...w.flags, 'reconcile', '--once'], { env: { CLAUDE_CONFIG_DIR: '' } });
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** A pid that is certainly dead: a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function activeDuplicates(w: World): number {
  const seen = new Map<string, number>();
  for (const r of listRecords(w.stateDir).records) {
    const k = `${r.file}#${JSON.stringify(r.jsonPath)}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return [...seen.values()].filter((n) => n > 1).length;
}

describe('interrupted passes', () => {
  it('SIGKILL during writes: the next pass cleans up, does not wait for a stale lock, and leaves no duplicate record', async () => {
    // How long an uninterrupted pass takes here: kills land anywhere inside it.
    const base = busyWorld();
    const baseline = run(base.w).ms;
    let seed = 20261203;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const KILLS = Number(process.env.MCP_WARDEN_KILLS ?? 12);
    const figures = {
      kills: 0,
      withLeftovers: 0,
      tempsBefore: 0,
      locksBefore: 0,
      tempsAfter: 0,
      locksAfter: 0,
      duplicates: 0,
      baselineMs: Math.round(baseline),
      recoveryMs: [] as number[],
      stateLocksLeft: 0,
      homeLocksLeft: [] as string[],
    };
    for (let k = 0; k < KILLS; k++) {
      const { w, files } = busyWorld();
      await killAfter(w, Math.round(baseline * (0.2 + 0.9 * rnd())));
      figures.kills++;
      const before = leftovers(w);
      figures.tempsBefore += before.temps.length;
      figures.locksBefore += before.locks.length;
      if (before.temps.length + before.locks.length > 0) figures.withLeftovers++;
      const next = run(w);
      figures.recoveryMs.push(Math.round(next.ms));
      const after = leftovers(w);
      figures.tempsAfter += after.temps.length;
      // The state folder's own locks (spool, policy state) are not registered: one a kill
      // left is taken over after its 10 s stale time (and swept then). Edit locks in the
      // home must be gone at once.
      const inHome = after.locks.filter((l) => !l.startsWith(w.stateDir));
      figures.locksAfter += inHome.length;
      figures.homeLocksLeft.push(...inHome.map((l) => path.relative(w.root, l)));
      figures.stateLocksLeft += after.locks.length - inHome.length;
      figures.duplicates += activeDuplicates(w);
      expect(next.pass.errors).toEqual([]);
      expect(next.pass.cleaned.temps).toBe(before.temps.length);
      // The job is done: every unapproved entry gone, each with exactly one record.
      for (const f of files) expect(Object.keys(readJson(f).mcpServers)).toEqual([]);
      expect(listRecords(w.stateDir).records).toHaveLength(PROJECTS * PER_FILE + 20);
    }
    fs.mkdirSync(path.join(__dirname, '..', '..', '..', '.test-build'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', '..', '..', '.test-build', 'interrupted-figures.json'), JSON.stringify(figures, null, 2));
    expect([figures.tempsAfter, figures.locksAfter, figures.duplicates]).toEqual([0, 0, 0]);
    // Pass times are figures (in the file above), not assertions: on a loaded machine one
    // pass can take 10 s without waiting on anything. That a pass does not wait out a stale
    // edit lock is checked structurally by the dead-writer test below; a state-folder lock a
    // kill left may stay until it is stale (documented), so it is a figure too.
  });

  it("removes a dead writer's temp file and abandoned lock at once, and nothing that is not ours", () => {
    const w = makeWorld({ servers: [everythingRule()] }, { discovery: { roots: ['~/src'], maxDepth: 2 } });
    const repo = makeProject(w, 'repo');
    const mcp = writeJson(path.join(repo, '.mcp.json'), {
      mcpServers: { rogue: { type: 'stdio', command: 'npx', args: ['-y', 'rogue'], env: {} } },
    });
    const dead = deadPid();
    const ours = path.join(repo, `..mcp.json.tmp.${dead}.${Date.now()}.abc123`);
    fs.writeFileSync(ours, '{"half": ');
    const live = path.join(repo, `..mcp.json.tmp.${process.pid}.${Date.now()}.def456`);
    fs.writeFileSync(live, '{}');
    const claudes = path.join(w.home, `.claude.json.tmp.${dead}.${Date.now()}`);
    fs.writeFileSync(claudes, '{}');
    // The lock a pass killed mid-edit left, with its registration.
    const lock = `${mcp}.lock`;
    fs.mkdirSync(lock);
    const locks = path.join(w.stateDir, 'locks');
    fs.mkdirSync(locks, { recursive: true });
    const reg = path.join(locks, crypto.createHash('sha256').update(lock).digest('hex').slice(0, 32) + '.json');
    fs.writeFileSync(reg, JSON.stringify({ pid: dead, lock, ino: fs.lstatSync(lock).ino, at: new Date().toISOString() }));
    const r = run(w);
    // Taken back at pass start (cleaned), not waited out: proper-lockfile would wait ~10 s.
    expect(r.pass.cleaned).toEqual({ temps: 1, locks: 1 });
    expect(r.pass.actions.map((a) => [a.name, a.status])).toEqual([['rogue', 'done']]);
    expect([fs.existsSync(ours), fs.existsSync(lock), fs.existsSync(reg)]).toEqual([false, false, false]);
    expect([fs.existsSync(live), fs.existsSync(claudes)]).toEqual([true, true]);
  });

  it('a lock that is not ours (no registration) is still respected until it is stale', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const file = writeJson(path.join(w.home, '.claude.json'), {
      mcpServers: { rogue: { type: 'stdio', command: 'npx', args: ['-y', 'rogue'], env: {} } },
    });
    fs.mkdirSync(`${file}.lock`); // Claude Code holding it, fresh mtime
    const r = run(w);
    // Waited (proper-lockfile's stale time), then took it over and did the job.
    expect(r.pass.actions.map((a) => [a.name, a.status])).toEqual([['rogue', 'done']]);
    expect(r.ms).toBeGreaterThan(5_000);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('no keychain', () => {
  it('removes 5 of 5 unapproved servers holding secrets without a Secret Service; values sealed, never in plaintext', () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const secrets = Array.from({ length: 5 }, () => canary());
    const servers: Record<string, unknown> = {};
    secrets.forEach(
      (s, i) => (servers[`leaky-${i}`] = { type: 'stdio', command: 'npx', args: ['-y', `leaky-${i}`], env: { GITHUB_TOKEN: s } }),
    );
    const file = writeJson(path.join(w.home, '.claude.json'), { mcpServers: servers });
    const original = readJson(file).mcpServers;
    // No D-Bus session at all: the keychain cannot be opened.
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const r = warden(w, ['reconcile', '--once', '--json'], noBus);
    const pass = JSON.parse(r.stdout) as Pass;
    expect(pass.actions.map((a) => [a.status, a.secretsSealed])).toEqual(secrets.map(() => ['done', 1]));
    expect(Object.keys(readJson(file).mcpServers)).toEqual([]);
    const removed = spooled(w).filter((e) => e.kind === 'server.unapproved');
    expect(removed.map((e) => [e.action, e.detail.secretsSealed])).toEqual(secrets.map(() => ['removed', 1]));
    for (const s of secrets) {
      expect(filesContaining(w.stateDir, s)).toEqual([]); // records, sealed files, logs, spool
      expect(r.stdout + r.stderr).not.toContain(s);
    }
    // Restored while the keychain is still unavailable: each value back in the file as it was.
    for (const a of pass.actions) expect(warden(w, ['quarantine', 'restore', a.quarantineId ?? ''], noBus).status).toBe(0);
    expect(readJson(file).mcpServers).toEqual(original);
  });
});
