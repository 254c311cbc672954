import { serviceRoleName } from './service-names.js';

/**
 * The URL a service connects with. `<SERVICE>_DATABASE_URL` wins; otherwise DATABASE_URL with the
 * user swapped for the service's own role (password `<SERVICE>_DB_PASSWORD`, default the role name,
 * which is what the local bootstrap creates). Production sets the per-service URLs explicitly.
 */
export function serviceDatabaseUrl(schema: string, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`${schema.toUpperCase()}_DATABASE_URL`];
  if (explicit) return explicit;
  const base = env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const url = new URL(base);
  const role = serviceRoleName(schema);
  url.username = role;
  url.password = env[`${schema.toUpperCase()}_DB_PASSWORD`] ?? role;
  return url.toString();
}
