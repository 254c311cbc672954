import { describe, expect, it } from '@jest/globals';
import { serviceEventEntry, serviceEventTitle } from '../service-event-entry.js';

describe('opportunities/tickets events as timeline entries', () => {
  it('titles known events in Spanish with the record’s name, and keeps scalar fields only', () => {
    const entry = serviceEventEntry('opportunities.opportunity.won', 'opp-1', {
      contactId: 'c',
      title: 'Dotación 2026',
      amount: { amount: '10', currency: 'COP' },
      ownerId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      description: 'privado',
      stages: ['a'],
    });
    expect(entry).toEqual({
      source: 'opportunities',
      kind: 'opportunities.opportunity.won',
      title: 'Oportunidad ganada: Dotación 2026',
      actorId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      referenceId: 'opp-1',
      details: { title: 'Dotación 2026', amount: { amount: '10', currency: 'COP' }, ownerId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f' },
    });
  });

  it('gives unknown events a generic title and a reference from the data when there is no subject', () => {
    const entry = serviceEventEntry('tickets.ticket.escalated', '', { contactId: 'c', ticketId: 't-9', note: 'secreto' });
    expect(entry).toMatchObject({ source: 'tickets', title: 'PQR: escalated', referenceId: 't-9', details: { ticketId: 't-9' } });
  });

  it('never copies the requester’s tracking link (it holds the tracking token) from created or closed tickets', () => {
    const trackingUrl = 'https://pqr.example.com/seguimiento/PQR-2026-000042?token=secreto-del-peticionario';
    for (const type of ['tickets.ticket.created', 'tickets.ticket.closed']) {
      const entry = serviceEventEntry(type, 't-1', { contactId: 'c', ticketId: 't-1', radicado: 'PQR-2026-000042', status: 'abierto', trackingUrl });
      expect(entry.details).toEqual({ ticketId: 't-1', radicado: 'PQR-2026-000042', status: 'abierto' });
      expect(JSON.stringify(entry)).not.toContain('secreto-del-peticionario');
    }
  });

  it('never copies a public reply’s text, neither as typed nor rendered (bodyHtml)', () => {
    const entry = serviceEventEntry('tickets.ticket.replied', 't-1', { contactId: 'c', ticketId: 't-1', body: 'texto **privado**', bodyHtml: '<p>texto <strong>privado</strong></p>' });
    expect(JSON.stringify(entry)).not.toContain('privado');
  });

  it('truncates long texts', () => {
    const entry = serviceEventEntry('opportunities.opportunity.created', 'o', { name: 'x'.repeat(500) });
    expect(entry.title.length).toBe(200);
  });

  it('has a data-free title for anonymised entries', () => {
    expect(serviceEventTitle('web-form', 'web_form_submitted')).toBe('Nuevo formulario recibido');
    expect(serviceEventTitle('tickets', 'tickets.ticket.created')).toBe('PQR radicada');
  });
});
