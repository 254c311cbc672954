import { describe, expect, it } from '@jest/globals';
import { ticketMergedNoticeTemplate, type TicketMergedNoticeVars } from '../ticket-merged-notice.template.js';

// Due at the end of Friday 20 March 2026 in Bogotá (UTC-5): 2026-03-21T04:59:59.999Z, already Saturday in UTC.
const vars: TicketMergedNoticeVars = {
  requesterName: 'María Pérez',
  radicado: 'PQR-2026-000042',
  duplicateRadicado: 'PQR-2026-000057',
  subject: 'Copia del contrato <b>urgente</b>',
  legalDueAt: '2026-03-21T04:59:59.999Z',
  trackingUrl: 'https://pqr.example.co/seguimiento/PQR-2026-000042?token=tok_abc',
  timeZone: 'America/Bogota',
};

describe('ticket-merged-notice', () => {
  it('tells the requester, in Spanish, which radicado stays, the due day and the tracking link', () => {
    const mail = ticketMergedNoticeTemplate.render('es', vars);
    expect(mail.subject).toBe('Su PQR PQR-2026-000057 se unificó con la PQR PQR-2026-000042');
    expect(mail.text).toContain('Radicado que se conserva: PQR-2026-000042');
    expect(mail.text).toContain('Radicado unificado: PQR-2026-000057');
    expect(mail.text).toContain('Respuesta a más tardar: viernes, 20 de marzo de 2026');
    expect(mail.text).toContain(vars.trackingUrl!);
    expect(mail.html).toContain('&lt;b&gt;urgente&lt;/b&gt;');
  });

  it('speaks English to an English-speaking requester and promises no date without one', () => {
    const mail = ticketMergedNoticeTemplate.render('en', { ...vars, legalDueAt: null, trackingUrl: null });
    expect(mail.subject).toBe('Your requests PQR-2026-000057 and PQR-2026-000042 were merged');
    expect(mail.text).toContain('Number that stays: PQR-2026-000042');
    expect(mail.text).not.toContain('Answer at the latest');
  });
});
