/** Names and URLs of the throw-away resources one test run uses, derived from the run id. */
export interface TestRunEnvironment {
  runId: string;
  adminUrl: string;
  database: string;
  databaseUrl: string;
  amqpUrl: string;
  amqpPrefix: string;
}

export const TEST_DATABASE_PREFIX = 'crm_test_';

export function adminDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_ADMIN_DATABASE_URL ?? env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function newTestRunEnvironment(env: NodeJS.ProcessEnv = process.env): TestRunEnvironment {
  const runId = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
  const adminUrl = adminDatabaseUrl(env);
  const database = `${TEST_DATABASE_PREFIX}${runId}`;
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;
  return {
    runId,
    adminUrl,
    database,
    databaseUrl: dbUrl.toString(),
    amqpUrl: env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    amqpPrefix: `t${runId}.`,
  };
}
