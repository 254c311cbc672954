import { describe, expect, it } from '@jest/globals';
import { FixedWindowRateLimiter } from '../fixed-window-rate-limiter.js';

describe('FixedWindowRateLimiter', () => {
  it('allows `limit` hits per key and window, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowRateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    now += 15_000;
    const fourth = limiter.hit('a');
    expect(fourth).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    now += 45_000;
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('forgets finished windows so memory follows the active keys', () => {
    let now = 0;
    const limiter = new FixedWindowRateLimiter(1, 1000, () => now);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`);
    expect(limiter.size).toBe(100);
    now = 5000;
    limiter.hit('fresh');
    expect(limiter.size).toBe(1);
  });
});
