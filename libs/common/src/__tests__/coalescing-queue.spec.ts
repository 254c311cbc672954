import { describe, expect, it } from '@jest/globals';
import { CoalescingQueue } from '../concurrency/coalescing-queue.js';

describe('CoalescingQueue', () => {
  it('handles the first call at once and the ones that arrive meanwhile together, at most maxBatch at a time, each answered alone', async () => {
    const batches: number[][] = [];
    const queue = new CoalescingQueue<number, number>(3, async (batch) => {
      batches.push(batch.map((call) => call.item));
      await Promise.resolve();
      for (const call of batch) call.resolve(call.item * 10);
    });
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.push(n)));
    expect(answers).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('rejects the calls a failed batch left unanswered, keeps the answers it gave, and goes on with the next batch', async () => {
    let first = true;
    const queue = new CoalescingQueue<string, string>(10, async (batch) => {
      if (first) {
        first = false;
        return batch[0]!.resolve('ok');
      }
      batch[0]!.resolve('answered');
      throw new Error('database down');
    });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((item) => queue.push(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'ok' },
      { status: 'fulfilled', value: 'answered' },
      { status: 'rejected', reason: new Error('database down') },
    ]);
    // The queue is not stuck after a failure.
    await expect(queue.push('d')).resolves.toBe('answered');
  });
});
