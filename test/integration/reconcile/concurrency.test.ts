// Claude Code saves ~/.claude.json all the time. A writer that saves it the way Claude Code
// does (lock directory, re-read, temp file + rename, its own keys changing) hundreds of
// times while reconcile passes run: none of its saves is lost and the unapproved entry is
// gone. A writer that skips the lock and writes back its in-memory copy: the file stays
// valid JSON, and a later pass still removes the entry it keeps bringing back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { cleanupTmp } from '../../helpers/tmp';
import { EVERYTHING, everythingRule, makeWorld, readJson, warden, writeJson, type World } from './world';

jest.setTimeout(240_000);
afterEach(cleanupTmp);

function seed(w: World): string {
  return writeJson(path.join(w.home, '.claude.json'), {
    numStartups: 1,
    userID: 'u',
    projects: {
      [path.join(w.home, 'p')]: {
        allowedTools: [],
        mcpServers: { localok: { type: 'stdio', command: 'node', args: [EVERYTHING, 'stdio'], env: {} } },
      },
    },
    mcpServers: {
      everything: { type: 'stdio', command: 'node', args: [EVERYTHING, 'stdio'], env: {} },
      rogue: { type: 'stdio', command: 'npx', args: ['-y', 'rogue-mcp'], env: {} },
    },
  });
}

function startWriter(file: string, count: number, pauseMs: number, lock: boolean): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(__dirname, 'writer.js'), file, String(count), String(pauseMs), lock ? '1' : '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0) process.stderr.write(err);
      resolve(code);
    }),
  );
  return { child, done };
}

function alive(c: ChildProcess): boolean {
  return c.exitCode === null && c.signalCode === null;
}

interface PassJson {
  actions: Array<{ kind: string; name?: string; status: string; code?: string }>;
  held: Array<{ name: string; retryAt?: string }>;
}

function pass(w: World): PassJson {
  const r = warden(w, ['reconcile', '--once', '--json']);
  expect([0, 1]).toContain(r.status);
  return JSON.parse(r.stdout) as PassJson;
}

describe('reconcile against a concurrent writer of ~/.claude.json', () => {
  it('loses none of a locking writer’s 400 saves and removes the unapproved entry', async () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const file = seed(w);
    const writer = startWriter(file, 400, 4, true);
    let passes = 0;
    const removed: string[] = [];
    while (alive(writer.child) || passes < 2) {
      const r = pass(w);
      passes++;
      for (const a of r.actions) if (a.kind === 'remove' && a.status === 'done') removed.push(a.name ?? '');
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(await writer.done).toBe(0);
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(removed).toEqual(['rogue']);
    const doc = readJson(file);
    expect(doc.saves).toBe(400);
    expect(Object.keys(doc.savedKeys)).toHaveLength(400);
    expect(doc.numStartups).toBe(401);
    expect(Object.keys(doc.mcpServers)).toEqual(['everything']);
    expect(Object.keys(doc.projects[path.join(w.home, 'p')].mcpServers)).toEqual(['localok']);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('survives a writer that skips the lock and re-adds the entry; a later pass removes it', async () => {
    const w = makeWorld({ servers: [everythingRule()] });
    const file = seed(w);
    const writer = startWriter(file, 150, 10, false);
    let passes = 0;
    while (alive(writer.child)) {
      pass(w);
      passes++;
      JSON.parse(fs.readFileSync(file, 'utf8'));
      if (passes >= 2) break;
    }
    expect(await writer.done).toBe(0);
    // Valid JSON throughout (every read above parsed), and the writer's saves went through
    // (a writer without the lock can still lose to ours in the instant between our last
    // check and our rename, as Claude Code's own sessions can lose to each other).
    const afterWriter = readJson(file);
    expect(afterWriter.saves).toBeGreaterThan(100);
    // Later passes remove it, backing off (never hot) if it came back in between.
    let gone = false;
    for (let i = 0; i < 6 && !gone; i++) {
      const r = pass(w);
      const held = r.held.find((h) => h.name === 'rogue');
      if (held?.retryAt) await new Promise((res) => setTimeout(res, Math.max(0, Date.parse(held.retryAt as string) - Date.now()) + 50));
      gone = !Object.keys(readJson(file).mcpServers).includes('rogue');
    }
    expect(gone).toBe(true);
    const doc = readJson(file);
    expect(doc.saves).toBe(afterWriter.saves);
    expect(Object.keys(doc.mcpServers)).toEqual(['everything']);
  });
});
