import { ConfigValidationError, loadConfig, type EnvSpec, type LoadedConfig } from '@crm/common';

/** Variables the tickets service reads besides the common ones (validated at start by runService, with CLOCKS_ENV). */
export const TICKETS_ENV = {
  RADICADO_PREFIX: { kind: 'string', default: 'PQR', description: 'Prefix of the radicado, 1-10 capital letters or digits: PQR-2026-000042' },
  RADICADO_TIME_ZONE: {
    kind: 'string',
    default: 'America/Bogota',
    description: 'IANA time zone whose year numbers the radicado (1 January 00:30 in Bogotá is already the new series)',
  },
  PUBLIC_TRACKING_URL_BASE: {
    kind: 'url',
    protocols: ['http', 'https'],
    description: 'Public tracking page; requesters get <base>/<radicado>?token=<token> by e-mail. Unset: no link is sent',
  },
  TRACKING_TOKEN_SECRET: { kind: 'secret', minLength: 32, description: 'Key of the public tracking tokens (HMAC); defaults to JWT_SECRET' },
  TICKET_ATTACHMENT_MAX_BYTES: { kind: 'int', default: String(10 * 1024 * 1024), description: 'Largest attachment accepted, in bytes' },
  TICKET_EXPORT_MAX_ROWS: { kind: 'int', default: '50000', description: 'Most rows one CSV/XLSX export returns' },
  TICKETS_SETTINGS_CACHE_MS: {
    kind: 'int',
    default: '5000',
    description:
      'How long a process keeps a tenant’s calendars, legal terms, SLA policies and PQR portal key, in ms (changes made through this process apply at once; another replica’s after this long; 0 turns the cache off)',
  },
} as const satisfies EnvSpec;

export const TICKETS_CONFIG = Symbol('tickets:config');

export interface TicketsSettings {
  radicadoPrefix: string;
  radicadoTimeZone: string;
  trackingUrlBase: string | null;
  trackingSecret: string;
  attachmentMaxBytes: number;
  exportMaxRows: number;
  settingsCacheMs: number;
}

const cachedByEnv = new WeakMap<NodeJS.ProcessEnv, TicketsSettings>();

/**
 * Read at start through the injected TICKETS_CONFIG; malformed or out-of-range values stop the
 * service with one error naming each of them. Answers the same object for the same environment.
 */
export function loadTicketsConfig(env: NodeJS.ProcessEnv = process.env): TicketsSettings {
  const known = cachedByEnv.get(env);
  if (known) return known;
  const config: LoadedConfig<typeof TICKETS_ENV> = loadConfig(TICKETS_ENV, env);
  const problems: string[] = [];
  const prefix = (config.RADICADO_PREFIX ?? 'PQR').trim();
  if (!/^[A-Z0-9]{1,10}$/.test(prefix)) problems.push(`RADICADO_PREFIX must be 1-10 capital letters or digits (got "${prefix}")`);
  const zone = (config.RADICADO_TIME_ZONE ?? 'America/Bogota').trim();
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    problems.push(`RADICADO_TIME_ZONE must be an IANA time zone (got "${zone}")`);
  }
  const secret = config.TRACKING_TOKEN_SECRET?.trim() || env.JWT_SECRET || '';
  if (secret.length < 32) problems.push('TRACKING_TOKEN_SECRET (or JWT_SECRET) must be at least 32 characters');
  const attachmentMaxBytes = config.TICKET_ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024;
  if (attachmentMaxBytes <= 0) problems.push(`TICKET_ATTACHMENT_MAX_BYTES must be a positive number of bytes (got ${attachmentMaxBytes})`);
  const exportMaxRows = config.TICKET_EXPORT_MAX_ROWS ?? 50_000;
  if (exportMaxRows <= 0) problems.push(`TICKET_EXPORT_MAX_ROWS must be positive (got ${exportMaxRows})`);
  const settingsCacheMs = config.TICKETS_SETTINGS_CACHE_MS ?? 5000;
  if (settingsCacheMs < 0 || settingsCacheMs > 600_000) problems.push(`TICKETS_SETTINGS_CACHE_MS must be between 0 and 600000 ms (got ${settingsCacheMs})`);
  if (problems.length > 0) throw new ConfigValidationError(problems);
  const settings: TicketsSettings = {
    radicadoPrefix: prefix,
    radicadoTimeZone: zone,
    trackingUrlBase: config.PUBLIC_TRACKING_URL_BASE ? config.PUBLIC_TRACKING_URL_BASE.trim().replace(/\/+$/, '') : null,
    trackingSecret: secret,
    attachmentMaxBytes,
    exportMaxRows,
    settingsCacheMs,
  };
  cachedByEnv.set(env, settings);
  return settings;
}
