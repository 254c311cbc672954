import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { BatchPoller } from './batch-poller.js';

/** How a {@link PollingScheduler} polls and what it logs (see {@link BatchPollerOptions}). */
export interface PollingSchedulerOptions {
  /** Pause between passes, in ms; 0 never starts the poller (the job is off in this process). */
  pollMs: number;
  /** A pass that handled this many rows may have left more: the next pass starts at once. */
  batchSize: number;
  /** Log lines: `<count> <what>` after a pass that handled rows, `<name> pass failed: …` on an error. */
  what: string;
  name: string;
}

/**
 * A Nest provider that runs a {@link BatchPoller} for the life of the application: it starts
 * polling once the application has booted and stops (waiting for the pass in flight) when the
 * module is destroyed. A scheduler extends it, passes its options to `super` and implements
 * `pass()`: one transaction over the due rows (FOR UPDATE SKIP LOCKED), returning how many it
 * handled. It logs under its own class name.
 */
export abstract class PollingScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: BatchPoller;

  protected constructor(options: PollingSchedulerOptions) {
    this.poller = new BatchPoller({ ...options, pass: () => this.pass(), logger: new Logger(new.target.name) });
  }

  /** One pass over the due rows; returns how many it handled. */
  protected abstract pass(): Promise<number>;

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.poller.stop();
  }
}
