import { describe, expect, it } from '@jest/globals';
import { slidingDecision } from '../rate-limit/rate-limit-rule.js';

const rule = { scope: 't', limit: 10, windowSeconds: 60 };

describe('slidingDecision', () => {
  it('allows up to the limit within one window', () => {
    expect(slidingDecision(rule, 10, 0, 30)).toMatchObject({ allowed: true, count: 10 });
    expect(slidingDecision(rule, 11, 0, 30)).toMatchObject({ allowed: false });
  });

  it('weighs the previous window by how much of it still overlaps', () => {
    // 20 hits last window, a quarter of the way into this one: 20 × 0.75 + 1 = 16 > 10.
    const early = slidingDecision(rule, 1, 20, 15);
    expect(early).toMatchObject({ allowed: false, count: 16 });
    // Allowed again once 20 × (1 - t/60) + 1 <= 10, i.e. t >= 33 s: 18 s from now.
    expect(early.retryAfterSeconds).toBe(18);
    expect(slidingDecision(rule, 1, 20, 33).allowed).toBe(true);
  });

  it('asks a client over the limit on this window alone to wait for it to end and fade', () => {
    // 20 hits, 10 s in: 50 s to the end, then 20 × (1 - t/60) <= 10 needs t >= 30 s.
    expect(slidingDecision(rule, 20, 0, 10).retryAfterSeconds).toBe(80);
  });
});
