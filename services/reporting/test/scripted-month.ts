// A month of activity (March 2026, tenant zone America/Bogota = UTC−5, no DST) as the services
// publish it: every payload is complete for its contract. The figures each report must give for
// it are worked out by hand in reports.e2e-spec.ts. Times are chosen at 15:00–16:00 UTC
// (10:00–11:00 in Bogotá) unless a ticket needs a precise business-hours position.
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@crm/contracts';

export interface MonthActors {
  tenantId: string;
  adminId: string;
  s1: string;
  s2: string;
  s3: string;
  teamA: string;
  teamB: string;
}

export interface MonthEvents {
  contacts: CloudEvent[];
  opportunities: CloudEvent[];
  tickets: CloudEvent[];
  erp: CloudEvent[];
  ids: Record<string, string>;
}

export function scriptedMonth(a: MonthActors): MonthEvents {
  const id = () => randomUUID();
  const ids: Record<string, string> = {
    web: id(),
    fair: id(),
    pipeline: id(),
    stNew: id(),
    stQual: id(),
    stProp: id(),
    stWon: id(),
    stLost: id(),
    lostReason: id(),
    cat: id(),
    c1: id(),
    c2: id(),
    c3: id(),
    c4: id(),
    c5: id(),
    o1: id(),
    o2: id(),
    o3: id(),
    o4: id(),
    o5: id(),
    o6: id(),
    t1: id(),
    t2: id(),
    t3: id(),
    t4: id(),
    t5: id(),
  };
  const ev = (source: string, type: string, subject: string, time: string, data: Record<string, unknown>): CloudEvent => {
    const eventId = id();
    return { specversion: '1.0', id: eventId, source: `crm/${source}`, type, time, subject, datacontenttype: 'application/json', tenantid: a.tenantId, correlationid: eventId, data };
  };

  // Sources: "Sitio web" costs 1,000,000 COP in March (stated by contacts); "Feria" 2,500,000 COP
  // stated by contacts, which the admin then corrects to 3,000,000 through /reports/source-costs.
  const source = (sourceId: string, name: string, channel: string, amount: string) =>
    ev('contacts', 'contacts.source.changed', sourceId, '2026-02-25T15:00:00.000Z', {
      sourceId,
      change: 'created',
      name,
      notes: null,
      channel,
      cost: { amount, currency: 'COP' },
      period: { from: '2026-03-01', to: '2026-03-31' },
      active: true,
      changes: [],
      changedBy: a.adminId,
      changedAt: '2026-02-25T15:00:00.000Z',
      version: 1,
    });
  const contact = (contactId: string, name: string, lifecycle: string, sourceId: string, ownerId: string, teamId: string, createdAt: string, taxId: string | null = null) =>
    ev('contacts', 'contacts.contact.created', contactId, createdAt, {
      contactId,
      kind: 'person',
      lifecycle,
      displayName: name,
      email: null,
      phone: null,
      ownerId,
      teamId,
      sourceId,
      companyId: null,
      taxId,
      createdBy: a.adminId,
      createdAt,
      version: 1,
    });
  const converted = (contactId: string, name: string, from: string, at: string) =>
    ev('contacts', 'contacts.contact.converted', contactId, at, {
      contactId,
      crmContactId: contactId,
      kind: 'person',
      legalName: name,
      taxId: null,
      address: { street: null, city: null, region: null, postalCode: null, country: null },
      email: null,
      phone: null,
      primaryContact: null,
      companyId: null,
      from,
      to: 'customer',
      isCustomer: true,
      isSupplier: false,
      trigger: 'manual',
      opportunityId: null,
      ownerId: null,
      convertedBy: a.adminId,
      convertedAt: at,
      version: 2,
    });
  const contacts = [
    source(ids.web!, 'Sitio web', 'web', '1000000.00'),
    source(ids.fair!, 'Feria', 'trade_show', '2500000.00'),
    contact(ids.c5!, 'Cliente Antiguo', 'customer', ids.web!, a.s1, a.teamA, '2026-02-10T15:00:00.000Z', '900.123.456-7'),
    contact(ids.c1!, 'Ana Uno', 'prospect', ids.web!, a.s1, a.teamA, '2026-03-02T15:00:00.000Z'),
    contact(ids.c2!, 'Beto Dos', 'prospect', ids.web!, a.s2, a.teamA, '2026-03-03T15:00:00.000Z'),
    contact(ids.c3!, 'Carla Tres', 'contact', ids.fair!, a.s3, a.teamB, '2026-03-05T15:00:00.000Z'),
    contact(ids.c4!, 'Dario Cuatro', 'prospect', ids.fair!, a.s3, a.teamB, '2026-03-06T15:00:00.000Z'),
    converted(ids.c1!, 'Ana Uno', 'prospect', '2026-03-20T15:00:00.000Z'),
    converted(ids.c3!, 'Carla Tres', 'contact', '2026-03-25T15:00:00.000Z'),
  ];

  // Opportunities. Stage probabilities: new 10, qualified 30, proposal 60.
  const versions = new Map<string, number>();
  const ref = (o: string, contactId: string, ownerId: string, teamId: string, stageId: string) => ({
    opportunityId: o,
    contactId,
    title: `Negocio ${o.slice(0, 4)}`,
    pipelineId: ids.pipeline,
    stageId,
    ownerId,
    teamId,
    agentId: null,
    assigneeId: null,
    createdBy: a.adminId,
  });
  const next = (o: string) => {
    const v = (versions.get(o) ?? 0) + 1;
    versions.set(o, v);
    return v;
  };
  const opp = (o: string, contactId: string, ownerId: string, teamId: string, amount: string, currency: string, expected: string, sourceId: string, at: string) =>
    ev('opportunities', 'opportunities.opportunity.created', o, at, {
      ...ref(o, contactId, ownerId, teamId, ids.stNew!),
      status: 'open',
      amount: { amount, currency },
      probability: 10,
      expectedCloseDate: expected,
      createdAt: at,
      version: next(o),
      sourceId,
    });
  const stage = (o: string, contactId: string, ownerId: string, teamId: string, from: string, to: string, toName: string, probability: number, seconds: number, at: string) =>
    ev('opportunities', 'opportunities.opportunity.stage_changed', o, at, {
      ...ref(o, contactId, ownerId, teamId, to),
      fromStageId: from,
      toStageId: to,
      toStageName: toName,
      probability,
      secondsInPreviousStage: seconds,
      changedBy: ownerId,
      changedAt: at,
      version: next(o),
    });
  const won = (o: string, contactId: string, ownerId: string, teamId: string, amount: string, at: string) =>
    ev('opportunities', 'opportunities.opportunity.won', o, at, {
      opportunityId: o,
      contactId,
      amount: { amount, currency: 'COP' },
      wonAt: at,
      ownerId,
      pipelineId: ids.pipeline,
      title: `Negocio ${o.slice(0, 4)}`,
      stageId: ids.stWon,
      agentId: null,
      assigneeId: null,
      teamId,
      wonBy: ownerId,
      version: next(o),
    });
  const lost = (o: string, contactId: string, ownerId: string, teamId: string, amount: string, at: string) =>
    ev('opportunities', 'opportunities.opportunity.lost', o, at, {
      ...ref(o, contactId, ownerId, teamId, ids.stLost!),
      amount: { amount, currency: 'COP' },
      lostReasonId: ids.lostReason,
      lostReasonName: 'Precio',
      lostBy: ownerId,
      lostAt: at,
      version: next(o),
    });
  const DAY = 86_400;
  const { s1, s2, s3, teamA, teamB } = a;
  const { c1, c2, c3, c4, o1, o2, o3, o4, o5, o6, stNew, stQual, stProp } = ids as Record<string, string>;
  const activity = (type: string, activityId: string, o: string, contactId: string, assignedTo: string, kind: string, at: string, version: number) =>
    ev('opportunities', type, activityId, at, {
      activityId,
      opportunityId: o,
      contactId,
      type: kind,
      subject: `Actividad ${kind}`,
      dueAt: null,
      assignedTo,
      createdBy: assignedTo,
      occurredAt: at,
      version,
      ...(type.endsWith('completed') ? { status: 'done', outcome: 'ok' } : { status: 'pending' }),
    });
  const [a1, a2, a3, a4, a5] = [id(), id(), id(), id(), id()];
  const opportunities = [
    opp(o6, c1, s2, teamA, '5000000.00', 'COP', '2026-03-20', ids.web!, '2026-02-20T16:00:00.000Z'),
    opp(o1, c1, s1, teamA, '10000000.00', 'COP', '2026-03-31', ids.web!, '2026-03-02T16:00:00.000Z'),
    stage(o6, c1, s2, teamA, stNew, stQual, 'Calificada', 30, 10 * DAY, '2026-03-02T16:00:00.000Z'),
    opp(o2, c2, s2, teamA, '4000000.00', 'COP', '2026-04-15', ids.web!, '2026-03-03T16:00:00.000Z'),
    stage(o1, c1, s1, teamA, stNew, stQual, 'Calificada', 30, 2 * DAY, '2026-03-04T16:00:00.000Z'),
    opp(o3, c3, s3, teamB, '6000000.00', 'COP', '2026-03-28', ids.fair!, '2026-03-05T16:00:00.000Z'),
    opp(o4, c4, s3, teamB, '2000.00', 'USD', '2026-04-30', ids.fair!, '2026-03-06T16:00:00.000Z'),
    stage(o3, c3, s3, teamB, stNew, stQual, 'Calificada', 30, 1 * DAY, '2026-03-06T16:00:00.000Z'),
    stage(o2, c2, s2, teamA, stNew, stQual, 'Calificada', 30, 4 * DAY, '2026-03-07T16:00:00.000Z'),
    stage(o1, c1, s1, teamA, stQual, stProp, 'Propuesta', 60, 5 * DAY, '2026-03-09T16:00:00.000Z'),
    opp(o5, c2, s1, teamA, '8000000.00', 'COP', '2026-04-10', ids.web!, '2026-03-10T16:00:00.000Z'),
    stage(o3, c3, s3, teamB, stQual, stProp, 'Propuesta', 60, 4 * DAY, '2026-03-10T16:00:00.000Z'),
    won(o1, c1, s1, teamA, '10000000.00', '2026-03-12T16:00:00.000Z'),
    stage(o4, c4, s3, teamB, stNew, stQual, 'Calificada', 30, 10 * DAY, '2026-03-16T16:00:00.000Z'),
    lost(o2, c2, s2, teamA, '4000000.00', '2026-03-23T16:00:00.000Z'),
    won(o3, c3, s3, teamB, '6000000.00', '2026-03-25T16:00:00.000Z'),
    // Activities: done in March — s1: a1 (call), a2 (meeting), a5 (call, created in February); s3: a3 (call); s2's a4 (email) is never done.
    activity('opportunities.activity.created', a5, o5, c2, s1, 'call', '2026-02-25T15:00:00.000Z', 1),
    activity('opportunities.activity.completed', a5, o5, c2, s1, 'call', '2026-03-02T15:00:00.000Z', 2),
    activity('opportunities.activity.created', a1, o1, c1, s1, 'call', '2026-03-03T15:00:00.000Z', 1),
    activity('opportunities.activity.completed', a1, o1, c1, s1, 'call', '2026-03-04T15:00:00.000Z', 2),
    activity('opportunities.activity.created', a2, o1, c1, s1, 'meeting', '2026-03-05T15:00:00.000Z', 1),
    activity('opportunities.activity.created', a3, o3, c3, s3, 'call', '2026-03-06T15:00:00.000Z', 1),
    activity('opportunities.activity.completed', a3, o3, c3, s3, 'call', '2026-03-07T15:00:00.000Z', 2),
    activity('opportunities.activity.completed', a2, o1, c1, s1, 'meeting', '2026-03-08T15:00:00.000Z', 2),
    activity('opportunities.activity.created', a4, o2, c2, s2, 'email', '2026-03-10T15:00:00.000Z', 1),
  ];

  // Tickets (PQR).
  const requester = { name: 'Pedro Solicitante', email: 'pedro@example.test', language: 'es' };
  let serial = 0;
  const radicados = new Map<string, string>();
  const base = (t: string, pqrClass: string, channel: string, priority: string, status: string, assigneeId: string, teamId: string, legalDueAt: string | null, categoryId: string | null) => {
    if (!radicados.has(t)) radicados.set(t, `PQR-2026-${String(++serial).padStart(6, '0')}`);
    return {
      ticketId: t,
      radicado: radicados.get(t),
      // Filed by a known contact (C2): a public PQR from an unknown requester would make contacts create one.
      contactId: ids.c2,
      pqrClass,
      categoryId,
      priority,
      status,
      channel,
      subject: 'Solicitud',
      assigneeId,
      teamId,
      legalDueAt,
      timeZone: 'America/Bogota',
    };
  };
  type B = ReturnType<typeof base>;
  const tk = (type: string, b: B, at: string, extra: Record<string, unknown>) => ev('tickets', `tickets.ticket.${type}`, b.ticketId, at, { ...b, ...extra });
  const created = (b: B, at: string) =>
    tk('created', { ...b, status: 'abierto' }, at, {
      receivedAt: at,
      createdBy: a.adminId,
      requester: { ...requester, phone: null, documentType: null, documentNumber: null },
      trackingUrl: null,
    });
  const replied = (b: B, at: string) =>
    tk('replied', { ...b, status: 'en_proceso' }, at, { messageId: id(), body: 'Respuesta', authorKind: 'staff', authorId: b.assigneeId, authorFirstName: 'Ana', repliedAt: at, requester });
  const closed = (b: B, at: string, legalState: string, slaState: string) =>
    tk('closed', { ...b, status: 'cerrado' }, at, { resolution: 'Resuelto', closedBy: b.assigneeId, closedAt: at, legalState, slaState, requester, trackingUrl: null });
  const csat = (b: B, at: string, rating: number) =>
    tk('satisfaction_recorded', { ...b, status: 'cerrado' }, at, { rating, comment: null, legalOutcome: null, slaOutcome: null, recordedAt: at });
  const t1 = base(ids.t1!, 'peticion_general', 'web', 'alta', 'abierto', s1, teamA, '2026-03-23T22:00:00.000Z', ids.cat!);
  const t2 = base(ids.t2!, 'queja', 'email', 'media', 'abierto', s2, teamA, '2026-03-23T22:00:00.000Z', ids.cat!);
  const t3 = base(ids.t3!, 'reclamo', 'telefono', 'alta', 'abierto', s3, teamB, '2026-03-25T22:00:00.000Z', null);
  const t4 = base(ids.t4!, 'peticion_documentos', 'web', 'baja', 'abierto', s3, teamB, '2026-03-20T22:00:00.000Z', null);
  const t5 = base(ids.t5!, 'consulta', 'chat', 'media', 'abierto', s1, teamA, null, null);
  const tickets = [
    created(t1, '2026-03-02T14:00:00.000Z'),
    replied(t1, '2026-03-02T16:30:00.000Z'),
    closed(t1, '2026-03-03T15:00:00.000Z', 'answered_on_time', 'met'),
    csat(t1, '2026-03-04T15:00:00.000Z', 5),
    created(t3, '2026-03-04T13:00:00.000Z'),
    replied(t3, '2026-03-05T13:30:00.000Z'),
    tk('extended', t3, '2026-03-10T15:00:00.000Z', {
      reason: 'Requiere análisis',
      previousDueAt: '2026-03-25T22:00:00.000Z',
      newDueAt: '2026-04-15T22:00:00.000Z',
      extendedBy: s3,
      extendedAt: '2026-03-10T15:00:00.000Z',
      requester,
    }),
    created(t4, '2026-03-09T15:00:00.000Z'),
    created(t2, '2026-03-20T21:00:00.000Z'),
    tk('sla_breached', t2, '2026-03-23T14:00:00.000Z', { target: 'first_response', dueAt: '2026-03-23T14:00:00.000Z', managerIds: [] }),
    replied(t2, '2026-03-24T14:00:00.000Z'),
    closed(t2, '2026-03-24T20:00:00.000Z', 'answered_late', 'breached'),
    csat(t2, '2026-03-25T15:00:00.000Z', 2),
    tk('legal_overdue', t4, '2026-03-25T15:00:00.000Z', { legalDueAt: '2026-03-20T22:00:00.000Z', businessDaysLeft: -2, managerIds: [] }),
    closed({ ...t3, legalDueAt: '2026-04-15T22:00:00.000Z' }, '2026-03-26T14:00:00.000Z', 'answered_on_time', 'met'),
    csat({ ...t3, legalDueAt: '2026-04-15T22:00:00.000Z' }, '2026-03-27T15:00:00.000Z', 4),
    created(t5, '2026-03-30T15:00:00.000Z'),
  ];

  // The ERP: invoices and a payment (its own exchange; never in a CRM outbox).
  const erpEvent = (type: string, subject: string, time: string, data: Record<string, unknown>): CloudEvent => ({ ...ev('contacts', type, subject, time, data), source: 'erp/finance' });
  const erp = [
    erpEvent('sales.invoice.issued', 'INV-1', '2026-03-21T15:00:00.000Z', {
      invoiceId: 'INV-1',
      invoiceNumber: 'FV-1',
      issuedAt: '2026-03-21T15:00:00.000Z',
      total: { amount: '10000000.00', currency: 'COP' },
      crmContactId: c1,
      status: 'open',
    }),
    erpEvent('sales.invoice.issued', 'INV-2', '2026-03-28T15:00:00.000Z', {
      invoiceId: 'INV-2',
      invoiceNumber: 'FV-2',
      issuedAt: '2026-03-28T15:00:00.000Z',
      total: { amount: '2000000.00', currency: 'COP' },
      crmContactId: c1,
    }),
    erpEvent('sales.invoice.issued', 'INV-3', '2026-02-15T15:00:00.000Z', {
      invoiceId: 'INV-3',
      invoiceNumber: 'FV-3',
      issuedAt: '2026-02-15T15:00:00.000Z',
      total: { amount: '3000000.00', currency: 'COP' },
      customerTaxId: '900123456-7',
    }),
    erpEvent('sales.invoice.issued', 'INV-4', '2026-03-26T15:00:00.000Z', {
      invoiceId: 'INV-4',
      invoiceNumber: 'FV-4',
      issuedAt: '2026-03-26T15:00:00.000Z',
      total: { amount: '9000000.00', currency: 'COP' },
      crmContactId: c3,
      status: 'cancelled',
    }),
    erpEvent('sales.invoice.issued', 'INV-5', '2026-03-26T15:00:00.000Z', {
      invoiceId: 'INV-5',
      invoiceNumber: 'FV-5',
      issuedAt: '2026-03-26T15:00:00.000Z',
      total: { amount: '6000000.00', currency: 'COP' },
      crmContactId: c3,
    }),
    erpEvent('finance.payment.received', 'PAY-1', '2026-03-25T15:00:00.000Z', {
      paymentId: 'PAY-1',
      receivedAt: '2026-03-25T15:00:00.000Z',
      amount: { amount: '5000000.00', currency: 'COP' },
      crmContactId: c1,
      appliedTo: [{ invoiceId: 'INV-1', amount: { amount: '5000000.00', currency: 'COP' } }],
    }),
  ];
  return { contacts, opportunities, tickets, erp, ids };
}
