// Where `system apply` sends managed.applied / managed.rejected: the durable spool in the
// root-owned state folder (the reporting module's, same format as the agent's), and always
// the log. A reporting problem never stops or fails an apply.
import type { LoadedConfig } from '../config/types';
import { describeError } from '../errors';
import { createEventFactory } from '../events/factory';
import type { DriftEventInput, EventSink } from '../events/types';
import { log } from '../log/logger';
import type { Policy } from '../policy/types';
import { openSpool, type Spool } from '../report';

export interface SystemSink extends EventSink {
  /** The policy events are stamped with (set once verification has run). */
  setPolicy(policy: Policy | null): void;
}

export function openSystemSink(stateDir: string, loaded: LoadedConfig): SystemSink {
  let policy: Policy | null = null;
  const factory = createEventFactory({
    stateDir,
    config: loaded.config,
    policy: () => policy,
    mode: () => policy?.allowlist.mode ?? 'audit',
  });
  let spool: Spool | undefined;
  let spoolFailed = false;
  return {
    setPolicy(p) {
      policy = p;
    },
    emit(input: DriftEventInput) {
      log().info(input.message, { kind: input.kind, action: input.action, file: input.file, detail: input.detail });
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
