// `mcp-warden credentials list | set | delete | fingerprint`: what moved to the keychain,
// and how a developer rotates a token. Values are read from stdin or a no-echo prompt,
// never from the command line, and never printed.
import * as path from 'node:path';
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { agentConfig, type CommandContext } from '../../host/context';
import { commandContext } from '../context';
import { isWardenError } from '../../errors';
import type { LoadedConfig } from '../../config/types';
import type { Scope } from '../../policy/types';
import type { SecretLocation } from '../../vault/account';
import { parseScope, parseServerId, parseClient } from '../options';
import type { ClientId } from '../../policy/client-ids';

interface TargetOpts {
  server: string;
  scope: Scope;
  project?: string;
  client?: ClientId;
  env?: boolean;
  arg?: boolean;
  header?: boolean;
}

function optionalConfig(ctx: CommandContext): LoadedConfig | undefined {
  try {
    return agentConfig(ctx);
  } catch (e) {
    if (isWardenError(e)) return undefined;
    throw e;
  }
}

async function store(ctx: CommandContext) {
  const { openSecretStore, keychainBackendFor } = await import('../../vault/keychain/open');
  return openSecretStore(keychainBackendFor(optionalConfig(ctx)));
}

function target(ctx: CommandContext, o: TargetOpts) {
  return {
    serverId: o.server,
    scope: o.scope,
    // Other clients' secrets are bound to the user's home (their entries are discovered there).
    configHome: !o.client && ctx.env.CLAUDE_CONFIG_DIR ? path.resolve(ctx.env.CLAUDE_CONFIG_DIR) : ctx.home,
    projectDir: path.resolve(o.project ?? process.cwd()),
    ...(o.client ? { client: o.client } : {}),
  };
}

function locationOf(o: TargetOpts): SecretLocation | undefined {
  const picked = [o.env && 'env', o.arg && 'args', o.header && 'headers'].filter(Boolean) as SecretLocation[];
  return picked.length === 1 ? picked[0] : undefined;
}

function targetOptions(c: Command): Command {
  return c
    .requiredOption('--server <id>', 'the allowlist rule id (as in the entry: exec --server ID)', parseServerId)
    .requiredOption('--scope <scope>', 'user | local | project (as in the entry: --scope SCOPE)', parseScope)
    .option('--project <dir>', 'the project folder, for local and project scope (default: the current folder; parents are searched)')
    .option(
      '--client <id>',
      "another client's entry (as in the entry: exec --client ID): cursor, vscode, claude-desktop, windsurf, gemini-cli, codex",
      parseClient,
    )
    .option('--env', 'NAME is an environment variable')
    .option('--arg', 'NAME is a {{secret:NAME}} placeholder in the arguments')
    .option('--header', 'NAME is an HTTP header');
}

export function register(program: Command): void {
  const cred = program.command('credentials').description('secrets mcp-warden moved from MCP configs into the OS keychain');

  cred
    .command('list')
    .description('what was moved: servers, names, files and keychain accounts (never values)')
    .option('--json', 'machine-readable output')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        const { listMoved } = await import('../../vault/manage');
        const moved = await listMoved(await store(ctx));
        if (opts.json) return outJson(moved);
        if (moved.length === 0) return out('No credentials have been moved to the keychain.');
        for (const m of moved) {
          out(
            `${m.serverId}  (${m.client ? `${m.client}, ` : ''}${m.scope} scope${m.project ? `, project ${m.project}` : ''}; entry "${m.entryName}" in ${m.file})`,
          );
          for (const s of m.secrets)
            out(`  ${s.location.padEnd(7)} ${s.name.padEnd(28)} ${s.present ? 'in keychain' : 'MISSING'}   ${s.account}`);
        }
      }),
    );

  targetOptions(cred.command('set'))
    .description('store a new value (rotate a token): read from stdin, or typed at a no-echo prompt')
    .argument('<name>', 'the variable, placeholder or header name')
    .action(
      action(async (name: string, opts: TargetOpts, cmd: Command) => {
        const ctx = commandContext(cmd);
        const { setSecret } = await import('../../vault/manage');
        const { readSecretValue } = await import('../../vault/prompt');
        const s = await store(ctx);
        const t = target(ctx, opts);
        // Find the server before asking for a value the user would type for nothing.
        const { findTarget } = await import('../../vault/manage');
        await findTarget(s, t);
        const value = await readSecretValue(`New value for ${name} (${opts.server})`);
        const r = await setSecret(s, t, name, value, locationOf(opts));
        out(`Stored ${r.location} ${name} for ${opts.server} (${opts.scope} scope) in the keychain.`);
        out('Restart the server in Claude Code (/mcp → reconnect, or a new session) to use it.');
      }),
    );

  targetOptions(cred.command('delete'))
    .description('delete one moved secret, or every secret of the server when NAME is omitted')
    .argument('[name]', 'the variable, placeholder or header name')
    .action(
      action(async (name: string | undefined, opts: TargetOpts, cmd: Command) => {
        const ctx = commandContext(cmd);
        const { deleteSecrets } = await import('../../vault/manage');
        const deleted = await deleteSecrets(await store(ctx), target(ctx, opts), name, locationOf(opts));
        out(deleted.length === 0 ? 'Nothing to delete.' : `Deleted ${deleted.length} keychain item(s):`);
        for (const a of deleted) out(`  ${a}`);
      }),
    );

  cred
    .command('fingerprint')
    .description('the fingerprint drift reports show for a value (read from stdin or a prompt): find where a leaked token sits')
    .action(
      action(async () => {
        const { readSecretValue } = await import('../../vault/prompt');
        const { fingerprint } = await import('../../secrets/detect');
        out(fingerprint(await readSecretValue('Value')));
      }),
    );
}
