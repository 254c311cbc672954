import { describe, expect, it } from '@jest/globals';
import { Injectable, Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { waitFor } from '@crm/testing';
import { PollingScheduler } from '../polling-scheduler.js';

const state = { calls: 0, inFlight: false, finished: 0, pollMs: 5 };

@Injectable()
class RowsScheduler extends PollingScheduler {
  constructor() {
    super({ pollMs: state.pollMs, batchSize: 10, what: 'row(s) handled', name: 'rows' });
  }

  protected async pass(): Promise<number> {
    state.calls++;
    state.inFlight = true;
    await new Promise((resolve) => setImmediate(resolve));
    state.inFlight = false;
    state.finished++;
    return 1;
  }
}

@Module({ providers: [RowsScheduler] })
class RowsModule {}

function recordingLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: unknown, context?: unknown) => lines.push(`${level} [${String(context)}] ${String(message)}`);
  return { lines, log: record('log'), warn: record('warn'), error: record('error'), debug: () => undefined, verbose: () => undefined };
}

async function boot() {
  const logger = recordingLogger();
  // Runs the bootstrap hooks: the scheduler starts polling here.
  const app = await NestFactory.createApplicationContext(RowsModule, { logger });
  return { app, logger };
}

describe('PollingScheduler', () => {
  it('polls from application bootstrap, logs under the scheduler class name, and close waits for the pass in flight', async () => {
    Object.assign(state, { calls: 0, inFlight: false, finished: 0, pollMs: 5 });
    const { app, logger } = await boot();
    await waitFor(async () => state.finished >= 2, { timeoutMs: 5_000, description: 'two passes after bootstrap' });
    await app.close();
    expect(state.inFlight).toBe(false);
    const callsAtClose = state.calls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(state.calls).toBe(callsAtClose);
    expect(logger.lines).toContain('log [RowsScheduler] 1 row(s) handled');
  });

  it('never polls with pollMs 0', async () => {
    Object.assign(state, { calls: 0, inFlight: false, finished: 0, pollMs: 0 });
    const { app } = await boot();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await app.close();
    expect(state.calls).toBe(0);
  });
});
