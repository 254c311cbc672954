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

  it('loads a missing value once, keeps null but not undefined, and stores nothing a change raced', async () => {
    const cache = new TtlCache<string | null>(60_000);
    let loads = 0;
    const load = (value: string | null | undefined) => async () => {
      loads++;
      return value;
    };
    expect(await cache.getOrLoad('soporte@a.co', load('tenant-a'))).toBe('tenant-a');
    expect(await cache.getOrLoad('soporte@a.co', load('other'))).toBe('tenant-a');
    expect(await cache.getOrLoad('nadie@a.co', load(null))).toBeNull();
    expect(await cache.getOrLoad('nadie@a.co', load('other'))).toBeNull();
    expect(await cache.getOrLoad('quizas@a.co', load(undefined))).toBeUndefined();
    expect(await cache.getOrLoad('quizas@a.co', load('tenant-q'))).toBe('tenant-q');
    expect(loads).toBe(4);
    const raced = cache.getOrLoad('tarde@a.co', async () => {
      cache.invalidate(); // an admin change committed while this was reading
      return 'stale';
    });
    expect(await raced).toBe('stale');
    expect(cache.get('tarde@a.co')).toBeUndefined();
  });

  it('forgets after a change, whether it committed or failed', async () => {
    const cache = new TtlCache<number>(60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(await cache.invalidatingAfter(async () => 'done', 'a')).toBe('done');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 2]);
    await expect(
      cache.invalidatingAfter(async () => {
        throw new Error('409');
      }),
    ).rejects.toThrow('409');
    expect(cache.get('b')).toBeUndefined();
  });
});
