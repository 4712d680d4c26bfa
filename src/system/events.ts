// Where `system apply` sends managed.applied / managed.rejected / write.failed: the durable
// spool in the root-owned state folder (the reporting module's, same format as the agent's),
// and always the log. A reporting problem never stops or fails an apply.
//
// `system apply` runs from cron / MDM every hour on every device: a refusal that persists
// (a bad allowlist rolled out to the fleet) is reported once, not once an hour, until the
// outcome changes (the agent's policy events follow the same rule).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from '../config/types';
import { describeError } from '../errors';
import { createEventFactory } from '../events/factory';
import type { DriftEventInput, EventSink } from '../events/types';
import { log } from '../log/logger';
import type { Policy } from '../policy/types';
import { openSpool, type Spool } from '../report';
import { writeFileAtomic } from '../util/fsio';
import { effectiveMode } from '../policy/effective';

export interface SystemSink extends EventSink {
  /** The policy events are stamped with (set once verification has run). */
  setPolicy(policy: Policy | null): void;
  /** The run succeeded: the next refusal is news again. */
  succeeded(): void;
}

/** The file remembering the last refusal reported. */
export function lastRefusalFile(stateDir: string): string {
  return path.join(stateDir, 'system', 'last-refusal');
}

function refusalKey(input: DriftEventInput): string | undefined {
  if (input.kind !== 'managed.rejected' && input.kind !== 'write.failed') return undefined;
  return JSON.stringify([input.kind, input.detail?.code ?? null, input.message]);
}

function readKey(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeKey(file: string, key: string | undefined): void {
  try {
    if (key === undefined) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileAtomic(file, key, { mode: 0o600 });
    }
  } catch (e) {
    log().warn('cannot record the last refusal', { error: describeError(e) });
  }
}

export function openSystemSink(stateDir: string, loaded: LoadedConfig): SystemSink {
  let policy: Policy | null = null;
  const factory = createEventFactory({
    stateDir,
    config: loaded.config,
    policy: () => policy,
    mode: () => effectiveMode(policy),
  });
  const keyFile = lastRefusalFile(stateDir);
  let spool: Spool | undefined;
  let spoolFailed = false;
  return {
    setPolicy(p) {
      policy = p;
    },
    succeeded() {
      writeKey(keyFile, undefined);
    },
    emit(input: DriftEventInput) {
      log().info(input.message, { kind: input.kind, action: input.action, file: input.file, detail: input.detail });
      const key = refusalKey(input);
      if (key !== undefined && readKey(keyFile) === key) return;
      writeKey(keyFile, key);
      if (spoolFailed) return;
      try {
        spool ??= openSpool(stateDir, { factory, maxBytes: loaded.config.report?.spoolMaxBytes });
        spool.emit(input);
      } catch (e) {
        spoolFailed = true;
        log().warn('drift event not spooled', { kind: input.kind, error: describeError(e) });
      }
    },
  };
}
