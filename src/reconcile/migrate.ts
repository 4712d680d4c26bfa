// The bridge from apply() to the credentials work's applyMigration (src/vault/migrate.ts),
// which writes the keychain, reads it back, then rewrites the entry, and reports its own
// events. What apply() needs back: a status and, for the agent, the hash of the file written.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { EventSink } from '../events/types';
import type { EditOptions } from '../fsedit/edit';
import { MemorySecretStore, type SecretStore } from '../vault/keychain/store';
import type { Mode } from '../policy/types';
import { applyMigration } from '../vault/migrate';
import type { MigrateAction, MigrateOutcome } from '../apply/types';

export interface MigratorOptions {
  sink: EventSink;
  mode: Mode;
  now: Date;
  secretStore: () => Promise<SecretStore>;
  edit?: EditOptions;
}

export function migrator(opts: MigratorOptions): (action: MigrateAction) => Promise<MigrateOutcome> {
  return async (action) => {
    // A wrap without secrets (a rule with tool pinning) never touches the keychain.
    const store = action.findings.length === 0 ? new MemorySecretStore() : await opts.secretStore();
    const r = await applyMigration(action, {
      store,
      sink: opts.sink,
      mode: opts.mode,
      now: () => opts.now,
      edit: { ...opts.edit, expectRealPath: action.entry.realFile ?? action.entry.file },
    });
    if (r.status === 'migrated') {
      // applyMigration wrote the file moments ago; its content now is what the agent will see.
      let written: MigrateOutcome['written'];
      try {
        written = [
          { file: action.entry.file, sha256: crypto.createHash('sha256').update(fs.readFileSync(action.entry.file)).digest('hex') },
        ];
      } catch {
        written = undefined;
      }
      return written ? { status: 'done', written } : { status: 'done' };
    }
    if (r.status === 'entry-changed') return { status: 'skipped', detail: 'changed since it was judged; judged again next pass' };
    return { status: 'failed', code: r.error?.code ?? r.status, detail: r.error?.message ?? r.status };
  };
}
