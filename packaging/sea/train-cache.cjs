'use strict';
// Makes the single executable's V8 code cache (packaging/sea/sea-main.cjs) from a training
// run of the launch path: the bundle is compiled exactly as sea-main.cjs compiles it, runs
// `mcp-warden exec` once against a throwaway signed allowlist, and the cache is taken when
// exec is about to replace itself with the server (process.execve, stubbed here), so it
// holds every function the launch path compiled, not only the eagerly compiled ones.
//
//   NODE --max-semi-space-size=1 train-cache.cjs BUNDLE.cjs OUT.cache
//
// NODE must be the pinned Node the executable is made of, with the executable's execArgv
// (V8 rejects a cache made under other flags or another V8). Run from the checkout: the
// keychain addon comes from node_modules here (the executable loads its sidecar; the
// functions around it are the same). build-sea.sh runs this inside a private D-Bus session
// with a throwaway keyring, so the keychain lookups are trained too; without one the
// keychain is unavailable to it and the cache holds a little less. The fixture is made by
// the bundle's own keygen / allowlist sign, in child processes, so none of that is cached.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { compile, runBundle } = require('./sea-main.cjs');

const [bundle, out] = process.argv.slice(2).map((p) => path.resolve(p));
if (!bundle || !out) {
  process.stderr.write('usage: train-cache.cjs BUNDLE.cjs OUT.cache\n');
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
process.argv = [node, bundle, 'exec', '--server', 'train', '--scope', 'user', '--', node, server, '--port=1'];
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
  process.stderr.write(`train-cache: exec exited ${code} before execve (the cache holds less)\n`);
  finish(`exit ${code}`);
  process.exitCode = 0;
});
const mod = { exports: {}, id: '.', filename: bundle, loaded: false };
runBundle(fn, require, mod, bundle, path.dirname(bundle));
