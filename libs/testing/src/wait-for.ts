export interface WaitForOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between probes (default 50 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout message: "the welcome e-mail", "the outbox to drain". */
  description?: string;
}

export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';
}

/**
 * Polls `probe` until it returns something truthy and returns that value; throws after the
 * deadline, naming what was awaited and the probe's last error. Tests use this instead of
 * sleeping for a fixed time.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, opts: WaitForOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 50;
  const description = opts.description ?? 'condition';
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : lastError !== undefined ? ` (last error: ${String(lastError)})` : '';
      throw new WaitForTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${description}${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, remaining)));
  }
}
