import { describe, expect, it } from '@jest/globals';
import { TtlCache } from '../ttl-cache.js';

describe('TtlCache', () => {
  it('keeps a value until it is invalidated', () => {
    const cache = new TtlCache<string>(60_000);
    cache.set('tenant-a', 'calendario');
    expect(cache.get('tenant-a')).toBe('calendario');
    cache.invalidate('tenant-a');
    expect(cache.get('tenant-a')).toBeUndefined();
  });

  it('does not store a value read before an invalidation (the read may be stale)', () => {
    const cache = new TtlCache<string>(60_000);
    const token = cache.token();
    cache.invalidate('tenant-b'); // an admin change committed while the value was being read
    cache.set('tenant-a', 'old', token);
    expect(cache.get('tenant-a')).toBeUndefined();
    cache.set('tenant-a', 'new', cache.token());
    expect(cache.get('tenant-a')).toBe('new');
  });

  it('forgets everything at once, and caches nothing with a TTL of 0', () => {
    const cache = new TtlCache<number>(60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.invalidate();
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
    const off = new TtlCache<number>(0);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });

  it('drops the oldest entry beyond its size bound', () => {
    const cache = new TtlCache<number>(60_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});
