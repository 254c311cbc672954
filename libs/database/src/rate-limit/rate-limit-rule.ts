/** One limit: at most `limit` hits per key in any `windowSeconds` (sliding window). */
export interface RateLimitRule {
  /** What is counted, e.g. `login-ip`, `public`, `web-form`; keys of different scopes never mix. */
  scope: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Estimated hits in the last window, this one included (previous window weighted by overlap). */
  count: number;
  /** When refused: seconds until a hit would be allowed again (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Sliding-window estimate from two fixed windows: the previous window's hits weighted by how
 * much of it still overlaps the last `windowSeconds`, plus the current window's hits.
 */
export function slidingDecision(rule: RateLimitRule, hits: number, previousHits: number, elapsedSeconds: number): RateLimitDecision {
  const window = rule.windowSeconds;
  const overlap = Math.max(0, 1 - elapsedSeconds / window);
  const count = previousHits * overlap + hits;
  if (count <= rule.limit) return { allowed: true, count, retryAfterSeconds: 0 };
  let wait: number;
  if (hits > rule.limit) {
    // Over on this window alone: wait for it to end, then for its weight to fall below the limit.
    wait = window - elapsedSeconds + window * (1 - rule.limit / hits);
  } else {
    // The previous window's weight tips it over: wait until enough of it has slid out.
    wait = window * (1 - (rule.limit - hits) / previousHits) - elapsedSeconds;
  }
  return { allowed: false, count, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}
