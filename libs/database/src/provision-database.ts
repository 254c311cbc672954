import pg from 'pg';
import { SERVICE_SCHEMAS, serviceRoleName } from './service-names.js';

export interface ProvisionOptions {
  /** A superuser (or CREATEROLE + CREATEDB) connection, e.g. postgres://postgres@127.0.0.1:5432/postgres. */
  adminUrl: string;
  /** Database to create if missing and provision. */
  database: string;
  schemas?: readonly string[];
  /** Password for each service role; default: the role name (local development only). */
  rolePassword?: (role: string) => string;
}

/** Advisory lock key held while provisioning ("crm:provision"). */
const PROVISIONING_LOCK = 0x63726d70;

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Creates the database, one login role per service and one schema per service owned by that
 * role, so each service can touch its own tables only. Idempotent: safe on every start.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<void> {
  const schemas = options.schemas ?? SERVICE_SCHEMAS;
  const password = options.rolePassword ?? ((role: string) => role);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  // Roles are cluster-wide: two provisionings at once (parallel test files, two replicas'
  // start scripts) would race on ALTER ROLE ("tuple concurrently updated"). One at a time.
  await admin.query('SELECT pg_advisory_lock($1)', [PROVISIONING_LOCK]);
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdent(options.database)}`);
    for (const schema of schemas) {
      const role = serviceRoleName(schema);
      const roleExists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = roleExists.rowCount === 0 ? 'CREATE' : 'ALTER';
      await admin.query(`${verb} ROLE ${quoteIdent(role)} LOGIN PASSWORD ${quoteLiteral(password(role))}`);
    }
    await provisionSchemas(options, schemas);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [PROVISIONING_LOCK]).catch(() => undefined);
    await admin.end();
  }
}

async function provisionSchemas(options: ProvisionOptions, schemas: readonly string[]): Promise<void> {
  const url = new URL(options.adminUrl);
  url.pathname = `/${options.database}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await db.query(`REVOKE ALL ON DATABASE ${quoteIdent(options.database)} FROM PUBLIC`);
    await db.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    // Extensions need a superuser; services use them from their migrations.
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    await db.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
    for (const schema of schemas) {
      const role = quoteIdent(serviceRoleName(schema));
      await db.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(options.database)} TO ${role}`);
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${role}`);
      await db.query(`ALTER SCHEMA ${quoteIdent(schema)} OWNER TO ${role}`);
      await db.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await db.query(`ALTER ROLE ${role} IN DATABASE ${quoteIdent(options.database)} SET search_path = ${quoteIdent(schema)}, public`);
    }
  } finally {
    await db.end();
  }
}

/** Drops a database (used for throw-away test databases). */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
