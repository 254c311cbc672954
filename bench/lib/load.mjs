// Load generators.
// - closedLoop: autocannon, N connections each sending the next request when the last answered
//   (maximum throughput; latency then includes queueing at saturation). A warm-up is run and
//   thrown away. Latencies are kept per response because autocannon's summary has
//   p50/p90/p97.5/p99 but no p95.
// - openLoop: requests sent on a fixed schedule (rate/s, evenly spaced) over an undici pool,
//   latency measured from the moment each request was due, so a slow server cannot hide its
//   queue (no coordinated omission). autocannon's own overallRate is not used because it
//   sends each connection's quota in a burst at the start of every second.
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { cpuWindow } from './cpu.mjs';
import { round, sleep, summarize } from './stats.mjs';

/**
 * @param {object} o
 * @param {string} o.url      base URL (no path)
 * @param {() => string} o.path  path of each request (e.g. a random contact id)
 * @param {Record<string,string>} o.headers
 * @param {number} o.connections
 * @param {number} o.seconds  measured duration
 * @param {number} o.warmupSeconds
 * @param {() => Promise<{name: string, pid: number}[]>} o.ourProcesses  processes of this run, for the CPU accounting
 */
export async function closedLoop({ title, url, path, headers, connections, seconds, warmupSeconds, ourProcesses }) {
  const requests = [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }];
  const common = { url, headers, connections, pipelining: 1, timeout: 10, requests };
  if (warmupSeconds > 0) await autocannon({ ...common, title: `${title} (warm-up)`, duration: warmupSeconds });

  const latencies = [];
  const cpu = cpuWindow(ourProcesses);
  const instance = autocannon({ ...common, title, duration: seconds });
  instance.on('response', (_client, _statusCode, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  const result = await instance;
  const cpuUse = await cpu.stop();
  return {
    mode: 'closed-loop',
    title,
    connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: round(result['2xx'] / (result.duration || seconds), 0),
    latencyMs: summarize(latencies),
    autocannonLatencyMs: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    errors: result.errors,
    timeouts: result.timeouts,
    cpu: cpuUse,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : null,
  };
}

/** Fixed-rate GETs for `seconds`; latency from the scheduled send time to the end of the body. */
export async function openLoop({ title, url, path, headers, rate, seconds, connections, ourProcesses, timeoutMs = 10_000 }) {
  const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const total = Math.round(rate * seconds);
  const latencies = [];
  const statusCodes = {};
  let errors = 0;
  let non2xx = 0;
  let maxInFlight = 0;
  let inFlight = 0;
  const pending = [];
  const fire = (due) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return pool
      .request({ method: 'GET', path: path(), headers, headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
      .then(async (response) => {
        await response.body.dump();
        latencies.push(performance.now() - due);
        statusCodes[response.statusCode] = (statusCodes[response.statusCode] ?? 0) + 1;
        if (response.statusCode < 200 || response.statusCode >= 300) non2xx++;
      })
      .catch(() => {
        errors++;
      })
      .finally(() => {
        inFlight--;
      });
  };
  const cpu = cpuWindow(ourProcesses);
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const elapsed = performance.now() - start;
    const dueCount = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
    for (; sent < dueCount; sent++) pending.push(fire(start + (sent * 1000) / rate));
    await sleep(Math.max(1, (sent * 1000) / rate - (performance.now() - start)));
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - start;
  const cpuUse = await cpu.stop();
  await pool.close();
  const ok = latencies.length - non2xx;
  return {
    mode: 'open-loop',
    title,
    offeredRate: rate,
    connections,
    durationSeconds: round(elapsedMs / 1000),
    requests: total,
    requestsPerSecond: round((ok / elapsedMs) * 1000, 0),
    latencyMs: summarize(latencies),
    status2xx: ok,
    non2xx,
    statusCodes,
    errors,
    maxInFlight,
    cpu: cpuUse,
  };
}
