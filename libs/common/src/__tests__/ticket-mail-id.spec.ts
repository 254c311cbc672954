import { describe, expect, it } from '@jest/globals';
import { mailDomainOf, parseTicketMailId, ticketMailId, ticketMailIdSecret } from '../mail/ticket-mail-id.js';

const SECRET = 'k'.repeat(8) + 'another-part-of-a-long-test-secret-0123456789';
const TICKET = '6f1c1a52-0a4e-4c8e-9c57-1f2a3b4c5d6e';
const EVENT = '0b7e2a40-5c1d-4f7e-8a9b-0c1d2e3f4a5b';

describe('ticket Message-IDs', () => {
  it('reads back the ticket of a root id and of a follow-up id, brackets or not', () => {
    const root = ticketMailId(SECRET, TICKET, 'crm.example.co');
    expect(root).toMatch(/^<t\.6f1c1a52-0a4e-4c8e-9c57-1f2a3b4c5d6e\.[A-Za-z0-9_-]{22}@crm\.example\.co>$/);
    expect(parseTicketMailId(SECRET, root)).toEqual({ ticketId: TICKET, root: true });
    const followUp = ticketMailId(SECRET, TICKET, 'crm.example.co', EVENT);
    expect(followUp).toContain('.0b7e2a405c1d4f7e8a9b0c1d2e3f4a5b.');
    expect(parseTicketMailId(SECRET, followUp.slice(1, -1))).toEqual({ ticketId: TICKET, root: false });
    // Two events of one ticket never share an id.
    expect(ticketMailId(SECRET, TICKET, 'x', EVENT)).not.toBe(ticketMailId(SECRET, TICKET, 'x', 'ffff'));
  });

  it('refuses an id signed with another key, pointed at another ticket, or not ours at all', () => {
    const root = ticketMailId(SECRET, TICKET, 'crm.example.co');
    expect(parseTicketMailId(`${SECRET}-other`, root)).toBeNull();
    const other = '11111111-2222-4333-8444-555555555555';
    expect(parseTicketMailId(SECRET, root.replace(TICKET, other))).toBeNull();
    expect(parseTicketMailId(SECRET, '<CAF=abc123@mail.gmail.com>')).toBeNull();
    expect(parseTicketMailId(SECRET, `<t.${TICKET}.AAAAAAAAAAAAAAAAAAAAAA@crm.example.co>`)).toBeNull();
    expect(parseTicketMailId(SECRET, 'no-at-sign')).toBeNull();
  });

  it('takes the domain from MAIL_FROM and the key from TICKET_MAIL_ID_SECRET or JWT_SECRET', () => {
    expect(mailDomainOf('CRM <no-reply@crm.example.co>')).toBe('crm.example.co');
    expect(mailDomainOf(undefined)).toBe('crm.local');
    expect(ticketMailIdSecret({ JWT_SECRET: SECRET })).toBe(SECRET);
    expect(ticketMailIdSecret({ JWT_SECRET: SECRET, TICKET_MAIL_ID_SECRET: `${SECRET}-mail` })).toBe(`${SECRET}-mail`);
    expect(() => ticketMailIdSecret({ JWT_SECRET: 'short' })).toThrow(/at least 32/);
  });
});
