// Which file a `sha256` pin covers (ServerRule.file, src/policy/types.ts): the rule's
// `file` when given; otherwise the resolved command, or, when the command is an
// interpreter, the script it runs (its first argument that names a file).
//
// Interpreters recognised: node, nodejs, python/python3/python3.x, bash, sh, zsh, dash,
// ksh, ruby, perl, php, deno (`run`), bun (`run`), tsx, ts-node, and uv (`uv run
// script`). Package runners (npx, uvx, pipx, bunx) are NOT interpreters: they fetch code,
// so pin them with `package` (npx) or an explicit `file`. When the interpreter runs inline
// code or a module (`python -m`, `node -e`, `bash -c`) there is no script to hash, and
// the verdict is unverifiable until the rule names a `file`.
import * as path from 'node:path';
import type { ServerRule } from '../policy/types';
import type { JudgeContext } from './context';
import { commandBase } from './argv';

export type FileRef = { file: string } | { error: string };

interface InterpreterSpec {
  /** Flags that take the next argument as their value. */
  valueFlags: readonly string[];
  /** Flags after which there is no script file (inline code, a module). */
  noFileFlags: readonly string[];
  /** A subcommand that comes before the script (`deno run`), if required. */
  subcommand?: string;
}

const NODE: InterpreterSpec = {
  valueFlags: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--conditions', '-C', '--env-file', '--title'],
  noFileFlags: ['-e', '--eval', '-p', '--print', '-i', '--interactive'],
};
const PYTHON: InterpreterSpec = { valueFlags: ['-W', '-X', '-Q'], noFileFlags: ['-m', '-c', '-i'] };
const SHELL: InterpreterSpec = { valueFlags: ['-o', '-O', '+O', '+o'], noFileFlags: ['-c', '-s', '-i'] };
const RUBY: InterpreterSpec = { valueFlags: ['-r', '-I', '-C', '-E'], noFileFlags: ['-e'] };
const PERL: InterpreterSpec = { valueFlags: ['-I', '-M', '-m'], noFileFlags: ['-e', '-E'] };
const PHP: InterpreterSpec = { valueFlags: ['-d', '-c', '-z'], noFileFlags: ['-r', '-a'] };
const DENO: InterpreterSpec = {
  valueFlags: ['-c', '--config', '--import-map', '--location', '--cert'],
  noFileFlags: ['--eval'],
  subcommand: 'run',
};
const BUN: InterpreterSpec = { valueFlags: ['-r', '--preload', '--cwd', '--env-file'], noFileFlags: ['-e', '--eval', '-p', '--print'] };
const UV: InterpreterSpec = {
  valueFlags: ['--with', '--python', '-p', '--directory', '--project', '--env-file'],
  noFileFlags: ['-m', '--module'],
  subcommand: 'run',
};

function interpreterOf(base: string): InterpreterSpec | undefined {
  if (base === 'node' || base === 'nodejs' || base === 'tsx' || base === 'ts-node') return NODE;
  if (/^python[0-9.]*$/.test(base)) return PYTHON;
  if (['bash', 'sh', 'zsh', 'dash', 'ksh'].includes(base)) return SHELL;
  if (base === 'ruby') return RUBY;
  if (base === 'perl') return PERL;
  if (base === 'php') return PHP;
  if (base === 'deno') return DENO;
  if (base === 'bun') return BUN;
  if (base === 'uv') return UV;
  return undefined;
}

/** The script argument of an interpreter argv, or why there is none. */
export function scriptArg(spec: InterpreterSpec, args: readonly string[]): { arg: string } | { error: string } {
  let i = 0;
  if (spec.subcommand !== undefined) {
    // bun may run a file directly (`bun server.ts`); deno and uv need their subcommand.
    if (args[0] === spec.subcommand) i = 1;
    else if (spec !== BUN) return { error: `no \`${spec.subcommand}\` before a script; name the pinned file in the rule's \`file\`` };
  }
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return args[i + 1] !== undefined ? { arg: args[i + 1] } : { error: 'no script after `--`' };
    if (spec.noFileFlags.includes(a) || spec.noFileFlags.some((f) => a.startsWith(f + '='))) {
      return { error: `runs inline code or a module (${a}); name the pinned file in the rule's \`file\`` };
    }
    if (a.startsWith('-')) {
      if (spec.valueFlags.includes(a)) i++;
      continue;
    }
    return { arg: a };
  }
  return { error: "no script file in the arguments; name the pinned file in the rule's `file`" };
}

/** Resolve a path from a config or rule: `~/`, absolute, or relative to the project folder. */
export function resolvePath(p: string, project: string | undefined, ctx: JudgeContext): FileRef {
  if (p.includes('${')) return { error: 'the path uses an environment variable, which cannot be resolved here' };
  if (p === '~' || p.startsWith('~/')) return { file: path.join(ctx.home, p.slice(1)) };
  if (path.isAbsolute(p)) return { file: path.normalize(p) };
  if (project === undefined) return { error: 'a relative path outside a project cannot be resolved; use an absolute path' };
  return { file: path.resolve(project, p) };
}

/** The command as spawn would find it: a path (absolute or relative to the project), else PATH. */
export function resolveCommand(command: string, project: string | undefined, ctx: JudgeContext): FileRef {
  if (command.includes('/') || command.includes('\\') || command.startsWith('~')) return resolvePath(command, project, ctx);
  if (command.includes('${')) return { error: 'the command uses an environment variable' };
  const found = ctx.which(command);
  return found !== undefined ? { file: found } : { error: `\`${command}\` was not found on PATH` };
}

/** The file a rule's sha256 pin covers for this argv. */
export function pinnedFile(rule: ServerRule, argv: readonly string[], project: string | undefined, ctx: JudgeContext): FileRef {
  if (rule.file !== undefined) return resolvePath(rule.file, project, ctx);
  const [command, ...args] = argv;
  if (command === undefined) return { error: 'empty command' };
  const spec = interpreterOf(commandBase(command));
  if (!spec) return resolveCommand(command, project, ctx);
  const s = scriptArg(spec, args);
  if ('error' in s) return s;
  return resolvePath(s.arg, project, ctx);
}
