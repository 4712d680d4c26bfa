// What exec does about the sandbox, per the rule's mode:
//   no sandbox section (or mode off) → start as before;
//   the sandbox starts               → start inside it;
//   it cannot start, `required`      → refuse (SandboxError, exit 126) and report;
//   it cannot start, `preferred`     → start unconfined and report server.sandbox_unavailable;
//   it cannot start, audit mode      → as preferred, the event saying enforce would refuse.
import type { DriftEventInput } from '../events/types';
import type { Policy, Scope } from '../policy/types';
import { SandboxError } from './errors';
import { findBackend, probeBackend, realSpecFs, wrapForSandbox, type Backend, type WrappedLaunch } from './runtime';
import { buildSpec, effectiveSandbox, unsafeWorkspace, type SandboxSpec, type SpecFs } from './spec';
import { effectiveMode } from '../policy/effective';
import { plainLaunch as plain } from './applies';

export interface SandboxLaunchInput {
  policy: Policy | null;
  serverId: string;
  scope: Scope;
  /** [command, ...args] as exec decided them (secrets filled in). */
  argv: readonly string[];
  /** argv with placeholders, for events (never a secret). */
  shownArgv: readonly string[];
  env: NodeJS.ProcessEnv;
  workspace: string;
  home: string;
  /** The agent's state folder: where a successful namespace probe is remembered. */
  stateDir?: string;
  /** The egress proxy refused a host (once per host; rules that allow domains). */
  onEgressRefused?: (host: string, why: string) => void;
}

export interface SandboxDeps {
  platform?: NodeJS.Platform;
  backend?: () => Backend;
  probe?: (b: Backend, stateDir?: string) => void;
  /** How the network bridge starts inside the sandbox (argv before its config); default: bridgeArgv(). */
  bridge?: readonly string[];
  specFs?: SpecFs;
}

export type SandboxOutcome =
  /** No sandbox applies: spawn argv/env as they are. */
  | { kind: 'none'; launch: WrappedLaunch }
  | { kind: 'sandboxed'; launch: WrappedLaunch; spec: SandboxSpec }
  | { kind: 'unsandboxed'; launch: WrappedLaunch; error: SandboxError; event: DriftEventInput }
  | { kind: 'refused'; error: SandboxError; event: DriftEventInput };

function unavailableEvent(input: SandboxLaunchInput, error: SandboxError, refused: boolean): DriftEventInput {
  return {
    kind: 'server.sandbox_unavailable',
    severity: refused ? 'high' : 'medium',
    action: refused ? 'refused' : 'none',
    message: `${input.serverId}: the sandbox cannot start (${error.code}: ${error.message}); ${refused ? 'not started (sandbox required)' : 'started WITHOUT a sandbox (sandbox preferred)'}`,
    server: { name: input.serverId, scope: input.scope, transport: 'stdio', argv: [...input.shownArgv], ruleId: input.serverId },
    detail: { code: error.code, platform: process.platform, project: input.workspace },
  };
}

export function prepareSandboxedLaunch(input: SandboxLaunchInput, deps: SandboxDeps = {}): SandboxOutcome {
  const rule = input.policy?.allowlist.servers.find((r) => r.id === input.serverId);
  const sb = rule && input.policy ? effectiveSandbox(rule, input.policy.allowlist) : undefined;
  if (!sb) return { kind: 'none', launch: plain(input.argv, input.env) };
  const platform = deps.platform ?? process.platform;
  let spec: SandboxSpec | undefined;
  try {
    const backend = (deps.backend ?? (() => findBackend(platform)))();
    const unsafe = unsafeWorkspace(input.workspace, input.home, backend.platform);
    if (unsafe)
      throw new SandboxError({
        code: 'SANDBOX_WORKSPACE_UNSAFE',
        message: `the workspace ${input.workspace} cannot be opened for writing: ${unsafe}`,
      });
    spec = buildSpec(
      {
        policy: sb,
        platform: backend.platform,
        argv: input.argv.slice(0, 1 + (rule?.args?.length ?? 0)),
        workspace: input.workspace,
        home: input.home,
      },
      deps.specFs ?? realSpecFs(input.env),
    );
    (deps.probe ?? probeBackend)(backend, input.stateDir);
    const launch = wrapForSandbox(spec, backend, input.argv[0] ?? '', input.argv.slice(1), input.env, {
      ...(deps.bridge ? { bridge: deps.bridge } : {}),
      ...(input.onEgressRefused ? { onRefused: input.onEgressRefused } : {}),
    });
    return { kind: 'sandboxed', launch, spec };
  } catch (e) {
    if (!(e instanceof SandboxError)) throw e;
    if (sb.mode === 'preferred')
      return { kind: 'unsandboxed', launch: plain(input.argv, input.env), error: e, event: unavailableEvent(input, e, false) };
    // Audit mode reports what enforce would refuse and changes nothing (as exec's other refusals).
    if (effectiveMode(input.policy) === 'audit') {
      return {
        kind: 'unsandboxed',
        launch: plain(input.argv, input.env),
        error: e,
        event: { ...unavailableEvent(input, e, false), wouldDo: 'refused' },
      };
    }
    return { kind: 'refused', error: e, event: unavailableEvent(input, e, true) };
  }
}
