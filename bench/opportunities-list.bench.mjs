// Benchmark: the opportunity list (GET /api/v1/opportunities) with three filters over 1,000,000
// opportunities of one tenant, 8 concurrent users through the gateway (4 sales, 2 managers, 2
// admins; visibility applied), 50 per page. Issue #7: p95 ≤ 50 ms, and every query shape uses an
// index (plans printed).
//   Shapes (three filters each; a close-date range counts as one):
//     stage column      ?pipelineId&stageId&status=open              (a board column's next pages)
//     closing soon      ?ownerId=<me>&status=open&closeFrom&closeTo  (my deals closing in 3 months)
//     big VIP deals     ?status=open&tag=vip&minAmount=400000000
//     stale, assigned   ?assigneeId=<me>&status=open&stale=true
//     team's won deals  ?pipelineId&teamId=<my team>&status=won
//     agent's pipeline  ?agentId=<me>&pipelineId&status=open
//   In one command: gateway, the service direct, the SQL baseline (the service's own statements
//   replayed on a pg pool), closed loop; then the gateway paced; then EXPLAIN (ANALYZE, BUFFERS) of
//   every shape's statements as an admin and as a sales user, with a check that each reads
//   opportunities.opportunity through an index.
//
//   node bench/opportunities-list.bench.mjs [--opportunities=1000000] [--seconds=15] [--wait-idle=120] [--no-build]
//   npm run bench -- opportunities-list
import { pathToFileURL } from 'node:url';
import { compareTargets, opportunitiesDataset, planReport, serviceReaders, standalone, tableScans } from './lib/opportunities.mjs';

export const name = 'opportunities-list';
export const description = 'Opportunity list with three filters over 1,000,000 rows, 8 users (sales/manager/admin) through the gateway; plans of every shape';

const TARGET_P95_MS = 50;
const LIMIT = 50;

export async function run({ platform, options = {}, log }) {
  const seconds = Number(options.oppsSeconds ?? options.seconds ?? 15);
  const waitIdle = Number(options.oppsWaitIdle ?? options.waitIdle ?? 120);
  const dataset = await opportunitiesDataset(platform, options, log);
  const board = dataset.board;
  const openStages = board.stages.filter((s) => s.kind === 'open');
  const other = dataset.pipelines.find((p) => p.id !== board.id);
  const today = new Date();
  const closeFrom = today.toISOString().slice(0, 10);
  const closeTo = new Date(today.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  // Admins and managers ask about one of the generated sales people; sales people about themselves.
  const someone = dataset.generated.owners[17];
  const readers = await serviceReaders(platform);
  try {
    const requests = (user) => {
      const me = user.role === 'sales' ? user.id : someone;
      const team = user.teamIds[0] ?? dataset.teams[0];
      const stage = openStages[dataset.users.indexOf(user) % openStages.length];
      const shapes = [
        ['stage column', { pipelineId: board.id, stageId: stage.id, status: 'open' }],
        ['closing soon', { ownerId: me, status: 'open', closeFrom, closeTo }],
        ['big VIP deals', { status: 'open', tag: 'vip', minAmount: '400000000' }],
        ['stale, assigned', { assigneeId: me, status: 'open', stale: 'true' }],
        ["team's won deals", { pipelineId: other.id, teamId: team, status: 'won' }],
        ["agent's pipeline", { agentId: me, pipelineId: board.id, status: 'open' }],
      ];
      return shapes.map(([label, filters]) => ({
        label,
        path: `/api/v1/opportunities?${new URLSearchParams({ ...filters, limit: String(LIMIT) })}`,
        call: (r, authUser) => r.queries.list(authUser, { ...filters, limit: LIMIT }, 'es'),
      }));
    };
    // Every shape answers 200 for every user before anything is measured; count the empty pages.
    let empty = 0;
    for (const user of dataset.users)
      for (const request of requests(user)) {
        const response = await fetch(`${platform.gatewayUrl}${request.path}`, { headers: { authorization: `Bearer ${user.token}` } });
        const body = await response.json();
        if (response.status !== 200) throw new Error(`${request.label} as ${user.role}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        if (body.items.length === 0) empty++;
      }
    const scans0 = await tableScans(platform);
    const comparison = await compareTargets({ platform, readers, users: dataset.users, requests, seconds, waitIdle, targetMs: TARGET_P95_MS, log });
    const scans1 = await tableScans(platform);
    const plans = await planReport(platform, comparison.captured, (user) => user.role === 'admin' || user.role === 'sales' || user.role === 'manager');
    const text = [
      `opportunities-list: GET /api/v1/opportunities, three filters, ${LIMIT} per page, ${dataset.count.toLocaleString('en-US')} opportunities in the tenant (${dataset.generated.size}); ` +
        `${empty} of ${dataset.users.length * 6} user × shape first pages empty`,
      `scans of opportunity during the windows: ${scans1.seq - scans0.seq} sequential, ${scans1.idx - scans0.idx} index`,
      '',
      comparison.text,
      '',
      `every statement reads opportunity through an index: ${plans.allUseIndexes ? 'yes' : 'NO'}`,
      plans.summary,
      '',
      plans.text,
    ].join('\n');
    return {
      text,
      data: {
        opportunities: dataset.count,
        windows: comparison.data,
        plans: plans.verdicts,
        allUseIndexes: plans.allUseIndexes,
        seqScans: scans1.seq - scans0.seq,
        emptyFirstPages: empty,
        targetP95Ms: TARGET_P95_MS,
      },
    };
  } finally {
    await readers.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone(import.meta.url, run, 'opps-list');
