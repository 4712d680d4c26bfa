// `mcp-warden agent`: the per-user background agent (started by launchd / systemd / the
// Task Scheduler, in the foreground; it never daemonizes).
import type { Command } from 'commander';
import { action } from '../runtime';
import { err } from '../../host/output';
import { commandContext } from '../context';
import { setupLogging } from '../../host/context';
import { Agent } from '../../agent/agent';
import { agentPassRunner } from '../../agent/pass';
import { log } from '../../log/logger';

export function register(program: Command): void {
  program
    .command('agent')
    .description('watch every Claude Code config of this user and keep it inside the policy (runs until stopped)')
    .option('--foreground', 'also log to stderr (for debugging; the log file is always written)')
    .action(
      action(async (opts: { foreground?: boolean }, cmd: Command) => {
        const ctx = commandContext(cmd);
        setupLogging(ctx, { file: true, console: Boolean(opts.foreground) });
        const runPass = agentPassRunner();
        const agent = new Agent({
          home: ctx.home,
          stateDir: ctx.stateDir,
          configPath: ctx.globals.config,
          env: ctx.env,
          runPass: (req, c) => runPass(req, { ...c, home: ctx.home, stateDir: ctx.stateDir }),
        });
        const onSignal = (sig: NodeJS.Signals) => {
          void agent.stop(sig);
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
        try {
          await agent.start();
        } catch (e) {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          throw e;
        }
        log().info('agent running', { pid: process.pid, home: ctx.home, stateDir: ctx.stateDir });
        if (opts.foreground) err(`mcp-warden agent running (pid ${process.pid}); Ctrl-C to stop`);
        await agent.finished;
        return 0;
      }),
    );
}
