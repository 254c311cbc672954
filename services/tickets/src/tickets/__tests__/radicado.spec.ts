import { describe, expect, it } from '@jest/globals';
import { formatRadicado, yearIn } from '../radicado.service.js';

describe('radicado numbers', () => {
  it('pads the sequence to six digits after the prefix and the year', () => {
    expect(formatRadicado('PQR', 2026, 42)).toBe('PQR-2026-000042');
    expect(formatRadicado('PQR', 2026, 1234567)).toBe('PQR-2026-1234567');
  });

  it("takes the year in the tenant's zone: 1 January 03:00 UTC is still 31 December in Bogotá (UTC-5)", () => {
    expect(yearIn(new Date('2027-01-01T03:00:00Z'), 'America/Bogota')).toBe(2026);
    expect(yearIn(new Date('2027-01-01T05:00:00Z'), 'America/Bogota')).toBe(2027);
  });
});
