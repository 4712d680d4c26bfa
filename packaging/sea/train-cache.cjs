'use strict';
// Makes the single executable's V8 code cache (packaging/sea/sea-main.cjs) from a training
// run of the launch path: the bundle is compiled exactly as sea-main.cjs compiles it, runs
// `mcp-warden exec` once against a throwaway signed allowlist, and the cache is taken when
// exec is about to replace itself with the server (process.execve, stubbed here), so it
// holds every function the launch path compiled, not only the eagerly compiled ones.
//
//   NODE --max-semi-space-size=1 train-cache.cjs BUNDLE.cjs OUT.cache [exec|cli]
//
// `cli` trains `--version` instead (the full command tree: every other command starts with
// it); sea-main.cjs takes that cache for any command line but exec and headers, so that the
// launch cache holds only the launch path (V8 deserializes all of a cache, used or not).
//
// NODE must be the pinned Node the executable is made of, with the executable's execArgv
// (V8 rejects a cache made under other flags or another V8). The keychain is an in-memory
// stand-in for @napi-rs/keyring's binding (the bundle's require of it is answered here; the
// executable dlopens its sidecar instead, the code around it is the same): no D-Bus, no
// keyring daemon, nothing of the build user's touched. The fixture is made by the bundle's
// own keygen / allowlist sign, in child processes, so none of that is cached.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { compile, runBundle } = require('./sea-main.cjs');

const [bundle, out] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const mode = process.argv[4] ?? 'exec';
if (!bundle || !out || !['exec', 'cli'].includes(mode)) {
  process.stderr.write('usage: train-cache.cjs BUNDLE.cjs OUT.cache [exec|cli]\n');
  process.exit(2);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-train.'));
const cleanup = () => fs.rmSync(root, { recursive: true, force: true });
const cli = (...args) => {
  try {
    return execFileSync(process.execPath, [bundle, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    cleanup();
    throw e;
  }
};

// The fixture: a key, a server script, a signed allowlist approving it, an agent config.
const home = path.join(root, 'home');
fs.mkdirSync(home);
cli('keygen', '--out-dir', path.join(root, 'keys'), '--name', 'train');
const server = path.join(root, 'server.js');
fs.writeFileSync(server, "'use strict';\n");
const sha256 = crypto.createHash('sha256').update(fs.readFileSync(server)).digest('hex');
const execPath = path.join(root, 'bin', 'mcp-warden');
fs.mkdirSync(path.dirname(execPath));
fs.writeFileSync(execPath, '', { mode: 0o755 });
const expires = new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const rules = [
  { id: 'train', transport: 'stdio', command: process.execPath, args: [server, '--port=1'], sha256 },
  // Other rules, as a real allowlist has: the judge looks at each.
  ...Array.from({ length: 5 }, (_, i) => ({
    id: `other-${i}`,
    transport: 'stdio',
    command: 'npx',
    args: ['-y', `@acme/mcp-${i}@1.0.${i}`],
    sha256: 'a'.repeat(64),
  })),
];
fs.writeFileSync(path.join(root, 'allowlist.json'), JSON.stringify({ org: 'train', version: 1, expires, mode: 'enforce', servers: rules }));
cli(
  'allowlist',
  'sign',
  path.join(root, 'allowlist.json'),
  '--key',
  path.join(root, 'keys', 'train.key.pem'),
  '--out',
  path.join(root, 'envelope.json'),
);
const config = path.join(root, 'agent.json');
fs.writeFileSync(
  config,
  JSON.stringify({
    org: 'train',
    trust: { keys: [{ publicKeyFile: path.join(root, 'keys', 'train.pub.pem') }], threshold: 1 },
    allowlist: { file: path.join(root, 'envelope.json') },
    exec: { path: execPath },
  }),
);

// The training run, in this process.
Object.assign(process.env, {
  MCP_WARDEN_HOME: home,
  MCP_WARDEN_STATE_DIR: path.join(root, 'state'),
  MCP_WARDEN_CONFIG: config,
  CLAUDE_PROJECT_DIR: home,
});
delete process.env.MCP_WARDEN_NO_EXECVE;
const node = process.execPath;
process.argv =
  mode === 'exec'
    ? [node, bundle, 'exec', '--server', 'train', '--scope', 'user', '--', node, server, '--port=1']
    : [node, bundle, '--version'];
const [script, fn] = compile(fs.readFileSync(bundle, 'utf8'));
let done = false;
const finish = (how) => {
  if (done) return;
  done = true;
  const data = script.createCachedData();
  fs.writeFileSync(out, data);
  process.stderr.write(`train-cache: ${data.length} bytes after ${how}\n`);
  cleanup();
};
process.execve = () => {
  finish('exec reached execve');
  process.exit(0);
};
process.on('exit', (code) => {
  if (done) return;
  // A refusal (no keychain here, say) still trained most of the path: keep its cache.
  if (mode === 'exec') process.stderr.write(`train-cache: exec exited ${code} before execve (the cache holds less)\n`);
  finish(`exit ${code}`);
  process.exitCode = 0;
});
/** @napi-rs/keyring's binding, in memory: no item is found, writes are kept (exec's probe). */
function memoryKeyring() {
  const items = new Map();
  class AsyncEntry {
    constructor(service, account) {
      this.key = `${service}\u0000${account}`;
    }
    async getPassword() {
      return items.get(this.key) ?? null;
    }
    async setPassword(password) {
      items.set(this.key, password);
    }
    async deletePassword() {
      return items.delete(this.key);
    }
  }
  const findCredentialsAsync = async (service) =>
    [...items]
      .filter(([k]) => k.startsWith(`${service}\u0000`))
      .map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
  return { AsyncEntry, findCredentialsAsync };
}
const keyring = memoryKeyring();
const trainingRequire = (name) => (name === '@napi-rs/keyring' ? keyring : require(name));
const mod = { exports: {}, id: '.', filename: bundle, loaded: false };
runBundle(fn, trainingRequire, mod, bundle, path.dirname(bundle));
