import { describe, expect, it } from '@jest/globals';
import { waitFor, WaitForTimeoutError } from '../wait-for.js';

describe('waitFor', () => {
  it('returns the first truthy value the probe gives', async () => {
    let calls = 0;
    const value = await waitFor(async () => (++calls >= 3 ? { calls } : undefined), { intervalMs: 5 });
    expect(value).toEqual({ calls: 3 });
  });

  it('keeps polling through probe errors', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls++;
        if (calls < 3) throw new Error('not yet');
        return 'ready';
      },
      { intervalMs: 5 },
    );
    expect(value).toBe('ready');
  });

  it('fails at the deadline with a message naming what it waited for and the last error', async () => {
    const failure = waitFor(
      async () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 200, intervalMs: 20, description: 'the welcome e-mail' },
    );
    await expect(failure).rejects.toBeInstanceOf(WaitForTimeoutError);
    await expect(failure).rejects.toThrow('Timed out after 200 ms waiting for the welcome e-mail (last error: connection refused)');
  });

  it('treats false, null and 0 as "not yet"', async () => {
    await expect(waitFor(async () => false, { timeoutMs: 50, intervalMs: 10 })).rejects.toThrow(/waiting for condition/);
  });
});
