// node bench/summarize-results.mjs [files…]: one line per run in bench/results (or the files
// given) with the headline figures and how busy the machine was with other people's work, to
// compare runs and pick the undisturbed ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, table } from './lib/stats.mjs';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'results');
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f));

const readRows = [];
const eventRows = [];
for (const file of files) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  const when = run.startedAt?.slice(0, 16).replace('T', ' ');
  const read = run.benchmarks?.['read-contact'];
  if (read?.results?.direct) {
    const { gateway, direct, baseline } = read.results;
    const fixed = read.fixedRate ?? {};
    const others = [gateway, direct, baseline, fixed.gateway, fixed.direct, fixed.baseline].filter(Boolean).map((r) => r.cpu?.otherCores ?? Number.NaN);
    readRows.push([
      when,
      String(read.connections),
      fmt(gateway?.requestsPerSecond, 0),
      fmt(direct.requestsPerSecond, 0),
      fmt(baseline.requestsPerSecond, 0),
      gateway ? `${fmt(read.ratios.gatewayOverDirectThroughput * 100, 0)}%` : '—',
      `${fmt(read.ratios.directOverBaselineThroughput * 100, 0)}%`,
      fmt(gateway?.latencyMs.p99, 1),
      fixed.gateway ? `${fmt(fixed.gateway.latencyMs.p50, 1)}/${fmt(fixed.gateway.latencyMs.p95, 1)}/${fmt(fixed.gateway.latencyMs.p99, 1)}` : '—',
      fixed.direct ? `${fmt(fixed.direct.latencyMs.p50, 1)}/${fmt(fixed.direct.latencyMs.p95, 1)}/${fmt(fixed.direct.latencyMs.p99, 1)}` : '—',
      fmt(Math.max(...others), 2),
    ]);
  }
  const events = run.benchmarks?.['event-latency'];
  if (events?.paced) {
    const { paced, burst } = events;
    eventRows.push([
      when,
      `${paced.offeredRate}/s`,
      `${fmt(paced.createResponseMs.p50, 0)}/${fmt(paced.createResponseMs.p99, 0)}`,
      `${fmt(paced.createdToDashboardMs.p50, 0)}/${fmt(paced.createdToDashboardMs.p95, 0)}/${fmt(paced.createdToDashboardMs.p99, 0)}`,
      `${fmt(paced.outbox.outboxToConsumerMs.p50, 0)}/${fmt(paced.outbox.outboxToConsumerMs.p95, 0)}/${fmt(paced.outbox.outboxToConsumerMs.p99, 0)}`,
      fmt(burst?.endToEndEventsPerSecond, 0),
      fmt(burst?.relayEventsPerSecond, 0),
      fmt(paced.cpu?.otherCores, 2),
      fmt(burst?.cpu?.otherCores, 2),
    ]);
  }
}
console.log('read-contact (req/s closed loop; latencies ms; "others" = max cores used by other people during a window)');
console.log(table(['run', 'conn', 'gw req/s', 'direct', 'baseline', 'gw/direct', 'direct/base', 'gw p99', 'gw @rate p50/95/99', 'direct @rate p50/95/99', 'others'], readRows));
console.log('\nevent-latency (ms; burst in events/s)');
console.log(table(['run', 'rate', 'POST p50/p99', '201→dashboard p50/95/99', 'outbox→consumer p50/95/99', 'burst e2e', 'relay', 'others paced', 'others burst'], eventRows));
