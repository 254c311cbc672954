import { loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

export const NOTE_REMINDER_ENV = {
  NOTE_REMINDER_POLL_MS: {
    kind: 'int',
    default: '5000',
    description: 'How often contacts looks for note reminders that are due, in ms (0 turns the scheduler off in this process)',
  },
  NOTE_REMINDER_BATCH: { kind: 'int', default: '200', description: 'Due reminders published per transaction' },
} as const satisfies EnvSpec;

export const NOTE_REMINDER_CONFIG = Symbol('contacts:noteReminderConfig');

export interface NoteReminderConfig {
  pollMs: number;
  batchSize: number;
}

/** Read at start; a malformed value stops the service with a message naming the variable. */
export function loadNoteReminderConfig(env: NodeJS.ProcessEnv = process.env): NoteReminderConfig {
  const config: LoadedConfig<typeof NOTE_REMINDER_ENV> = loadConfig(NOTE_REMINDER_ENV, env);
  const pollMs = config.NOTE_REMINDER_POLL_MS ?? 5000;
  const batchSize = config.NOTE_REMINDER_BATCH ?? 200;
  if (pollMs < 0 || pollMs > 3_600_000) throw new Error(`NOTE_REMINDER_POLL_MS must be between 0 and 3600000 ms (got ${pollMs})`);
  if (batchSize < 1 || batchSize > 5000) throw new Error(`NOTE_REMINDER_BATCH must be between 1 and 5000 (got ${batchSize})`);
  return { pollMs, batchSize };
}
