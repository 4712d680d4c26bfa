// What `scan`, `reconcile --once` and `quarantine restore` need before a pass: the agent
// config, the policy in force (through the same verifier as the agent; `scan` never writes
// policy state), the event sink (the durable spool) and the keychain. No agent config or
// no valid policy means audit only, and the notes say so.
import type { CommandContext } from '../host/context';
import { agentConfig, execPathFor } from '../host/context';
import type { LoadedConfig } from '../config/types';
import { describeError, isWardenError } from '../errors';
import { createEventFactory } from '../events/factory';
import type { DriftEventInput, EventSink } from '../events/types';
import { keychainBackendFor, openSecretStore } from '../vault/keychain/open';
import type { SecretStore } from '../vault/keychain/store';
import { log } from '../log/logger';
import { loadPolicy, type PolicyLoadResult } from '../policy/loader';
import type { Policy } from '../policy/types';
import { fetchEnvelope } from '../policy/fetch';
import { netSettings } from '../net/settings';
import { fetchRoots } from '../policy/fetch-once';
import { openSpool, sendPending } from '../report';
import { DEFAULT_MAX_ENVELOPE_BYTES } from '../policy/verify';
import { effectiveMode } from '../policy/effective';

/** How long `reconcile --once` waits for the collector before leaving events in the spool. */
export const SEND_DEADLINE_MS = 10_000;

export interface CommandSetup {
  loaded?: LoadedConfig;
  policy: Policy | null;
  load?: PolicyLoadResult;
  /** Lines for the user: audit only and why, a rejected candidate, an expired policy. */
  notes: string[];
  execPath: string;
  secretStore: () => Promise<SecretStore>;
}

async function candidateFromUrl(loaded: LoadedConfig, notes: string[]): Promise<{ bytes: Buffer; source: string } | undefined> {
  const a = loaded.config.allowlist;
  if (!a.url || a.file) return undefined;
  try {
    const r = await fetchEnvelope(
      a.url,
      {},
      { maxBytes: a.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES, net: netSettings({ config: loaded.config, baseDir: loaded.baseDir }) },
    );
    return r.status === 'ok' ? { bytes: r.bytes, source: a.url } : undefined;
  } catch (e) {
    notes.push(`allowlist.url could not be fetched (${describeError(e)}); using the last good policy`);
    return undefined;
  }
}

export async function commandSetup(ctx: CommandContext, opts: { readOnly: boolean }): Promise<CommandSetup> {
  const notes: string[] = [];
  let loaded: LoadedConfig | undefined;
  try {
    loaded = agentConfig(ctx);
  } catch (e) {
    if (!(isWardenError(e) && e.code === 'CONFIG_NOT_FOUND')) throw e;
    notes.push(`no agent config (${describeError(e)}): no policy, audit only`);
  }
  let policy: Policy | null = null;
  let load: PolicyLoadResult | undefined;
  if (loaded) {
    const roots = await fetchRoots(loaded);
    if (roots.note) notes.push(roots.note);
    const candidate = await candidateFromUrl(loaded, notes);
    load = loadPolicy({
      config: loaded,
      stateDir: ctx.stateDir,
      readOnly: opts.readOnly,
      fetchedRoots: roots.roots,
      ...(candidate ? { candidate } : {}),
    });
    policy = load.policy;
    if (load.rejection)
      notes.push(
        `allowlist rejected (${load.rejection.code}: ${load.rejection.message})${policy ? '; the last good one stays in force' : ''}`,
      );
    if (!policy) notes.push('no valid policy: audit only (nothing is changed)');
    if (load.stale) notes.push('the policy in force has expired; it stays in force until a newer one is accepted');
  }
  let store: SecretStore | undefined;
  return {
    loaded,
    policy,
    load,
    notes,
    execPath: execPathFor(loaded),
    secretStore: () => {
      store ??= openSecretStore(keychainBackendFor(loaded));
      return Promise.resolve(store);
    },
  };
}

/** The durable spool shared with the agent; events are also logged. */
export function openSink(ctx: CommandContext, setup: CommandSetup): EventSink {
  const factory = createEventFactory({
    stateDir: ctx.stateDir,
    config: setup.loaded?.config,
    policy: setup.policy,
    mode: effectiveMode(setup.policy),
  });
  const spool = openSpool(ctx.stateDir, { factory, maxBytes: setup.loaded?.config.report?.spoolMaxBytes });
  return {
    emit(input: DriftEventInput) {
      log().info(input.message, { kind: input.kind, action: input.action, file: input.file });
      spool.emit(input);
    },
    emitMany(inputs: readonly DriftEventInput[]) {
      for (const input of inputs) log().info(input.message, { kind: input.kind, action: input.action, file: input.file });
      spool.emitMany(inputs);
    },
  };
}

/** Policy events for a command run: rejected candidate, stale policy, none at all. */
export function policyEvents(setup: CommandSetup): DriftEventInput[] {
  const out: DriftEventInput[] = [];
  const l = setup.load;
  if (!setup.loaded || !l) return out;
  if (l.rejection) {
    out.push({
      kind: 'policy.rejected',
      severity: 'high',
      action: 'refused',
      message: `allowlist rejected: ${l.rejection.code}: ${l.rejection.message}`,
      detail: { code: l.rejection.code },
    });
  }
  if (l.stale)
    out.push({
      kind: 'policy.stale',
      severity: 'medium',
      action: 'none',
      message: 'the policy in force has expired and is kept as the last good one',
    });
  if (!l.policy) out.push({ kind: 'policy.missing', severity: 'high', action: 'none', message: 'no valid policy: audit only' });
  return out;
}

/** Deliver what is pending (bounded wait); the rest stays in the spool for the agent. */
export async function sendEvents(ctx: CommandContext, setup: CommandSetup): Promise<void> {
  const loaded = setup.loaded;
  if (!loaded?.config.report?.url) return;
  try {
    await sendPending({ stateDir: ctx.stateDir, config: loaded.config, baseDir: loaded.baseDir, deadlineMs: SEND_DEADLINE_MS });
  } catch (e) {
    log().warn('drift events not sent; they stay in the spool', { error: describeError(e) });
  }
}
