#!/usr/bin/env node
// `npm run quickstart`: mcp-warden doing its main job, in a throwaway home.
//
//   keys → signed allowlist (audit) → collector on SQLite → a realistic Claude Code config
//   written by the real `claude mcp add` → agent in audit mode → the same agent picks up a
//   signed enforce policy → what the admin sees (fleet status, drift query) → what changed
//   in the developer's files (a diff, secrets masked).
//
// Everything lives in .quickstart/ and under a private D-Bus session with a throwaway
// gnome-keyring; nothing is left running. `--real-home` instead judges YOUR ~/.claude.json
// and projects against the example policy, read-only (scan never writes).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const WARDEN = path.join(ROOT, 'bin', 'mcp-warden');
const CLAUDE = path.join(ROOT, 'node_modules', '.bin', 'claude');
const QS = path.join(ROOT, '.quickstart');
const REAL_HOME = process.argv.includes('--real-home');

// ---------------------------------------------------------------- plumbing
// Every process the quickstart starts, so that nothing is left running even when it fails.
const children = new Set();
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
function say(title) {
  process.stdout.write(`\n\x1b[1m== ${title}\x1b[0m\n`);
}
function note(line) {
  process.stdout.write(`   ${line}\n`);
}
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    input: opts.input,
    timeout: 120000,
  });
  if (r.status !== 0 && !opts.allowFail) {
    process.stderr.write(`quickstart: ${path.basename(cmd)} ${args.join(' ')} failed (${r.status})\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  return r;
}
function warden(args, opts = {}) {
  return run(process.execPath, [WARDEN, ...args], opts);
}
function show(text) {
  for (const line of text.trimEnd().split('\n')) note(line);
}
function freePort() {
  const r = spawnSync(
    process.execPath,
    ['-e', 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'],
    { encoding: 'utf8' },
  );
  return Number(r.stdout);
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
function sha256File(f) {
  return crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
}

// ------------------------------------------------------- set-up and re-exec
function ensureReady() {
  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT });
  if (process.getuid && process.getuid() === 0) run('bash', [path.join(ROOT, 'scripts', 'setup-system.sh')]);
  say('Building');
  run('npm', ['run', '--silent', 'build'], { cwd: ROOT });
  note('npm run build: ok');
}

// A private D-Bus session with a throwaway keyring: the quickstart never touches your keychain.
if (!process.env.MCPW_QUICKSTART_INNER) {
  ensureReady();
  const r = spawnSync(
    'dbus-run-session',
    ['--', 'bash', path.join(ROOT, 'scripts', 'with-keyring.sh'), process.execPath, __filename, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, MCPW_QUICKSTART_INNER: '1' },
    },
  );
  process.exit(r.status ?? 1);
}

const CANARY_ENV = `qs-env-${crypto.randomBytes(12).toString('hex')}`;
const CANARY_HEADER = `ghp_${crypto.randomBytes(18).toString('hex')}`;
const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
const lock = require(path.join(ROOT, 'node_modules', '.package-lock.json'));
const EVERYTHING_PKG = lock.packages['node_modules/@modelcontextprotocol/server-everything'];

function allowlist(version, mode) {
  const expires = new Date(Date.now() + 30 * 86400e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    `org: acme`,
    `version: ${version}`,
    `expires: "${expires}"`,
    `mode: ${mode}`,
    `requestApproval: "https://it.acme.example/mcp-request"`,
    `servers:`,
    `  - id: everything`,
    `    description: The MCP reference server, run from a pinned file`,
    `    transport: stdio`,
    `    command: ${JSON.stringify(process.execPath)}`,
    `    args: [${JSON.stringify(EVERYTHING)}, "stdio"]`,
    `    sha256: ${sha256File(EVERYTHING)}`,
    `    env: { secrets: [EVERYTHING_TOKEN] }`,
    `    tools: { ask: [ "trigger-long-running-operation" ] }`,
    `  - id: everything-npm`,
    `    description: The same server from npm, pinned to an exact version and its registry integrity`,
    `    transport: stdio`,
    `    command: npx`,
    `    args: ["-y", "@modelcontextprotocol/server-everything@${EVERYTHING_PKG.version}"]`,
    `    package: { registry: npm, name: "@modelcontextprotocol/server-everything", version: "${EVERYTHING_PKG.version}", integrity: "${EVERYTHING_PKG.integrity}" }`,
    `  - id: acme-docs`,
    `    description: The company documentation server`,
    `    transport: http`,
    `    url: "https://mcp.acme.example/docs"`,
    `    headers: { secrets: [Authorization] }`,
    `deny:`,
    `  - package: mcp-server-from-a-blog`,
    `    reason: known to exfiltrate environment variables`,
    `settings:`,
    `  enableAllProjectMcpServers: false`,
    '',
  ].join('\n');
}

async function main() {
  fs.rmSync(QS, { recursive: true, force: true });
  const dirs = Object.fromEntries(['keys', 'admin', 'home', 'state', 'collector'].map((d) => [d, path.join(QS, d)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const home = dirs.home;
  const project = path.join(home, 'src', 'acme-app');
  fs.mkdirSync(project, { recursive: true });
  run('git', ['init', '-q', project]);

  say('1. The admin makes a signing key and signs an allowlist (audit mode first)');
  show(warden(['keygen', '--out-dir', dirs.keys, '--name', 'acme-2026']).stdout);
  const key = path.join(dirs.keys, 'acme-2026.key.pem');
  fs.writeFileSync(path.join(dirs.admin, 'allowlist.yaml'), allowlist(1, 'audit'));
  show(warden(['allowlist', 'lint', path.join(dirs.admin, 'allowlist.yaml')]).stdout || 'lint: ok');
  const envelope = path.join(dirs.admin, 'allowlist.dsse.json');
  warden(['allowlist', 'sign', path.join(dirs.admin, 'allowlist.yaml'), '--key', key, '--out', envelope]);
  note(`signed → ${path.relative(ROOT, envelope)}`);

  say('2. The collector starts on SQLite');
  const port = freePort();
  const adminToken = crypto.randomBytes(16).toString('hex');
  const enrollToken = crypto.randomBytes(16).toString('hex');
  const collectorEnv = { MCP_WARDEN_ADMIN_TOKEN: adminToken, MCP_WARDEN_ENROLL_TOKEN: enrollToken };
  const collector = track(
    spawn(
      process.execPath,
      [WARDEN, 'collector', 'serve', '--db', `sqlite:${path.join(dirs.collector, 'drift.db')}`, '--listen', `127.0.0.1:${port}`],
      {
        env: { ...process.env, ...collectorEnv },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    ),
  );
  const collectorUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const r = spawnSync('node', [
      '-e',
      `require("http").get("${collectorUrl}/healthz",r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))`,
    ]);
    if (r.status === 0) break;
    await sleep(100);
  }
  note(`collector listening on ${collectorUrl} (db ${path.relative(ROOT, dirs.collector)}/drift.db)`);

  const pubKey = path.join(dirs.keys, 'acme-2026.pub.pem');
  const config = path.join(dirs.admin, 'agent.json');
  fs.writeFileSync(
    config,
    JSON.stringify(
      {
        org: 'acme',
        trust: { keys: [{ publicKeyFile: pubKey, name: 'acme-2026' }], threshold: 1 },
        allowlist: { file: envelope },
        report: { url: collectorUrl, token: enrollToken },
        discovery: { roots: ['~/src'], maxDepth: 3 },
        agent: { fullPassSeconds: 60, notify: false },
        exec: { path: WARDEN },
      },
      null,
      2,
    ),
  );
  const common = ['--config', config, '--home', home, '--state-dir', dirs.state];

  say('3. A developer configures Claude Code (the real `claude mcp add`)');
  const claude = (args, cwd = project) => run(CLAUDE, ['mcp', 'add', ...args], { cwd, env: { HOME: home } });
  claude(['--scope', 'user', 'everything', '-e', `EVERYTHING_TOKEN=${CANARY_ENV}`, '--', process.execPath, EVERYTHING, 'stdio']);
  note('user scope:    everything        (approved, with a token in env)');
  claude([
    '--scope',
    'local',
    '--transport',
    'http',
    'docs',
    'https://mcp.acme.example/docs',
    '--header',
    `Authorization: Bearer ${CANARY_HEADER}`,
  ]);
  note('local scope:   docs              (approved http server, with a bearer token in headers)');
  claude(['--scope', 'project', 'everything-old', '--', 'npx', '-y', '@modelcontextprotocol/server-everything@2025.1.14']);
  note('project scope: everything-old    (pinned package, but an older version than approved)');
  claude(['--scope', 'project', 'blog-helper', '--', 'npx', '-y', 'mcp-server-from-a-blog']);
  note('project scope: blog-helper       (pasted from a blog post: not approved, and denied)');
  const files = [path.join(home, '.claude.json'), path.join(project, '.mcp.json')];
  const before = files.map((f) => fs.readFileSync(f, 'utf8'));

  say('4. The agent runs in AUDIT mode: it reports, it changes nothing');
  const agent = track(spawn(process.execPath, [WARDEN, ...common, 'agent'], { stdio: ['ignore', 'ignore', 'pipe'] }));
  let agentErr = '';
  agent.stderr.on('data', (d) => (agentErr += d));
  const status = () => JSON.parse(warden([...common, 'status', '--json'], { allowFail: true }).stdout || '{}');
  const waitFor = async (pred, what) => {
    for (let i = 0; i < 300; i++) {
      const s = status();
      if (pred(s)) return s;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}\n${agentErr}`);
  };
  let s = await waitFor((x) => x.agent && x.agent.lastPass, 'the first pass');
  note(`agent running (pid ${s.pid}); policy v${s.agent.policy.version}, ${s.agent.policy.mode} mode`);
  show(warden([...common, 'scan']).stdout);
  const unchanged = files.every((f, i) => fs.readFileSync(f, 'utf8') === before[i]);
  note(unchanged ? 'config files: byte-identical (audit mode changes nothing)' : 'UNEXPECTED: audit mode changed a file');

  say('5. The admin signs v2 in ENFORCE mode; the running agent picks it up by itself');
  fs.writeFileSync(path.join(dirs.admin, 'allowlist.yaml'), allowlist(2, 'enforce'));
  warden(['allowlist', 'sign', path.join(dirs.admin, 'allowlist.yaml'), '--key', key, '--out', envelope + '.new']);
  fs.renameSync(envelope + '.new', envelope);
  s = await waitFor(
    (x) => x.agent && x.agent.policy && x.agent.policy.version === 2 && x.agent.lastPass && x.agent.lastPass.compliant,
    'enforcement',
  );
  note(`policy v2 in force (${s.agent.policy.mode}); last pass: ${JSON.stringify(s.agent.lastPass.counts)}`);
  agent.kill('SIGTERM'); // its final flush carries the last posture to the collector
  await new Promise((r) => agent.on('exit', r));
  note(`agent stopped cleanly on SIGTERM (exit ${agent.exitCode})`);

  say("6. What the developer's files look like now (diff, secrets masked)");
  const mask = (t) => t.split(CANARY_ENV).join('[token]').split(CANARY_HEADER).join('[token]');
  files.forEach((f, i) => {
    const a = path.join(os.tmpdir(), `qs-before-${i}`);
    const b = path.join(os.tmpdir(), `qs-after-${i}`);
    fs.writeFileSync(a, mask(before[i]));
    fs.writeFileSync(b, mask(fs.readFileSync(f, 'utf8')));
    const d = spawnSync('diff', ['-u', '--label', `${path.relative(QS, f)} (before)`, '--label', `${path.relative(QS, f)} (after)`, a, b], {
      encoding: 'utf8',
    });
    show(d.stdout || `${path.relative(QS, f)}: unchanged`);
  });
  const leaked = files.some((f) => {
    const t = fs.readFileSync(f, 'utf8');
    return t.includes(CANARY_ENV) || t.includes(CANARY_HEADER);
  });
  note(leaked ? 'UNEXPECTED: a token is still in a config file' : 'no token left in any config file: they are in the keychain');
  show(warden([...common, 'credentials', 'list']).stdout);
  show(warden([...common, 'quarantine', 'list']).stdout);

  say('7. Claude Code still starts the approved server (through mcp-warden exec, token injected)');
  const list = run(CLAUDE, ['mcp', 'list'], {
    cwd: project,
    env: { HOME: home, MCP_WARDEN_CONFIG: config, MCP_WARDEN_HOME: home, MCP_WARDEN_STATE_DIR: dirs.state },
    allowFail: true,
  });
  show(mask(list.stdout));

  say('8. What the admin sees at the collector');
  const adminEnv = { env: { MCP_WARDEN_ADMIN_TOKEN: adminToken } };
  show(warden(['fleet', 'status', '--collector', collectorUrl], adminEnv).stdout);
  show(warden(['drift', 'query', '--collector', collectorUrl, '--since', '1h', '--format', 'table'], adminEnv).stdout);

  collector.kill('SIGTERM');
  await new Promise((r) => collector.on('exit', r));
  say('Done');
  note(
    `everything is in ${path.relative(process.cwd(), QS) || QS}/ (keys, signed allowlist, home, state, collector db); nothing is running.`,
  );
  note('Next: README.md → "Admin guide" for your own keys, allowlist and packages.');
}

async function realHome() {
  say('Judging YOUR Claude Code config against the example policy (read-only: scan never writes)');
  fs.rmSync(QS, { recursive: true, force: true });
  fs.mkdirSync(path.join(QS, 'keys'), { recursive: true });
  warden(['keygen', '--out-dir', path.join(QS, 'keys'), '--name', 'example']);
  fs.writeFileSync(path.join(QS, 'allowlist.yaml'), allowlist(1, 'audit'));
  warden([
    'allowlist',
    'sign',
    path.join(QS, 'allowlist.yaml'),
    '--key',
    path.join(QS, 'keys', 'example.key.pem'),
    '--out',
    path.join(QS, 'allowlist.dsse.json'),
  ]);
  const config = path.join(QS, 'agent.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      org: 'acme',
      trust: { keys: [{ publicKeyFile: path.join(QS, 'keys', 'example.pub.pem') }], threshold: 1 },
      allowlist: { file: path.join(QS, 'allowlist.dsse.json') },
      exec: { path: WARDEN },
    }),
  );
  show(warden(['--config', config, '--state-dir', path.join(QS, 'state'), 'scan'], { allowFail: true }).stdout);
}

(REAL_HOME ? realHome() : main()).catch((e) => {
  process.stderr.write(`quickstart: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
