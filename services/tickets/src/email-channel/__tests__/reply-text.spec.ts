import { describe, expect, it } from '@jest/globals';
import { newPartOfReply, radicadoInSubject } from '../reply-text.js';

describe('reply text', () => {
  it('keeps what the requester wrote above the quoted message', () => {
    const gmail = 'Adjunto el extracto que me pidieron.\n\nEl lun, 2 mar 2026 a las 10:15, CRM <crm@demo.test> escribió:\n> Acuse de recibo de su PQR\n> Radicado: PQR-2026-000001';
    expect(newPartOfReply(gmail)).toBe('Adjunto el extracto que me pidieron.');
    const english = 'Thanks!\nOn Mon, Mar 2, 2026 at 10:15 AM CRM <crm@demo.test> wrote:\n> quoted';
    expect(newPartOfReply(english)).toBe('Thanks!');
    const outlook = 'Gracias.\n\n-----Mensaje original-----\nDe: CRM\nEnviado: lunes';
    expect(newPartOfReply(outlook)).toBe('Gracias.');
    const wrapped = 'Listo.\n\nEl lun, 2 mar 2026 a las 10:15,\nCRM <crm@demo.test> escribió:\n> viejo';
    expect(newPartOfReply(wrapped)).toBe('Listo.');
  });

  it('keeps everything when there is nothing but the quote', () => {
    expect(newPartOfReply('> solo cita')).toBe('> solo cita');
    expect(newPartOfReply('Sin cita alguna.\nSegunda línea.')).toBe('Sin cita alguna.\nSegunda línea.');
  });

  it('finds a radicado in a subject', () => {
    expect(radicadoInSubject('RE: Acuse de recibo de su PQR PQR-2026-000042')).toBe('PQR-2026-000042');
    expect(radicadoInSubject('Consulta sobre mi factura 2026-000042')).toBeNull();
    expect(radicadoInSubject(undefined)).toBeNull();
  });
});
