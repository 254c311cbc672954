// Loads N opportunities (default 1,000,000) of one tenant straight into the opportunities schema
// of a bench database with COPY, plus the projections they point at (contacts in contact_ref,
// the sales people in user_ref), the way a sales team's CRM looks after three years:
//   - the board pipeline (the tenant's default "Ventas") holds exactly `boardOpen` (100,000) open
//     deals in its four open stages plus `boardClosed` won/lost ones, spread evenly through the
//     table (never one contiguous block, which would flatter the board);
//   - the other pipelines share the rest, ~30 % open, ~35 % won, ~35 % lost;
//   - 200 owners in 20 teams (the bench's real users take the first slots, so their tokens see
//     their share), 3 % unowned (created by someone), agent and assignee two other people;
//   - 92 % COP, 8 % USD, amounts in pesos/dollars with cents, the stage's probability (10 %
//     overridden), expected close from 12 months ago to 18 months ahead, tags, 5 % of open deals
//     stalled, lost ones with a lost reason.
// Secondary indexes of `opportunities.opportunity` are dropped for the load and rebuilt after it
// (two at a time: both cores), then VACUUM ANALYZE. Deterministic: the same seed gives the same rows.
//
//   node bench/generate-opportunities.mjs --database-url=postgres://postgres@127.0.0.1:5432/<db> --tenant=<uuid> [--count=1000000]
//   (standalone it needs the tenant's catalogue seeded: GET /api/v1/pipelines once)
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const OWNERS = 200;
const TEAMS = 20;
const CONTACTS = 50_000;
const ROWS_PER_COPY = 50_000;
const DAY = 86_400_000;

