// The bootstrap shared by `npm start` and `npm run setup`: dependencies (npm ci), PostgreSQL and
// RabbitMQ reachable, the code compiled, the database provisioned (roles and one schema per
// service). Only Node built-ins are imported up front: dependencies may not be installed yet.
import { ensureDependencies, ensurePostgres, ensureRabbitMQ } from './infra.mjs';
import { devEnvironment } from './dev-environment.mjs';

export const step = (text) => console.log(`▸ ${text}`);

/** Returns the environment the services run with, and the admin URL and database it provisioned. */
export async function preparePlatform(root) {
  await ensureDependencies({ root });
  const { env, adminUrl, database } = devEnvironment(root);
  await ensurePostgres(adminUrl);
  await ensureRabbitMQ(env.AMQP_URL);

  step('compiling');
  const { build } = await import('../build.mjs');
  await build();

  step(`provisioning database "${database}" (roles and one schema per service)`);
  const { provisionDatabase } = await import('../../dist/libs/database/src/index.js');
  const provisionUrl = new URL(adminUrl);
  provisionUrl.pathname = '/postgres';
  await provisionDatabase({ adminUrl: provisionUrl.toString(), database });
  return { env, adminUrl, database };
}
