import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ClockPasses } from './clock-passes.js';
import { CLOCKS_CONFIG, type ClocksConfig } from './clocks-config.js';
import { ClockSource } from './clock-source.js';

const INTERVAL_NAME = 'tickets-clock-scheduler';

/**
 * Runs the clock passes on an `@nestjs/schedule` interval. Every replica runs it: each batch is one
 * transaction over rows taken FOR UPDATE SKIP LOCKED whose `next_check_at` has come, and the alert
 * columns are set in the same transaction as the outbox rows, so two replicas never send the same
 * alert and a crash before the commit leaves it due for the next pass.
 */
@Injectable()
export class ClockScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClockScheduler.name);
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly passes: ClockPasses,
    private readonly registry: SchedulerRegistry,
    private readonly clock: ClockSource,
    @Inject(CLOCKS_CONFIG) private readonly config: ClocksConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.pollMs <= 0) return;
    this.registry.addInterval(
      INTERVAL_NAME,
      setInterval(() => {
        // A pass still running (a slow database) is not doubled by the next tick.
        if (!this.running && !this.stopped) this.running = this.tick().finally(() => (this.running = undefined));
      }, this.config.pollMs),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.passes.runAll(this.clock.now(), () => this.stopped);
      if (result.alerts > 0) this.logger.log(`clock pass: ${result.legal} legal, ${result.sla} SLA rows, ${result.alerts} alert(s)`);
    } catch (error) {
      this.logger.warn(`clock pass failed: ${(error as Error).message}`);
    }
  }
}
