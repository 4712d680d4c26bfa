// What the running agent tells `mcp-warden status`: a small JSON file in the state folder,
// rewritten atomically after each pass and on each policy change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../util/fsio';
import { isAlive, readPidFile, agentPidFile } from './instance-lock';

export interface PolicySummary {
  org: string;
  version: number;
  mode: string;
  expires: string;
  digest: string;
  stale: boolean;
  source: string;
}

export interface PassSummary {
  time: string;
  kind: 'full' | 'incremental';
  durationMs: number;
  /** Entries by verdict. */
  counts: Record<string, number>;
  /** Entries by where Claude Code gets them: user, local, project, plugin, subagent. */
  sources?: Record<string, number>;
  actions: number;
  failures: number;
  compliant: boolean;
}

export interface AgentStatus {
  pid: number;
  startedAt: string;
  home: string;
  stateDir: string;
  configSource: string;
  policy: PolicySummary | null;
  /** Why the newest candidate policy was rejected, if it was. */
  policyRejection?: { code: string; message: string; time: string };
  lastPass?: PassSummary;
  passes: { full: number; incremental: number };
  watchedFolders: number;
  /** The watchers are in place and a catch-up check ran after they were: changes are seen from now on. */
  watching: boolean;
  lastError?: { message: string; time: string };
  /** The last poll that failed for a network reason, with its typed code (PROXY_AUTH_REQUIRED, TLS_INTERCEPTED, …). Cleared by a successful poll. */
  network?: { what: string; code: string; message: string; time: string };
  /** The trust root in force (trust.root configured), and why an offered root was refused. */
  trustRoot?: { version: number; expires: string; digest: string; expired: boolean };
  rootRejection?: { code: string; message: string };
  updatedAt: string;
}

export function statusFile(stateDir: string): string {
  return path.join(stateDir, 'agent-status.json');
}

export function writeStatus(stateDir: string, status: AgentStatus): void {
  writeFileAtomic(statusFile(stateDir), JSON.stringify(status, null, 2) + '\n', { mode: 0o600 });
}

export interface StatusView {
  running: boolean;
  pid?: number;
  status?: AgentStatus;
}

/** Read the last status, and whether the agent that wrote it is still running. */
export function readStatus(stateDir: string): StatusView {
  const pid = readPidFile(agentPidFile(stateDir));
  let status: AgentStatus | undefined;
  try {
    status = JSON.parse(fs.readFileSync(statusFile(stateDir), 'utf8')) as AgentStatus;
  } catch {
    status = undefined;
  }
  const running = pid !== undefined && isAlive(pid.pid);
  return { running, pid: running ? pid?.pid : undefined, status };
}
