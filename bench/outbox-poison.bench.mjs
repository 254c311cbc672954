// Benchmark: what one outbox row the broker keeps refusing costs the rest of the service's events.
//   clean:    K events written into contacts.outbox_message in one transaction; time until the
//             relay has marked them all published.
//   poisoned: the same, with one row in front whose routing key leads to a full queue
//             (max-length 0, reject-publish): the broker nacks every publish of it.
// Publish rate = K / (commit → last row marked published). The events go to a queue of this run
// (bound to `bench.outbox.#`), so no service consumes them.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { fmt, round, sleep, table } from './lib/stats.mjs';

export const name = 'outbox-poison';
export const description = 'relay publish rate with and without one poisoned outbox row in front';

const TENANT = '0b7f3f5e-5d7a-4f57-8a3e-2a4c1f9b6d01';

async function insertEvents(platform, type, count, tag) {
  await platform.query(
    `INSERT INTO contacts.outbox_message (id, event_type, tenant_id, subject, envelope)
     SELECT g.id, $1::text, $2::uuid, g.id::text,
            jsonb_build_object('specversion', '1.0', 'id', g.id::text, 'source', 'crm/contacts', 'type', $1::text, 'time', now(),
                               'subject', g.id::text, 'datacontenttype', 'application/json', 'tenantid', $2::text, 'correlationid', $3::text, 'data', '{}'::jsonb)
       FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $4)) g`,
    [type, TENANT, tag, count],
  );
}

async function publishedOf(platform, tag) {
  const [row] = await platform.query(
    `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published, count(*)::int AS total
       FROM contacts.outbox_message WHERE envelope->>'correlationid' = $1 AND event_type = 'bench.outbox.healthy'`,
    [tag],
  );
  return row;
}

async function phase(platform, log, count, poisoned, timeoutMs) {
  const tag = `${poisoned ? 'poisoned' : 'clean'}-${randomUUID().slice(0, 8)}`;
  if (poisoned) await insertEvents(platform, 'bench.outbox.poison', 1, tag);
  const started = performance.now();
  await insertEvents(platform, 'bench.outbox.healthy', count, tag);
  let state = await publishedOf(platform, tag);
  while (state.published < count && performance.now() - started < timeoutMs) {
    await sleep(20);
    state = await publishedOf(platform, tag);
  }
  const elapsed = performance.now() - started;
  const [poison] = poisoned
    ? await platform.query(
        `SELECT attempts, (to_jsonb(o)->>'parked_at') IS NOT NULL AS parked FROM contacts.outbox_message o WHERE envelope->>'correlationid' = $1 AND event_type = 'bench.outbox.poison'`,
        [tag],
      )
    : [null];
  log(`${tag}: ${state.published}/${count} published in ${Math.round(elapsed)} ms${poison ? `; poisoned row: ${poison.attempts} attempt(s), parked ${poison.parked}` : ''}`);
  // Leave nothing behind that keeps the relay retrying.
  await platform.query(`DELETE FROM contacts.outbox_message WHERE envelope->>'correlationid' = $1 AND event_type = 'bench.outbox.poison'`, [tag]);
  return {
    events: count,
    published: state.published,
    ms: round(elapsed),
    eventsPerSecond: state.published === count ? round((count / elapsed) * 1000, 0) : null,
    poisonAttempts: poison?.attempts ?? null,
  };
}

export async function run({ platform, options, log }) {
  if (!platform.has('contacts')) throw new Error('outbox-poison needs the contacts service (its relay)');
  const count = Number(options.poisonEvents ?? 2000);
  const timeoutMs = Number(options.poisonTimeoutMs ?? 30_000);
  // The processes' prefix (TestPlatform adds its own suffix to the run's).
  const prefix = platform.platform.amqpPrefix;
  const connection = await amqp.connect(platform.amqpUrl);
  connection.on('error', () => undefined);
  const channel = await connection.createChannel();
  const sink = `${prefix}bench.outbox.sink`;
  const blocker = `${prefix}bench.outbox.blocker`;
  try {
    await channel.assertQueue(sink, { durable: false, autoDelete: false });
    await channel.bindQueue(sink, `${prefix}crm.events`, 'bench.outbox.#');
    await channel.assertQueue(blocker, { durable: false, arguments: { 'x-max-length': 0, 'x-overflow': 'reject-publish' } });
    await channel.bindQueue(blocker, `${prefix}crm.events`, 'bench.outbox.poison');
    const clean = await phase(platform, log, count, false, timeoutMs);
    await channel.purgeQueue(sink);
    const poisoned = await phase(platform, log, count, true, timeoutMs);
    const rate = (r) => (r.eventsPerSecond === null ? `NOT DONE (${r.published}/${r.events} in ${fmt(r.ms, 0)} ms)` : `${fmt(r.eventsPerSecond, 0)} ev/s (${fmt(r.ms, 0)} ms)`);
    const text = [
      `outbox-poison: ${count} events committed in one transaction; time until the relay marked them all published`,
      table(
        ['run', 'publish rate'],
        [
          ['clean', rate(clean)],
          ['one poisoned row in front', `${rate(poisoned)}; the poisoned row had ${poisoned.poisonAttempts} attempt(s)`],
        ],
      ),
    ].join('\n');
    return { text, data: { clean, poisoned } };
  } finally {
    await channel.deleteQueue(sink).catch(() => undefined);
    await channel.deleteQueue(blocker).catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
}
