// `mcp-warden exec --server ID --scope SCOPE -- CMD ARGS…`: what a migrated stdio entry
// runs. Re-checks the server against the policy, injects its secrets, runs it with stdio
// passed straight through. Everything heavy loads inside the action, on demand.
import type { Command } from 'commander';
import { action } from '../runtime';
import { commandContext } from '../context';
import { parseServerId, parseScope, parseClient } from '../options';
import type { ClientId } from '../../policy/client-ids';

export function register(program: Command): void {
  program
    .command('exec')
    .description('run an approved MCP server with its secrets from the keychain (the command of a migrated entry)')
    .requiredOption('--server <id>', 'the allowlist rule id of the server', parseServerId)
    .requiredOption('--scope <scope>', 'user | local | project: where the entry lives', parseScope)
    .option(
      '--client <id>',
      'the client whose file holds the entry, when it is not Claude Code (cursor, vscode, claude-desktop, windsurf, gemini-cli, codex)',
      parseClient,
    )
    .option('--project <dir>', "the project folder of another client's project-scope entry (Claude Code tells its servers)")
    .argument('<command...>', 'the server command and its arguments, after --')
    .addHelpText(
      'after',
      "\nExit status: the server's own; 126 when refused (not approved, pin mismatch, missing secret, keychain locked); 127 when the command is not found.",
    )
    .action(
      action(
        async (
          command: string[],
          opts: { server: string; scope: 'user' | 'local' | 'project'; client?: ClientId; project?: string },
          cmd: Command,
        ) => {
          const { runExec } = await import('../../launch/main');
          return runExec(commandContext(cmd), opts.server, opts.scope, command, { client: opts.client, project: opts.project });
        },
      ),
    );
}
