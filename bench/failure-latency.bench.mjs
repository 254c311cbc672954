// How quickly failures are answered: the figures that tests used to assert as thresholds
// ("within a second"), measured here instead (ARCHITECTURE §8: speed goals live in bench/).
//   1. the gateway's 503 for a service that is stopped (tests check the 503, not its speed);
//   2. S3: ping() once the endpoint stopped, and ping()/put() against an endpoint that accepts
//      connections but never answers, with a 500 ms client timeout;
//   3. waitFor's overshoot past its deadline (the test harness itself).
import { createServer } from 'node:net';
import { importDist } from './lib/platform.mjs';
import { requestJson } from './lib/http.mjs';
import { fmt, round, summarize, table } from './lib/stats.mjs';

export const name = 'failure-latency';
export const description = 'time to a 503 from the gateway for a stopped service, S3 timeouts, waitFor overshoot';

async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function gatewayDown(platform, samples) {
  if (!platform.gatewayUrl || !platform.platform.processes.has('reporting')) return null;
  await platform.platform.stopService('reporting');
  try {
    const times = [];
    for (let i = 0; i < samples; i++) {
      const { ms, value } = await timed(() => requestJson('GET', `${platform.gatewayUrl}/api/v1/reports/dashboard`, { token: platform.token }));
      if (value.status !== 503) throw new Error(`expected 503 from the gateway for a stopped service, got ${value.status}`);
      times.push(ms);
    }
    return summarize(times);
  } finally {
    await platform.platform.startService('reporting');
  }
}

async function s3Timeouts(samples) {
  const { startS3Server } = await importDist('libs/testing/src/index.js');
  const { MinioDocumentStorage, storageConfigFromEnv } = await importDist('libs/storage/src/index.js');
  const s3 = await startS3Server();
  const stopped = MinioDocumentStorage.fromEnv(s3.env);
  await stopped.ping();
  await s3.stop();
  const sockets = new Set();
  const blackhole = createServer((socket) => sockets.add(socket));
  await new Promise((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const hung = new MinioDocumentStorage({ ...storageConfigFromEnv({ S3_ENDPOINT: `http://127.0.0.1:${blackhole.address().port}`, S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's' }), timeoutMs: 500 });
  const rows = {};
  try {
    for (const [label, work] of [
      ['ping, endpoint stopped', () => stopped.ping()],
      ['ping, endpoint never answers (timeout 500 ms)', () => hung.ping()],
      ['put, endpoint never answers (timeout 500 ms)', () => hung.put('bench/k', Buffer.from('%PDF-1.4\n'), { contentType: 'application/pdf', fileName: 'a.pdf' }).catch(() => false)],
    ]) {
      const times = [];
      for (let i = 0; i < samples; i++) times.push((await timed(work)).ms);
      rows[label] = summarize(times);
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackhole.close(resolve));
  }
  return rows;
}

async function waitForOvershoot(samples) {
  const { waitFor } = await importDist('libs/testing/src/index.js');
  const times = [];
  for (let i = 0; i < samples; i++) {
    const { ms } = await timed(() => waitFor(async () => false, { timeoutMs: 200, intervalMs: 20 }).catch(() => undefined));
    times.push(ms - 200);
  }
  return summarize(times);
}

export async function run({ platform, options, log }) {
  const samples = Number(options.failureSamples ?? 20);
  log(`gateway 503 for a stopped service (${samples} requests; the service is restarted afterwards)`);
  const gateway = await gatewayDown(platform, samples);
  log('S3 client timeouts');
  const s3 = await s3Timeouts(Math.max(3, Math.round(samples / 4)));
  log('waitFor overshoot');
  const overshoot = await waitForOvershoot(samples);
  const rows = [
    ...(gateway ? [['gateway → stopped service: 503', gateway]] : []),
    ...Object.entries(s3).map(([label, stats]) => [`S3 ${label}`, stats]),
    ['waitFor past a 200 ms deadline (overshoot)', overshoot],
  ];
  const text = table(
    ['what', 'n', 'p50 ms', 'p95 ms', 'max ms'],
    rows.map(([label, stats]) => [label, String(stats.count), fmt(stats.p50), fmt(stats.p95), fmt(stats.max)]),
  );
  return { text, data: Object.fromEntries(rows.map(([label, stats]) => [label, { p50: round(stats.p50), p95: round(stats.p95), max: round(stats.max), count: stats.count }])) };
}
