// Benchmark: e-mail to ticket (issue #9, "Inbound e-mail: ≥ 50 messages/s into tickets with
// attachments").
//   A tickets process with its SMTP listener on (a replica started for the run with
//   TICKETS_SMTP_PORT) receives e-mails from nodemailer over pooled SMTP connections at a fixed
//   rate (open model: each message is handed to the client on schedule). Every e-mail carries a
//   PDF attachment and comes from its own sender, so each opens a ticket: parse, sniff, S3 put,
//   ticket + radicado + clocks + outbox in one transaction, all before the 250 answer. Figures:
//   the rate of messages committed (250 received) over the run, the latency from the scheduled
//   send to the 250, what the database holds afterwards (tickets of channel e-mail with their
//   file), and how many acuses de recibo notifications sent meanwhile.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { cpuWindow } from './lib/cpu.mjs';
import { requestJson } from './lib/http.mjs';
import { dotStuff, smtpPool } from './lib/smtp-sender.mjs';
import { importDist } from './lib/platform.mjs';
import { fmt, round, sleep, summarize, table } from './lib/stats.mjs';

export const name = 'inbound-email';
export const description = 'e-mails with a PDF attachment over SMTP into the tickets e-mail channel at a fixed rate, each opening a ticket';
export const inDefaultRun = false;

const TARGET_PER_SECOND = 50;

