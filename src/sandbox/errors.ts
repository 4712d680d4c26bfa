import { WardenError, ExitCode, type ErrorOptions } from '../errors';

export type SandboxErrorCode =
  /** No sandbox program on this machine (bubblewrap on Linux, sandbox-exec on macOS). */
  | 'SANDBOX_MISSING'
  /** This OS has no sandbox backend (Windows, others). */
  | 'SANDBOX_UNSUPPORTED_OS'
  /** The sandbox program is there but cannot start one (user namespaces disabled, seccomp, AppArmor). */
  | 'SANDBOX_START_FAILED'
  /** The workspace would open too much (`/`, a folder above the home, a system folder). */
  | 'SANDBOX_WORKSPACE_UNSAFE'
  /** The server's command cannot be found, so its package cannot be mounted. */
  | 'SANDBOX_COMMAND_NOT_FOUND';

/** Exec could not confine a server whose rule requires it: exit 126 like every exec refusal. */
export class SandboxError extends WardenError<SandboxErrorCode> {
  constructor(opts: ErrorOptions<SandboxErrorCode>) {
    super({ exitCode: ExitCode.EXEC_REFUSED, ...opts });
  }
}
