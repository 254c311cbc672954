/** One call waiting in a {@link CoalescingQueue}: what it asked for, and how to answer it alone. */
export interface Waiting<I, O> {
  item: I;
  resolve: (outcome: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Calls that arrive while a batch is being handled wait and are handled together by the next one
 * (at most `maxBatch` at a time), so a burst shares one database statement or transaction instead
 * of one each. `handle` answers each call of its batch (resolve or reject); when it throws, every
 * call of the batch it has not answered is rejected with that error. One batch at a time.
 */
export class CoalescingQueue<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private draining = false;

  constructor(
    private readonly maxBatch: number,
    private readonly handle: (batch: Waiting<I, O>[]) => Promise<void>,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          await this.handle(batch);
        } catch (error) {
          // Settling a promise twice is a no-op: calls already answered keep their answer.
          for (const call of batch) call.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
