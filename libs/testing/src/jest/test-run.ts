import pg from 'pg';
import { dropDatabase, provisionDatabase } from '@crm/database';
import { deleteAmqpNamesOfFinishedRuns, deleteAmqpNamesWithPrefix } from '../amqp-cleanup.js';
import { newTestRunEnvironment, TEST_DATABASE_PREFIX } from '../test-environment.js';

const STALE_AFTER_SECONDS = 3600;

/** Drops test databases that crashed runs left behind (their names carry the creation time). */
async function dropStaleTestDatabases(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
  await client.end();
  const now = Date.now() / 1000;
  for (const { datname } of rows) {
    const createdAt = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
    if (Number.isFinite(createdAt) && now - createdAt > STALE_AFTER_SECONDS) await dropDatabase(adminUrl, datname);
  }
}

/**
 * One throw-away database and one AMQP name prefix per run, so runs never collide and nothing
 * is left on the shared servers. Jest workers inherit the variables set here.
 */
export async function setUpTestRun(): Promise<void> {
  const run = newTestRunEnvironment();
  await dropStaleTestDatabases(run.adminUrl);
  await deleteAmqpNamesOfFinishedRuns(run.amqpUrl, STALE_AFTER_SECONDS);
  await provisionDatabase({ adminUrl: run.adminUrl, database: run.database });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    CRM_TEST_RUN_ID: run.runId,
    CRM_TEST_DATABASE: run.database,
    TEST_ADMIN_DATABASE_URL: run.adminUrl,
    DATABASE_URL: run.databaseUrl,
    AMQP_URL: run.amqpUrl,
    AMQP_PREFIX: run.amqpPrefix,
    JWT_SECRET: process.env.JWT_SECRET ?? 'test-secret-at-least-32-characters-long!!',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
}

export async function tearDownTestRun(): Promise<void> {
  const database = process.env.CRM_TEST_DATABASE;
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (database && adminUrl && !process.env.CRM_KEEP_TEST_DATABASE) {
    // The run's database and the ones each TestPlatform made (<run database>_p<suffix>).
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_p%'", [database]);
    await client.end();
    for (const { datname } of rows) await dropDatabase(adminUrl, datname);
  }
  if (process.env.AMQP_PREFIX && process.env.AMQP_URL) await deleteAmqpNamesWithPrefix(process.env.AMQP_URL, process.env.AMQP_PREFIX);
}
