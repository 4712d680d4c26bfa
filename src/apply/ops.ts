// Turning actions into file edits, decided on the content read inside the lock: every op
// carries the value the plan saw as its precondition, so an entry that changed since it
// was judged is left alone (and judged again next pass). Pure.
import { isDeepStrictEqual } from 'node:util';
import { getAt, type JsonEditOp } from '../fsedit/edit';
import type { Action } from '../plan/types';

type FileAction = Exclude<Action, { kind: 'migrate' }>;

/** The ops for `actions` against `current`, and which action each op belongs to. */
export function opsFor(actions: readonly FileAction[], current: unknown): { ops: JsonEditOp[]; owner: Map<JsonEditOp, FileAction> } {
  const ops: JsonEditOp[] = [];
  const owner = new Map<JsonEditOp, FileAction>();
  const add = (a: FileAction, op: JsonEditOp): void => {
    ops.push(op);
    owner.set(op, a);
  };
  // Entries this batch removes (precondition holding): a rename may take such a name.
  const freed = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'remove' && isDeepStrictEqual(getAt(current, a.entry.jsonPath), a.entry.raw)) freed.add(JSON.stringify(a.entry.jsonPath));
  }
  for (const a of actions) {
    if (a.kind === 'remove') {
      add(a, { path: a.entry.jsonPath, value: undefined, expect: { value: a.entry.raw } });
    } else if (a.kind === 'rename') {
      const from = a.entry.jsonPath;
      const to = [...from.slice(0, -1), a.to];
      // Both halves or neither: checked here, on the fresh content, before any op runs.
      if (!isDeepStrictEqual(getAt(current, from), a.entry.raw)) continue;
      if (getAt(current, to) !== undefined && !freed.has(JSON.stringify(to))) continue;
      add(a, { path: to, value: a.entry.raw, expect: { value: undefined } });
      add(a, { path: from, value: undefined, expect: { value: a.entry.raw } });
    } else {
      const path = [...(a.settings.jsonPath ?? []), a.key];
      add(a, { path, value: a.to, expect: { value: a.settings[a.key] } });
    }
  }
  return { ops, owner };
}
