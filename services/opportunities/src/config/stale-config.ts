import { loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

export const STALE_ENV = {
  STALE_POLL_MS: { kind: 'int', default: '60000', description: 'How often opportunities looks for stale deals, in ms (0 turns the scheduler off in this process)' },
  STALE_BATCH: { kind: 'int', default: '500', description: 'Stale deals flagged per transaction' },
} as const satisfies EnvSpec;

export const STALE_CONFIG = Symbol('opportunities:staleConfig');

export interface StaleConfig {
  pollMs: number;
  batchSize: number;
}

/** Read at start; a malformed value stops the service with a message naming the variable. */
export function loadStaleConfig(env: NodeJS.ProcessEnv = process.env): StaleConfig {
  const config: LoadedConfig<typeof STALE_ENV> = loadConfig(STALE_ENV, env);
  const pollMs = config.STALE_POLL_MS ?? 60_000;
  const batchSize = config.STALE_BATCH ?? 500;
  if (pollMs < 0 || pollMs > 3_600_000) throw new Error(`STALE_POLL_MS must be between 0 and 3600000 ms (got ${pollMs})`);
  if (batchSize < 1 || batchSize > 5000) throw new Error(`STALE_BATCH must be between 1 and 5000 (got ${batchSize})`);
  return { pollMs, batchSize };
}
