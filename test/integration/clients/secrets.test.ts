// Secrets in other clients' entries move to the keychain (issue 21), through the real CLI
// and the real (private) gnome-keyring: canary tokens in Cursor, VS Code (project, JSONC),
// Claude Desktop (an argument), Windsurf, Gemini CLI and Codex CLI (TOML) entries leave the
// files; each entry is rewritten in its client's own format to launch through
// `mcp-warden exec --client …`, and that launch hands the server its secret, from any
// working folder and whatever CLAUDE_* the user's shell sets. Remote entries with a secret
// header stay as they are (no client but Claude Code runs a headers helper) and are
// reported. No canary reaches the state folder (logs, spool, quarantine).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import type { ServerRule } from '../../../src/policy/types';
import { parseJsonc, parseToml } from '../../../src/fsedit/parse';
import { requireKeyring } from '../credentials/keyring-env';
import {
  canary,
  cleanupWorlds,
  filesContaining,
  makeWorld,
  plainCanary,
  resign,
  sha256File,
  spooled,
  writeEchoServer,
  writeJson,
} from '../credentials/world';
import { writeFile } from '../../helpers/tmp';

jest.setTimeout(300_000);
beforeAll(() => requireKeyring());
afterAll(cleanupWorlds);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const URL = 'https://mcp.example.com/mcp';

function jsonc(file: string): Json {
  const p = parseJsonc(fs.readFileSync(file, 'utf8'));
  if (!p.ok) throw new Error(p.problem);
  return p.value;
}

function toml(file: string): Json {
  const p = parseToml(fs.readFileSync(file, 'utf8'));
  if (!p.ok) throw new Error(p.problem);
  return p.value;
}

