import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError } from '@crm/common';
import { loadTicketsConfig } from '../tickets-env.js';

const SECRET = 'k3y-0f-the-tracking-t0kens-for-tests-only-ab';

describe('tickets configuration', () => {
  it('has the documented defaults; the tracking key falls back to JWT_SECRET', () => {
    expect(loadTicketsConfig({ JWT_SECRET: SECRET })).toEqual({
      radicadoPrefix: 'PQR',
      radicadoTimeZone: 'America/Bogota',
      trackingUrlBase: null,
      trackingSecret: SECRET,
      attachmentMaxBytes: 10 * 1024 * 1024,
      exportMaxRows: 50_000,
      settingsCacheMs: 5000,
    });
  });

  it('reads the environment (a trailing slash of the tracking base is dropped)', () => {
    const config = loadTicketsConfig({
      JWT_SECRET: SECRET,
      RADICADO_PREFIX: 'RAD',
      PUBLIC_TRACKING_URL_BASE: 'https://pqr.example.co/seguimiento/',
      TICKETS_SETTINGS_CACHE_MS: '0',
      TICKET_EXPORT_MAX_ROWS: '10',
    });
    expect(config).toMatchObject({ radicadoPrefix: 'RAD', trackingUrlBase: 'https://pqr.example.co/seguimiento', settingsCacheMs: 0, exportMaxRows: 10 });
  });

  it('names every malformed or out-of-range variable in one error', () => {
    let error: unknown;
    try {
      loadTicketsConfig({ JWT_SECRET: 'corto', RADICADO_PREFIX: 'pqr-', RADICADO_TIME_ZONE: 'Marte/Olympus', PUBLIC_TRACKING_URL_BASE: 'ftp://x', TICKETS_SETTINGS_CACHE_MS: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('PUBLIC_TRACKING_URL_BASE');
    // The URL is refused by the EnvSpec pass; fixed, the remaining problems come together.
    try {
      loadTicketsConfig({ JWT_SECRET: 'corto', RADICADO_PREFIX: 'pqr-', RADICADO_TIME_ZONE: 'Marte/Olympus', TICKETS_SETTINGS_CACHE_MS: '-1' });
    } catch (caught) {
      error = caught;
    }
    for (const name of ['RADICADO_PREFIX', 'RADICADO_TIME_ZONE', 'TRACKING_TOKEN_SECRET', 'TICKETS_SETTINGS_CACHE_MS']) expect((error as Error).message).toContain(name);
  });
});
