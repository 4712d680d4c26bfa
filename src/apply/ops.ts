// Turning actions into file edits. Every op carries the value the plan saw as its
// precondition, so an entry that changed since it was judged is left alone (and judged
// again next pass); a rename's two halves form one group: both or neither. Pure.
import type { JsonEditOp } from '../fsedit/edit';
import type { Action } from '../plan/types';

type FileAction = Exclude<Action, { kind: 'migrate' }>;

/** The file an action edits. */
export function actionFile(a: Action): string {
  if (a.kind === 'settings') return a.settings.file;
  if (a.kind === 'plugin') return a.enablement.file;
  return a.entry.file;
}

/** The ops for `actions`, and which action each op belongs to. */
export function opsFor(actions: readonly FileAction[]): { ops: JsonEditOp[]; owner: Map<JsonEditOp, FileAction> } {
  const ops: JsonEditOp[] = [];
  const owner = new Map<JsonEditOp, FileAction>();
  const add = (a: FileAction, op: JsonEditOp): void => {
    ops.push(op);
    owner.set(op, a);
  };
  actions.forEach((a, i) => {
    if (a.kind === 'remove') {
      add(a, { path: a.entry.jsonPath, value: undefined, expect: { value: a.entry.raw } });
    } else if (a.kind === 'rename') {
      const from = a.entry.jsonPath;
      const to = [...from.slice(0, -1), a.to];
      const group = `rename-${i}`;
      add(a, { path: to, value: a.entry.raw, expect: { value: undefined }, group });
      add(a, { path: from, value: undefined, expect: { value: a.entry.raw }, group });
    } else if (a.kind === 'wrap') {
      add(a, { path: a.entry.jsonPath, value: a.rewritten, expect: { value: a.entry.raw } });
    } else if (a.kind === 'plugin') {
      // Only `true` is turned off: a file whose value changed since it was judged is left alone.
      add(a, { path: ['enabledPlugins', a.enablement.id], value: false, expect: { value: true } });
    } else {
      const path = [...(a.settings.jsonPath ?? []), a.key];
      add(a, { path, value: a.to, expect: { value: a.settings[a.key] } });
    }
  });
  return { ops, owner };
}
