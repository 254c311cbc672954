import { loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

export const REPORTING_ENV = {
  REPORTING_TIME_ZONE: {
    kind: 'string',
    default: 'America/Bogota',
    description: 'IANA time zone that decides which calendar day a contact was created on ("today", "last 30 days")',
  },
} as const satisfies EnvSpec;

export type ReportingConfig = LoadedConfig<typeof REPORTING_ENV> & { REPORTING_TIME_ZONE: string };

export const REPORTING_CONFIG = Symbol('reporting:config');

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  const config = loadConfig(REPORTING_ENV, env);
  const timeZone = config.REPORTING_TIME_ZONE ?? 'America/Bogota';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new Error(`REPORTING_TIME_ZONE "${timeZone}" is not an IANA time zone (e.g. America/Bogota, UTC)`);
  }
  return { ...config, REPORTING_TIME_ZONE: timeZone };
}
