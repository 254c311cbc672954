import { describe, expect, it } from '@jest/globals';
import { normaliseAmount } from '../opportunities.service.js';

describe('normaliseAmount', () => {
  it('writes amounts the way numeric(18,2) stores them, without floats', () => {
    expect(normaliseAmount('1500')).toBe('1500.00');
    expect(normaliseAmount('0012.5')).toBe('12.50');
    expect(normaliseAmount('9999999999999999.99')).toBe('9999999999999999.99');
    expect(normaliseAmount('0')).toBe('0.00');
  });
});
