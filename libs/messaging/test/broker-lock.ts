// The broker-restart test stops the one RabbitMQ every test run on this machine shares. Suites
// that need the broker hold this lock shared; the restart test holds it exclusively, so it waits
// for them and they wait for it. The lock lives in the admin database, so it spans parallel Jest
// runs too. Not a spec file.
import pg from 'pg';

const BROKER_LOCK_KEY = 7_305_839_201;

export type ReleaseLock = () => Promise<void>;

export async function lockBroker(mode: 'shared' | 'exclusive'): Promise<ReleaseLock> {
  const client = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', application_name: `broker-lock-${mode}` });
  await client.connect();
  await client.query(mode === 'shared' ? 'SELECT pg_advisory_lock_shared($1)' : 'SELECT pg_advisory_lock($1)', [BROKER_LOCK_KEY]);
  // Ending the session releases the lock, also if the process dies.
  return async () => {
    await client.end().catch(() => undefined);
  };
}
