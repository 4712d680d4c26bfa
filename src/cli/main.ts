// The one executable. Every role (agent, exec, collector, admin tools) is a subcommand.
// commander is loaded only when the command line needs it: the server launches (`exec`,
// `headers`) take the fast path (launch-argv.ts) and never load the command tree.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Command } from 'commander';
import { VERSION } from '../version';
import { describeError, ExitCode } from '../errors';
import { log } from '../log/logger';
import { redactor } from '../log/redact';
import { registerAll } from './commands';
import { BRIDGE_ARG, runBridge } from '../sandbox/bridge';
import { parseLaunchArgv, type LaunchArgv } from './launch-argv';
import { action } from './runtime';
import { contextFrom } from './context';

type Commander = typeof import('commander');

export function buildProgram(argv: readonly string[] = []): Command {
  const { Command } = require('commander') as Commander;
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
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/**
 * Run `attach` on process[name] when something first uses it. Node makes the stream on first
 * access (for a pipe: a net.Socket, loading net and stream, about 5 ms), and a launch that
 * ends in execve never writes: the server inherits the descriptors as they are.
 */
function onFirstUse(name: 'stdout' | 'stderr', attach: (s: NodeJS.WriteStream) => void): void {
  const d = Object.getOwnPropertyDescriptor(process, name);
  if (!d?.get || !d.configurable) {
    attach(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: d.enumerable ?? true,
    get(): NodeJS.WriteStream {
      const s = d.get?.call(process) as NodeJS.WriteStream;
      Object.defineProperty(process, name, { configurable: true, enumerable: d.enumerable ?? true, get: () => s });
      attach(s);
      return s;
    },
  });
}

/**
 * The last line of defence: an error no command caught (a rejected promise in a signal
 * handler, an 'error' event nobody listens to) must not print a Node stack trace at the user
 * or the MDM script. One line on stderr, the stack in the log file only, exit 4.
 */
function lastResort(): void {
  const fatal = (e: unknown): void => {
    try {
      process.stderr.write(`${redactor.redactString(`mcp-warden: internal error: ${describeError(e)}`)}\n`);
      log().error('internal error (uncaught)', { error: e instanceof Error ? e.stack : String(e) });
    } finally {
      process.exit(ExitCode.INTERNAL);
    }
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

/** exec / headers as their commander actions would run them (same context, same exit handling). */
async function runLaunch(l: LaunchArgv): Promise<void> {
  await action(async () => {
    const { runExec, runHeaders } = await import('../launch/main');
    const ctx = contextFrom(l.globals);
    return l.command === 'exec' ? runExec(ctx, l.server, l.scope, l.inner) : runHeaders(ctx, l.server, l.scope);
  })();
}

export async function run(argv: string[]): Promise<void> {
  // Inside a sandbox with network (bin/mcp-warden → dist): the bridge, not a command.
  if (argv[2] === BRIDGE_ARG) return runBridge(argv);
  lastResort();
  const launch = parseLaunchArgv(argv);
  if (launch) {
    onFirstUse('stdout', quietOnClosedPipe);
    onFirstUse('stderr', quietOnClosedPipe);
    return runLaunch(launch);
  }
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const { CommanderError } = require('commander') as Commander;
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
