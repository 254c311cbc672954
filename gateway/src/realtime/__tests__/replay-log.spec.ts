import { describe, expect, it } from '@jest/globals';
import { ReplayLog } from '../replay-log.js';

const frame = (text: string) => Buffer.from(text);
const limits = { perTopic: 3, maxAgeMs: 60_000, total: 100, maxBytes: 1_000_000 };

describe('ReplayLog', () => {
  it('replays what a topic got after the last id, in order, and records a repeated id once', () => {
    const log = new ReplayLog(limits);
    log.append('e1', [{ key: 'a', frame: frame('1') }]);
    log.append('e2', [{ key: 'b', frame: frame('2') }]);
    log.append('e3', [
      { key: 'a', frame: frame('3a') },
      { key: 'b', frame: frame('3b') },
    ]);
    expect(log.append('e3', [{ key: 'a', frame: frame('again') }])).toBeUndefined();
    const since = log.since('a', 'e1');
    expect(since.gap).toBe(false);
    expect(since.entries.map((entry) => entry.frame.toString())).toEqual(['3a']);
    // The last id may be an event of another topic: order is this replica's arrival order.
    expect(log.since('a', 'e2').entries.map((entry) => entry.id)).toEqual(['e3']);
  });

  it('reports a gap when the per-topic bound dropped something after the last id, or the id is unknown', () => {
    const log = new ReplayLog(limits);
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) log.append(id, [{ key: 'a', frame: frame(id) }]);
    // Kept: e3, e4, e5 (3 per topic); after e1 the client missed e2, which is gone.
    expect(log.since('a', 'e1')).toMatchObject({ gap: true });
    expect(log.since('a', 'e1').entries.map((entry) => entry.id)).toEqual(['e3', 'e4', 'e5']);
    expect(log.since('a', 'e2')).toMatchObject({ gap: false });
    expect(log.since('a', 'nope')).toEqual({ entries: [], gap: true });
  });

  it('forgets events older than the age bound and beyond the byte bound', () => {
    let now = 0;
    const log = new ReplayLog({ ...limits, perTopic: 100, maxAgeMs: 1000 }, () => now);
    log.append('old', [{ key: 'a', frame: frame('old') }]);
    now = 500;
    log.append('mid', [{ key: 'a', frame: frame('mid') }]);
    now = 1200;
    log.append('new', [{ key: 'a', frame: frame('new') }]);
    expect(log.has('old')).toBe(false);
    expect(log.since('a', 'mid').entries.map((entry) => entry.id)).toEqual(['new']);

    const small = new ReplayLog({ ...limits, perTopic: 100, maxBytes: 10 });
    small.append('x1', [{ key: 'a', frame: frame('123456') }]);
    small.append('x2', [{ key: 'a', frame: frame('123456') }]);
    expect(small.heldBytes).toBe(6);
    expect(small.has('x1')).toBe(false);
  });
});
