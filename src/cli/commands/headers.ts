// `mcp-warden headers --server ID --scope SCOPE`: Claude Code's headersHelper for a remote
// server whose secret headers moved to the keychain. Prints one JSON object.
import type { Command } from 'commander';
import { action } from '../runtime';
import { commandContext } from '../context';
import { parseServerId, parseScope } from '../options';

export function register(program: Command): void {
  program
    .command('headers')
    .description("print a remote server's HTTP headers from the keychain (the headersHelper of a migrated entry)")
    .requiredOption('--server <id>', 'the allowlist rule id of the server', parseServerId)
    .requiredOption('--scope <scope>', 'user | local | project: where the entry lives', parseScope)
    .addHelpText(
      'after',
      '\nReads CLAUDE_CODE_MCP_SERVER_URL (set by Claude Code) and serves only a URL approved for the server.\nExit status: 0; 126 when refused or a secret is missing; 3 when the keychain does not answer in time.',
    )
    .action(
      action(async (opts: { server: string; scope: 'user' | 'local' | 'project' }, cmd: Command) => {
        const { runHeaders } = await import('../../launch/main');
        return runHeaders(commandContext(cmd), opts.server, opts.scope);
      }),
    );
}
