import { describe, expect, it } from '@jest/globals';
import { formatDateEsCo, formatDecimalEsCo, formatMoneyEsCo, formatQuantityEsCo } from '../quote-format.js';

describe('es-CO formatting of decimal strings (PDF)', () => {
  it('groups thousands with dots and uses a decimal comma, without floats', () => {
    expect(formatMoneyEsCo('6819294.98', 'COP')).toBe('$ 6.819.294,98');
    expect(formatMoneyEsCo('999.5', 'USD')).toBe('USD 999,50');
    expect(formatDecimalEsCo('0.05')).toBe('0,05');
    expect(formatDecimalEsCo('-1234567.00')).toBe('-1.234.567,00');
  });

  it('shows quantities and percentages with the decimals they need', () => {
    expect(formatQuantityEsCo('1.5000')).toBe('1,5');
    expect(formatQuantityEsCo('12.50')).toBe('12,5');
    expect(formatQuantityEsCo('19')).toBe('19');
    expect(formatQuantityEsCo('1000')).toBe('1.000');
  });

  it('writes dates in Spanish', () => {
    expect(formatDateEsCo('2099-12-31')).toBe('31 de diciembre de 2099');
    expect(formatDateEsCo('2026-01-05')).toBe('5 de enero de 2026');
  });
});
