import { describe, expect, it } from '@jest/globals';
import { ticketRequesterReplyAgentSummary, ticketRequesterReplyAgentTemplate } from '../ticket-requester-reply-agent.template.js';

const TICKET_URL = 'https://crm.example/tickets/6f1c2b3a-0000-4000-8000-000000000042';

describe('ticket-requester-reply-agent', () => {
  const vars = {
    recipientName: 'Laura Restrepo',
    asManager: false,
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    assigneeName: null,
    ticketUrl: TICKET_URL,
    requesterName: 'María Pérez',
    body: 'Ya envié el extracto.\nGracias <b>por todo</b>.',
  };

  it('Spanish to the assignee: who wrote, the reply quoted as text, the link', () => {
    const mail = ticketRequesterReplyAgentTemplate.render('es', vars);
    expect(mail.subject).toBe('Nueva respuesta del peticionario: PQR-2026-000042 — Cobro doble');
    expect(mail.text).toContain('María Pérez respondió en la PQR PQR-2026-000042.');
    expect(mail.text).toContain('> Ya envié el extracto.\n> Gracias <b>por todo</b>.');
    expect(mail.html).toContain('Gracias &lt;b&gt;por todo&lt;/b&gt;.');
    expect(mail.html).not.toContain('<b>por todo');
    expect(mail.html).toContain(`href="${TICKET_URL}"`);
  });

  it('to a manager of an unassigned ticket, in English; a long reply is cut', () => {
    const long = { ...vars, asManager: true, body: 'x'.repeat(800) };
    const mail = ticketRequesterReplyAgentTemplate.render('en', long);
    expect(mail.subject).toBe('New reply from the requester: PQR-2026-000042 — Cobro doble');
    expect(mail.text).toContain('María Pérez replied to the ticket PQR-2026-000042 (not assigned).');
    expect(mail.text).toContain(`> ${'x'.repeat(500)}…`);
    expect(mail.text).not.toContain('x'.repeat(501));
    expect(ticketRequesterReplyAgentSummary('es', { ...long, requesterName: null })).toBe('El peticionario respondió en la PQR PQR-2026-000042 (sin asignar).');
  });
});
