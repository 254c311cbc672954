import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CloudEvent } from '@crm/contracts';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { messagingCounter } from './notifications-test-kit.js';
import { requester, ticketEvent } from './tickets-test-kit.js';

/**
 * Tickets notifications through the gateway: tickets events as the tickets service publishes
 * them, e-mails read from the loopback SMTP server, feeds and the delivery log read through the gateway.
 */
describe('notifications for PQR tickets', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let tenantId: string;
  let agent: WorldUser; // Spanish
  let englishAgent: WorldUser;
  let manager: WorldUser;
  let boss: WorldUser; // assigns tickets

  const publish = (event: CloudEvent) => spy.publish(`${world.platform.amqpPrefix}crm.events`, event.type, event, event.id);
  const mailsTo = (address: string) => world.platform.smtp.messages.filter((m) => m.to.includes(address));
  async function deliveriesOf(messageId: string) {
    const response = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
    expect(response.status).toBe(200);
    return (response.body.items as { messageId: string; toAddress: string; status: string; template: string }[]).filter((d) => d.messageId === messageId);
  }
  async function feedEntry(user: WorldUser, predicate: (n: { type: string; data: Record<string, unknown> }) => boolean) {
    return waitFor(
      async () => {
        const response = await world.api.get('/api/v1/notifications?limit=100', user.token);
        return (response.body.items as { type: string; title: string; link: string; data: Record<string, unknown> }[] | undefined)?.find(predicate);
      },
      { timeoutMs: 15_000, description: 'the in-app entry' },
    );
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['notifications'] });
    spy = await AmqpSpy.connect();
    const team = await world.createTeam(`Soporte ${randomUUID().slice(0, 4)}`);
    [agent, englishAgent, manager, boss] = await Promise.all([
      world.createUser(['support'], [team], { name: 'Laura Restrepo' }),
      world.createUser(['support'], [team], { name: 'John Smith', locale: 'en' }),
      world.createUser(['manager'], [team], { name: 'Gloria Manrique' }),
      world.createUser(['admin'], [], { name: 'Carlos Ruiz' }),
    ]);
    const me = await world.api.get('/api/v1/auth/me', world.adminToken);
    tenantId = me.body.tenant.id;
    expect(tenantId).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('sends the acuse de recibo once to the requester, with radicado, due date and tracking link', async () => {
    const who = requester();
    const trackingUrl = `https://pqr.example.co/seguimiento/PQR?token=${randomUUID()}`;
    const created = ticketEvent('tickets.ticket.created', tenantId, { receivedAt: '2026-04-03T02:30:00.000Z', createdBy: null, requester: who, trackingUrl });
    await publish(created);
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`Acuse de recibo de su PQR ${created.data.radicado}`);
    expect(mail!.text).toContain(`Radicado: ${created.data.radicado}`);
    expect(mail!.text).toContain('a más tardar el viernes, 24 de abril de 2026');
    expect(mail!.text).toContain(trackingUrl);

    // The same event again (at-least-once delivery): no second e-mail, one delivery row.
    const url = world.platform.urlOf('notifications');
    const before = await messagingCounter(url, 'duplicates');
    await publish(created);
    await waitFor(async () => (await messagingCounter(url, 'duplicates')) > before, { description: 'the duplicate skipped' });
    expect(mailsTo(who.email!)).toHaveLength(1);
    expect(await deliveriesOf(created.id)).toMatchObject([{ toAddress: who.email, status: 'sent', template: 'ticket-acknowledgement' }]);

    // Later e-mails of the same ticket reuse the tracking link of `created` (tickets keeps only its hash).
    const closed = ticketEvent('tickets.ticket.closed', tenantId, {
      ticketId: created.data.ticketId,
      radicado: created.data.radicado,
      status: 'cerrado',
      resolution: 'Se reembolsó el cobro doble.',
      closedBy: agent.id,
      closedAt: new Date().toISOString(),
      legalState: 'answered_on_time',
      slaState: 'met',
      requester: who,
      trackingUrl: null,
    });
    await publish(closed);
    const [survey] = await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!) && m.subject.includes('cerrada'), { timeoutMs: 15_000 });
    expect(survey!.subject).toBe(`Su PQR ${created.data.radicado} fue cerrada: ¿cómo le atendimos?`);
    expect(survey!.text).toContain('Se reembolsó el cobro doble.');
    expect(survey!.text).toContain(`https://pqr.example.co/seguimiento/PQR/satisfaccion?token=${trackingUrl.split('token=')[1]}`);
  });

  it('writes to an English requester in English and to nobody when there is no e-mail', async () => {
    const who = requester({ name: 'Jane Doe', language: 'en' });
    const created = ticketEvent('tickets.ticket.created', tenantId, { receivedAt: new Date().toISOString(), createdBy: null, requester: who, trackingUrl: null });
    const silent = ticketEvent('tickets.ticket.created', tenantId, {
      receivedAt: new Date().toISOString(),
      createdBy: agent.id,
      channel: 'telefono',
      requester: requester({ email: null }),
      trackingUrl: null,
    });
    const url = world.platform.urlOf('notifications');
    const consumedBefore = await messagingCounter(url, 'consumed');
    await publish(silent);
    await publish(created);
    await waitFor(async () => (await messagingCounter(url, 'consumed')) >= consumedBefore + 2, { description: 'both events consumed' });
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`We received your request ${created.data.radicado}`);
    expect(mail!.text).toContain('Hello Jane Doe,');
    await waitFor(async () => (await deliveriesOf(created.id)).length === 1, { description: 'the delivery row' });
    expect(await deliveriesOf(silent.id)).toHaveLength(0);
  });

  it('e-mails a staff public reply and the extension notice, never a requester reply back to them', async () => {
    const who = requester();
    const ticketId = randomUUID();
    const reply = ticketEvent('tickets.ticket.replied', tenantId, {
      ticketId,
      messageId: randomUUID(),
      body: 'Revisamos su factura.\nLe devolveremos el valor <pronto>.',
      authorKind: 'staff',
      authorId: agent.id,
      authorFirstName: 'Laura',
      repliedAt: new Date().toISOString(),
      requester: who,
    });
    const own = ticketEvent('tickets.ticket.replied', tenantId, {
      ticketId,
      messageId: randomUUID(),
      body: 'Gracias',
      authorKind: 'requester',
      authorId: null,
      authorFirstName: null,
      repliedAt: new Date().toISOString(),
      requester: who,
    });
    await publish(own);
    await publish(reply);
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`Respuesta a su PQR ${reply.data.radicado}: ${reply.data.subject}`);
    expect(mail!.text).toContain('Laura respondió a su solicitud');
    expect(mail!.html).toContain('Le devolveremos el valor &lt;pronto&gt;.');

    const extended = ticketEvent('tickets.ticket.extended', tenantId, {
      ticketId,
      reason: 'Debemos consultar al proveedor de facturación.',
      previousDueAt: '2026-04-25T04:59:59.999Z',
      newDueAt: '2026-05-16T04:59:59.999Z',
      extendedBy: agent.id,
      extendedAt: new Date().toISOString(),
      requester: who,
    });
    await publish(extended);
    const [notice] = await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!) && m.subject.startsWith('Prórroga'), { timeoutMs: 15_000 });
    expect(notice!.text).toContain('Debemos consultar al proveedor de facturación.');
    expect(notice!.text).toContain('Nueva fecha de respuesta (a más tardar): viernes, 15 de mayo de 2026');
    expect(notice!.text).toContain(`Radicado: ${extended.data.radicado}`);
    expect(mailsTo(who.email!).filter((m) => m.text.includes('Gracias'))).toHaveLength(0);
    expect(await deliveriesOf(own.id)).toHaveLength(0);
  });

  it('asks the petitioner to complete a suspended request (art. 17), with the stored tracking link', async () => {
    const who = requester();
    const trackingUrl = `https://pqr.example.co/seguimiento/PQR?token=${randomUUID()}`;
    const created = ticketEvent('tickets.ticket.created', tenantId, { receivedAt: new Date().toISOString(), createdBy: null, requester: who, trackingUrl });
    await publish(created);
    await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!), { timeoutMs: 15_000 });
    const suspended = ticketEvent('tickets.ticket.suspended', tenantId, {
      ticketId: created.data.ticketId,
      radicado: created.data.radicado,
      reason: 'Adjunte la factura de marzo.',
      suspendedBy: agent.id,
      suspendedAt: new Date().toISOString(),
      requester: who,
    });
    await publish(suspended);
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(who.email!) && m.subject.startsWith('Necesitamos'), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`Necesitamos información para su PQR ${created.data.radicado}`);
    expect(mail!.text).toContain('> Adjunte la factura de marzo.');
    expect(mail!.text).toContain(trackingUrl);
  });

  it("tells the assignee of the requester's reply (in their language), or the team managers when unassigned, once per event and recipient", async () => {
    // An English agent of its own, so other tests' mail to the shared agents stays theirs.
    const reader = await world.createUser(['support'], [], { name: 'Jane Doe', locale: 'en' });
    const who = requester({ name: 'Ana Gómez' });
    const replied = (data: Record<string, unknown>) =>
      ticketEvent('tickets.ticket.replied', tenantId, {
        messageId: randomUUID(),
        body: 'Ya envié el extracto.\nQuedo atenta <gracias>.',
        authorKind: 'requester',
        authorId: null,
        authorFirstName: null,
        repliedAt: new Date().toISOString(),
        requester: who,
        ...data,
      });
    const toAssignee = replied({ assigneeId: reader.id });
    await publish(toAssignee);
    await publish(toAssignee); // a redelivery
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(reader.email) && m.subject.includes(toAssignee.data.radicado), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`New reply from the requester: ${toAssignee.data.radicado} — ${toAssignee.data.subject}`);
    expect(mail!.text).toContain(`Ana Gómez replied to the ticket ${toAssignee.data.radicado}.`);
    expect(mail!.html).toContain('Quedo atenta &lt;gracias&gt;.');
    const entry = await feedEntry(reader, (n) => n.type === 'ticket.requester_replied' && n.data.ticketId === toAssignee.data.ticketId);
    expect(entry).toMatchObject({ link: `/tickets/${toAssignee.data.ticketId}`, data: { radicado: toAssignee.data.radicado, messageId: toAssignee.data.messageId } });

    const unassigned = replied({ assigneeId: null, teamId: randomUUID(), managerIds: [manager.id] });
    await publish(unassigned);
    const [managerMail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(manager.email) && m.subject.includes(unassigned.data.radicado), { timeoutMs: 15_000 });
    expect(managerMail!.subject).toBe(`Nueva respuesta del peticionario: ${unassigned.data.radicado} — ${unassigned.data.subject}`);
    expect(managerMail!.text).toContain(`Ana Gómez respondió en la PQR ${unassigned.data.radicado} (sin asignar).`);
    expect(await feedEntry(manager, (n) => n.type === 'ticket.requester_replied' && n.data.ticketId === unassigned.data.ticketId)).toBeDefined();

    await waitFor(async () => (await deliveriesOf(toAssignee.id)).filter((d) => d.status === 'sent').length === 1, { description: 'the assignee e-mail sent' });
    expect(await deliveriesOf(toAssignee.id)).toHaveLength(1);
    expect(await deliveriesOf(unassigned.id)).toHaveLength(1);
    expect(mailsTo(who.email!).filter((m) => m.text.includes('Quedo atenta'))).toHaveLength(0);
  });

  it('tells the agent of an assignment by e-mail and in the feed, in their language', async () => {
    const assigned = ticketEvent('tickets.ticket.assigned', tenantId, { assigneeId: englishAgent.id, previousAssigneeId: null, assignedBy: boss.id, assignedAt: new Date().toISOString() });
    await publish(assigned);
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(englishAgent.email), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`Ticket assigned: ${assigned.data.radicado} — ${assigned.data.subject}`);
    expect(mail!.text).toContain(`Carlos Ruiz assigned you the ticket ${assigned.data.radicado}`);
    expect(mail!.text).toContain(`/tickets/${assigned.data.ticketId}`);
    const entry = await feedEntry(englishAgent, (n) => n.data.ticketId === assigned.data.ticketId);
    expect(entry).toMatchObject({ type: 'ticket.assigned', link: `/tickets/${assigned.data.ticketId}`, data: { radicado: assigned.data.radicado } });
  });

  it('due soon goes to the assignee only; overdue also to the team managers, each once', async () => {
    const ticketId = randomUUID();
    const dueSoon = ticketEvent('tickets.ticket.legal_due_soon', tenantId, { ticketId, assigneeId: agent.id, businessDaysLeft: 3, managerIds: [manager.id] });
    const overdue = ticketEvent('tickets.ticket.legal_overdue', tenantId, {
      ticketId,
      radicado: dueSoon.data.radicado,
      assigneeId: agent.id,
      businessDaysLeft: -1,
      managerIds: [manager.id, agent.id],
    });
    await publish(dueSoon);
    await publish(overdue);
    await world.platform.smtp.waitForMessages((m) => m.to.includes(manager.email) && m.subject.includes(dueSoon.data.radicado), { timeoutMs: 15_000 });
    await waitFor(async () => (await deliveriesOf(overdue.id)).filter((d) => d.status === 'sent').length === 2, { description: 'overdue to two people' });
    // The service handles a queue's events concurrently: the overdue one may be done before due soon.
    await waitFor(async () => (await deliveriesOf(dueSoon.id)).filter((d) => d.status === 'sent').length === 1, { description: 'due soon to the assignee' });
    const toAgent = mailsTo(agent.email)
      .filter((m) => m.subject.includes(dueSoon.data.radicado))
      .map((m) => m.subject)
      .sort();
    expect(toAgent).toEqual(
      [`PQR vence en 3 días hábiles: ${dueSoon.data.radicado} — ${dueSoon.data.subject}`, `PQR vencida (término legal): ${dueSoon.data.radicado} — ${dueSoon.data.subject}`].sort(),
    );
    const toManager = mailsTo(manager.email).filter((m) => m.subject.includes(dueSoon.data.radicado));
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.text).toContain('(asignada a Laura Restrepo)');
    expect(await feedEntry(manager, (n) => n.type === 'ticket.legal_overdue' && n.data.ticketId === ticketId)).toBeDefined();
  });

  it('SLA warning to the assignee; breach also to the managers', async () => {
    const ticketId = randomUUID();
    const dueAt = new Date().toISOString();
    const warning = ticketEvent('tickets.ticket.sla_warning', tenantId, { ticketId, assigneeId: agent.id, target: 'first_response', dueAt, managerIds: [manager.id] });
    const breach = ticketEvent('tickets.ticket.sla_breached', tenantId, {
      ticketId,
      radicado: warning.data.radicado,
      assigneeId: agent.id,
      target: 'first_response',
      dueAt,
      managerIds: [manager.id],
    });
    await publish(warning);
    await publish(breach);
    await waitFor(async () => (await deliveriesOf(breach.id)).filter((d) => d.status === 'sent').length === 2, { description: 'the breach e-mails' });
    // Handled concurrently with the breach: its row may come after the breach's.
    await waitFor(async () => (await deliveriesOf(warning.id)).length > 0, { description: 'the warning e-mail' });
    expect(await deliveriesOf(warning.id)).toMatchObject([{ toAddress: agent.email, template: 'ticket-sla-alert' }]);
    const toManager = mailsTo(manager.email)
      .filter((m) => m.subject.includes(warning.data.radicado))
      .map((m) => m.subject);
    expect(toManager).toEqual([`SLA incumplido (primera respuesta): ${warning.data.radicado} — ${warning.data.subject}`]);
  });
});
