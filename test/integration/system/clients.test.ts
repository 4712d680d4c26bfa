// `system apply` renders Gemini CLI's system settings (`mcp.allowed` / `mcp.excluded`) and
// Codex's requirements.toml (`[mcp_servers.NAME.identity]`) from the same verified
// allowlist, on real files in a temp folder: the admin's other settings stay byte for byte
// (comments included), the result is validated before writing, audit mode removes our
// keys, an unparseable file is refused and left alone. The real `gemini` / `codex` CLIs are
// not in node_modules/.bin (not devDependencies: see docs/clients.md), so the files are
// checked by parsing them as each client does (JSONC, TOML) against the shapes from their
// sources (Gemini CLI docs/cli/enterprise.md, openai/codex config_requirements.rs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { makeAllowlist } from '../../helpers/policy';
import { cleanupTmp, writeFile } from '../../helpers/tmp';
import { parseJsonc, parseToml } from '../../../src/fsedit/parse';
import type { Allowlist } from '../../../src/policy/types';
import { EXEC_PATH, json, machine, spooled, type Machine } from './setup';

afterEach(cleanupTmp);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function allowlist(over: Partial<Allowlist> = {}): Allowlist {
  return makeAllowlist({
    mode: 'enforce',
    servers: [
      {
        id: 'github',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'],
        sha256: 'a'.repeat(64),
      },
      {
        id: 'db',
        transport: 'stdio',
        command: 'node',
        args: ['/opt/db.js', 'postgres://app:{{secret:PG}}@db/app'],
        sha256: 'a'.repeat(64),
      },
      { id: 'docs', transport: 'http', url: 'https://mcp.example.com/mcp' },
      { id: 'wild', transport: 'http', url: 'https://*.example.com/mcp' },
      { id: 'cursor-only', transport: 'stdio', command: 'node', args: ['/opt/c.js'], sha256: 'a'.repeat(64), clients: ['cursor'] },
    ],
    deny: [{ name: 'evil', reason: 'known bad' }, { command: 'curl' }],
    ...over,
  });
}

interface Files {
  gemini: string;
  codex: string;
}

function files(m: Machine): Files {
  const gemini = writeFile(
    path.join(m.dir, 'etc', 'gemini-cli', 'settings.json'),
    `{\n  // set by IT\n  "security": { "disableYoloMode": true },\n  "mcp": { "serverCommand": "x" },\n  "telemetry": { "enabled": true, "logPrompts": false }\n}\n`,
  );
  const codex = writeFile(
    path.join(m.dir, 'etc', 'codex', 'requirements.toml'),
    `# IT requirements\nallowed_approval_policies = ["on-request"] # never "never"\nallowed_sandbox_modes = ["read-only", "workspace-write"]\n`,
  );
  return { gemini, codex };
}

function apply(m: Machine, f: Files, extra: string[] = []) {
  return runCli([
    '--config',
    m.config,
    '--state-dir',
    m.stateDir,
    'system',
    'apply',
    '--managed-dir',
    m.managedDir,
    '--gemini-settings',
    f.gemini,
    '--codex-requirements',
    f.codex,
    ...extra,
  ]);
}

const jsoncOf = (file: string): Json => {
  const p = parseJsonc(fs.readFileSync(file, 'utf8'));
  if (!p.ok) throw new Error(p.problem);
  return p.value;
};
const tomlOf = (file: string): Json => {
  const p = parseToml(fs.readFileSync(file, 'utf8'));
  if (!p.ok) throw new Error(p.problem);
  return p.value;
};