const FIRST = ['José', 'María', 'Juan', 'Ana', 'Luis', 'Carmen', 'Andrés', 'Camila', 'Jorge', 'Valentina', 'Felipe', 'Lucía', 'Sebastián', 'Isabel', 'Mateo', 'Daniela'];
const LAST = ['García', 'Rodríguez', 'Martínez', 'López', 'Gómez', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Díaz', 'Vargas', 'Castro', 'Rojas', 'Moreno', 'Jiménez', 'Muñoz'];
const WHAT = ['Licencias ERP', 'Renovación anual', 'Implementación CRM', 'Soporte premium', 'Capacitación', 'Migración de datos', 'Integración contable', 'Nómina electrónica'];
const TAGS = ['{}', '{}', '{}', '{}', '{}', '{}', '{vip}', '{vip}', '{licitacion}', '{vip,renovacion}'];

/** mulberry32: deterministic, so two runs load the same rows. */
function random32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = '\\N';
const iso = (ms) => new Date(ms).toISOString();
const day = (ms) => iso(ms).slice(0, 10);

async function copyRows(client, sql, count, lineOf) {
  for (let start = 0; start < count; start += ROWS_PER_COPY) {
    const end = Math.min(count, start + ROWS_PER_COPY);
    await streamPipeline(Readable.from(chunks(start, end, lineOf), { objectMode: false }), client.query(copyStreams.from(sql)));
  }
}

function* chunks(start, end, lineOf) {
  let chunk = '';
  for (let i = start; i < end; i++) {
    chunk += lineOf(i);
    if ((i + 1) % 1000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Secondary indexes of the opportunity table (not primary keys or unique constraints). */
async function secondaryIndexes(client) {
  const { rows } = await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'opportunities' AND i.tablename = 'opportunity'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'opportunities'::regnamespace)`,
  );
  return rows;
}

/**
 * @param {{ databaseUrl: string, tenantId: string, count?: number, boardOpen?: number, boardClosed?: number,
 *           boardPipelineId: string, users?: { id: string, teamIds: string[] }[], teamIds?: string[], log?: (m: string) => void, seed?: number }} options
 * `users` (the bench's real sales people) take the first owner slots, in their first team;
 * `teamIds` (the bench's real teams) take the first team slots.
 */
export async function generateOpportunities({
  databaseUrl,
  tenantId,
  count = 1_000_000,
  boardOpen = 100_000,
  boardClosed = 60_000,
  boardPipelineId,
  users = [],
  teamIds = [],
  log = console.log,
  seed = 7,
}) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-generator' });
  await client.connect();
  const timings = {};
  const timed = async (label, work) => {
    const started = performance.now();
    const result = await work();
    timings[label] = Math.round(performance.now() - started);
    log(`${label}: ${(timings[label] / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    const random = random32(seed);
    const int = (n) => Math.floor(random() * n);
    const { rows: stageRows } = await client.query(
      `SELECT s.id, s.pipeline_id, s.probability, s.kind FROM opportunities.stage s WHERE s.tenant_id = $1 AND s.archived_at IS NULL ORDER BY s.pipeline_id, s.position`,
      [tenantId],
    );
    const pipelines = new Map();
    for (const stage of stageRows) pipelines.set(stage.pipeline_id, [...(pipelines.get(stage.pipeline_id) ?? []), stage]);
    if (!pipelines.has(boardPipelineId)) throw new Error(`pipeline ${boardPipelineId} has no stages in tenant ${tenantId}`);
    const others = [...pipelines.keys()].filter((id) => id !== boardPipelineId);
    if (others.length === 0) throw new Error('the tenant needs more than one pipeline');
    const { rows: reasons } = await client.query('SELECT id FROM opportunities.lost_reason WHERE tenant_id = $1', [tenantId]);
    const lostReasons = reasons.map((r) => r.id);

    const teams = [...teamIds, ...Array.from({ length: Math.max(0, TEAMS - teamIds.length) }, () => randomUUID())];
    const owners = [
      ...users.map((u) => ({ id: u.id, teamId: u.teamIds[0] ?? teams[0], real: true })),
      ...Array.from({ length: OWNERS - users.length }, (_, k) => ({ id: randomUUID(), teamId: teams[(users.length + k) % TEAMS], real: false })),
    ];
    await timed(`user_ref: ${owners.filter((o) => !o.real).length} sales people`, () =>
      copyRows(client, 'COPY opportunities.user_ref (user_id, tenant_id, name, email, roles, team_ids, active, locale, source_version) FROM STDIN', owners.length, (k) => {
        const o = owners[k];
        return o.real ? '' : `${o.id}\t${tenantId}\t${FIRST[k % 16]} ${LAST[(k >> 4) % 16]} ${k}\tvendedor${k}@carga.test\t{sales}\t{${o.teamId}}\ttrue\tes\t1\n`;
      }),
    );
    const contactIds = Array.from({ length: CONTACTS }, () => randomUUID());
    await timed(`contact_ref: ${CONTACTS} contacts`, () =>
      copyRows(client, 'COPY opportunities.contact_ref (contact_id, tenant_id, display_name, email, owner_id, team_id, created_by, source_version) FROM STDIN', CONTACTS, (k) => {
        const o = owners[k % OWNERS];
        const name = `${FIRST[k % 16]} ${LAST[(k >> 4) % 16]} ${LAST[(k >> 8) % 16]}`;
        return `${contactIds[k]}\t${tenantId}\t${name}\tcontacto${k}@carga.test\t${o.id}\t${o.teamId}\t${o.id}\t1\n`;
      }),
    );

    const indexes = await secondaryIndexes(client);
    await timed(`drop ${indexes.length} secondary indexes`, async () => {
      for (const index of indexes) await client.query(`DROP INDEX opportunities.${index.indexname}`);
    });

    const now = Date.now();
    const boardShare = Math.min(1, (boardOpen + boardClosed) / count);
    const openShareInBoard = boardOpen / Math.max(1, boardOpen + boardClosed);
    const openWeights = [0.4, 0.25, 0.2, 0.15];
    let boardRows = 0;
    let boardOpenRows = 0;
    const columns = [
      'id',
      'tenant_id',
      'pipeline_id',
      'stage_id',
      'status',
      'title',
      'contact_id',
      'amount',
      'currency',
      'probability',
      'probability_overridden',
      'expected_close_date',
      'agent_id',
      'assignee_id',
      'owner_id',
      'team_id',
      'shared_with_team',
      'tags',
      'stage_entered_at',
      'last_activity_at',
      'stalled_at',
      'won_at',
      'lost_at',
      'lost_reason_id',
      'created_by',
      'updated_by',
      'created_at',
      'updated_at',
    ];
    await timed(`COPY ${count} opportunities`, () =>
      copyRows(client, `COPY opportunities.opportunity (${columns.join(', ')}) FROM STDIN`, count, (i) => {
        // Evenly spread: row i is the board pipeline's when floor((i+1)·share) steps up; the same for open within it.
        const inBoard = Math.floor((i + 1) * boardShare) > Math.floor(i * boardShare);
        let status;
        let stages;
        if (inBoard) {
          stages = pipelines.get(boardPipelineId);
          const open = Math.floor((boardRows + 1) * openShareInBoard) > Math.floor(boardRows * openShareInBoard);
          boardRows++;
          if (open) boardOpenRows++;
          status = open ? 'open' : random() < 0.5 ? 'won' : 'lost';
        } else {
          stages = pipelines.get(others[int(others.length)]);
          const r = random();
          status = r < 0.3 ? 'open' : r < 0.65 ? 'won' : 'lost';
        }
        let stage;
        if (status === 'open') {
          const open = stages.filter((s) => s.kind === 'open');
          let r = random();
          let k = 0;
          while (k < open.length - 1 && r >= (openWeights[k] ?? 1 / open.length)) r -= openWeights[k++] ?? 1 / open.length;
          stage = open[k];
        } else stage = stages.find((s) => s.kind === status) ?? stages[stages.length - 1];
        const createdAt = now - (count - i) * ((3 * 365 * DAY) / count) - int(3_600_000);
        const slot = int(OWNERS);
        const owner = random() < 0.03 ? null : owners[slot];
        const creator = owner ?? owners[slot];
        const usd = random() < 0.08;
        const amount = usd ? `${1000 + int(200_000)}.${String(int(100)).padStart(2, '0')}` : `${1_000_000 + int(499_000) * 1000}.00`;
        const overridden = random() < 0.1;
        const probability = overridden ? 5 + int(91) : stage.probability;
        const close = status === 'open' ? now + (int(30 * 30) - 12 * 30) * DAY : createdAt + (20 + int(120)) * DAY;
        // Open deals were touched in the last 6 days (within every stage's stale threshold, so the
        // stale scheduler has nothing to flag), except the 5 % already flagged stalled.
        const isStalled = status === 'open' && random() < 0.05;
        const lastActivity = Math.min(now, Math.max(createdAt, status !== 'open' ? createdAt + int(60) * DAY : isStalled ? now - (20 + int(60)) * DAY : now - int(6 * DAY)));
        const enteredAt = Math.max(createdAt, Math.min(lastActivity, createdAt + int(Math.max(1, now - createdAt) / 2)));
        const stalled = isStalled ? iso(lastActivity + 14 * DAY) : N;
        const closedAt = status === 'open' ? N : iso(Math.min(now, createdAt + (10 + int(100)) * DAY));
        const agent = random() < 0.7 ? (owner ?? creator) : owners[int(OWNERS)];
        const assignee = random() < 0.9 ? owners[int(OWNERS)] : null;
        return `${randomUUID()}\t${tenantId}\t${stage.pipeline_id}\t${stage.id}\t${status}\t${WHAT[i % 8]} ${i}\t${contactIds[int(CONTACTS)]}\t${amount}\t${usd ? 'USD' : 'COP'}\t${probability}\t${overridden}\t${day(close)}\t${agent.id}\t${
          assignee?.id ?? N
        }\t${owner?.id ?? N}\t${(owner ?? creator).teamId}\t${random() < 0.9}\t${TAGS[int(TAGS.length)]}\t${iso(enteredAt)}\t${iso(lastActivity)}\t${stalled}\t${status === 'won' ? closedAt : N}\t${
          status === 'lost' ? closedAt : N
        }\t${status === 'lost' && lostReasons.length ? lostReasons[int(lostReasons.length)] : N}\t${creator.id}\t${creator.id}\t${iso(createdAt)}\t${iso(Math.max(createdAt, lastActivity))}\n`;
      }),
    );
    await timed(`rebuild ${indexes.length} indexes`, async () => {
      await client.query("SET maintenance_work_mem = '256MB'");
      const second = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-generator' });
      await second.connect();
      await second.query("SET maintenance_work_mem = '256MB'");
      const queue = [...indexes];
      const worker = async (c) => {
        for (let index = queue.shift(); index; index = queue.shift()) await c.query(index.indexdef);
      };
      await Promise.all([worker(client), worker(second)]);
      await second.end();
    });
    await timed('vacuum analyze', async () => {
      const { rows: present } = await client.query("SELECT to_regclass('opportunities.board_total') IS NOT NULL AS yes");
      for (const table of ['opportunity', 'contact_ref', 'user_ref', 'stage', 'pipeline', ...(present[0].yes ? ['board_total'] : [])])
        await client.query(`VACUUM ANALYZE opportunities.${table}`);
    });
    const [{ size }] = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('opportunities.opportunity')) AS size`)).rows;
    return { count, boardPipelineId, boardRows, boardOpen: boardOpenRows, owners: owners.map((o) => o.id), teams, timings, size };
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = Object.fromEntries(process.argv.slice(2).map((arg) => /^--([a-z-]+)(?:=(.*))?$/.exec(arg)?.slice(1) ?? [arg, 'true']));
  if (!args['database-url'] || !args.tenant || !args.pipeline) {
    console.error('usage: node bench/generate-opportunities.mjs --database-url=<url> --tenant=<uuid> --pipeline=<board pipeline uuid> [--count=1000000]');
    process.exit(2);
  }
  const result = await generateOpportunities({ databaseUrl: args['database-url'], tenantId: args.tenant, boardPipelineId: args.pipeline, count: Number(args.count ?? 1_000_000) });
  console.log(JSON.stringify({ count: result.count, boardOpen: result.boardOpen, size: result.size, timings: result.timings }));
}
