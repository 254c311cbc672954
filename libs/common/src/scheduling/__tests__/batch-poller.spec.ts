import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@crm/testing';
import { BatchPoller } from '../batch-poller.js';

function recordingLogger() {
  const lines: string[] = [];
  return { lines, log: (message: string) => lines.push(`log ${message}`), warn: (message: string) => lines.push(`warn ${message}`) };
}

describe('BatchPoller', () => {
  it('runs the next pass at once after a full batch, waits pollMs otherwise, and logs what it handled', async () => {
    const logger = recordingLogger();
    const results = [2, 2, 1];
    const gaps: number[] = [];
    let last = 0;
    // A long poll: only "a full batch goes again at once" explains the second and third pass.
    const poller = new BatchPoller({
      pollMs: 60_000,
      batchSize: 2,
      pass: async () => {
        gaps.push(Date.now() - last);
        last = Date.now();
        return results.shift() ?? 0;
      },
      logger,
      what: 'row(s) handled',
      name: 'test',
    });
    poller.start(0);
    await waitFor(async () => results.length === 0 && logger.lines.length === 3, { timeoutMs: 5_000, description: 'three passes back to back' });
    await poller.stop();
    expect(logger.lines).toEqual(['log 2 row(s) handled', 'log 2 row(s) handled', 'log 1 row(s) handled']);
    expect(gaps).toHaveLength(3);
  });

  it('logs a failed pass and keeps polling', async () => {
    const logger = recordingLogger();
    let calls = 0;
    const poller = new BatchPoller({
      pollMs: 1,
      batchSize: 10,
      pass: async () => {
        calls++;
        if (calls === 1) throw new Error('database unavailable');
        return 0;
      },
      logger,
      what: 'row(s)',
      name: 'reminders',
    });
    poller.start();
    await waitFor(async () => calls >= 2, { timeoutMs: 5_000, description: 'a pass after the failure' });
    await poller.stop();
    expect(logger.lines[0]).toBe('warn reminders pass failed: database unavailable');
  });

  it('never starts with pollMs 0, and stop waits for nothing', async () => {
    let calls = 0;
    const poller = new BatchPoller({ pollMs: 0, batchSize: 1, pass: async () => ++calls, logger: recordingLogger(), what: 'x', name: 'off' });
    poller.start();
    await poller.stop();
    expect(calls).toBe(0);
  });
});
