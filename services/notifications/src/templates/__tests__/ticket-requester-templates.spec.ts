import { describe, expect, it } from '@jest/globals';
import { ticketAcknowledgementTemplate, type TicketAcknowledgementVars } from '../ticket-acknowledgement.template.js';
import { ticketCompletionRequestTemplate } from '../ticket-completion-request.template.js';
import { ticketExtensionNoticeTemplate } from '../ticket-extension-notice.template.js';
import { ticketPublicReplyTemplate } from '../ticket-public-reply.template.js';
import { ticketSatisfactionRequestTemplate } from '../ticket-satisfaction-request.template.js';

const TRACKING = 'https://pqr.example.co/seguimiento/PQR-2026-000042?token=tok_abc';

// Due at the end of Friday 24 April 2026 in Bogotá (UTC-5): 2026-04-25T04:59:59.999Z, already Saturday in UTC.
const ack: TicketAcknowledgementVars = {
  requesterName: 'María Pérez',
  radicado: 'PQR-2026-000042',
  pqrClass: 'reclamo',
  subject: 'Cobro doble en la factura de marzo',
  // 21:30 of Thursday 2 April 2026 in Bogotá = 02:30 UTC on Friday 3 April.
  receivedAt: '2026-04-03T02:30:00.000Z',
  legalDueAt: '2026-04-25T04:59:59.999Z',
  trackingUrl: TRACKING,
  timeZone: 'America/Bogota',
};

