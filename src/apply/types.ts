// What apply() reports for each action, and the files it wrote (the agent recognises its
// own writes by their content hash).
import type { Action } from '../plan/types';
import type { Policy } from '../policy/types';
import type { PlanState } from '../plan/state';
import type { SecretStore } from '../vault/keychain/store';
import type { EditOptions } from '../fsedit/edit';
import type { TextHandoff } from '../fsedit/known';

export type MigrateAction = Extract<Action, { kind: 'migrate' }>;

/**
 * done: carried out. skipped: the file changed since the entry was judged (the next pass
 * judges it again). failed: could not be carried out (see code). not-run: audit mode or
 * --dry-run (the action is what enforce would do).
 */
export type ActionStatus = 'done' | 'skipped' | 'failed' | 'not-run';

export interface ActionResult {
  action: Action;
  status: ActionStatus;
  /** Error code for 'failed' (FileEditError / QuarantineError codes, KEYCHAIN_UNAVAILABLE …). */
  code?: string;
  /** One line, no secrets. */
  detail?: string;
  /** The quarantine record of a removal. */
  recordId?: string;
  /** Secret values of a removal sealed to the device because the keychain was unavailable. */
  sealedSecrets?: number;
}

export interface WrittenFile {
  file: string;
  /** SHA-256 (hex) of the bytes written. */
  sha256: string;
}

export interface MigrateOutcome {
  status: Exclude<ActionStatus, 'not-run'>;
  code?: string;
  detail?: string;
  written?: WrittenFile[];
}

export interface ApplyContext {
  stateDir: string;
  policy: Policy;
  /** Updated in place: removals are recorded for flapping detection. */
  state: PlanState;
  now: Date;
  /** Opens the keychain on first need; rejects (UnavailableError) when it cannot. */
  secretStore: () => Promise<SecretStore>;
  /** Carries out a 'migrate' action (the credentials work's applyMigration). */
  migrate?: (action: MigrateAction) => Promise<MigrateOutcome>;
  edit?: EditOptions;
  /** What discovery read of the big files, for their edits (fsedit/known.ts). */
  texts?: TextHandoff;
}

export interface ApplyResult {
  results: ActionResult[];
  written: WrittenFile[];
}
