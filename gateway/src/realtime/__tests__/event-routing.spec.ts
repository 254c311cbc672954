import { describe, expect, it } from '@jest/globals';
import { routeEvent } from '../event-routing.js';

const tenant = '11111111-1111-4111-8111-111111111111';
const ticketId = '22222222-2222-4222-8222-222222222222';
const envelope = (type: string, data: Record<string, unknown>) => ({ id: 'ev-1', type, time: '2026-12-06T10:00:00.000Z', tenantid: tenant, data });
const parse = (deliveries: { key: string; frame: Buffer }[]) => deliveries.map((d) => ({ key: d.key, frame: JSON.parse(d.frame.toString()) }));

describe('routeEvent', () => {
  it('sends a public reply to staff in full and to the requester filtered, first names only', () => {
    const routed = parse(
      routeEvent(
        envelope('tickets.ticket.replied', {
          ticketId,
          radicado: 'PQR-2026-000042',
          body: 'Hola',
          authorId: 'u-1',
          authorKind: 'staff',
          authorFirstName: 'Andrea Salazar',
          assigneeId: 'u-1',
          teamId: 't-1',
          requester: { email: 'maria@example.com' },
          attachments: [{ id: 'a1', fileName: 'f.pdf', contentType: 'application/pdf', size: 10, objectKey: 'secret/key' }],
        }),
      ),
    );
    expect(parse(routeEvent(envelope('tickets.ticket.replied', { ticketId, radicado: 'PQR-2026-000042' }))).map((d) => d.key)).toEqual([`ticket|${ticketId}`, `public|${ticketId}`]);
    expect(routed[0]!.frame).toMatchObject({ type: 'event', topic: `ticket:${ticketId}`, id: 'ev-1', routingKey: 'tickets.ticket.replied', data: { authorId: 'u-1' } });
    expect(routed[1]!.frame.topic).toBe('public-ticket:PQR-2026-000042');
    expect(routed[1]!.frame.data).toEqual({
      radicado: 'PQR-2026-000042',
      body: 'Hola',
      authorKind: 'staff',
      authorFirstName: 'Andrea',
      attachments: [{ id: 'a1', fileName: 'f.pdf', contentType: 'application/pdf', size: 10 }],
    });
  });

  it('keeps internal notes and assignments on the staff side only', () => {
    for (const type of ['tickets.note.added', 'tickets.ticket.assigned', 'tickets.ticket.sla_warning']) {
      expect(routeEvent(envelope(type, { ticketId, radicado: 'PQR-2026-000042' })).map((d) => d.key)).toEqual([`ticket|${ticketId}`]);
    }
  });

  it('routes opportunities by id and in-app notifications to their user in their tenant', () => {
    expect(routeEvent(envelope('opportunities.opportunity.won', { opportunityId: ticketId })).map((d) => d.key)).toEqual([`opportunity|${ticketId}`]);
    expect(routeEvent(envelope('notifications.in_app.created', { userId: 'u-9' })).map((d) => d.key)).toEqual([`notifications|${tenant}|u-9`]);
    expect(routeEvent(envelope('contacts.contact.created', { contactId: 'c' }))).toEqual([]);
  });
});
