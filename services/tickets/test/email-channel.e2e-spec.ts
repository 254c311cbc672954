import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { CrmWorld, freePort, waitFor, type ReceivedMail, type WorldUser } from '@crm/testing';

const MAX_BYTES = 400_000;
const SENDER_HOURLY_LIMIT = 10;
/** Less than one big e-mail: with one such message in flight the budget is full (451). */
const MEMORY_BYTES = 250_000;
const pdfBytes = () => Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const pngBytes = () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

interface TicketView {
  id: string;
  radicado: string;
  channel: string;
  subject: string;
  status: string;
  contactId: string | null;
  pqrClass: string;
}

/**
 * E-mail to ticket over real SMTP: nodemailer (a client we did not write) talks to the tickets
 * service's listener; the acuse de recibo is read from the SMTP server notifications sends to;
 * files come back from the S3 endpoint; everything else is checked through the gateway.
 */
describe('e-mail to ticket', () => {
  let world: CrmWorld;
  let smtpPort: number;
  let client: Transporter;
  let otherTenant: WorldUser & { tenantSlug: string };
  let support: WorldUser;
  const tag = randomUUID().slice(0, 8);
  const supportAddress = `soporte-${tag}@empresa.test`;
  const otherAddress = `pqr-${tag}@otra.test`;
  const requester = `maria-${tag}@cliente.test`;
  let contactId: string;
  // Filled by the first test, used by the next ones.
  let ticket: TicketView;
  let ack: ReceivedMail;
  let firstMessageId: string;

  const send = (mail: Mail.Options) => client.sendMail({ from: `María Pérez <${requester}>`, to: supportAddress, ...mail });
  const messagesOf = async (ticketId: string, token = world.adminToken) => {
    const response = await world.api.get(`/api/v1/tickets/${ticketId}/messages`, token);
    expect(response.status).toBe(200);
    return response.body.items as { kind: string; authorKind: string; body: string; attachments: { fileName: string }[] }[];
  };
  const logOf = async (query: string, token = world.adminToken) => {
    const response = await world.api.get(`/api/v1/ticket-inbound-emails?${query}`, token);
    expect(response.status).toBe(200);
    return response.body.items as {
      messageId: string;
      outcome: string;
      reason: string | null;
      ticketId: string | null;
      spf: string | null;
      dkim: string | null;
      dmarc: string | null;
      attachmentsRefused: unknown[];
    }[];
  };
  const findByRadicado = async (radicado: string, token = world.adminToken): Promise<TicketView | undefined> => {
    const list = await world.api.get(`/api/v1/tickets?q=${encodeURIComponent(radicado)}`, token);
    return (list.body.items as TicketView[] | undefined)?.find((item) => item.radicado === radicado);
  };
  const ticketsFrom = async (email: string, token = world.adminToken): Promise<TicketView[]> => {
    const list = await world.api.get(`/api/v1/tickets?q=${encodeURIComponent(email)}&limit=50`, token);
    expect(list.status).toBe(200);
    return list.body.items as TicketView[];
  };

  beforeAll(async () => {
    smtpPort = await freePort();
    world = await CrmWorld.start({
      services: ['tickets', 'notifications', 'contacts'],
      env: {
        TICKETS_SMTP_PORT: String(smtpPort),
        TICKETS_SMTP_MAX_BYTES: String(MAX_BYTES),
        TICKETS_EMAIL_SENDER_HOURLY_LIMIT: String(SENDER_HOURLY_LIMIT),
        TICKETS_SMTP_MEMORY_BYTES: String(MEMORY_BYTES),
      },
    });
    client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: false });
    const created = await world.api.post('/api/v1/ticket-email-addresses', { address: supportAddress.toUpperCase(), pqrClass: 'reclamo' }, world.adminToken);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ address: supportAddress, pqrClass: 'reclamo', priority: 'media', active: true, version: 1 });
    otherTenant = await world.createTenant();
    expect((await world.api.post('/api/v1/ticket-email-addresses', { address: otherAddress }, otherTenant.token)).status).toBe(201);
    support = await world.createUser(['support']);
    contactId = (await world.createContact(world.adminToken, { firstName: 'María', lastName: 'Pérez', email: requester })).id;
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await world?.stop();
  });

  it('opens a ticket from an e-mail, with its file, the sender as contact, and the acuse threaded under it', async () => {
    const sent = await send({
      subject: 'Cobro doble en la factura de marzo',
      text: 'Buenas tardes.\nMe cobraron dos veces el servicio de marzo. Adjunto el extracto.\n\nMaría',
      headers: { 'Authentication-Results': 'mx.empresa.test; spf=pass smtp.mailfrom=cliente.test; dkim=pass header.d=cliente.test; dmarc=pass header.from=cliente.test' },
      attachments: [
        { filename: 'extracto marzo.pdf', content: pdfBytes(), contentType: 'application/pdf' },
        { filename: 'programa.exe', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode', 'latin1'), contentType: 'application/octet-stream' },
      ],
    });
    expect(sent.accepted).toEqual([supportAddress]);
    firstMessageId = sent.messageId;

    // The acuse de recibo, as for a public filing, answering the requester's e-mail.
    [ack] = (await world.platform.smtp.waitForMessages((m) => m.to.includes(requester) && m.subject.startsWith('Acuse de recibo'), { timeoutMs: 30_000 })) as [ReceivedMail];
    const radicado = /(PQR-\d{4}-\d{6})/.exec(ack.subject)?.[1];
    expect(radicado).toBeDefined();
    expect(ack.text).toContain(`Radicado: ${radicado}`);
    expect(ack.messageId).toMatch(/^<t\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}@demo\.test>$/);
    expect(ack.headers['in-reply-to']).toBe(firstMessageId);
    expect(ack.headers['references']).toContain(firstMessageId);

    ticket = (await findByRadicado(radicado!))!;
    expect(ticket).toMatchObject({ channel: 'email', subject: 'Cobro doble en la factura de marzo', pqrClass: 'reclamo', status: 'abierto' });
    expect(ack.messageId).toContain(ticket.id);
    const full = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
    expect(full.body.description).toContain('Me cobraron dos veces el servicio de marzo.');
    expect(full.body.description).toContain('[Adjunto no recibido: programa.exe (tipo de archivo no permitido)]');
    expect(full.body.requester).toMatchObject({ name: 'María Pérez', email: requester });

    // Contacts matched the sender's address to the existing contact (the public-filing flow).
    await waitFor(async () => (await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken)).body.contactId === contactId, {
      timeoutMs: 20_000,
      description: 'the ticket linked to the contact with the sender address',
    });

    // The PDF is stored in S3 and staff download it; the .exe was refused and recorded.
    const files = await world.api.get(`/api/v1/tickets/${ticket.id}/attachments`, world.adminToken);
    expect(files.body.items).toEqual([expect.objectContaining({ fileName: 'extracto marzo.pdf', contentType: 'application/pdf', sizeBytes: pdfBytes().length })]);
    const link = await world.api.get(`/api/v1/tickets/${ticket.id}/attachments/${files.body.items[0].id}/download`, world.adminToken);
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()).equals(pdfBytes())).toBe(true);

    const [entry] = await logOf(`ticketId=${ticket.id}`);
    expect(entry).toMatchObject({ messageId: firstMessageId, outcome: 'ticket_created', spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    expect(entry!.attachmentsRefused).toEqual([{ fileName: 'programa.exe', reason: 'type_not_allowed' }]);
    // The same record on the ticket, for whoever may see the ticket; a support agent outside it gets 404.
    const emails = await world.api.get(`/api/v1/tickets/${ticket.id}/emails`, world.adminToken);
    expect(emails.body.items).toEqual([expect.objectContaining({ messageId: firstMessageId, fromAddress: requester, spf: 'pass', dkim: 'pass', outcome: 'ticket_created' })]);
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}/emails`, support.token)).status).toBe(404);
  });

  it('adds a reply to the acuse to the same ticket, once however often it is delivered', async () => {
    const reply: Mail.Options = {
      subject: `RE: ${ack.subject}`,
      inReplyTo: ack.messageId!,
      references: [firstMessageId, ack.messageId!],
      messageId: `<reply-${tag}@cliente.test>`,
      text: `Les envío también la captura del cobro.\n\nEl lun, 2 mar 2026 a las 10:15, CRM <crm@demo.test> escribió:\n> ${ack.text.split('\n').join('\n> ')}`,
      attachments: [{ filename: 'captura.png', content: pngBytes(), contentType: 'image/png' }],
    };
    // Staff were waiting on the customer ("Pendiente"): their answer by e-mail puts it back "En proceso".
    const current = await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken);
    expect((await world.api.post(`/api/v1/tickets/${ticket.id}/status`, { status: 'pendiente', version: current.body.version }, world.adminToken)).status).toBe(200);
    expect((await send(reply)).accepted).toEqual([supportAddress]);
    expect((await send(reply)).accepted).toEqual([supportAddress]); // the relay delivers it again
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}`, world.adminToken)).body.status).toBe('en_proceso');

    const messages = await messagesOf(ticket.id);
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'public',
        authorKind: 'requester',
        body: 'Les envío también la captura del cobro.',
        attachments: [expect.objectContaining({ fileName: 'captura.png' })],
      }),
    ]);
    expect((await logOf(`ticketId=${ticket.id}&outcome=reply_added`)).map((e) => e.reason)).toEqual(['message_id']);

    // With only the radicado in the subject (a client that drops the threading headers) it lands there too.
    await send({ subject: `Pregunta sobre ${ticket.radicado}`, text: '¿Ya tienen respuesta?' });
    expect((await messagesOf(ticket.id)).map((m) => m.body)).toEqual(['Les envío también la captura del cobro.', '¿Ya tienen respuesta?']);

    // Staff answer publicly: the e-mail threads under the acuse, and answering it (no radicado in
    // the subject, only the threading headers) lands in the ticket as well.
    expect((await world.api.post(`/api/v1/tickets/${ticket.id}/messages`, { kind: 'public', body: 'Ya reversamos el cobro doble.' }, world.adminToken)).status).toBe(201);
    const [answer] = await world.platform.smtp.waitForMessages((m) => m.to.includes(requester) && m.subject.startsWith('Respuesta a su PQR'), { timeoutMs: 30_000 });
    expect(answer!.headers['in-reply-to']).toBe(ack.messageId);
    expect(answer!.headers['references']).toContain(ack.messageId!);
    expect(answer!.messageId).toMatch(new RegExp(`^<t\\.${ticket.id}\\.[0-9a-f]{32}\\.[A-Za-z0-9_-]{22}@demo\\.test>$`));
    await send({ subject: 'Re: gracias', inReplyTo: answer!.messageId!, references: [ack.messageId!, answer!.messageId!], text: 'Muchas gracias, confirmo el reverso.' });
    expect((await messagesOf(ticket.id)).map((m) => `${m.authorKind}: ${m.body}`).slice(-2)).toEqual([
      'staff: Ya reversamos el cobro doble.',
      'requester: Muchas gracias, confirmo el reverso.',
    ]);
  });

  it('ignores auto-replies, our own mail coming back and bounces: nothing opened, nothing answered, no e-mail back', async () => {
    const before = (await ticketsFrom(requester)).length;
    await send({ subject: `Fuera de la oficina: ${ack.subject}`, inReplyTo: ack.messageId!, headers: { 'Auto-Submitted': 'auto-replied' }, text: 'Estoy de vacaciones hasta el lunes.' });
    await send({ subject: 'Boletín de marzo', headers: { Precedence: 'bulk' }, text: 'Novedades del mes.' });
    await send({ subject: 'Respuesta automática', headers: { 'X-Autoreply': 'yes' }, text: 'Recibimos su correo.' });
    // Our own acuse, bounced back verbatim by a forwarding rule.
    await client.sendMail({ envelope: { from: requester, to: [supportAddress] }, raw: ack.raw });
    await client.sendMail({
      envelope: { from: '', to: [supportAddress] },
      raw: `From: MAILER-DAEMON@mx.cliente.test\r\nTo: ${supportAddress}\r\nSubject: Undelivered Mail\r\nMessage-ID: <bounce-${tag}@mx.cliente.test>\r\n\r\nThe mail could not be delivered.\r\n`,
    });

    const ignored = await logOf('outcome=ignored');
    expect(ignored.map((e) => e.reason).sort()).toEqual(['auto_submitted', 'autoreply_header', 'mailer_daemon', 'own_message', 'precedence']);
    expect((await ticketsFrom(requester)).length).toBe(before);
    expect((await messagesOf(ticket.id)).length).toBe(4);
    // Nothing was answered: the requester's mailbox still holds only the acuse (checked after a
    // later e-mail of the same requester arrived, so notifications had its chance to send more).
    await send({ subject: `Consulta nueva ${tag}`, text: 'Otra consulta distinta.' });
    await world.platform.smtp.waitForMessages((m) => m.to.includes(requester) && m.subject.startsWith('Acuse de recibo'), { count: 2, timeoutMs: 30_000 });
    expect(world.platform.smtp.messages.filter((m) => m.to.includes(requester)).map((m) => m.subject.replace(/PQR-\d{4}-\d{6}/, 'R'))).toEqual([
      'Acuse de recibo de su PQR R',
      'Respuesta a su PQR R: Cobro doble en la factura de marzo',
      'Acuse de recibo de su PQR R',
    ]);
  });

  it('never lets mail into another tenant’s ticket nor another person into a conversation', async () => {
    // To the other company's address, quoting this company's radicado and acuse: a new ticket there.
    await send({ to: otherAddress, subject: `RE: ${ack.subject}`, inReplyTo: ack.messageId!, references: [ack.messageId!], text: 'Intento de cruce entre empresas.' });
    expect((await messagesOf(ticket.id)).map((m) => m.body)).not.toContain('Intento de cruce entre empresas.');
    const [crossed] = await logOf('outcome=ticket_created', otherTenant.token);
    expect(crossed).toMatchObject({ outcome: 'ticket_created', reason: 'thread_not_found' });
    expect((await world.api.get(`/api/v1/tickets/${crossed!.ticketId}`, world.adminToken)).status).toBe(404);
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}`, otherTenant.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/tickets/${ticket.id}/attachments`, otherTenant.token)).status).toBe(404);
    expect((await logOf('limit=200', otherTenant.token)).map((e) => e.messageId)).not.toContain(firstMessageId);

    // Somebody else writing about this radicado opens their own ticket.
    await client.sendMail({ from: `intruso-${tag}@otro.test`, to: supportAddress, subject: `RE: ${ack.subject}`, inReplyTo: ack.messageId!, text: 'Texto de un tercero.' });
    expect((await messagesOf(ticket.id)).map((m) => m.body)).not.toContain('Texto de un tercero.');
    expect((await logOf('outcome=ticket_created')).find((e) => e.reason === 'sender_not_requester')).toBeDefined();
  });

  it('makes one ticket of one e-mail delivered twice at once, and stops a sender that never stops', async () => {
    const pedro = `pedro-${tag}@cliente.test`;
    const twin: Mail.Options = {
      from: `Pedro Gómez <${pedro}>`,
      to: supportAddress,
      subject: 'Solicitud duplicada por el relay',
      messageId: `<twin-${tag}@cliente.test>`,
      text: 'Una sola PQR, por favor.',
    };
    // Five deliveries at once, each on its own connection: every one is answered 250 (a duplicate
    // is accepted and dropped, whether the pre-check or the Message-ID's unique key catches it).
    const others = Array.from({ length: 4 }, () => nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }));
    try {
      const answers = await Promise.all([client, ...others].map((transport) => transport.sendMail(twin)));
      expect(answers.map((answer) => answer.response?.slice(0, 3))).toEqual(['250', '250', '250', '250', '250']);
    } finally {
      for (const transport of others) transport.close();
    }
    const [pedroTicket, ...more] = await ticketsFrom(pedro);
    expect(more).toHaveLength(0);
    // The delivery that lost (a duplicate, whether the pre-check or the unique key caught it) took
    // no number: the next e-mail's radicado follows without a gap.
    const next = `sofia-${tag}@cliente.test`;
    await client.sendMail({ from: next, to: supportAddress, subject: 'La siguiente PQR', text: 'Otra solicitud.' });
    const [nextTicket] = await ticketsFrom(next);
    const sequence = (radicado: string) => Number(radicado.split('-').pop());
    expect(sequence(nextTicket!.radicado)).toBe(sequence(pedroTicket!.radicado) + 1);

    // A robot answering with new e-mails (no auto-reply headers) opens at most the hourly limit,
    // and the e-mail past it leaves nothing behind in S3 (its file is never stored).
    const robot = `robot-${tag}@cliente.test`;
    for (let i = 0; i < SENDER_HOURLY_LIMIT; i++) await client.sendMail({ from: robot, to: supportAddress, subject: `Notificación ${i}`, text: `Mensaje ${i}` });
    const filesInS3 = () => readdirSync(world.platform.s3.directory, { recursive: true }).length;
    const before = filesInS3();
    await client.sendMail({
      from: robot,
      to: supportAddress,
      subject: `Notificación ${SENDER_HOURLY_LIMIT}`,
      text: 'Con adjunto',
      attachments: [{ filename: 'informe.pdf', content: pdfBytes() }],
    });
    expect(filesInS3()).toBe(before);
    expect((await ticketsFrom(robot)).length).toBe(SENDER_HOURLY_LIMIT);
    expect((await logOf('outcome=ignored')).filter((e) => e.reason === 'sender_rate_limited')).toHaveLength(1);
  });

  it('drops an e-mail whose Message-ID another delivery records while it is being filed: 250, no ticket, no radicado taken', async () => {
    const db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    try {
      const before = `antes-${tag}@cliente.test`;
      await client.sendMail({ from: before, to: supportAddress, subject: 'PQR anterior', text: 'Antes de la carrera.' });
      const [beforeTicket] = await ticketsFrom(before);
      // Another delivery of the same e-mail is mid-transaction: its log row is written, not committed.
      const messageId = `<carrera-${tag}@cliente.test>`;
      const [address] = (await db.query('SELECT id, tenant_id FROM tickets.ticket_email_address WHERE address = $1', [supportAddress])).rows as { id: string; tenant_id: string }[];
      await db.query('BEGIN');
      await db.query(`INSERT INTO tickets.inbound_email (tenant_id, address_id, message_id, outcome, size_bytes) VALUES ($1, $2, $3, 'ignored', 1)`, [
        address!.tenant_id,
        address!.id,
        messageId,
      ]);
      const racer = `carrera-${tag}@cliente.test`;
      const delivery = client.sendMail({ from: racer, to: supportAddress, subject: 'La misma PQR', text: 'Entregada dos veces.', messageId });
      // It passed the pre-check (the row is not committed) and now waits on the Message-ID's key.
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND transactionid = (SELECT backend_xid FROM pg_stat_activity WHERE pid = pg_backend_pid())`,
            )
          ).rowCount
            ? true
            : undefined,
        { timeoutMs: 20_000, description: 'the creation waiting on the Message-ID' },
      );
      await db.query('COMMIT');
      expect((await delivery).response?.slice(0, 3)).toBe('250');
      expect(await ticketsFrom(racer)).toHaveLength(0);
      const after = `despues-${tag}@cliente.test`;
      await client.sendMail({ from: after, to: supportAddress, subject: 'PQR siguiente', text: 'Después de la carrera.' });
      const [afterTicket] = await ticketsFrom(after);
      const sequence = (radicado: string) => Number(radicado.split('-').pop());
      expect(sequence(afterTicket!.radicado)).toBe(sequence(beforeTicket!.radicado) + 1);
    } finally {
      await db.query('ROLLBACK').catch(() => undefined);
      await db.end();
    }
  });

  it('refuses unknown addresses at RCPT, mail over the size limit and, for later, mail past the memory budget; only admins manage addresses', async () => {
    await expect(client.sendMail({ from: requester, to: `nadie-${tag}@empresa.test`, subject: 'Hola', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      send({ subject: 'Muy grande', text: 'x', attachments: [{ filename: 'grande.pdf', content: Buffer.concat([pdfBytes(), Buffer.alloc(MAX_BYTES, 0x20)]) }] }),
    ).rejects.toMatchObject({
      responseCode: 552,
    });
    // Within the size limit but past what the listener may hold in memory: try again later (451).
    await expect(
      send({ subject: 'Grande pero permitido', text: 'x', attachments: [{ filename: 'mediano.pdf', content: Buffer.concat([pdfBytes(), Buffer.alloc(MEMORY_BYTES, 0x20)]) }] }),
    ).rejects.toMatchObject({
      responseCode: 451,
    });

    expect((await world.api.get('/api/v1/ticket-email-addresses', support.token)).status).toBe(403);
    expect((await world.api.get('/api/v1/ticket-inbound-emails', support.token)).status).toBe(403);
    // Another company cannot take the address, nor learn its id.
    const taken = await world.api.post('/api/v1/ticket-email-addresses', { address: supportAddress }, otherTenant.token);
    expect(taken.status).toBe(409);
    expect(taken.body.existingId).toBeUndefined();
    const mine = await world.api.post('/api/v1/ticket-email-addresses', { address: supportAddress }, world.adminToken);
    expect(mine.status).toBe(409);
    expect(mine.body.existingId).toEqual(expect.any(String));

    // Deactivated: mail to it is refused at RCPT from then on.
    const address = await world.api.get(`/api/v1/ticket-email-addresses/${mine.body.existingId}`, world.adminToken);
    const off = await world.api.patch(`/api/v1/ticket-email-addresses/${address.body.id}`, { active: false, version: address.body.version }, world.adminToken);
    expect(off.status).toBe(200);
    expect((await world.api.patch(`/api/v1/ticket-email-addresses/${address.body.id}`, { active: true, version: address.body.version }, world.adminToken)).status).toBe(412);
    await expect(send({ subject: 'Después de desactivar', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
  });
});
