import { describe, expect, it } from '@jest/globals';
import { requesterRecipientId } from '../requester-recipient-id.js';
import { satisfactionUrl, ticketUrl } from '../ticket-links.js';

describe('requester recipient id', () => {
  it('is one stable UUID per address, whatever its case or surrounding spaces', () => {
    const id = requesterRecipientId('Maria.Perez@Example.co');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requesterRecipientId(' maria.perez@example.co ')).toBe(id);
    expect(requesterRecipientId('otra@example.co')).not.toBe(id);
  });
});

describe('links', () => {
  it('puts the satisfaction page below the tracking page, with the same token', () => {
    expect(satisfactionUrl('https://pqr.example.co/seguimiento/PQR-2026-000042?token=abc')).toBe('https://pqr.example.co/seguimiento/PQR-2026-000042/satisfaccion?token=abc');
    expect(satisfactionUrl(null)).toBeNull();
    expect(satisfactionUrl('not a url')).toBeNull();
  });

  it('links staff to the ticket in the web app', () => {
    expect(ticketUrl('https://crm.example/', 'abc')).toBe('https://crm.example/tickets/abc');
  });
});
