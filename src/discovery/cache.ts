// Discovery cache for the agent, which runs passes again and again: a file whose stat
// signature (device, inode, size, mtime, ctime) has not changed is not read or parsed
// again. Only the extracted records are kept, never a parsed 20 MB `.claude.json`.
import type { UnreadableFile } from '../inventory/types';
import type { FileScan } from './file-entries';

export type CachedScan = { sig: string; scan: FileScan } | { sig: string; unreadable: UnreadableFile };

export class DiscoveryCache {
  private readonly items = new Map<string, CachedScan>();

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

  get size(): number {
    return this.items.size;
  }
}
