import { loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

export const CLOCKS_ENV = {
  TICKETS_CLOCK_POLL_MS: {
    kind: 'int',
    default: '10000',
    description: 'How often the tickets clock scheduler looks for due alerts and recomputations, in ms (0 turns it off in this process)',
  },
  TICKETS_CLOCK_BATCH: { kind: 'int', default: '500', description: 'Clock rows handled per scheduler transaction' },
  TICKETS_LEGAL_DUE_SOON_DAYS: { kind: 'int', default: '3', description: 'Business days before the legal due date when the due-soon alert is sent' },
} as const satisfies EnvSpec;

export const CLOCKS_CONFIG = Symbol('tickets:clocksConfig');

export interface ClocksConfig {
  pollMs: number;
  batchSize: number;
  dueSoonDays: number;
}

/** Read at start; a malformed value stops the service with a message naming the variable. */
export function loadClocksConfig(env: NodeJS.ProcessEnv = process.env): ClocksConfig {
  const config: LoadedConfig<typeof CLOCKS_ENV> = loadConfig(CLOCKS_ENV, env);
  const pollMs = config.TICKETS_CLOCK_POLL_MS ?? 10000;
  const batchSize = config.TICKETS_CLOCK_BATCH ?? 500;
  const dueSoonDays = config.TICKETS_LEGAL_DUE_SOON_DAYS ?? 3;
  if (pollMs < 0 || pollMs > 3_600_000) throw new Error(`TICKETS_CLOCK_POLL_MS must be between 0 and 3600000 ms (got ${pollMs})`);
  if (batchSize < 1 || batchSize > 5000) throw new Error(`TICKETS_CLOCK_BATCH must be between 1 and 5000 (got ${batchSize})`);
  if (dueSoonDays < 0 || dueSoonDays > 30) throw new Error(`TICKETS_LEGAL_DUE_SOON_DAYS must be between 0 and 30 (got ${dueSoonDays})`);
  return { pollMs, batchSize, dueSoonDays };
}
