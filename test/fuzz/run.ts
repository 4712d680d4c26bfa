// `npm run fuzz`: the hostile-input suite (issue 14). Bounded and seeded: every kind runs
// `--count` inputs (default 10,000, or MCP_WARDEN_FUZZ_COUNT), each built from the seed
// (printed; `--seed S` repeats a run, `--kind K --index I` one input). Each kind runs in a
// worker thread watched by this one: an input over `--time-limit` ms (default 5,000) is a
// failure, and one that runs 4 times longer is a hang (the worker is ended, the run goes on
// from the next input). Exit 0 only when no input crashed, hung or broke a property.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { generate } from './configs';
import { checkConfig } from './check-config';
import { checkEnvelope, checkLint } from './check-policy';
import { checkBatch } from './check-collector';
import { Failure, type Outcome } from './outcome';
import { rngFor } from './rng';

const KINDS = ['claude-json', 'mcp-json', 'settings', 'allowlist', 'dsse', 'collector'] as const;
type Kind = (typeof KINDS)[number];

interface Job {
  kind: Kind;
  seed: number;
  from: number;
  to: number;
  dir: string;
}

type Msg = { t: 'start'; i: number } | { t: 'done'; i: number; ms: number; code?: string; fail?: { what: string; message: string } };

async function one(job: Job, i: number): Promise<Outcome> {
  const r = rngFor(job.seed, job.kind, i);
  switch (job.kind) {
    case 'allowlist':
      return checkLint(r);
    case 'dsse':
      return checkEnvelope(r);
    case 'collector':
      return checkBatch(r, job.dir);
    default: {
      const g = generate(job.kind, r);
      return checkConfig(job.kind, g, job.dir, r);
    }
  }
}

async function workerMain(job: Job): Promise<void> {
  const port = parentPort as NonNullable<typeof parentPort>;
  for (let i = job.from; i < job.to; i++) {
    port.postMessage({ t: 'start', i } satisfies Msg);
    const t0 = performance.now();
    let msg: Msg;
    try {
      const o = await one(job, i);
      msg = { t: 'done', i, ms: performance.now() - t0, ...(o.code ? { code: o.code } : {}) };
    } catch (e) {
      const what = e instanceof Failure ? e.what : 'crash';
      const message = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e);
      msg = { t: 'done', i, ms: performance.now() - t0, fail: { what, message } };
    }
    port.postMessage(msg);
  }
}

interface Args {
  seed: number;
  count: number;
  kinds: Kind[];
  index?: number;
  limitMs: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`${name} must be a non-negative integer`);
    return Number(v);
  };
  // `--kind a,b` or `--kind a --kind b`: every occurrence counts (a second one silently
  // ignored would look like a run that covered it).
  const given = argv.flatMap((a, i) => (a === '--kind' && argv[i + 1] !== undefined ? [argv[i + 1]] : []));
  const kinds = (given.length > 0 ? given.join(',') : KINDS.join(',')).split(',') as Kind[];
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`--kind: ${k} is not one of ${KINDS.join(', ')}`);
  return {
    seed: num(get('--seed') ?? process.env.MCP_WARDEN_FUZZ_SEED, '--seed') ?? Math.floor(Math.random() * 2 ** 31),
    count: num(get('--count') ?? process.env.MCP_WARDEN_FUZZ_COUNT, '--count') ?? 10_000,
    kinds,
    index: num(get('--index'), '--index'),
    limitMs: num(get('--time-limit'), '--time-limit') ?? 5_000,
  };
}

interface Tally {
  tried: number;
  failures: Array<{ i: number; what: string; message: string }>;
  codes: Map<string, number>;
  maxMs: number;
  /** Index of the slowest input, to repeat it with `--index`. */
  maxI: number;
  totalMs: number;
}

/** Run `job` in workers, restarting after a hang; resolves with the tally. */
function runKind(job: Job, limitMs: number): Promise<Tally> {
  const tally: Tally = { tried: 0, failures: [], codes: new Map(), maxMs: 0, maxI: -1, totalMs: 0 };
  return new Promise((resolve) => {
    const start = (from: number): void => {
      if (from >= job.to) return resolve(tally);
      const w = new Worker(__filename, { workerData: { ...job, from } });
      let current = -1;
      let since = Date.now();
      let finished = false;
      const watch = setInterval(() => {
        if (current >= 0 && Date.now() - since > limitMs * 4) {
          tally.tried++;
          tally.failures.push({ i: current, what: 'hang', message: `no result after ${limitMs * 4} ms` });
          finished = true;
          clearInterval(watch);
          const next = current + 1;
          void w.terminate().then(() => start(next));
        }
      }, 200);
      w.on('message', (m: Msg) => {
        if (m.t === 'start') {
          current = m.i;
          since = Date.now();
          return;
        }
        current = -1;
        tally.tried++;
        tally.totalMs += m.ms;
        if (m.ms > tally.maxMs) {
          tally.maxMs = m.ms;
          tally.maxI = m.i;
        }
        if (m.fail) tally.failures.push({ i: m.i, ...m.fail });
        else if (m.ms > limitMs)
          tally.failures.push({ i: m.i, what: 'slow', message: `${Math.round(m.ms)} ms, over the ${limitMs} ms bound` });
        if (m.code) tally.codes.set(m.code, (tally.codes.get(m.code) ?? 0) + 1);
      });
      const end = (): void => {
        if (finished) return;
        finished = true;
        clearInterval(watch);
        resolve(tally);
      };
      w.on('error', (e) => {
        tally.failures.push({ i: current, what: 'crash', message: `worker died: ${e.message}`.slice(0, 300) });
        finished = true;
        clearInterval(watch);
        start(current + 1);
      });
      w.on('exit', end);
    };
    start(job.from);
  });
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(
      `fuzz: ${(e as Error).message}\nusage: npm run fuzz -- [--seed N] [--count N] [--kind ${KINDS.join(',')}] [--index I] [--time-limit MS]`,
    );
    return 2;
  }
  const from = args.index ?? 0;
  const to = args.index !== undefined ? args.index + 1 : args.count;
  console.log(`fuzz: seed ${args.seed}, ${to - from} input(s) per kind, kinds ${args.kinds.join(', ')} (repeat with --seed ${args.seed})`);
  let bad = 0;
  for (const kind of args.kinds) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mcpw-fuzz-${kind}-`));
    const t0 = Date.now();
    try {
      const t = await runKind({ kind, seed: args.seed, from, to, dir }, args.limitMs);
      const codes = [...t.codes]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ');
      const unjudged = t.failures.filter((f) => f.what === 'unjudged' || f.what === 'unfixed').length;
      const crashes = t.failures.filter((f) => f.what === 'crash' || f.what === 'hang').length;
      console.log(
        `${kind.padEnd(12)} ${t.tried} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s; crashes/hangs ${crashes}; property failures ${t.failures.length - crashes}` +
          (kind.endsWith('json') || kind === 'settings' ? `; loaded by Claude Code but not judged/fixed ${unjudged}` : '') +
          `; slowest ${Math.round(t.maxMs)} ms (#${t.maxI})${codes ? `; outcomes: ${codes}` : ''}`,
      );
      for (const f of t.failures.slice(0, 10))
        console.log(`  FAIL ${f.what} at --kind ${kind} --index ${f.i} --seed ${args.seed}: ${f.message}`);
      if (t.failures.length > 10) console.log(`  … and ${t.failures.length - 10} more`);
      bad += t.failures.length;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return bad > 0 ? 1 : 0;
}

if (isMainThread) {
  void main().then((code) => process.exit(code));
} else {
  void workerMain(workerData as Job).then(() => process.exit(0));
}