describe('ticket-acknowledgement (acuse de recibo)', () => {
  it('shows the radicado, the legal due day in the tenant zone and the tracking link, in Spanish', () => {
    const mail = ticketAcknowledgementTemplate.render('es', ack);
    expect(mail.locale).toBe('es');
    expect(mail.subject).toBe('Acuse de recibo de su PQR PQR-2026-000042');
    expect(mail.text).toContain('Hola, María Pérez:');
    expect(mail.text).toContain('Radicado: PQR-2026-000042');
    expect(mail.text).toContain('Recibimos su reclamo el 2 de abril de 2026 a las 9:30 p. m. (America/Bogota)');
    expect(mail.text).toContain('a más tardar el viernes, 24 de abril de 2026');
    expect(mail.text).toContain(TRACKING);
    expect(mail.html).toContain('<strong>PQR-2026-000042</strong>');
    expect(mail.html).toContain(`href="${TRACKING.replace('&', '&amp;')}"`);
  });

  it('shows the day in the zone it is given (Friday in Bogotá is still Friday, not Saturday)', () => {
    const utc = ticketAcknowledgementTemplate.render('es', { ...ack, timeZone: 'UTC' });
    expect(utc.text).toContain('sábado, 25 de abril de 2026');
    expect(ticketAcknowledgementTemplate.render('es', ack).text).not.toContain('sábado');
  });

  it('renders English for an en requester and promises no date when there is none', () => {
    const mail = ticketAcknowledgementTemplate.render('en', { ...ack, legalDueAt: null, trackingUrl: null });
    expect(mail.locale).toBe('en');
    expect(mail.subject).toBe('We received your request PQR-2026-000042');
    expect(mail.text).toContain('Hello María Pérez,');
    expect(mail.text).toContain('We received your claim on April 2, 2026');
    expect(mail.text).not.toContain('at the latest');
    expect(mail.text).not.toContain('http');
  });

  it('escapes what the requester typed in the HTML part and keeps the subject on one line', () => {
    const mail = ticketAcknowledgementTemplate.render('es', { ...ack, requesterName: '<img src=x onerror=alert(1)>', subject: 'Hola\r\nBcc: x@evil.test <b>' });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&lt;b&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

describe('ticket-public-reply', () => {
  const vars = {
    requesterName: 'María Pérez',
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    body: 'Revisamos su factura.\nLe devolveremos $25.000 <pronto>.',
    authorFirstName: 'Laura',
    trackingUrl: TRACKING,
  };

  it('quotes the reply with its line breaks, the radicado in the subject and only the first name of the agent', () => {
    const mail = ticketPublicReplyTemplate.render('es', vars);
    expect(mail.subject).toBe('Respuesta a su PQR PQR-2026-000042: Cobro doble');
    expect(mail.text).toContain('Laura respondió a su solicitud "Cobro doble":');
    expect(mail.text).toContain('> Revisamos su factura.\n> Le devolveremos $25.000 <pronto>.');
    expect(mail.html).toContain('Le devolveremos $25.000 &lt;pronto&gt;.');
    expect(mail.html).toContain('white-space:pre-wrap');
    expect(mail.text).toContain(TRACKING);
  });

  it('in English, with a neutral author when the first name is unknown', () => {
    const mail = ticketPublicReplyTemplate.render('en', { ...vars, authorFirstName: null, trackingUrl: null });
    expect(mail.subject).toBe('Reply to your request PQR-2026-000042: Cobro doble');
    expect(mail.text).toContain('Our team replied to your request');
    expect(mail.text).toContain('To reply, quote the number PQR-2026-000042.');
  });
});

describe('ticket-extension-notice (art. 14 parágrafo)', () => {
  const vars = {
    requesterName: 'María Pérez',
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    reason: 'Debemos consultar al proveedor de facturación.',
    previousDueAt: '2026-04-25T04:59:59.999Z',
    newDueAt: '2026-05-16T04:59:59.999Z',
    trackingUrl: TRACKING,
    timeZone: 'America/Bogota',
  };

  it('tells the reason, the previous date and the new date, citing the law', () => {
    const mail = ticketExtensionNoticeTemplate.render('es', vars);
    expect(mail.subject).toBe('Prórroga del plazo de respuesta de su PQR PQR-2026-000042');
    expect(mail.text).toContain('parágrafo del artículo 14 de la Ley 1755 de 2015');
    expect(mail.text).toContain('> Debemos consultar al proveedor de facturación.');
    expect(mail.text).toContain('Fecha de vencimiento anterior: viernes, 24 de abril de 2026');
    expect(mail.text).toContain('Nueva fecha de respuesta (a más tardar): viernes, 15 de mayo de 2026');
    expect(mail.text).toContain('Radicado: PQR-2026-000042');
  });

  it('in English', () => {
    const mail = ticketExtensionNoticeTemplate.render('en', vars);
    expect(mail.subject).toBe('New answer date for your request PQR-2026-000042');
    expect(mail.text).toContain('New answer date (at the latest): Friday, May 15, 2026');
  });
});

describe('ticket-satisfaction-request', () => {
  const vars = {
    requesterName: 'María Pérez',
    radicado: 'PQR-2026-000042',
    subject: 'Cobro doble',
    resolution: 'Se reembolsó el cobro.',
    satisfactionUrl: 'https://pqr.example.co/seguimiento/PQR-2026-000042/satisfaccion?token=tok_abc',
  };

  it('links the survey and shows the resolution', () => {
    const mail = ticketSatisfactionRequestTemplate.render(undefined, vars);
    expect(mail.subject).toBe('Su PQR PQR-2026-000042 fue cerrada: ¿cómo le atendimos?');
    expect(mail.text).toContain('> Se reembolsó el cobro.');
    expect(mail.text).toContain('Calificar la atención: https://pqr.example.co/seguimiento/PQR-2026-000042/satisfaccion?token=tok_abc');
  });

  it('asks nothing when there is no link to answer on', () => {
    const mail = ticketSatisfactionRequestTemplate.render('en', { ...vars, satisfactionUrl: null, resolution: null });
    expect(mail.subject).toBe('Your request PQR-2026-000042 was closed: how did we do?');
    expect(mail.text).not.toContain('Rate the service');
    expect(mail.text).not.toContain('Resolution:');
  });
});

describe('ticket-completion-request (art. 17)', () => {
  const vars = { requesterName: 'María Pérez', radicado: 'PQR-2026-000042', subject: 'Cobro doble', reason: 'Adjunte la factura de marzo.', trackingUrl: TRACKING };

  it('asks for what is missing and says the term is suspended', () => {
    const mail = ticketCompletionRequestTemplate.render('es', vars);
    expect(mail.subject).toBe('Necesitamos información para su PQR PQR-2026-000042');
    expect(mail.text).toContain('> Adjunte la factura de marzo.');
    expect(mail.text).toContain('artículo 17 de la Ley 1755 de 2015');
    expect(mail.text).toContain(TRACKING);
    expect(ticketCompletionRequestTemplate.render('en', vars).subject).toBe('We need more information about your request PQR-2026-000042');
  });
});
