// A throwaway workstation for credential tests: a home with Claude Code configs, a state
// folder, a signed allowlist and agent config, the exec shim, and a migration step that
// runs the real pipeline pieces (discover → judge → planCredentialActions → applyMigration)
// against the real keychain (the private gnome-keyring).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover } from '../../../src/discovery';
import { createJudgeContext, judgeEntry } from '../../../src/judge';
import { planCredentialActions } from '../../../src/vault/plan';
import { applyMigration, type MigrationResult } from '../../../src/vault/migrate';
import { openSecretStore } from '../../../src/vault/keychain/open';
import { MemorySink } from '../../../src/events/types';
import type { Policy, ServerRule } from '../../../src/policy/types';
import { installWardenShim } from '../../helpers/cli';
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist } from '../../helpers/policy';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';
import { filesContaining, sha256File } from '../../helpers/tmp';

export { filesContaining, sha256File };

export const rnd = (n: number): string =>
  Array.from(crypto.randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');
/** A GitHub-token-shaped canary (also matched by the redactor's shapes). */
export const canary = (): string => 'ghp_' + rnd(36);
/** A canary with no known shape: only learning it keeps it out of logs. */
export const plainCanary = (): string => 'cnry' + rnd(28);

export interface World {
  root: string;
  home: string;
  stateDir: string;
  execPath: string;
  configFile: string;
  envelope: string;
  key: ReturnType<typeof makeKey>;
  rules: ServerRule[];
  /** Environment for CLI runs (the production argv; locations through MCP_WARDEN_*). */
  env: NodeJS.ProcessEnv;
}

const worlds: World[] = [];

/** afterEach: forget every world's keychain items, then remove the temp folders. */
export async function cleanupWorlds(): Promise<void> {
  for (const w of worlds.splice(0)) await forgetWorld(w);
  cleanupTmp();
}

export function makeWorld(rules: ServerRule[], mode: 'audit' | 'enforce' = 'enforce'): World {
  const root = tmpDir('mcpw-cred-');
  const home = path.join(root, 'home');
  const stateDir = path.join(root, 'state');
  fs.mkdirSync(home, { recursive: true });
  const execPath = installWardenShim(root);
  const key = makeKey();
  const envelope = writeSignedAllowlist(path.join(root, 'etc', 'allowlist.dsse.json'), makeAllowlist({ mode, servers: rules }), [key]);
  const configFile = writeAgentConfig(path.join(root, 'etc'), { keys: [key], envelopeFile: envelope, extra: { exec: { path: execPath } } });
  const env: NodeJS.ProcessEnv = {
    MCP_WARDEN_HOME: home,
    MCP_WARDEN_STATE_DIR: stateDir,
    MCP_WARDEN_CONFIG: configFile,
    CLAUDE_CONFIG_DIR: '',
  };
  const w = { root, home, stateDir, execPath, configFile, envelope, key, rules, env };
  worlds.push(w);
  return w;
}

/** Re-sign the allowlist with new rules (version bumped). */
export function resign(w: World, rules: ServerRule[], version = 2): void {
  writeSignedAllowlist(w.envelope, makeAllowlist({ version, servers: rules }), [w.key]);
  w.rules = rules;
}

export function writeJson(file: string, value: unknown): string {
  return writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

/** The Policy object for in-process judging (same rules as the signed one). */
export function policyOf(w: World, mode: 'audit' | 'enforce' = 'enforce'): Policy {
  return {
    allowlist: makeAllowlist({ mode, servers: w.rules }),
    digest: '0'.repeat(64),
    keyIds: [w.key.keyId],
    acceptedAt: new Date().toISOString(),
    source: w.envelope,
  };
}

/** One enforce pass of the credential part of reconcile, in process, against the real keychain. */
export async function migrate(
  w: World,
  opts: { roots?: string[]; backend?: 'napi' | 'keytar' } = {},
): Promise<{ results: MigrationResult[]; sink: MemorySink; exposures: number }> {
  const inv = discover({ home: w.home, roots: opts.roots ?? [] });
  const policy = policyOf(w);
  const jctx = createJudgeContext({ home: w.home, execPath: w.execPath });
  const verdicts = inv.entries.map((e) => judgeEntry(e, policy, jctx));
  const plan = planCredentialActions(inv, verdicts, policy, { execPath: w.execPath, mode: 'enforce' });
  const store = openSecretStore(opts.backend ?? 'napi');
  const sink = new MemorySink();
  const results: MigrationResult[] = [];
  for (const a of plan.actions) results.push(await applyMigration(a, { store, sink, mode: 'enforce' }));
  return { results, sink, exposures: plan.exposures.length };
}

/** Drift events spooled in the state folder. */
export function spooled(w: World): Array<{ kind: string; action: string; message: string; credential?: { name: string } }> {
  const f = path.join(w.stateDir, 'spool', 'events.jsonl');
  if (!fs.existsSync(f)) return [];
  return fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; action: string; message: string });
}

/** A tiny stdio "server": records what it received, then exits with code 7. */
export function writeEchoServer(dir: string): string {
  return writeFile(
    path.join(dir, 'echo-server.js'),
    [
      "'use strict';",
      "const fs = require('fs');",
      'fs.writeFileSync(process.env.ECHO_OUT, JSON.stringify({ argv: process.argv.slice(2), env: { ECHO_TOKEN: process.env.ECHO_TOKEN, OTHER: process.env.OTHER, API_KEY: process.env.API_KEY } }));',
      'process.exit(7);',
      '',
    ].join('\n'),
  );
}

/** Remove every keychain item of this world (accounts name its temp folders). */
export async function forgetWorld(w: World): Promise<void> {
  const store = openSecretStore('napi');
  for (const a of await store.list()) if (a.includes(w.root)) await store.delete(a);
}
