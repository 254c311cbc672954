// The baseline for read-contact: the least code that does the same job as
// GET /api/v1/contacts/:id in the contacts service, without Nest or TypeORM. It verifies the
// same JWT with the same function, runs the same query shape (one contact by id and tenant) on
// the same table as the same database role with the same pool size, and answers the row as JSON
// (every column, camelCased; the service's view has the same data, shaped a little differently).
// The bench forks it as a process of its own, like the services: it must not share an event
// loop (or a CPU account) with the load generator.
import Fastify from 'fastify';
import pg from 'pg';

const { databaseUrl, jwtSecret, poolSize, verifyModuleUrl } = JSON.parse(process.env.BASELINE_CONFIG ?? '{}');
const { verifyAccessToken } = await import(verifyModuleUrl);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'bench-baseline', options: '-c search_path=contacts,public -c statement_timeout=5000' });

// The contact row, plus its interest ids when the schema has them (the service loads them with
// every contact through a correlated subquery): the same reads the service's entity makes.
const { rows: interestTable } = await pool.query(`SELECT to_regclass('contacts.contact_interest') IS NOT NULL AS present`);
const SQL = `SELECT c.*${interestTable[0].present ? `, (SELECT coalesce(jsonb_agg(ci.interest_id ORDER BY ci.interest_id), '[]'::jsonb) FROM contacts.contact_interest ci WHERE ci.contact_id = c.id) AS interest_ids` : ''}
               FROM contacts.contact c
              WHERE c.tenant_id = $1 AND c.id = $2`;

const HIDDEN = new Set(['tenant_id']);
const camel = (name) => name.replace(/_([a-z])/g, (_m, ch) => ch.toUpperCase());
/** Every column, camelCased, dates as ISO strings: the contact as JSON. */
function toView(row) {
  const view = {};
  for (const [key, value] of Object.entries(row)) if (!HIDDEN.has(key)) view[camel(key)] = value instanceof Date ? value.toISOString() : value;
  return view;
}

const app = Fastify({ logger: false });

app.get('/api/v1/contacts/:id', async (request, reply) => {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  let user;
  try {
    user = await verifyAccessToken(token ?? '', jwtSecret);
  } catch {
    return reply.code(401).type('application/problem+json').send({ status: 401, title: 'Unauthorized' });
  }
  const { id } = request.params;
  if (!UUID.test(id)) return reply.code(400).type('application/problem+json').send({ status: 400, title: 'Bad request' });
  const { rows } = await pool.query(SQL, [user.tenantId, id]);
  const row = rows[0];
  if (!row) return reply.code(404).type('application/problem+json').send({ status: 404, title: 'Not found' });
  void reply.header('etag', `"${row.version}"`);
  return toView(row);
});

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop()); // the bench went away

const address = await app.listen({ port: 0, host: '127.0.0.1' }); // any free port
process.send({ url: address });
