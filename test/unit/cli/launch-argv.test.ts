// The launch fast path must take exactly what commander takes, the same way, or leave the
// command line to commander. Every recognised argv is also parsed by the real commander
// program here, and both must call exec/headers with the same arguments.
import { parseLaunchArgv } from '../../../src/cli/launch-argv';
import { buildProgram, run } from '../../../src/cli/main';
import type { CommandContext } from '../../../src/host/context';

type Call = { command: string; globals: unknown; home: string; stateDir: string; server: string; scope: string; inner?: string[] };
const calls: Call[] = [];

jest.mock('../../../src/launch/main', () => ({
  runExec: (ctx: CommandContext, server: string, scope: string, inner: string[]) => {
    calls.push({ command: 'exec', globals: { ...ctx.globals }, home: ctx.home, stateDir: ctx.stateDir, server, scope, inner });
    return Promise.resolve(0);
  },
  runHeaders: (ctx: CommandContext, server: string, scope: string) => {
    calls.push({ command: 'headers', globals: { ...ctx.globals }, home: ctx.home, stateDir: ctx.stateDir, server, scope });
    return Promise.resolve(0);
  },
}));

const argv = (...a: string[]): string[] => ['node', 'mcp-warden', ...a];

/** What commander makes of the argv (the full CLI, no fast path). */
async function viaCommander(a: string[]): Promise<Call | undefined> {
  calls.length = 0;
  await buildProgram(a).parseAsync(a);
  return calls[0];
}

async function viaRun(a: string[]): Promise<Call | undefined> {
  calls.length = 0;
  await run(a);
  return calls[0];
}

/** The global options exec and headers read (commander's optsWithGlobals adds the command's own). */
const GLOBAL_KEYS = ['config', 'home', 'stateDir', 'verbose', 'logLevel'];
const normal = (c: Call | undefined): unknown =>
  c
    ? {
        ...c,
        globals: Object.fromEntries(Object.entries(c.globals as object).filter(([k, v]) => GLOBAL_KEYS.includes(k) && v !== undefined)),
      }
    : c;

describe('launch fast path', () => {
  const accepted: string[][] = [
    argv('exec', '--server', 'github', '--scope', 'user', '--', '/usr/bin/node', 'server.js', '--token={{secret:T}}'),
    argv('exec', '--scope', 'local', '--server', 'pg_1', '--', 'npx', '-y', '@acme/mcp@1.0.0', '--', 'x'),
    argv(
      '--config',
      '/etc/a.yaml',
      '--home',
      '/h',
      '--state-dir',
      '/s',
      '-v',
      '--log-level',
      'debug',
      'exec',
      '--server',
      'a',
      '--scope',
      'project',
      '--',
      'cmd',
    ),
    argv('headers', '--server', 'api', '--scope', 'user'),
    argv('--verbose', 'headers', '--scope', 'project', '--server', 'api'),
  ];
  it.each(accepted.map((a) => [a.slice(2).join(' '), a]))('takes %s as commander does', async (_, a) => {
    expect(parseLaunchArgv(a)).toBeDefined();
    const fast = await viaRun(a);
    expect(fast).toBeDefined();
    expect(normal(fast)).toEqual(normal(await viaCommander(a)));
  });

  it.each(
    [
      argv('exec', '--help'),
      argv('exec', '--server', 'a', '--scope', 'user'), // no command
      argv('exec', '--server', 'a', '--scope', 'user', '--'), // empty command
      argv('exec', '--server', 'a', '--scope', 'user', 'node', 's.js'), // no --
      argv('exec', '--server', 'a', '--scope', 'global', '--', 'x'), // bad scope
      argv('exec', '--server', 'a b', '--scope', 'user', '--', 'x'), // bad id
      argv('exec', '--server', 'a', '--server', 'b', '--scope', 'user', '--', 'x'), // repeated
      argv('exec', '--server=a', '--scope', 'user', '--', 'x'), // = form: commander's business
      argv('exec', '--server', '--scope', 'user', '--', 'x'), // option as a value
      argv('exec', '--server', 'a', '--scope', 'user', '-v', '--', 'x'), // global option after the command
      argv('--config', '--home', 'exec', '--server', 'a', '--scope', 'user', '--', 'x'),
      argv('-v', '-v', 'exec', '--server', 'a', '--scope', 'user', '--', 'x'),
      argv('headers', '--server', 'a', '--scope', 'user', '--', 'x'),
      argv('headers', '--server', 'a'),
      argv('exe', '--server', 'a', '--scope', 'user', '--', 'x'),
      argv('--version'),
      argv(),
    ].map((a) => [a.slice(2).join(' ') || '(nothing)', a]),
  )('leaves %s to commander', (_, a) => {
    expect(parseLaunchArgv(a)).toBeUndefined();
  });
});
