// The npm registry, asked through the user's own `npm` CLI. Why npm and not our own HTTP
// client: npm already knows the registry the admin's config points at (scoped registries
// included), its proxy, CA and credentials; asking through it answers exactly what
// `npx` on a workstation would fetch. The signing keys (`/-/npm/v1/keys`) are the one
// thing npm does not print, so they are fetched from the same registry URL, over npm's own
// proxy and CA settings (registry-http.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCapped } from '../util/fsio';
import { ApprovalError } from './errors';
import { getJson, netConfig, NPM_NET_KEYS, parseConfigGet, type NetConfig } from './registry-http';

/** npm's answers are a few hundred KB at most; a larger one is not a packument. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** The keys document is a few hundred bytes; a CA bundle a few hundred KB. */
const MAX_KEYS_BYTES = 1024 * 1024;
const MAX_CAFILE_BYTES = 4 * 1024 * 1024;
const KEYS_TIMEOUT_MS = 15_000;

export interface NpmRunner {
  /** `npm view SPEC --json`: the version's manifest plus `time`, `versions`. */
  view(spec: string): Promise<unknown>;
  /** `npm config get KEY`. */
  config(key: string): Promise<string>;
  /** Resolve the whole dependency tree (lockfile only, no scripts run): the lockfile. */
  lockfile(spec: string): Promise<unknown>;
  /** GET a small JSON document from the registry. */
  fetchJson(url: string): Promise<unknown>;
}

function run(args: string[], opts: { cwd?: string; timeoutMs: number; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
      else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 4096) stderr += b.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new ApprovalError({
          code: 'REGISTRY_UNAVAILABLE',
          message: `cannot run npm: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
          cause: e,
        }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve(text);
      if (/E404|404 Not Found|No match found/i.test(stderr + text)) {
        return reject(
          new ApprovalError({ code: 'VERSION_NOT_FOUND', message: `npm ${args[0]} ${args[1] ?? ''}: not found in the registry` }),
        );
      }
      const why = signal ? `killed (${size > MAX_OUTPUT_BYTES ? 'answer too large' : 'timed out'})` : `exit ${code}`;
      const line = stderr.split('\n').find((l) => /npm (ERR!|error)/.test(l)) ?? '';
      reject(
        new ApprovalError({
          code: 'REGISTRY_UNAVAILABLE',
          message: `npm ${args[0]} failed (${why})${line ? `: ${line.trim().slice(0, 300)}` : ''}`,
        }),
      );
    });
  });
}

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApprovalError({ code: 'REGISTRY_RESPONSE_INVALID', message: `${what}: npm printed no JSON`, cause: e });
  }
}

export function npmRunner(env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): NpmRunner {
  // npm's proxy and CA settings, read once (one `npm config get`) when first needed.
  let net: Promise<NetConfig> | undefined;
  return {
    async view(spec) {
      return parse(await run(['view', spec, '--json'], { env, timeoutMs }), `npm view ${spec}`);
    },
    async config(key) {
      return (await run(['config', 'get', key], { env, timeoutMs })).trim();
    },
    async lockfile(spec) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-approve-'));
      try {
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'mcp-warden-review', version: '0.0.0', private: true }));
        await run(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', spec], {
          cwd: dir,
          env,
          timeoutMs,
        });
        return parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'), 'package-lock.json');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    async fetchJson(url) {
      net ??= run(['config', 'get', ...NPM_NET_KEYS], { env, timeoutMs }).then((text) =>
        netConfig(parseConfigGet(text, NPM_NET_KEYS), (f) => readCapped(f, MAX_CAFILE_BYTES).toString('utf8')),
      );
      return getJson(url, await net, { env, timeoutMs: KEYS_TIMEOUT_MS, maxBytes: MAX_KEYS_BYTES });
    },
  };
}
