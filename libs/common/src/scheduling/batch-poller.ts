/** What a poller logs: Nest's Logger fits. */
export interface PollerLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface BatchPollerOptions {
  /** Pause between passes, in ms; 0 never starts the poller (the job is off in this process). */
  pollMs: number;
  /** A pass that handled this many rows may have left more: the next pass starts at once. */
  batchSize: number;
  /** One pass over the due rows; returns how many it handled. */
  pass: () => Promise<number>;
  logger: PollerLogger;
  /** Log lines: `<count> <what>` after a pass that handled rows, `<name> pass failed: …` on an error. */
  what: string;
  name: string;
}

/**
 * The loop every "lock due rows FOR UPDATE SKIP LOCKED, handle them, commit" job shares: a pass
 * every `pollMs`, straight again after a full batch, errors logged and retried on the next pass,
 * and a stop that waits for the pass in flight. Replicas can all run it; the SKIP LOCKED pass
 * decides who handles which row.
 */
export class BatchPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: BatchPollerOptions) {}

  /** The first pass comes after `pollMs` unless told otherwise. */
  start(firstDelayMs = this.options.pollMs): void {
    if (this.options.pollMs > 0) this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let handled = 0;
    try {
      handled = await this.options.pass();
      if (handled > 0) this.options.logger.log(`${handled} ${this.options.what}`);
    } catch (error) {
      this.options.logger.warn(`${this.options.name} pass failed: ${(error as Error).message}`);
    }
    this.schedule(handled >= this.options.batchSize ? 0 : this.options.pollMs);
  }
}