describe('system apply: other clients', () => {
  it('without the opt-in: Gemini CLI gets mcp.excluded from name-only deny rules; Codex is left alone', () => {
    const m = machine();
    const f = files(m);
    const codexBefore = fs.readFileSync(f.codex, 'utf8');
    m.publish(allowlist());
    const r = apply(m, f, ['--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = json<Json>(r);
    expect(report.clients.map((c: Json) => [c.client, c.outcome])).toEqual([
      ['gemini-cli', 'written'],
      ['codex', 'absent'],
    ]);
    const g = jsoncOf(f.gemini);
    expect(g.mcp).toEqual({ serverCommand: 'x', excluded: ['evil'] });
    const text = fs.readFileSync(f.gemini, 'utf8');
    expect(text).toContain('// set by IT');
    expect(g.security).toEqual({ disableYoloMode: true });
    expect(g.telemetry).toEqual({ enabled: true, logPrompts: false });
    expect(fs.readFileSync(f.codex, 'utf8')).toBe(codexBefore);
    expect(report.clients[1].notes.join('\n')).toContain('allowManagedMcpServersOnly');
    expect(
      spooled(m.stateDir)
        .filter((e) => e.detail?.client)
        .map((e) => [e.kind, e.action, e.detail?.client]),
    ).toEqual([['managed.applied', 'fixed', 'gemini-cli']]);
  });

  it('with allowManagedMcpServersOnly: mcp.allowed and one Codex requirement per rule it can match; idempotent', () => {
    const m = machine();
    const f = files(m);
    m.publish(allowlist({ settings: { allowManagedMcpServersOnly: true } }));
    expect(apply(m, f).status).toBe(0);
    expect(jsoncOf(f.gemini).mcp).toEqual({ serverCommand: 'x', allowed: ['db', 'docs', 'github', 'wild'], excluded: ['evil'] });
    const req = tomlOf(f.codex);
    expect(req.allowed_approval_policies).toEqual(['on-request']);
    expect(req.mcp_servers).toEqual({
      github: { identity: { command: 'npx' } },
      // Placeholders: only the wrapped form runs, and that is mcp-warden.
      db: { identity: { command: EXEC_PATH } },
      docs: { identity: { url: 'https://mcp.example.com/mcp' } },
    });
    const codexText = fs.readFileSync(f.codex, 'utf8');
    expect(codexText).toContain('# IT requirements\nallowed_approval_policies = ["on-request"] # never "never"\n');
    expect(codexText).toContain('[mcp_servers]\n');
    // Idempotent: nothing rewritten on the next run.
    const before = [fs.statSync(f.gemini).mtimeMs, fs.statSync(f.codex).mtimeMs];
    const again = json<Json>(apply(m, f, ['--json']));
    expect(again.clients.map((c: Json) => c.outcome)).toEqual(['unchanged', 'unchanged']);
    expect([fs.statSync(f.gemini).mtimeMs, fs.statSync(f.codex).mtimeMs]).toEqual(before);
    expect(again.clients[1].notes.join('\n')).toContain('server "wild" is not listed');
  });

  it('--dry-run changes nothing; audit mode removes our keys and keeps the rest', () => {
    const m = machine();
    const f = files(m);
    m.publish(allowlist({ settings: { allowManagedMcpServersOnly: true } }));
    const before = [fs.readFileSync(f.gemini, 'utf8'), fs.readFileSync(f.codex, 'utf8')];
    const dry = json<Json>(apply(m, f, ['--dry-run', '--json']));
    expect(dry.clients.map((c: Json) => c.outcome)).toEqual(['written', 'written']);
    expect([fs.readFileSync(f.gemini, 'utf8'), fs.readFileSync(f.codex, 'utf8')]).toEqual(before);
    expect(apply(m, f).status).toBe(0);
    m.publish(allowlist({ version: 2, mode: 'audit', settings: { allowManagedMcpServersOnly: true } }));
    const r = json<Json>(apply(m, f, ['--json']));
    expect(r.clients.map((c: Json) => c.outcome)).toEqual(['removed', 'removed']);
    expect(jsoncOf(f.gemini).mcp).toEqual({ serverCommand: 'x' });
    expect(fs.readFileSync(f.gemini, 'utf8')).toContain('// set by IT');
    expect(tomlOf(f.codex).mcp_servers).toBeUndefined();
    expect(fs.readFileSync(f.codex, 'utf8')).toContain('# IT requirements');
  });

  it('a file that does not parse is refused and left alone (exit 2), Claude Code still gets its drop-in', () => {
    const m = machine();
    const f = files(m);
    fs.writeFileSync(f.codex, 'allowed_approval_policies = [\n');
    m.publish(allowlist({ settings: { allowManagedMcpServersOnly: true } }));
    const r = apply(m, f, ['--json']);
    expect(r.status).not.toBe(0);
    const report = json<Json>(r);
    expect(report.clients.find((c: Json) => c.client === 'codex')).toMatchObject({ outcome: 'refused', error: { code: 'PARSE_ERROR' } });
    expect(fs.readFileSync(f.codex, 'utf8')).toBe('allowed_approval_policies = [\n');
    expect(fs.existsSync(m.dropIn)).toBe(true);
    expect(spooled(m.stateDir).some((e) => e.kind === 'managed.rejected' && e.detail?.client === 'codex')).toBe(true);
  });

  it('GEMINI_CLI_SYSTEM_SETTINGS_PATH names the Gemini file, as for Gemini CLI; a missing file is created', () => {
    const m = machine();
    m.publish(allowlist());
    const file = path.join(m.dir, 'gem', 'system.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const r = runCli(['--config', m.config, '--state-dir', m.stateDir, 'system', 'apply', '--managed-dir', m.managedDir, '--json'], {
      env: { GEMINI_CLI_SYSTEM_SETTINGS_PATH: file },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(json<Json>(r).clients.map((c: Json) => [c.client, c.file, c.outcome])).toEqual([['gemini-cli', file, 'written']]);
    expect(jsoncOf(file)).toEqual({ mcp: { excluded: ['evil'] } });
  });
});
