// Discovery cache for the agent, which runs passes again and again: a file whose stat
// signature (device, inode, size, mtime, ctime) has not changed is not read or parsed
// again. Only the extracted records are kept, never a parsed 20 MB `.claude.json`.
// It also keeps the last full discovery (its inventory and the files its walk asked
// for), from which an incremental pass re-reads only the files that changed
// (src/discovery/incremental.ts).
import type { Inventory, UnreadableFile } from '../inventory/types';
import type { WalkedFile } from './walk';
import type { FileScan } from './file-entries';

export type CachedScan = { sig: string; scan: FileScan } | { sig: string; unreadable: UnreadableFile };

/** The last discovery: what it found, and every file its walk asked for, in walk order. */
export interface LastDiscovery {
  key: string;
  inv: Inventory;
  walk: ReadonlyMap<string, WalkedFile>;
}

/** A copy whose arrays can be changed without touching the original (records are shared). */
export function copyInventory(inv: Inventory): Inventory {
  const out: Inventory = {
    ...inv,
    entries: [...inv.entries],
    settings: [...inv.settings],
    unreadable: [...inv.unreadable],
    files: [...inv.files],
  };
  if (inv.plugins) out.plugins = [...inv.plugins];
  if (inv.marketplaces) out.marketplaces = [...inv.marketplaces];
  return out;
}

export class DiscoveryCache {
  private readonly items = new Map<string, CachedScan>();
  private lastDiscovery: LastDiscovery | undefined;

  get(key: string, sig: string): CachedScan | undefined {
    const hit = this.items.get(key);
    return hit?.sig === sig ? hit : undefined;
  }

  set(key: string, value: CachedScan): void {
    this.items.set(key, value);
  }

  /** Drop entries for files not seen in the last pass. */
  retain(keys: ReadonlySet<string>): void {
    for (const k of this.items.keys()) if (!keys.has(k)) this.items.delete(k);
  }

  /** Keep a discovery (a copy: the caller may change the arrays it got). */
  /** `key`: discover.ts walkKey() of the options it ran with. */
  remember(key: string, inv: Inventory, walk: ReadonlyMap<string, WalkedFile>): void {
    this.lastDiscovery = { key, inv: copyInventory(inv), walk };
  }

  /** The last discovery made with these options, if any. */
  last(key: string): LastDiscovery | undefined {
    return this.lastDiscovery?.key === key ? this.lastDiscovery : undefined;
  }

  get size(): number {
    return this.items.size;
  }
}
