import { describe, expect, it } from '@jest/globals';
import { ticketAssignedAgentSummary, ticketAssignedAgentTemplate } from '../ticket-assigned-agent.template.js';
import { ticketLegalAlertTemplate, type TicketLegalAlertVars } from '../ticket-legal-alert.template.js';
import { ticketSlaAlertTemplate, type TicketSlaAlertVars } from '../ticket-sla-alert.template.js';

const TICKET_URL = 'https://crm.example/tickets/6f1c2b3a-0000-4000-8000-000000000042';

describe('ticket-assigned-agent', () => {
  const vars = {
    recipientName: 'Laura Restrepo',
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    pqrClass: 'peticion_documentos',
    priority: 'alta',
    legalDueAt: '2026-04-25T04:59:59.999Z',
    assignedByName: 'Carlos Ruiz',
    ticketUrl: TICKET_URL,
    timeZone: 'America/Bogota',
  };

  it('Spanish: who assigned it, class, priority, legal due day and the link', () => {
    const mail = ticketAssignedAgentTemplate.render('es', vars);
    expect(mail.subject).toBe('PQR asignada: PQR-2026-000042 — Cobro doble');
    expect(mail.text).toContain('Carlos Ruiz le asignó la PQR PQR-2026-000042: Cobro doble.');
    expect(mail.text).toContain('Clase: petición de documentos o información');
    expect(mail.text).toContain('Prioridad: Alta');
    expect(mail.text).toContain('Vencimiento legal: viernes, 24 de abril de 2026');
    expect(mail.html).toContain(`href="${TICKET_URL}"`);
  });

  it('English, automatic assignment', () => {
    const mail = ticketAssignedAgentTemplate.render('en', { ...vars, assignedByName: null });
    expect(mail.subject).toBe('Ticket assigned: PQR-2026-000042 — Cobro doble');
    expect(mail.text).toContain('Priority: High');
    expect(ticketAssignedAgentSummary('en', { ...vars, assignedByName: null })).toBe('The ticket PQR-2026-000042 was assigned to you: Cobro doble.');
  });
});

describe('ticket-legal-alert', () => {
  const base: TicketLegalAlertVars = {
    recipientName: 'Laura Restrepo',
    kind: 'due_soon',
    asManager: false,
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    pqrClass: 'reclamo',
    legalDueAt: '2026-04-25T04:59:59.999Z',
    businessDaysLeft: 3,
    assigneeName: 'Laura Restrepo',
    ticketUrl: TICKET_URL,
    timeZone: 'America/Bogota',
  };

  it('due soon counts business days, singular and on the day', () => {
    expect(ticketLegalAlertTemplate.render('es', base).subject).toBe('PQR vence en 3 días hábiles: PQR-2026-000042 — Cobro doble');
    expect(ticketLegalAlertTemplate.render('es', { ...base, businessDaysLeft: 1 }).subject).toBe('PQR vence en 1 día hábil: PQR-2026-000042 — Cobro doble');
    expect(ticketLegalAlertTemplate.render('es', { ...base, businessDaysLeft: 0 }).subject).toBe('PQR vence hoy: PQR-2026-000042 — Cobro doble');
    expect(ticketLegalAlertTemplate.render('en', base).subject).toBe('Due in 3 business days: PQR-2026-000042 — Cobro doble');
    expect(ticketLegalAlertTemplate.render('es', base).text).toContain('debe responderse a más tardar el viernes, 24 de abril de 2026');
  });

  it('overdue to a manager names the assignee', () => {
    const mail = ticketLegalAlertTemplate.render('es', { ...base, kind: 'overdue', asManager: true, businessDaysLeft: -1 });
    expect(mail.subject).toBe('PQR vencida (término legal): PQR-2026-000042 — Cobro doble');
    expect(mail.text).toContain('La PQR PQR-2026-000042 (asignada a Laura Restrepo) superó su fecha legal de respuesta');
    expect(mail.text).toContain('Radicado: PQR-2026-000042');
  });
});

describe('ticket-sla-alert', () => {
  const base: TicketSlaAlertVars = {
    recipientName: 'Laura Restrepo',
    kind: 'warning',
    asManager: false,
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    priority: 'media',
    target: 'first_response',
    // 15:30 in Bogotá.
    dueAt: '2026-04-06T20:30:00.000Z',
    assigneeName: null,
    ticketUrl: TICKET_URL,
    timeZone: 'America/Bogota',
  };

  it('warning and breach, per target, with the due moment in the zone', () => {
    const warning = ticketSlaAlertTemplate.render('es', base);
    expect(warning.subject).toBe('SLA en riesgo (primera respuesta): PQR-2026-000042 — Cobro doble');
    expect(warning.text).toContain('vence el 6 de abril de 2026 a las 3:30 p. m. (America/Bogota)');
    const breach = ticketSlaAlertTemplate.render('en', { ...base, kind: 'breached', target: 'resolution', asManager: true });
    expect(breach.subject).toBe('SLA breached (resolution): PQR-2026-000042 — Cobro doble');
    expect(breach.text).toContain('(not assigned)');
  });

  it('escapes the subject in HTML', () => {
    const mail = ticketSlaAlertTemplate.render('es', { ...base, subject: '<script>x</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