describe('secrets of other clients move to the keychain', () => {
  const t = {
    cursor: canary(),
    vscode: canary(),
    desktop: plainCanary(),
    windsurf: canary(),
    gemini: canary(),
    codex: canary(),
    claude: canary(),
    header: canary(),
    codexHeader: canary(),
  };
  let w: ReturnType<typeof makeWorld>;
  let project: string;
  let script: string;
  const files: Record<string, string> = {};

  beforeAll(() => {
    w = makeWorld([]);
    script = writeEchoServer(path.join(w.root, 'srv'));
    const rules: ServerRule[] = [
      {
        id: 'echo',
        transport: 'stdio',
        command: process.execPath,
        args: [script],
        sha256: sha256File(script),
        env: { secrets: ['ECHO_TOKEN'] },
      },
      {
        id: 'echo-db',
        transport: 'stdio',
        command: process.execPath,
        args: [script, 'postgres://app:{{secret:PG_PASSWORD}}@db/app'],
        sha256: sha256File(script),
      },
      { id: 'api', transport: 'http', url: URL },
    ];
    // The echo server lives in the world's folder: the rules are signed once it exists.
    resign(w, rules, 2);
    project = path.join(w.home, 'src', 'acme');
    fs.mkdirSync(project, { recursive: true });
    const h = w.home;
    const echo = (token: string) => ({ command: process.execPath, args: [script], env: { ECHO_TOKEN: token, OTHER: 'kept' } });
    // Claude Code's user entry of the same rule, with its own token: the two must not mix.
    files.claude = writeJson(path.join(h, '.claude.json'), {
      mcpServers: { echo: { type: 'stdio', ...echo(t.claude) } },
      projects: { [project]: {} },
    });
    files.cursor = writeJson(path.join(h, '.cursor', 'mcp.json'), {
      mcpServers: { echo: echo(t.cursor), api: { url: URL, headers: { Authorization: `Bearer ${t.header}` } } },
    });
    files.vscode = writeFile(
      path.join(project, '.vscode', 'mcp.json'),
      `// workspace servers\n{\n  "inputs": [],\n  "servers": {\n    // ours\n    "echo": { "type": "stdio", "command": ${JSON.stringify(process.execPath)}, "args": [${JSON.stringify(script)}], "env": { "ECHO_TOKEN": "${t.vscode}", "OTHER": "kept" } },\n  },\n}\n`,
    );
    files.desktop = writeJson(path.join(h, '.config', 'Claude', 'claude_desktop_config.json'), {
      mcpServers: { db: { command: process.execPath, args: [script, `postgres://app:${t.desktop}@db/app`] } },
      globalShortcut: 'Ctrl+Space',
    });
    files.windsurf = writeJson(path.join(h, '.codeium', 'windsurf', 'mcp_config.json'), { mcpServers: { echo: echo(t.windsurf) } });
    files.gemini = writeFile(
      path.join(h, '.gemini', 'settings.json'),
      `{\n  "theme": "GitHub",\n  // servers\n  "mcpServers": {\n    "echo": { "command": ${JSON.stringify(process.execPath)}, "args": [${JSON.stringify(script)}], "env": { "ECHO_TOKEN": "${t.gemini}", "OTHER": "kept" }, "trust": false },\n    "ref": { "command": ${JSON.stringify(process.execPath)}, "args": [${JSON.stringify(script)}], "env": { "ECHO_TOKEN": "$ECHO_TOKEN" } }\n  }\n}\n`,
    );
    files.codex = writeFile(
      path.join(h, '.codex', 'config.toml'),
      `# Codex CLI\nmodel = "o4-mini"\n\n[mcp_servers.echo]\ncommand = ${JSON.stringify(process.execPath)} # ours\nargs = [${JSON.stringify(script)}]\nstartup_timeout_sec = 20\n\n[mcp_servers.echo.env]\nECHO_TOKEN = "${t.codex}"\nOTHER = "kept"\n\n[mcp_servers.api]\nurl = "${URL}"\nhttp_headers = { Authorization = "Bearer ${t.codexHeader}" }\n`,
    );
  });

  it('audit of the plan: scan reports the secrets, masked, and would move the stdio ones', () => {
    const r = runCli(['scan', '--json'], { env: w.env, cwd: w.home });
    expect(r.status).toBe(0);
    for (const v of Object.values(t)) expect(r.stdout).not.toContain(v);
  });

  it('reconcile --once moves each stdio secret and rewrites the entry in its client format', () => {
    const r = runCli(['reconcile', '--once', '--json'], { env: w.env, cwd: w.home });
    expect(r.stderr).toBe('');
    const pass = JSON.parse(r.stdout);
    const migrations = pass.actions.filter((a: Json) => a.kind === 'migrate');
    expect(migrations.every((a: Json) => a.status === 'done')).toBe(true);
    // Claude Code, Cursor, VS Code, Claude Desktop, Windsurf, Gemini CLI, Codex.
    expect(migrations).toHaveLength(7);

    for (const k of ['claude', 'cursor', 'vscode', 'desktop', 'windsurf', 'gemini', 'codex'] as const) {
      expect(fs.readFileSync(files[k === 'claude' ? 'claude' : k] ?? '', 'utf8')).not.toContain(t[k]);
    }
    expect(filesContaining(w.home, t.cursor)).toEqual([]);
    for (const v of Object.values(t).filter((x) => x !== t.header && x !== t.codexHeader)) {
      expect(filesContaining(w.home, v)).toEqual([]);
    }
    // Nothing reaches logs, spool, quarantine.
    for (const v of Object.values(t)) expect(filesContaining(w.stateDir, v)).toEqual([]);

    const cursor = JSON.parse(fs.readFileSync(files.cursor ?? '', 'utf8')).mcpServers;
    expect(cursor.echo).toEqual({
      command: w.execPath,
      args: ['exec', '--server', 'echo', '--scope', 'user', '--client', 'cursor', '--', process.execPath, script],
      env: { OTHER: 'kept' },
    });
    // The remote entry keeps its header: Cursor has no headers helper.
    expect(cursor.api.headers.Authorization).toBe(`Bearer ${t.header}`);

    const vsText = fs.readFileSync(files.vscode ?? '', 'utf8');
    expect(vsText).toContain('// workspace servers');
    expect(jsonc(files.vscode ?? '').servers.echo).toEqual({
      type: 'stdio',
      command: w.execPath,
      args: ['exec', '--server', 'echo', '--scope', 'project', '--client', 'vscode', '--project', project, '--', process.execPath, script],
      env: { OTHER: 'kept' },
    });
    const desktop = JSON.parse(fs.readFileSync(files.desktop ?? '', 'utf8'));
    expect(desktop.globalShortcut).toBe('Ctrl+Space');
    expect(desktop.mcpServers.db.args.slice(-1)).toEqual(['postgres://app:{{secret:PG_PASSWORD}}@db/app']);
    const gem = fs.readFileSync(files.gemini ?? '', 'utf8');
    expect(gem).toContain('"theme": "GitHub"');
    expect(gem).toContain('// servers');
    expect(jsonc(files.gemini ?? '').mcpServers.echo).toMatchObject({ command: w.execPath, env: { OTHER: 'kept' }, trust: false });
    // `$ECHO_TOKEN` is Gemini CLI's reference to its environment, not a secret: untouched.
    expect(jsonc(files.gemini ?? '').mcpServers.ref.env).toEqual({ ECHO_TOKEN: '$ECHO_TOKEN' });
    const codexText = fs.readFileSync(files.codex ?? '', 'utf8');
    expect(codexText).toContain('# Codex CLI\nmodel = "o4-mini"\n');
    const codex = toml(files.codex ?? '').mcp_servers;
    expect(codex.echo).toEqual({
      command: w.execPath,
      args: ['exec', '--server', 'echo', '--scope', 'user', '--client', 'codex', '--', process.execPath, script],
      startup_timeout_sec: 20,
      env: { OTHER: 'kept' },
    });
    expect(codex.api.http_headers.Authorization).toBe(`Bearer ${t.codexHeader}`);

    // Events: migrated per client; the remote headers reported with the reason.
    const ev = spooled(w) as Json[];
    const migrated = ev.filter((e) => e.kind === 'credential.migrated');
    expect(migrated.map((e) => e.server.client ?? 'claude-code').sort()).toEqual([
      'claude-code',
      'claude-desktop',
      'codex',
      'cursor',
      'gemini-cli',
      'vscode',
      'windsurf',
    ]);
    const exposed = ev.filter((e) => e.kind === 'credential.exposed');
    expect(exposed.map((e) => e.server.client).sort()).toEqual(['codex', 'cursor']);
    expect(exposed.find((e) => e.server.client === 'codex').message).toContain('Codex CLI has no headers helper');
    expect(exposed.find((e) => e.server.client === 'codex').message).toContain('bearer_token_env_var');
  });

  it('the secrets are in the keychain, one binding per client', () => {
    const r = runCli(['credentials', 'list', '--json'], { env: w.env, cwd: w.home });
    expect(r.status).toBe(0);
    const moved = JSON.parse(r.stdout) as Json[];
    const mine = moved.filter((m) => m.file.startsWith(w.root));
    expect(mine.map((m) => m.client ?? 'claude-code').sort()).toEqual([
      'claude-code',
      'claude-desktop',
      'codex',
      'cursor',
      'gemini-cli',
      'vscode',
      'windsurf',
    ]);
    expect(mine.every((m) => m.secrets.every((s: Json) => s.present))).toBe(true);
    for (const v of Object.values(t)) expect(r.stdout).not.toContain(v);
  });

  it('each rewritten entry launches with its own secret, from any folder, ignoring CLAUDE_* in the shell', () => {
    const out = path.join(w.root, 'out.json');
    const elsewhere = path.join(w.root, 'elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    const launch = (entry: { args: string[]; env?: Record<string, string> }): Json => {
      // A shell where Claude Code's variables point somewhere else entirely.
      const env = {
        ...w.env,
        ...entry.env,
        ECHO_OUT: out,
        CLAUDE_CONFIG_DIR: path.join(w.root, 'other-home'),
        CLAUDE_PROJECT_DIR: elsewhere,
      };
      const r = runCli(entry.args, { env, cwd: elsewhere });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(7);
      const got = JSON.parse(fs.readFileSync(out, 'utf8'));
      fs.rmSync(out);
      return got;
    };
    expect(launch(JSON.parse(fs.readFileSync(files.cursor ?? '', 'utf8')).mcpServers.echo).env).toEqual({
      ECHO_TOKEN: t.cursor,
      OTHER: 'kept',
    });
    expect(launch(jsonc(files.vscode ?? '').servers.echo).env).toEqual({ ECHO_TOKEN: t.vscode, OTHER: 'kept' });
    expect(launch(JSON.parse(fs.readFileSync(files.windsurf ?? '', 'utf8')).mcpServers.echo).env.ECHO_TOKEN).toBe(t.windsurf);
    expect(launch(jsonc(files.gemini ?? '').mcpServers.echo).env.ECHO_TOKEN).toBe(t.gemini);
    expect(launch(toml(files.codex ?? '').mcp_servers.echo).env.ECHO_TOKEN).toBe(t.codex);
    expect(launch(JSON.parse(fs.readFileSync(files.desktop ?? '', 'utf8')).mcpServers.db).argv).toEqual([
      `postgres://app:${t.desktop}@db/app`,
    ]);
  });

  it('a wrapper copied into another client is not approved there, and a second pass does nothing', () => {
    const pass = JSON.parse(runCli(['reconcile', '--once', '--json'], { env: w.env, cwd: w.home }).stdout);
    expect(pass.actions).toEqual([]);
    const cursorEcho = JSON.parse(fs.readFileSync(files.cursor ?? '', 'utf8')).mcpServers.echo;
    writeJson(files.windsurf ?? '', { mcpServers: { copied: cursorEcho } });
    const s = JSON.parse(runCli(['scan', '--json'], { env: w.env, cwd: w.home }).stdout);
    const copied = s.entries.find((e: Json) => e.client === 'windsurf' && e.name === 'copied');
    expect(copied).toMatchObject({ verdict: 'unapproved', reason: expect.stringContaining('--client cursor') });
  });
});
