/**
 * Fixed one-minute windows per key (client IP + form). In memory, per process: behind the
 * gateway's own per-IP limit it only has to stop one form being flooded; with N replicas the
 * effective limit is N × the configured one.
 */
export class FormRateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limitPerMinute: number,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 50_000,
  ) {}

  hit(key: string, now = Date.now()): { allowed: boolean; retryAfterSeconds: number } {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= this.maxKeys) this.prune(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { allowed: window.count <= this.limitPerMinute, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  /** Bounded memory: expired windows go; if all are live, the oldest half goes. */
  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    if (this.windows.size < this.maxKeys) return;
    let drop = Math.floor(this.windows.size / 2);
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}

/** `WEB_FORM_RATE_LIMIT` (submissions per minute per IP and form, default 20), validated at start. */
export function formRateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WEB_FORM_RATE_LIMIT;
  if (raw === undefined || raw === '') return 20;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`WEB_FORM_RATE_LIMIT must be a positive integer (got "${raw}")`);
  return value;
}
