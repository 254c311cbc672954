// Benchmark: the kanban board (GET /api/v1/opportunities/board?pipelineId=…) of a pipeline holding
// 100,000 open opportunities (plus 60,000 won/lost; 1,000,000 in the tenant), 8 concurrent users
// through the gateway: 4 sales people (own + team-shared deals), 2 managers (own + their teams'),
// 2 admins (everything). Issue #7: p95 ≤ 50 ms.
//   1. bench/lib/opportunities.mjs makes the people and pipelines through the gateway and loads the
//      opportunities with COPY (bench/generate-opportunities.mjs);
//   2. captures, per user, the statements the service's own code sends for the board;
//   3. measures in one command: gateway → opportunities, the service direct, and the SQL baseline
//      (those statements replayed on a pg pool: the database's share), closed loop; then the
//      gateway with 0.5-1.5 s think time;
//   4. prints EXPLAIN (ANALYZE, BUFFERS) of every statement of a board, for an admin and a sales user.
//
//   node bench/opportunities-board.bench.mjs [--opportunities=1000000] [--seconds=15] [--wait-idle=120] [--no-build]
//   npm run bench -- opportunities-board [--opportunities=…] [--opps-seconds=15] [--opps-wait-idle=120]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compareTargets, opportunitiesDataset, planReport, serviceReaders, standalone, tableScans } from './lib/opportunities.mjs';
import { fmt } from './lib/stats.mjs';

export const name = 'opportunities-board';
export const description = 'Board of a pipeline with 100,000 open opportunities (1M in the tenant), 8 users (sales/manager/admin) through the gateway';

const TARGET_P95_MS = 50;

export async function run({ platform, options = {}, log }) {
  const seconds = Number(options.oppsSeconds ?? options.seconds ?? 15);
  const waitIdle = Number(options.oppsWaitIdle ?? options.waitIdle ?? 120);
  const dataset = await opportunitiesDataset(platform, options, log);
  const pipelineId = dataset.board.id;
  const readers = await serviceReaders(platform);
  try {
    // Every user's board answers 200 through the gateway with the generated columns before anything is measured.
    const check = [];
    for (const user of dataset.users) {
      const t0 = performance.now();
      const response = await fetch(`${platform.gatewayUrl}/api/v1/opportunities/board?pipelineId=${pipelineId}`, { headers: { authorization: `Bearer ${user.token}` } });
      const body = await response.json();
      if (response.status !== 200) throw new Error(`board as ${user.role}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      const open = body.columns.filter((c) => c.stage.kind === 'open').reduce((sum, c) => sum + c.count, 0);
      const cards = body.columns.reduce((sum, c) => sum + c.cards.length, 0);
      check.push(`${user.role} ${fmt(performance.now() - t0, 0)} ms cold, ${open.toLocaleString('en-US')} open deals visible, ${cards} cards`);
    }
    const requests = () => [{ label: 'board', path: `/api/v1/opportunities/board?pipelineId=${pipelineId}`, call: (r, user) => r.boards.board(user, { pipelineId, limit: 20 }, 'es') }];
    const scans0 = await tableScans(platform);
    const comparison = await compareTargets({ platform, readers, users: dataset.users, requests, seconds, waitIdle, targetMs: TARGET_P95_MS, log });
    const scans1 = await tableScans(platform);
    const plans = await planReport(platform, comparison.captured, (user) => user.role === 'admin' || user.role === 'sales');
    const statementsPerBoard = [...comparison.captured.values()][0][0].statements.length;
    const text = [
      `opportunities-board: GET /api/v1/opportunities/board?pipelineId=<"${dataset.board.name}"> (20 cards per column), ${dataset.generated.boardOpen.toLocaleString('en-US')} open + ` +
        `${(dataset.generated.boardRows - dataset.generated.boardOpen).toLocaleString('en-US')} won/lost in the pipeline, ${dataset.count.toLocaleString('en-US')} opportunities in the tenant (${dataset.generated.size})`,
      `users: ${dataset.users.map((u) => u.role).join(', ')}; first call each: ${check.join('; ')}`,
      `statements per board call (admin): ${statementsPerBoard}; scans of opportunity during the windows: ${scans1.seq - scans0.seq} sequential, ${scans1.idx - scans0.idx} index`,
      '',
      comparison.text,
      '',
      plans.summary,
      '',
      plans.text,
    ].join('\n');
    return {
      text,
      data: {
        opportunities: dataset.count,
        boardOpen: dataset.generated.boardOpen,
        generated: dataset.generated.timings,
        windows: comparison.data,
        plans: plans.verdicts,
        statementsPerBoard,
        targetP95Ms: TARGET_P95_MS,
      },
    };
  } finally {
    await readers.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone(import.meta.url, run, 'opps-board');
