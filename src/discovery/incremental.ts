// An incremental discovery: the agent reacts to a few changed files, and walking every
// project again (a stat, a realpath, an exists for each of thousands of candidate files)
// would make a change in one project cost as much as the whole home. When every changed
// file is one the last full walk asked for, in a role whose content affects nothing but
// its own records, only those files are read again and their records replace the old
// ones in the last inventory; anything else (a `.claude.json`, which lists the projects;
// plugin files and plugin enablements; a link; a file the walk never asked for) falls back
// to a full discovery. The periodic full pass still walks everything.
import * as fs from 'node:fs';
import type { Inventory } from '../inventory/types';
import { copyInventory, type LastDiscovery } from './cache';
import { discover, newDiscovery, walkKey, type DiscoverOptions } from './discover';
import type { Role } from './walk';

/** Roles whose file yields its own entries and settings and nothing the walk depends on. */
const LEAF_ROLES: ReadonlySet<Role['kind']> = new Set(['mcp-json', 'project-settings', 'local-settings', 'user-settings', 'client']);

/** The file is reached by its own path (or is missing): nothing on the way is a link. */
function plainOrMissing(file: string): boolean {
  try {
    if (fs.statSync(file, { throwIfNoEntry: false }) === undefined) return true;
    return fs.realpathSync.native(file) === file;
  } catch {
    return false;
  }
}

/** Discovery for an agent pass with `fresh` files: from the last one when it can be, else in full. */
export function discoverChanged(opts: DiscoverOptions): Inventory {
  const last = opts.cache?.last(walkKey(opts));
  const fresh = opts.fresh ?? [];
  if (!last || fresh.length === 0) return discover(opts);
  return splice(opts, last, fresh) ?? discover(opts);
}

function touchesPlugins(inv: Inventory, file: string): boolean {
  return (inv.plugins ?? []).some((p) => p.file === file) || (inv.marketplaces ?? []).some((m) => m.file === file);
}

/** The last inventory with the records of `fresh` read again; undefined when it cannot be. */
function splice(opts: DiscoverOptions, last: LastDiscovery, fresh: readonly string[]): Inventory | undefined {
  const files = [...new Set(fresh)];
  for (const f of files) {
    const w = last.walk.get(f);
    if (!w || !w.plain || !LEAF_ROLES.has(w.role.kind) || touchesPlugins(last.inv, f) || !plainOrMissing(f)) return undefined;
  }
  // Walk order: new records go where a full walk would have put them.
  const rankOf = (f: string): number => last.walk.get(f)?.order ?? Infinity;
  const inv = copyInventory(last.inv);
  for (const f of files) {
    const w = last.walk.get(f)!;
    const d = newDiscovery(opts);
    d.file(f, w.role, w.scanRoot);
    const now = d.inv;
    if (now.plugins?.length || now.marketplaces?.length) return undefined;
    replace(inv.entries, f, now.entries, (x) => x.file, rankOf);
    replace(inv.settings, f, now.settings, (x) => x.file, rankOf);
    replace(inv.unreadable, f, now.unreadable, (x) => x.file, rankOf);
    replace(inv.files, f, now.files, (x) => x, rankOf);
  }
  opts.cache?.remember(walkKey(opts), inv, last.walk);
  return inv;
}

/**
 * Replace the items of `file` in `list` by `next`, in place: where the old ones were, else
 * before the first item of a file later in walk order (items of one file are contiguous).
 */
function replace<T>(list: T[], file: string, next: readonly T[], fileOf: (x: T) => string, rankOf: (f: string) => number): void {
  let at = list.findIndex((x) => fileOf(x) === file);
  if (at >= 0) {
    let end = at;
    while (end < list.length && fileOf(list[end]) === file) end++;
    list.splice(at, end - at, ...next);
    return;
  }
  if (next.length === 0) return;
  const r = rankOf(file);
  at = list.findIndex((x) => rankOf(fileOf(x)) > r);
  list.splice(at < 0 ? list.length : at, 0, ...next);
}
