/**
 * A small in-process cache of values that change rarely (a tenant's calendars, legal terms, SLA
 * policies, its portal key), each kept for `ttlMs` and dropped at once by {@link invalidate} when
 * this process changes it. Another replica's change is seen after at most `ttlMs`. `ttlMs` 0
 * turns caching off.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  /** Bumped by every invalidation, so a value read before it is not stored after it. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Take it before reading the value from the database; {@link set} then ignores a value an invalidation made stale meanwhile. */
  token(): number {
    return this.generation;
  }

  set(key: string, value: V, token = this.generation): void {
    if (this.ttlMs <= 0 || token !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }

  invalidate(key?: string): void {
    this.generation += 1;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  /**
   * The cached value, else what `load` reads, kept unless an invalidation happened meanwhile.
   * `load` answering undefined (or throwing) keeps nothing.
   */
  async getOrLoad(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const token = this.token();
    const value = await load();
    if (value !== undefined) this.set(key, value, token);
    return value;
  }

  /** Runs a change of what is cached (its own transaction), then forgets `key` (or everything) whether it committed or failed. */
  async invalidatingAfter<T>(change: () => Promise<T>, key?: string): Promise<T> {
    try {
      return await change();
    } finally {
      this.invalidate(key);
    }
  }
}
