// Whether a launch is sandboxed at all, without loading the sandbox: most rules have no
// sandbox, and exec (src/launch/main.ts) loads src/sandbox/launch.ts (backends, egress
// proxy, network modules) only for a rule that has one (issue 17, cheap launches).
import type { Policy } from '../policy/types';
import type { WrappedLaunch } from './runtime';
import { effectiveSandbox } from './spec';

/** True when the rule named `serverId` has a sandbox in force (the same test as prepareSandboxedLaunch's). */
export function sandboxApplies(policy: Policy | null, serverId: string): boolean {
  const rule = policy?.allowlist.servers.find((r) => r.id === serverId);
  return rule !== undefined && policy !== null && effectiveSandbox(rule, policy.allowlist) !== undefined;
}

/** argv and env as they are, nothing to clean up. */
export function plainLaunch(argv: readonly string[], env: NodeJS.ProcessEnv): WrappedLaunch {
  return { cmd: argv[0] ?? '', args: argv.slice(1), env, cleanup: () => undefined };
}
