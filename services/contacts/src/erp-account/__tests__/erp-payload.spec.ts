import { describe, expect, it } from '@jest/globals';
import { InvalidErpPayload, normaliseTaxId, parseInvoice, parsePayment, parseStatement } from '../erp-payload.js';
import { formatMoney } from '../money-format.js';

const cop = (amount: string) => ({ amount, currency: 'COP' });

describe('ERP payloads', () => {
  it('compares tax ids without punctuation, spaces or case', () => {
    expect(normaliseTaxId('900.123.456-7')).toBe('9001234567');
    expect(normaliseTaxId(' b-12345678 ')).toBe('B12345678');
  });

  it('accepts an invoice by tax id and defaults its status to open', () => {
    const invoice = parseInvoice({ invoiceId: 'I-1', invoiceNumber: 'FV-1', customerTaxId: '900.123.456-7', issuedAt: '2026-03-02T15:00:00Z', total: cop('10.50') });
    expect(invoice).toMatchObject({ crmContactId: null, customerTaxId: '900.123.456-7', status: 'open', dueDate: null, total: cop('10.50') });
    expect(invoice.issuedAt.toISOString()).toBe('2026-03-02T15:00:00.000Z');
  });

  it.each([
    [{ invoiceId: 'I', invoiceNumber: 'F', issuedAt: '2026-03-02T15:00:00Z', total: cop('1') }, 'crmContactId or customerTaxId'],
    [{ invoiceId: 'I', invoiceNumber: 'F', crmContactId: 'not-a-uuid', issuedAt: '2026-03-02T15:00:00Z', total: cop('1') }, 'crmContactId'],
    [{ invoiceId: 'I', invoiceNumber: 'F', customerTaxId: '900', issuedAt: 'yesterday', total: cop('1') }, 'issuedAt'],
    [{ invoiceId: 'I', invoiceNumber: 'F', customerTaxId: '900', issuedAt: '2026-03-02T15:00:00Z', total: { amount: 1, currency: 'COP' } }, 'total'],
    [{ invoiceId: 'I', invoiceNumber: 'F', customerTaxId: '900', issuedAt: '2026-03-02T15:00:00Z', total: cop('1.5'), dueDate: '31/03/2026' }, 'dueDate'],
    [{ invoiceId: '', invoiceNumber: 'F', customerTaxId: '900', issuedAt: '2026-03-02T15:00:00Z', total: cop('1') }, 'invoiceId'],
  ])('refuses an invalid invoice (%#) naming what is wrong', (data, field) => {
    expect(() => parseInvoice(data)).toThrow(InvalidErpPayload);
    expect(() => parseInvoice(data)).toThrow(field);
  });

  it('refuses payment applications in another currency and money as floats', () => {
    const base = { paymentId: 'P', customerTaxId: '900', receivedAt: '2026-03-05T12:00:00Z', amount: cop('100') };
    expect(parsePayment({ ...base, appliedTo: [{ invoiceId: 'I', amount: cop('40') }] }).appliedTo).toEqual([{ invoiceId: 'I', amount: '40' }]);
    expect(() => parsePayment({ ...base, appliedTo: [{ invoiceId: 'I', amount: { amount: '40', currency: 'USD' } }] })).toThrow('appliedTo[0].amount');
    expect(() => parsePayment({ ...base, amount: 100 })).toThrow('amount');
  });

  it('requires statement figures in one currency; the credit limit is optional', () => {
    const base = { crmContactId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', asOf: '2026-03-10T00:00:00Z', balance: cop('5'), overdue: cop('0') };
    expect(parseStatement(base).creditLimit).toBeNull();
    expect(() => parseStatement({ ...base, creditLimit: { amount: '9', currency: 'USD' } })).toThrow('creditLimit');
  });

  it('formats money for Spanish titles without going through floats', () => {
    expect(formatMoney(cop('1250000.00'))).toBe('COP 1.250.000,00');
    expect(formatMoney(cop('999'))).toBe('COP 999');
    expect(formatMoney({ amount: '-1234567890123.5', currency: 'USD' })).toBe('USD -1.234.567.890.123,50');
  });
});
