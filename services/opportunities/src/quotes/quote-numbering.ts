import type { EntityManager } from 'typeorm';

/** Quotes are numbered by the calendar year in Colombia. */
const TIME_ZONE = 'America/Bogota';

export function quoteYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' }).format(at));
}

export function formatQuoteNumber(year: number, sequence: number): string {
  return `COT-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The next number of the tenant's year. The upsert takes the counter row's lock until the
 * caller's transaction ends: concurrent creations wait in line, and a rolled-back creation
 * rolls its increment back too, so numbers have no gaps and never repeat.
 */
export async function nextQuoteNumber(em: EntityManager, tenantId: string, at: Date): Promise<string> {
  const year = quoteYear(at);
  const rows = (await em.query(
    `INSERT INTO opportunities.quote_counter (tenant_id, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = opportunities.quote_counter.last_value + 1
     RETURNING last_value`,
    [tenantId, year],
  )) as { last_value: number }[];
  return formatQuoteNumber(year, rows[0].last_value);
}
