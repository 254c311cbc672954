import { Logger } from '@nestjs/common';
import type { CloudEvent } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import type { InboxService } from './inbox.service.js';

export interface InboxBatcherOptions {
  /** Inbox consumer name of the batch (one name: the batch's work covers every event). */
  consumer: string;
  /** Flush when this many events wait (default 500). */
  maxBatch?: number;
  /** Flush at most this long after the first event of a batch arrived (default 25 ms). */
  maxWaitMs?: number;
}

interface Pending<E> {
  event: E;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Batched consumption on top of the inbox: an `@EventPattern` handler calls `submit(event)` and
 * awaits it; events collect until `maxBatch` or `maxWaitMs`, then one transaction records their
 * inbox rows and runs `work` on the fresh ones (InboxService.handleBatch). Each submit resolves
 * only after that commit, so the transport acks a message only once its effect is durable; a
 * failed batch is retried one event per transaction, so a bad event fails (and goes to its retry
 * tier) alone. Batches run one at a time per batcher: the work may assume no concurrent batch of
 * this process (replicas still need row locks); events that arrive while a batch runs form the
 * next one, which starts as soon as it ends. The service's `prefetch` bounds how many events
 * can wait, so set it to a few batches' worth.
 */
export class InboxBatcher<E extends CloudEvent = CloudEvent> {
  private readonly log: Logger;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private waiting: Pending<E>[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly inbox: InboxService,
    private readonly options: InboxBatcherOptions,
    private readonly work: (em: EntityManager, events: E[]) => Promise<void>,
  ) {
    this.log = new Logger(`InboxBatcher(${options.consumer})`);
    this.maxBatch = options.maxBatch ?? 500;
    this.maxWaitMs = options.maxWaitMs ?? 25;
  }

  submit(event: E): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /**
   * Runs the waiting events now, unless a batch is running: then they keep collecting and go as
   * the next batch the moment it ends (so a burst that arrives during a batch shares one
   * transaction instead of queueing as many small ones).
   */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0 || this.running) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.running = true;
    void this.run(batch).finally(() => {
      this.running = false;
      if (this.waiting.length > 0) this.flush();
    });
  }

  private async run(batch: Pending<E>[]): Promise<void> {
    try {
      await this.inbox.handleBatch(
        batch.map((p) => p.event),
        this.options.consumer,
        this.work,
      );
      for (const p of batch) p.resolve();
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      this.log.warn(`a batch of ${batch.length} failed (${(err as Error).message}); applying its events one by one`);
      for (const p of batch) {
        try {
          await this.inbox.handleBatch([p.event], this.options.consumer, this.work);
          p.resolve();
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }
}
