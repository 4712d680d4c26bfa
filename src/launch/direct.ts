// The cheap launch for a server that needs no proxy: exec replaces itself with the server
// (process.execve, Node ≥ 22.15 / 23.11 on POSIX: the single executable's Node 24 has it), so
// nothing of mcp-warden stays resident and signals and the exit status are the server's own.
// Where it is missing (Node 20, Windows) or fails before the swap, the spawn fallback
// (runServer: stdio inherited, signals forwarded, exit code returned) is used.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runServer } from './exec';

type Execve = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => never;

/** The absolute file execve(2) needs: it does not search PATH itself. */
export function resolveOnPath(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const ok = (f: string): boolean => {
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) {
    const f = path.resolve(cwd, command);
    return ok(f) ? f : undefined;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const f = path.resolve(cwd, dir, command);
    if (ok(f)) return f;
  }
  return undefined;
}

/** process.execve when this Node has it (and it is not switched off for a test or a bench). */
export function execveAvailable(env: NodeJS.ProcessEnv = process.env): Execve | undefined {
  if (env.MCP_WARDEN_NO_EXECVE === '1' || process.platform === 'win32') return undefined;
  const f = (process as unknown as { execve?: Execve }).execve;
  return typeof f === 'function' ? f : undefined;
}

/**
 * Become the server, or run it as a child. Resolves only in the fallback (with the exit code);
 * with execve this process IS the server from here on.
 */
export async function launchDirect(argv: readonly string[], env: NodeJS.ProcessEnv, beforeSwap: () => Promise<void>): Promise<number> {
  const execve = execveAvailable(env);
  const file = execve ? resolveOnPath(argv[0] ?? '', env, process.cwd()) : undefined;
  if (execve && file) {
    // Logs flushed, handles released: nothing of ours runs after the swap.
    await beforeSwap();
    try {
      execve(file, [...argv], env);
    } catch {
      // execve(2) failed and we are still here, unchanged: spawn reports the error properly.
    }
  }
  return runServer(argv, env);
}
