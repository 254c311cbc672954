// Benchmark: bulk import of contacts (POST /api/v1/contacts/imports) end to end, from the first
// byte of the upload until the job says "completed", with the job's own split of the time
// (parse, COPY, merge, events), the progress it showed on the way, and how long the outbox
// relay then took to put every contacts.contact.created on RabbitMQ.
//
//   node bench/import.bench.mjs [rows] [--no-build] [--heap=MiB]
//                                                      standalone (default 100,000 rows); --heap caps
//                                                      the V8 old space of the platform's processes,
//                                                      to show the import streams in bounded memory
//   npm run bench -- import                            inside the shared runner (100,000 rows)
//
// The CSV is generated on disk (Spanish headers, ";", quotes, 1 % invalid e-mails and 1 %
// repeated rows, so validation and dedupe do real work) and uploaded as a stream through the
// gateway, like a browser would.
import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchPlatform, ROOT } from './lib/platform.mjs';
import { fmt, table } from './lib/stats.mjs';

export const name = 'import';
export const description = 'CSV import of N contacts through the gateway: upload → background job (COPY + set-based merge) → completed';

const CITIES = ['Bogotá', 'Medellín', 'Cali', 'Barranquilla', 'Cartagena', 'Bucaramanga', 'Pereira', 'Manizales'];
const FIRST = ['Ana', 'José', 'María', 'Luis', 'Camila', 'Andrés', 'Valentina', 'Juan', 'Sofía', 'Carlos', 'Laura', 'Diego'];
const LAST = ['Gómez', 'Rodríguez', 'Martínez', 'López', 'García', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Díaz'];

/** Writes the CSV; returns how many rows should be created, rejected and skipped. */
async function writeCsv(path, rows, tag) {
  const out = createWriteStream(path);
  const expected = { created: 0, rejected: 0, skipped: 0 };
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\uFEFFNombre;Apellido;Correo electrónico;Teléfono;Empresa;Cargo;Ciudad;País;NIT;Etiquetas\r\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    let email = `${first
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()}.${i}.${tag}@bench.co`;
    if (i % 100 === 0) {
      email = `correo-invalido-${i}`; // rejected: e-mail format
      expected.rejected++;
    } else if (i % 100 === 50 && i > 50) {
      email = `${FIRST[(i - 1) % FIRST.length]
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()}.${i - 1}.${tag}@bench.co`; // repeats row i-1
      expected.rejected++;
    } else {
      expected.created++;
    }
    chunk += `${first};${last};${email};+57 300 ${String(i % 1000).padStart(3, '0')} ${String(i % 10000).padStart(4, '0')};"Empresa ${i % 5000}; S.A.S.";Gerente;${CITIES[i % CITIES.length]};CO;${900000000 + i}-${i % 10};"feria, lote-${i % 20}"\r\n`;
    if (i % 5000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return expected;
}

async function getJson(url, token) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

export async function run({ platform, options, log }) {
  const rows = options.importRows ?? 100_000;
  const tag = randomUUID().slice(0, 8);
  const file = join(os.tmpdir(), `crm-import-bench-${tag}.csv`);
  const baseUrl = platform.gatewayUrl ?? platform.urlOf('contacts');
  try {
    log(`writing a ${rows.toLocaleString('en-US')}-row CSV`);
    const expected = await writeCsv(file, rows, tag);
    const sizeBytes = statSync(file).size;
    log(`CSV: ${(sizeBytes / 2 ** 20).toFixed(1)} MiB; uploading through ${platform.gatewayUrl ? 'the gateway' : 'the contacts service'}`);

    const form = new FormData();
    form.append('options', JSON.stringify({ onDuplicate: 'skip', dedupeOn: 'email' }));
    form.append('file', await openAsBlob(file, { type: 'text/csv' }), 'bench.csv');
    const t0 = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/contacts/imports`, { method: 'POST', headers: { authorization: `Bearer ${platform.token}` }, body: form });
    const accepted = await response.json();
    const uploadMs = performance.now() - t0;
    if (response.status !== 202) throw new Error(`upload: ${response.status} ${JSON.stringify(accepted)}`);
    log(`202 after ${(uploadMs / 1000).toFixed(1)} s; job ${accepted.id}`);

    const samples = [];
    let job;
    let lastLog = 0;
    for (;;) {
      job = (await getJson(`${baseUrl}/api/v1/contacts/imports/${accepted.id}`, platform.token)).body;
      const at = performance.now() - t0;
      samples.push({ atMs: Math.round(at), status: job.status, progress: job.progress, processed: job.counts.processed });
      if (at - lastLog > 2000) {
        log(`  ${job.status} ${job.progress}% — ${job.counts.processed.toLocaleString('en-US')} rows merged`);
        lastLog = at;
      }
      if (job.status === 'completed' || job.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const endToEndMs = performance.now() - t0;
    if (job.status !== 'completed') throw new Error(`job failed: ${job.error}`);
    const mismatch = ['created', 'rejected', 'skipped'].filter((key) => job.counts[key] !== expected[key]);
    if (mismatch.length > 0) throw new Error(`counts differ from the file: job ${JSON.stringify(job.counts)}, expected ${JSON.stringify(expected)}`);

    // After the job: the relay publishes the events it wrote (one per created contact).
    const relayStart = performance.now();
    let unpublished = Number.NaN;
    for (let deadline = Date.now() + 600_000; Date.now() < deadline;) {
      unpublished = Number((await platform.query('SELECT count(*) AS n FROM contacts.outbox_message WHERE published_at IS NULL'))[0].n);
      if (unpublished === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const relayMs = unpublished === 0 ? performance.now() - relayStart : null;
    const queuedMs = new Date(job.startedAt).getTime() - new Date(job.createdAt).getTime();
    const progressSeen = [...new Set(samples.filter((s) => s.status === 'running').map((s) => s.progress))];

    const t = job.timings;
    const data = {
      rows,
      fileMiB: Math.round((sizeBytes / 2 ** 20) * 10) / 10,
      counts: job.counts,
      endToEndSeconds: Math.round(endToEndMs / 100) / 10,
      rowsPerSecond: Math.round(rows / (endToEndMs / 1000)),
      split: {
        uploadMs: Math.round(uploadMs),
        queuedMs,
        workerTotalMs: t.totalMs,
        parseAndValidateMs: t.parseMs,
        copyMs: t.copyMs,
        mergeMs: t.mergeMs,
        eventsMs: t.eventsMs,
        pollingLagMs: Math.round(endToEndMs - uploadMs - t.totalMs - Math.max(0, queuedMs)),
      },
      relayPublishAfterJobSeconds: relayMs === null ? null : Math.round(relayMs / 100) / 10,
      progressSeen,
      progressSamples: samples.length,
      contactsMemoryMiB: platform.memory().contacts ?? null,
    };
    const text = [
      `import of ${rows.toLocaleString('en-US')} rows (${data.fileMiB} MiB CSV): ${data.endToEndSeconds} s end to end = ${data.rowsPerSecond.toLocaleString('en-US')} rows/s`,
      `  created ${job.counts.created}, rejected ${job.counts.rejected}, skipped ${job.counts.skipped}; progress seen while running: ${progressSeen.join(' → ')}%`,
      table(
        ['stage', 'seconds'],
        [
          ['upload (to 202, file streamed to S3)', fmt(uploadMs / 1000, 2)],
          ['queued (202 → worker claimed)', fmt(queuedMs / 1000, 2)],
          ['parse + validate (Node, overlaps the DB work)', fmt(t.parseMs / 1000, 2)],
          ['COPY into staging', fmt(t.copyMs / 1000, 2)],
          ['merge (dedupe, insert, counters, rejected rows)', fmt(t.mergeMs / 1000, 2)],
          ['events (timeline + outbox rows, set-based)', fmt(t.eventsMs / 1000, 2)],
          ['worker total', fmt(t.totalMs / 1000, 2)],
          ['relay: outbox → RabbitMQ after the job', fmt(relayMs === null ? null : relayMs / 1000, 1)],
        ],
      ),
      `  contacts process memory: RSS ${data.contactsMemoryMiB?.rssMiB ?? '?'} MiB, peak ${data.contactsMemoryMiB?.peakMiB ?? '?'} MiB`,
    ].join('\n');
    return { data, text };
  } finally {
    rmSync(file, { force: true });
  }
}

/** `node bench/import.bench.mjs [rows] [--no-build] [--heap=MiB]`: its own platform (gateway + contacts), then cleans up. */
async function standalone() {
  const args = process.argv.slice(2);
  const rows = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 100_000);
  const log = (message) => console.log(`[import-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  if (!args.includes('--no-build')) {
    const { build } = await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href);
    await build();
  }
  // Room for a 1M-row file (~130 MiB); the service default stays 50 MiB.
  const heap = args.find((arg) => arg.startsWith('--heap='))?.slice('--heap='.length);
  const env = { IMPORT_MAX_BYTES: String(1024 * 2 ** 20), IMPORT_POLL_MS: '250', ...(heap ? { NODE_OPTIONS: `--max-old-space-size=${Number(heap)}` } : {}) };
  const platform = new BenchPlatform({ services: ['contacts'], env });
  let exitCode = 0;
  try {
    log('starting gateway + contacts (fresh database, AMQP prefix)');
    await platform.start();
    const { text, data } = await run({ platform, options: { importRows: rows }, log });
    console.log(`\n${text}\n`);
    console.log(JSON.stringify({ machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, ...data }));
  } catch (error) {
    exitCode = 1;
    console.error(error);
    console.error(platform.logsOf('contacts').split('\n').slice(-40).join('\n'));
  } finally {
    const problems = await platform.stop();
    for (const problem of problems) log(`cleanup problem: ${problem}`);
  }
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone();
