// Policy loading cost. `mcp-warden exec` loads the agent config and the policy on every
// MCP server launch, so what matters most is a fresh process: measured in child processes
// (time from process start to the policy in hand, including module loading), with the
// precompiled validators against compiling the schemas with ajv at run time. Then warm
// in-process figures for the loader, the verifier and lint at a realistic size and at the
// schema's limit (5000 servers). Run: npm run bench (or bundle this file with esbuild and
// run it with node). Prints p50/p99 and memory.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAgentConfig } from '../../src/config/load';
import { signEnvelope, ALLOWLIST_PAYLOAD_TYPE } from '../../src/policy/dsse';
import { loadPolicy } from '../../src/policy/loader';
import { lintAllowlist } from '../../src/policy/lint';
import { canonicalPayload } from '../../src/policy/signing';
import { verifyEnvelope } from '../../src/policy/verify';
import { compileSchema } from '../../src/schema/compile';
import type { Allowlist, ServerRule } from '../../src/policy/types';
import * as crypto from 'node:crypto';

function servers(n: number): ServerRule[] {
  return Array.from({ length: n }, (_, i): ServerRule =>
    i % 4 === 3
      ? { id: `remote-${i}`, transport: 'http', url: `https://mcp-${i}.example.com/*`, headers: { secrets: ['Authorization'] } }
      : {
          id: `srv-${i}`,
          transport: 'stdio',
          command: 'npx',
          args: ['-y', `@acme/mcp-server-${i}@1.2.${i}`],
          package: { registry: 'npm', name: `@acme/mcp-server-${i}`, version: `1.2.${i}`, integrity: `sha512-${'A'.repeat(86)}==` },
          env: { secrets: ['API_TOKEN'] },
          tools: { ask: ['write_*'] },
        },
  );
}

function allowlist(n: number): Allowlist {
  return { org: 'acme', version: 1, expires: '2099-01-01T00:00:00Z', mode: 'enforce', servers: servers(n) };
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return `p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms (n=${s.length})`;
}

function time(n: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** A config + signed envelope + state folder for `n` servers; returns the config path. */
function fixture(dir: string, n: number): string {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const envelope = signEnvelope(ALLOWLIST_PAYLOAD_TYPE, canonicalPayload(allowlist(n)), [privateKey]);
  fs.writeFileSync(path.join(dir, 'allowlist.dsse.json'), JSON.stringify(envelope));
  const config = path.join(dir, 'agent.yaml');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString().trim().replace(/\n/g, '\n        ');
  fs.writeFileSync(
    config,
    `org: acme\ntrust:\n  threshold: 1\n  keys:\n    - publicKey: |\n        ${pem}\nallowlist:\n  file: allowlist.dsse.json\n  maxBytes: 67108864\nexec:\n  path: /bin/true\n`,
  );
  return config;
}

/** This checkout (the bench runs from a bundle in .test-build/ or from test/bench/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

// Child mode: load config + policy once, print ms since process start.
if (process.argv[2] === '--child' && process.argv[5] === 'node boot only') {
  // Baseline: the same bundle loaded, nothing run.
  process.stdout.write(`${performance.now().toFixed(3)} ${process.memoryUsage().rss}\n`);
  process.exit(0);
}
if (process.argv[2] === '--child') {
  const [, , , config, stateDir, mode] = process.argv;
  if (mode === 'runtime-compile') {
    // What exec would pay if the schemas were compiled with ajv at run time.
    const load = (f: string): object => JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas', f), 'utf8')) as object;
    compileSchema(load('agent-config.schema.json')).validate({});
    compileSchema(load('allowlist.schema.json')).validate({});
  }
  const r = loadPolicy({ config: loadAgentConfig({ configPath: config, env: {} }), stateDir: stateDir ?? '' });
  if (!r.policy) throw new Error(`no policy: ${JSON.stringify(r)}`);
  process.stdout.write(`${performance.now().toFixed(3)} ${process.memoryUsage().rss}\n`);
  process.exit(0);
}

function coldStart(config: string, stateDir: string, mode: string, n: number): void {
  const ms: number[] = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = spawnSync(process.execPath, [__filename, '--child', config, stateDir, mode], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [t, m] = r.stdout.trim().split(' ');
    ms.push(Number(t));
    rss = Math.max(rss, Number(m));
  }
  console.log(`cold start to policy in hand (${mode}, incl. node boot): ${stats(ms)}, max rss ${(rss / 1048576).toFixed(1)} MiB`);
}

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-'));
  try {
    for (const n of [50, 5000]) {
      const dir = fs.mkdtempSync(path.join(root, `n${n}-`));
      const config = fixture(dir, n);
      const stateDir = path.join(dir, 'state');
      const loaded = loadAgentConfig({ configPath: config, env: {} });
      loadPolicy({ config: loaded, stateDir });
      const bytes = fs.readFileSync(path.join(dir, 'allowlist.dsse.json'));
      console.log(`\n${n} servers, envelope ${(bytes.length / 1024).toFixed(1)} KiB`);
      if (n === 50) {
        coldStart(config, stateDir, 'node boot only', 10);
        coldStart(config, stateDir, 'precompiled', 20);
        coldStart(config, stateDir, 'runtime-compile', 10);
      }
      console.log(`loadPolicy (unchanged, warm): ${stats(time(n === 50 ? 200 : 20, () => loadPolicy({ config: loaded, stateDir })))}`);
      const keys = [crypto.createPublicKey(loaded.config.trust.keys?.[0]?.publicKey ?? '')];
      console.log(
        `verifyEnvelope (warm): ${stats(time(n === 50 ? 200 : 20, () => verifyEnvelope(bytes, { trustKeys: keys, threshold: 1, org: 'acme', now: new Date(), maxBytes: 64 << 20 })))}`,
      );
      const yaml = JSON.stringify(allowlist(n), null, 2);
      console.log(
        `lint (JSON source, ${(yaml.length / 1024).toFixed(0)} KiB): ${stats(time(n === 50 ? 100 : 5, () => lintAllowlist(yaml, { format: 'json' })))}`,
      );
      const mem = process.memoryUsage();
      console.log(`memory: rss ${(mem.rss / 1048576).toFixed(1)} MiB, heap used ${(mem.heapUsed / 1048576).toFixed(1)} MiB`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
