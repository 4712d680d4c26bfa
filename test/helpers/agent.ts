// A real agent process on a temp home, and the waiting that tests and benches need.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnCli } from './cli';
import { sha256File } from './tmp';

export { sha256File };
import { makeAllowlist, makeKey, writeAgentConfig, writeSignedAllowlist, type TestKey } from './policy';
import type { Allowlist } from '../../src/policy/types';
import type { AgentConfig } from '../../src/config/types';
import type { AgentStatus } from '../../src/agent/status-file';

export const ECHO = '/bin/echo';

/** An allowlist approving `/bin/echo approved` (pinned), in `mode`. */
export function echoAllowlist(over: Partial<Allowlist> = {}): Allowlist {
  return makeAllowlist({
    servers: [{ id: 'approved', transport: 'stdio', command: ECHO, args: ['approved'], sha256: sha256File(ECHO) }],
    ...over,
  });
}

export interface AgentEnv {
  root: string;
  home: string;
  stateDir: string;
  envelope: string;
  config: string;
  key: TestKey;
  /** Sign and install a new allowlist (atomically, as MDM would). */
  publish(a: Allowlist): void;
  args(): string[];
}

export function agentEnv(root: string, allowlist: Allowlist, extra: Partial<AgentConfig> = {}): AgentEnv {
  const home = path.join(root, 'home');
  const stateDir = path.join(root, 'state');
  fs.mkdirSync(home, { recursive: true });
  const key = makeKey();
  const envelope = path.join(root, 'policy', 'allowlist.dsse.json');
  writeSignedAllowlist(envelope, allowlist, [key]);
  const config = writeAgentConfig(path.join(root, 'policy'), {
    keys: [key],
    envelopeFile: envelope,
    extra: { exec: { path: '/usr/local/bin/mcp-warden' }, agent: { notify: false, debounceMs: 20, fullPassSeconds: 600 }, ...extra },
  });
  return {
    root,
    home,
    stateDir,
    envelope,
    config,
    key,
    publish(a) {
      writeSignedAllowlist(envelope + '.tmp', a, [key]);
      fs.renameSync(envelope + '.tmp', envelope);
    },
    args() {
      return ['--config', config, '--home', home, '--state-dir', stateDir];
    },
  };
}

export function readAgentStatus(stateDir: string): AgentStatus | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(stateDir, 'agent-status.json'), 'utf8')) as AgentStatus;
  } catch {
    return undefined;
  }
}

/** Poll `pred` until it holds (a wait, not a timed assertion: the limit only bounds a hang). */
export async function waitFor<T>(what: string, pred: () => T | undefined | false, limitMs = 30000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = pred();
    if (v) return v;
    if (Date.now() - t0 > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RunningAgent {
  proc: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startAgent(env: AgentEnv, extraEnv: NodeJS.ProcessEnv = {}, limitMs = 30000): Promise<RunningAgent> {
  const proc = spawnCli([...env.args(), 'agent'], { env: extraEnv });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout?.resume();
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  try {
    await Promise.race([
      waitFor(
        'the agent to watch',
        () => readAgentStatus(env.stateDir)?.watching && readAgentStatus(env.stateDir)?.pid === proc.pid,
        limitMs,
      ),
      exited.then((c) => {
        throw new Error(`agent exited (${c}) before its first pass: ${err}`);
      }),
    ]);
  } catch (e) {
    // Never leave an agent behind when the start did not succeed.
    if (proc.exitCode === null) proc.kill('SIGKILL');
    throw e;
  }
  return {
    proc,
    stderr: () => err,
    exited,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function serversIn(file: string, jsonPath: string[] = ['mcpServers']): string[] {
  try {
    let cur: unknown = readJson(file);
    for (const k of jsonPath) cur = (cur as Record<string, unknown>)?.[k];
    return Object.keys((cur as Record<string, unknown>) ?? {}).sort();
  } catch {
    return [];
  }
}
