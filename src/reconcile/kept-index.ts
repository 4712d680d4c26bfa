// A key → item lookup over an array, kept across the agent's passes. Each pass hands a new
// array (the last inventory with the changed files' records replaced), which shares its
// start and its end with the last one, item for item. Only the changed middle is taken out
// of and put into the map, so a change in one project does not rebuild a map over every
// entry of a 10,000-project home. The result is always the map `new Map(items.map(...))`
// would build (the last item of a key wins): with a key held twice it is simply rebuilt.
export class KeptIndex<T> {
  private items: readonly T[] = [];
  private map = new Map<string, T>();
  /** Whether `items` holds a key twice (then every call rebuilds: rare, and always right). */
  private dup = false;

  constructor(private readonly keyOf: (x: T) => string) {}

  of(items: readonly T[]): ReadonlyMap<string, T> {
    const prev = this.items;
    if (items === prev) return this.map;
    this.items = items;
    if (this.dup || !this.patch(prev, items)) this.rebuild(items);
    return this.map;
  }

  private rebuild(items: readonly T[]): void {
    this.map = new Map(items.map((x) => [this.keyOf(x), x]));
    this.dup = this.map.size !== items.length;
  }

  /** Replace the changed middle in place; false when a full rebuild is the way (or cheaper). */
  private patch(prev: readonly T[], items: readonly T[]): boolean {
    const max = Math.min(prev.length, items.length);
    let head = 0;
    while (head < max && prev[head] === items[head]) head++;
    let tail = 0;
    while (tail < max - head && prev[prev.length - 1 - tail] === items[items.length - 1 - tail]) tail++;
    const gone = prev.slice(head, prev.length - tail);
    const added = items.slice(head, items.length - tail);
    if (gone.length + added.length > items.length / 2) return false;
    for (const x of gone) {
      const k = this.keyOf(x);
      // Not the item the map holds for its key: that key is held twice.
      if (this.map.get(k) !== x) return false;
      this.map.delete(k);
    }
    for (const x of added) {
      const k = this.keyOf(x);
      // Already there (kept at the start or the end, or twice in the middle): a key held twice.
      if (this.map.has(k)) return false;
      this.map.set(k, x);
    }
    return true;
  }
}
