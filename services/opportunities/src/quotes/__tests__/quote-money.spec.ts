import { describe, expect, it } from '@jest/globals';
import { computeQuoteAmounts, divideHalfUp, formatScaled, parseScaled } from '../quote-money.js';

describe('quote arithmetic (exact, half-up per line)', () => {
  it('totals a 3-line quote, one line discounted, IVA 19 %, to the peso (hand-computed)', () => {
    const amounts = computeQuoteAmounts([
      // 3 × 1.250.000,00 = 3.750.000,00; IVA 712.500,00
      { quantity: '3', unitPrice: '1250000.00', discountPercent: '0', taxPercent: '19' },
      // 2 × 845.999,99 = 1.691.999,98; 12,5 % = 211.499,9975 → 211.500,00; neto 1.480.499,98; IVA 281.294,9962 → 281.295,00
      { quantity: '2', unitPrice: '845999.99', discountPercent: '12.5', taxPercent: '19' },
      // 1,5 × 333.333,33 = 499.999,995 → 500.000,00 (half-up); IVA 95.000,00
      { quantity: '1.5', unitPrice: '333333.33', discountPercent: '0', taxPercent: '19' },
    ]);
    expect(amounts.lines).toEqual([
      { gross: '3750000.00', discount: '0.00', net: '3750000.00', tax: '712500.00', total: '4462500.00' },
      { gross: '1691999.98', discount: '211500.00', net: '1480499.98', tax: '281295.00', total: '1761794.98' },
      { gross: '500000.00', discount: '0.00', net: '500000.00', tax: '95000.00', total: '595000.00' },
    ]);
    expect(amounts.subtotal).toBe('5941999.98');
    expect(amounts.discountTotal).toBe('211500.00');
    expect(amounts.taxableTotal).toBe('5730499.98');
    expect(amounts.taxTotal).toBe('1088795.00');
    expect(amounts.total).toBe('6819294.98');
    expect(amounts.taxes).toEqual([{ ratePercent: '19.00', base: '5730499.98', tax: '1088795.00' }]);
  });

  it('groups taxes per rate (exempt lines at 0 %)', () => {
    const amounts = computeQuoteAmounts([
      { quantity: '1', unitPrice: '100000', discountPercent: '0', taxPercent: '0' },
      { quantity: '1', unitPrice: '10.01', discountPercent: '0', taxPercent: '19' },
    ]);
    // 10,01 × 19 % = 1,9019 → 1,90
    expect(amounts.taxes).toEqual([
      { ratePercent: '0.00', base: '100000.00', tax: '0.00' },
      { ratePercent: '19.00', base: '10.01', tax: '1.90' },
    ]);
    expect(amounts.total).toBe('100011.91');
  });

  it('rounds half-up, never like binary floats', () => {
    // 1.005 as a float is 1.00499999…; exact arithmetic rounds it up.
    expect(computeQuoteAmounts([{ quantity: '1', unitPrice: '1.005', discountPercent: '0', taxPercent: '0' }]).total).toBe('1.01');
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(-5n, 10n)).toBe(-1n);
  });

  it('parses and formats decimal strings exactly', () => {
    expect(parseScaled('12.5', 2)).toBe(1250n);
    expect(parseScaled('12.345', 2)).toBeNull();
    expect(parseScaled('1e3', 2)).toBeNull();
    expect(parseScaled('abc', 2)).toBeNull();
    expect(formatScaled(5n, 2)).toBe('0.05');
    expect(formatScaled(-123456n, 2)).toBe('-1234.56');
  });
});