/** A small but real PDF of about `kib` KiB (sniffed as application/pdf). */
function pdfOf(kib) {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n');
  const filler = Buffer.alloc(Math.max(0, kib * 1024 - head.length - 32), 0x20);
  return Buffer.concat([head, filler, Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n')]);
}

export async function run({ platform, options, log }) {
  if (!platform.gatewayUrl || !platform.has('tickets')) {
    return { data: { skipped: 'needs the gateway and tickets' }, text: 'inbound-email: skipped (needs the gateway and tickets)' };
  }
  const rate = Number(options.mailRate ?? 100);
  const seconds = Number(options.mailSeconds ?? 10);
  const connections = Number(options.mailConnections ?? 16);
  const attachment = pdfOf(Number(options.attachmentKib ?? 50));
  const total = Math.round(rate * seconds);
  const tag = randomUUID().slice(0, 8);
  const address = `soporte-${tag}@bench.test`;

  const created = await requestJson('POST', `${platform.gatewayUrl}/api/v1/ticket-email-addresses`, { token: platform.token, body: { address, pqrClass: 'peticion_general' } });
  if (created.status !== 201) throw new Error(`ticket-email-addresses answered ${created.status} ${JSON.stringify(created.body)}`);
  const { freePort } = await importDist('libs/testing/src/index.js');
  const port = await freePort();
  log(`starting a tickets process with its SMTP listener on ${port}`);
  await platform.platform.startReplica('tickets', { TICKETS_SMTP_PORT: String(port) });

  // The load generator shares the 2 cores with what it measures, and nodemailer composing a MIME
  // message per e-mail (headers, base64 of the PDF, a stream pipeline) and running its SMTP
  // session cost more CPU than needed. The e-mails are the same (multipart/mixed: a text part and
  // the PDF in base64, 76-column lines, a Message-ID of their own), written from a template whose
  // PDF part is encoded (and dot-stuffed) once, and sent over a pool of plain SMTP connections with
  // PIPELINING (bench/lib/smtp-sender.mjs): the server sees ordinary SMTP sessions and answers 250
  // after DATA as before. `--mail-compose=nodemailer` composes and sends each with nodemailer.
  const composeEach = options.mailCompose === 'nodemailer';
  const client = composeEach
    ? nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity })
    : smtpPool({ port, connections });
  const boundary = `----=_bench_${tag}`;
  const pdfPart = dotStuff(Buffer.from(`${attachment.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--${boundary}--\r\n`));
  const mail = (i) => {
    const from = `pqr-${tag}-${i}@cliente.bench`;
    const subject = `Reclamo por correo ${tag} ${i}`;
    const text = `Buenas tardes.\r\nRadico este reclamo por correo (${i}). Adjunto el soporte.\r\n`;
    if (composeEach)
      return { from: `Peticionario ${i} <${from}>`, to: address, subject, text, attachments: [{ filename: `soporte-${i}.pdf`, content: attachment, contentType: 'application/pdf' }] };
    const head =
      `From: Peticionario ${i} <${from}>\r\nTo: ${address}\r\nSubject: ${subject}\r\nMessage-ID: <${tag}.${i}.${randomUUID()}@cliente.bench>\r\nDate: ${new Date().toUTCString().replace('GMT', '+0000')}\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${text}` +
      `--${boundary}\r\nContent-Type: application/pdf; name="soporte-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="soporte-${i}.pdf"\r\n\r\n`;
    // No line of the head starts with a dot, so it needs no stuffing.
    return { from, to: [address], data: [Buffer.from(head), pdfPart] };
  };
  const sendMail = (message) => (composeEach ? client.sendMail(message) : client.send(message));

  // A few first, so connections, caches and the clocks' calendars are warm.
  for (let i = 0; i < 5; i++) await sendMail(mail(`w${i}`));

  log(`sending ${total} e-mails (${attachment.length} B PDF each) at ${rate}/s over up to ${connections} SMTP connections`);
  const latencies = [];
  const failures = {};
  let accepted = 0;
  const pending = [];
  const cpu = cpuWindow(() => platform.ourProcesses());
  const start = performance.now();
  let sent = 0;
  let lastAcceptedAt = start;
  const fire = (i, due) =>
    sendMail(mail(i)).then(
      () => {
        accepted++;
        lastAcceptedAt = performance.now();
        latencies.push(lastAcceptedAt - due);
      },
      (error) => {
        const key = String(error.responseCode ?? error.code ?? 'error');
        failures[key] = (failures[key] ?? 0) + 1;
      },
    );
  while (sent < total) {
    const dueCount = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; sent < dueCount; sent++) pending.push(fire(sent, start + (sent * 1000) / rate));
    await sleep(Math.max(1, (sent * 1000) / rate - (performance.now() - start)));
  }
  await Promise.all(pending);
  const runSeconds = (lastAcceptedAt - start) / 1000;
  const cpuUse = await cpu.stop();
  client.close();

  const [stored] = await platform.query(
    `SELECT count(DISTINCT t.id)::int AS tickets, count(a.id)::int AS files
       FROM tickets.ticket t LEFT JOIN tickets.ticket_attachment a ON a.ticket_id = t.id
      WHERE t.channel = 'email' AND t.requester_email LIKE $1 AND t.requester_email NOT LIKE $2`,
    [`pqr-${tag}-%@cliente.bench`, `pqr-${tag}-w%`],
  );
  // Acuses sent meanwhile (not part of the target; a short grace period for the tail).
  const deadline = Date.now() + 60_000;
  let acks = 0;
  while (Date.now() < deadline) {
    [{ acks }] = await platform
      .query(
        `SELECT count(*)::int AS acks FROM notifications.email_delivery WHERE template = 'ticket-acknowledgement' AND status = 'sent' AND to_address LIKE $1 AND to_address NOT LIKE $2`,
        [`pqr-${tag}-%@cliente.bench`, `pqr-${tag}-w%`],
      )
      .catch(() => [{ acks: 0 }]);
    if (acks >= stored.tickets || !platform.has('notifications')) break;
    await sleep(500);
  }
  const perSecond = accepted / runSeconds;
  // What one e-mail costs our processes (tickets, its Postgres backends, the load generator with
  // the S3 stand-in, notifications) in CPU, and so what two idle cores would carry: on the shared
  // box other people's work takes most of the cores, so the measured rate says little alone.
  const cpuMsPerMessage = cpuUse.oursCores > 0 && perSecond > 0 ? (cpuUse.oursCores * 1000) / perSecond : null;
  // The same per process (Postgres backends are named after their application, crm-<service>).
  const perMessage = Object.entries(cpuUse.cpuMs ?? {})
    .filter(([name, ms]) => name !== 'sharedPostgres' && ms > 0)
    .map(([name, ms]) => [name, ms / Math.max(1, accepted)])
    .sort((a, b) => b[1] - a[1]);
  const data = {
    offeredRate: rate,
    messages: total,
    accepted,
    failures,
    attachmentBytes: attachment.length,
    smtpConnections: connections,
    runSeconds: round(runSeconds),
    acceptedPerSecond: round(perSecond, 1),
    sendTo250Ms: summarize(latencies),
    ticketsCreated: stored.tickets,
    attachmentsStored: stored.files,
    acknowledgementsSent: acks,
    targetPerSecond: TARGET_PER_SECOND,
    cpuMsPerMessage: round(cpuMsPerMessage, 1),
    cpuMsPerMessageByProcess: Object.fromEntries(perMessage.map(([name, ms]) => [name, round(ms, 2)])),
    projectedPerSecondOnIdleCores: cpuMsPerMessage ? round((cpuUse.cores * 1000) / cpuMsPerMessage, 0) : null,
    meetsTarget: accepted === total && stored.tickets === total && stored.files === total && perSecond >= TARGET_PER_SECOND,
    cpu: cpuUse,
  };
  const text = [
    `e-mail to ticket: ${total} e-mails with a ${fmt(attachment.length / 1024, 0)} KiB PDF offered at ${rate}/s over ${connections} SMTP connections (nodemailer → tickets SMTP listener)`,
    table(
      ['measure', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [['scheduled send → 250 (ticket committed)', data.sendTo250Ms.count, fmt(data.sendTo250Ms.p50), fmt(data.sendTo250Ms.p95), fmt(data.sendTo250Ms.p99), fmt(data.sendTo250Ms.max)]],
    ),
    `accepted ${accepted}/${total} (failures ${JSON.stringify(failures)}) at ${data.acceptedPerSecond}/s over ${fmt(runSeconds, 1)} s; tickets ${stored.tickets}, files ${stored.files}; acuses sent ${acks} (target ≥ ${TARGET_PER_SECOND}/s: ${data.meetsTarget ? 'met' : 'NOT met'})`,
    `CPU: our processes used ${fmt(cpuUse.oursCores, 2)} of ${cpuUse.cores} cores (others ${fmt(cpuUse.otherCores, 2)}): ${fmt(cpuMsPerMessage, 1)} ms of CPU per e-mail, i.e. about ${fmt(data.projectedPerSecondOnIdleCores, 0)}/s if the ${cpuUse.cores} cores were ours alone`,
    table(
      ['process (until the last 250)', 'ms per e-mail'],
      perMessage.map(([name, ms]) => [name, fmt(ms, 2)]),
    ),
  ].join('\n');
  return { data, text };
}
