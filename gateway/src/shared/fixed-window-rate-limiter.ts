export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window of this key resets (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Counts hits per key in fixed one-window buckets, in memory. Enough for one gateway replica;
 * several replicas each allow `limit` (a shared store such as Postgres or Redis would fix that).
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): RateLimitDecision {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    return { allowed: window.count <= this.limit, remaining: Math.max(0, this.limit - window.count), retryAfterSeconds };
  }

  get size(): number {
    return this.windows.size;
  }

  /** Drops finished windows at most once per window length, so memory follows the active keys. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
