import { describe, expect, it } from '@jest/globals';
import { fillPlaceholders, formatDueDate } from '../canned-placeholders.js';

describe('canned response placeholders', () => {
  const values = { requesterName: 'María Pérez', radicado: 'PQR-2026-000042', subject: 'Cobro doble', dueDate: '30 de marzo de 2026', agentName: 'Laura Restrepo' };

  it('fills Spanish names and English aliases, tolerating spaces and case', () => {
    const filled = fillPlaceholders(
      '{{solicitante.nombre}} / {{ Requester.Name }} {{radicado}} {{ticket.number}} {{fecha_vencimiento}} {{due_date}} {{agente.nombre}} {{agent.name}}',
      values,
    );
    expect(filled.text).toBe('María Pérez / María Pérez PQR-2026-000042 PQR-2026-000042 30 de marzo de 2026 30 de marzo de 2026 Laura Restrepo Laura Restrepo');
    expect(filled).toMatchObject({ emptyPlaceholders: [], unknownPlaceholders: [] });
  });

  it('leaves unknown placeholders as written and reports empty ones', () => {
    const filled = fillPlaceholders('Vence {{fecha_vencimiento}}; {{cliente.saldo}}', { ...values, dueDate: null });
    expect(filled).toEqual({ text: 'Vence ; {{cliente.saldo}}', emptyPlaceholders: ['fecha_vencimiento'], unknownPlaceholders: ['cliente.saldo'] });
  });

  it('formats the due date in Spanish (Colombia) in the calendar zone', () => {
    // 23:59:59.999 Bogotá on Mon 30 Mar 2026 is 04:59:59.999Z on Tue 31 Mar: still the 30th locally.
    expect(formatDueDate('2026-03-31T04:59:59.999Z', 'America/Bogota')).toBe('30 de marzo de 2026');
    expect(formatDueDate('2026-03-31T04:59:59.999Z', 'America/Bogota', 'en')).toBe('March 30, 2026');
    expect(formatDueDate(null, 'America/Bogota')).toBeNull();
  });
});
