// Benchmark: the forecast (GET /api/v1/opportunities/forecast?from&to&groupBy=month|owner|pipeline|stage)
// over 1,000,000 opportunities of one tenant (~350,000 open), through the gateway. Issue #7: ≤ 1 s.
//   1. the shared dataset (bench/lib/opportunities.mjs, bench/generate-opportunities.mjs);
//   2. one caller at a time (an admin: the whole tenant, the heaviest case), each groupBy in turn over
//      15 months of expected close dates: through the gateway, straight to the service, and the SQL
//      baseline (the service's own statements replayed on a pg pool), in one command;
//   3. then the 8 users (sales/manager/admin, visibility applied) at once through the gateway;
//   4. EXPLAIN (ANALYZE, BUFFERS) of each groupBy's statements, as an admin and as a sales user.
//
//   node bench/opportunities-forecast.bench.mjs [--opportunities=1000000] [--seconds=15] [--wait-idle=120] [--no-build]
//   npm run bench -- opportunities-forecast
import { pathToFileURL } from 'node:url';
import { captureRequests, compareTargets, opportunitiesDataset, planReport, runUsers, serviceReaders, standalone, stripWindow, waitForQuiet, windowReport } from './lib/opportunities.mjs';
import { fmt } from './lib/stats.mjs';

export const name = 'opportunities-forecast';
export const description = 'Forecast by month/owner/pipeline/stage over 1,000,000 opportunities, through the gateway (≤ 1 s a call)';

const TARGET_MS = 1000;
const GROUPS = ['month', 'owner', 'pipeline', 'stage'];

/** From the first day of the month 3 months ago to the last day of the month 11 months ahead (15 months). */
function range(now = new Date()) {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 12, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export async function run({ platform, options = {}, log }) {
  const seconds = Number(options.oppsSeconds ?? options.seconds ?? 15);
  const waitIdle = Number(options.oppsWaitIdle ?? options.waitIdle ?? 120);
  const dataset = await opportunitiesDataset(platform, options, log);
  const { from, to } = range();
  const readers = await serviceReaders(platform);
  try {
    const requests = () =>
      GROUPS.map((groupBy) => ({
        label: `groupBy=${groupBy}`,
        path: `/api/v1/opportunities/forecast?from=${from}&to=${to}&groupBy=${groupBy}`,
        call: (r, user) => r.forecasts.forecast(user, { from, to, groupBy }, 'es'),
      }));
    const admin = dataset.users.find((u) => u.role === 'admin');
    const first = await fetch(`${platform.gatewayUrl}${requests()[0].path}`, { headers: { authorization: `Bearer ${admin.token}` } });
    const body = await first.json();
    if (first.status !== 200) throw new Error(`forecast: ${first.status} ${JSON.stringify(body).slice(0, 300)}`);
    const openCounted = body.groups.flatMap((g) => g.totals).reduce((sum, t) => sum + t.count, 0);

    const single = await compareTargets({ platform, readers, users: [admin], requests, seconds, warmupSeconds: 0, waitIdle, paced: false, targetMs: TARGET_MS, log });
    const quiet = await waitForQuiet(waitIdle, log);
    log(`8 users at once through the gateway, closed loop, ${seconds} s (${quiet} cores busy before)`);
    const many = await runUsers({
      platform,
      target: { kind: 'http', url: platform.gatewayUrl },
      users: dataset.users,
      seconds,
      requestsOf: (user) => single.captured.get(user) ?? requests(user),
    });
    const sales = dataset.users.find((u) => u.role === 'sales');
    const salesCaptured = await captureRequests(readers, [sales], requests);
    const plans = await planReport(platform, new Map([...single.captured, ...salesCaptured]), () => true);
    const text = [
      `opportunities-forecast: GET /api/v1/opportunities/forecast?from=${from}&to=${to}&groupBy=…, ${dataset.count.toLocaleString('en-US')} opportunities in the tenant (${dataset.generated.size}); ` +
        `the admin's forecast counts ${openCounted.toLocaleString('en-US')} open deals closing in the range`,
      '',
      `1. one caller at a time (admin: the whole tenant), the four groupBy in turn; target ≤ ${TARGET_MS} ms per call`,
      single.text,
      '',
      windowReport(`2. ${dataset.users.length} users at once (${dataset.users.map((u) => u.role).join(', ')}), gateway, closed loop (${quiet} cores busy before)`, many, TARGET_MS),
      '',
      plans.summary,
      '',
      plans.text,
    ].join('\n');
    return {
      text,
      data: {
        opportunities: dataset.count,
        from,
        to,
        openCounted,
        single: single.data,
        eightUsers: stripWindow(many),
        plans: plans.verdicts,
        targetMs: TARGET_MS,
        worstP95: fmt(Math.max(...single.windows.map((w) => w.overall.p95)), 1),
      },
    };
  } finally {
    await readers.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone(import.meta.url, run, 'opps-forecast');
