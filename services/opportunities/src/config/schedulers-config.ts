import { loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

export const SCHEDULERS_ENV = {
  ACTIVITY_REMINDER_MINUTES: {
    kind: 'int',
    default: '15',
    description: 'Minutes before its due time an activity is reminded when it does not say (reminderMinutesBefore); 0 = at the due time',
  },
  REMINDERS_POLL_MS: { kind: 'int', default: '30000', description: 'How often opportunities publishes due activity and note reminders, in ms (0 turns them off in this process)' },
  REMINDERS_BATCH: { kind: 'int', default: '500', description: 'Reminders published per transaction' },
  QUOTE_EXPIRY_POLL_MS: { kind: 'int', default: '60000', description: 'How often opportunities marks sent quotes past their validity date as expired, in ms (0 = off)' },
  QUOTE_TIME_ZONE: { kind: 'string', default: 'America/Bogota', description: "The tenants' time zone for quote validity until a tenant sets its own (PUT /quote-settings)" },
} as const satisfies EnvSpec;

export const SCHEDULERS_CONFIG = Symbol('opportunities:schedulersConfig');

export interface SchedulersConfig {
  activityReminderMinutes: number;
  remindersPollMs: number;
  remindersBatch: number;
  quoteExpiryPollMs: number;
  quoteTimeZone: string;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Read at start; a malformed value stops the service with a message naming the variable. */
export function loadSchedulersConfig(env: NodeJS.ProcessEnv = process.env): SchedulersConfig {
  const config: LoadedConfig<typeof SCHEDULERS_ENV> = loadConfig(SCHEDULERS_ENV, env);
  const result: SchedulersConfig = {
    activityReminderMinutes: config.ACTIVITY_REMINDER_MINUTES ?? 15,
    remindersPollMs: config.REMINDERS_POLL_MS ?? 30_000,
    remindersBatch: config.REMINDERS_BATCH ?? 500,
    quoteExpiryPollMs: config.QUOTE_EXPIRY_POLL_MS ?? 60_000,
    quoteTimeZone: config.QUOTE_TIME_ZONE?.trim() || 'America/Bogota',
  };
  if (result.activityReminderMinutes < 0 || result.activityReminderMinutes > 10_080)
    throw new Error(`ACTIVITY_REMINDER_MINUTES must be between 0 and 10080 (got ${result.activityReminderMinutes})`);
  for (const [name, value] of [
    ['REMINDERS_POLL_MS', result.remindersPollMs],
    ['QUOTE_EXPIRY_POLL_MS', result.quoteExpiryPollMs],
  ] as const) {
    if (value < 0 || value > 3_600_000) throw new Error(`${name} must be between 0 and 3600000 ms (got ${value})`);
  }
  if (result.remindersBatch < 1 || result.remindersBatch > 5000) throw new Error(`REMINDERS_BATCH must be between 1 and 5000 (got ${result.remindersBatch})`);
  if (!isTimeZone(result.quoteTimeZone)) throw new Error(`QUOTE_TIME_ZONE must be an IANA time zone such as America/Bogota (got "${result.quoteTimeZone}")`);
  return result;
}
