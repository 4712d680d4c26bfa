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
import { copyInventory, type DiscoveryCache, type LastDiscovery } from './cache';
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

/**
 * Files a pass wrote after its discovery (removals, fixed settings), by cache. The last
 * inventory still holds what they held before, and no change event brings them back (the
 * agent knows its own writes by their bytes): the next incremental discovery reads them
 * again along with the changed files. A full discovery reads everything and clears them.
 */
const writtenSince = new WeakMap<DiscoveryCache, Set<string>>();

export function noteWritten(cache: DiscoveryCache, files: readonly string[]): void {
  if (files.length === 0) return;
  const set = writtenSince.get(cache) ?? new Set<string>();
  for (const f of files) set.add(f);
  writtenSince.set(cache, set);
}

/** A full discovery is about to read every file: nothing written earlier is pending. */
export function forgetWritten(cache: DiscoveryCache | undefined): void {
  if (cache) writtenSince.delete(cache);
}

/** Discovery for an agent pass with `fresh` files: from the last one when it can be, else in full. */
export function discoverChanged(opts: DiscoverOptions): Inventory {
  const last = opts.cache?.last(walkKey(opts));
  const written = opts.cache ? writtenSince.get(opts.cache) : undefined;
  const fresh = written ? [...(opts.fresh ?? []), ...written] : (opts.fresh ?? []);
  forgetWritten(opts.cache);
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
  const byFile = (x: { file: string }): string => x.file;
  const self = (x: string): string => x;
  const sorted = {
    entries: isInWalkOrder(last.inv.entries, byFile, rankOf),
    settings: isInWalkOrder(last.inv.settings, byFile, rankOf),
    unreadable: isInWalkOrder(last.inv.unreadable, byFile, rankOf),
    files: isInWalkOrder(last.inv.files, self, rankOf),
  };
  for (const f of files) {
    const w = last.walk.get(f)!;
    const d = newDiscovery(opts);
    d.file(f, w.role, w.scanRoot);
    const now = d.inv;
    if (now.plugins?.length || now.marketplaces?.length) return undefined;
    replace(inv.entries, f, now.entries, byFile, rankOf, sorted.entries);
    replace(inv.settings, f, now.settings, byFile, rankOf, sorted.settings);
    replace(inv.unreadable, f, now.unreadable, byFile, rankOf, sorted.unreadable);
    replace(inv.files, f, now.files, self, rankOf, sorted.files);
  }
  opts.cache?.remember(walkKey(opts), inv, last.walk);
  // A file's records put back where it ranks keep a list in walk order.
  const kept = opts.cache?.last(walkKey(opts))?.inv;
  if (kept) {
    if (sorted.entries) inWalkOrder.add(kept.entries);
    if (sorted.settings) inWalkOrder.add(kept.settings);
    if (sorted.unreadable) inWalkOrder.add(kept.unreadable);
    if (sorted.files) inWalkOrder.add(kept.files);
  }
  return inv;
}

/**
 * Lists of a remembered inventory known to be in walk order (each record's file ranked by
 * the walk). A full discovery makes them so; checked once, and every splice keeps it, so
 * later splices find a file's records by a binary search rather than a scan of the home.
 */
const inWalkOrder = new WeakSet<readonly unknown[]>();

function isInWalkOrder<T>(list: readonly T[], fileOf: (x: T) => string, rankOf: (f: string) => number): boolean {
  if (inWalkOrder.has(list)) return true;
  let prev = -Infinity;
  for (const x of list) {
    const r = rankOf(fileOf(x));
    // A record of a file the walk did not ask for has no rank: the plain scan it is.
    if (r === Infinity || r < prev) return false;
    prev = r;
  }
  return true;
}

/** First index whose file ranks at or after `rank` (the list is in walk order). */
function firstAtOrAfter<T>(list: readonly T[], rank: number, fileOf: (x: T) => string, rankOf: (f: string) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rankOf(fileOf(list[mid])) < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Replace the items of `file` in `list` by `next`, in place: where the old ones were, else
 * before the first item of a file later in walk order (items of one file are contiguous).
 * `sorted`: the list is in walk order (then both places are found by a binary search).
 */
function replace<T>(
  list: T[],
  file: string,
  next: readonly T[],
  fileOf: (x: T) => string,
  rankOf: (f: string) => number,
  sorted: boolean,
): void {
  const r = rankOf(file);
  let at = -1;
  let after = -1;
  if (sorted && r !== Infinity) {
    // The file's items, if any, are in the run of items ranked as it is.
    let i = firstAtOrAfter(list, r, fileOf, rankOf);
    for (; i < list.length && rankOf(fileOf(list[i])) === r; i++) {
      if (fileOf(list[i]) === file) {
        at = i;
        break;
      }
    }
    if (at < 0) after = i;
  } else {
    for (let i = 0; i < list.length; i++) {
      if (fileOf(list[i]) === file) {
        at = i;
        break;
      }
    }
  }
  if (at >= 0) {
    let end = at;
    while (end < list.length && fileOf(list[end]) === file) end++;
    list.splice(at, end - at, ...next);
    return;
  }
  if (next.length === 0) return;
  if (after < 0) after = list.findIndex((x) => rankOf(fileOf(x)) > r);
  list.splice(after < 0 ? list.length : after, 0, ...next);
}
