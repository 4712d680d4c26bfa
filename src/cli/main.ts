// The one executable. Every role (agent, exec, collector, admin tools) is a subcommand.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version';
import { ExitCode } from '../errors';
import { registerAll } from './commands';

export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command();
  program
    .name('mcp-warden')
    .description("Keeps Claude Code's MCP servers inside an org-approved, signed allowlist.")
    .version(VERSION, '-V, --version', 'print the version')
    .option('--config <file>', 'agent config (default: $MCP_WARDEN_CONFIG, then the OS location)')
    .option('--home <dir>', "the user's home folder (default: the current user's)")
    .option('--state-dir <dir>', "the agent's state folder (default: per OS, under --home)")
    .option('-v, --verbose', 'log to stderr as well')
    .option('--log-level <level>', 'error | warn | info | debug')
    .showHelpAfterError()
    .exitOverride();
  registerAll(program, argv);
  return program;
}

/** `mcp-warden … | head` closes our stdout early: that is the reader's choice, not an error. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export async function run(argv: string[]): Promise<void> {
  quietOnClosedPipe();
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; everything else commander rejects is a usage error.
      process.exitCode = e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
      return;
    }
    throw e;
  }
}
