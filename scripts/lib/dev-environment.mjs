// Defaults for running the platform on one machine. Every value can be overridden by the
// environment; production (docker-compose.yml) sets them all explicitly.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICES = ['contacts', 'opportunities', 'tickets', 'notifications', 'reporting'];
export const PORTS = { gateway: 3000, contacts: 3001, opportunities: 3002, tickets: 3003, notifications: 3004, reporting: 3005 };

/** A JWT key that survives restarts of the dev stack (tokens stay valid), never committed. */
function devJwtSecret(root) {
  const dir = join(root, '.data');
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function devEnvironment(root, env = process.env) {
  const database = env.CRM_DATABASE ?? 'crm';
  const adminUrl = env.DATABASE_ADMIN_URL ?? env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${database}`;
  const databaseUrl = env.DATABASE_URL ?? adminUrl;
  const result = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_PRETTY: env.LOG_PRETTY ?? (process.stdout.isTTY ? 'true' : 'false'),
    DATABASE_URL: databaseUrl,
    AMQP_URL: env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    JWT_SECRET: env.JWT_SECRET ?? devJwtSecret(root),
    CRM_ADMIN_EMAIL: env.CRM_ADMIN_EMAIL ?? 'admin@demo.crm',
    CRM_ADMIN_PASSWORD: env.CRM_ADMIN_PASSWORD ?? 'Demo-Admin-2026!',
    MAIL_FROM: env.MAIL_FROM ?? 'CRM Demo <crm@demo.crm>',
    APP_BASE_URL: env.APP_BASE_URL ?? `http://127.0.0.1:${PORTS.gateway}`,
    // The acuse de recibo links to the web console's public tracking page (/pqr/seguimiento/<radicado>?token=…).
    PUBLIC_TRACKING_URL_BASE: env.PUBLIC_TRACKING_URL_BASE ?? `http://127.0.0.1:${PORTS.gateway}/pqr/seguimiento`,
  };
  for (const name of SERVICES) result[`${name.toUpperCase()}_URL`] = env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${PORTS[name]}`;
  return { env: result, adminUrl, database: new URL(adminUrl).pathname.slice(1) || database };
}
