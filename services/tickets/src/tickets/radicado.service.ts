import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ticketsConfig } from '../config/tickets-config.js';

/** The year of `at` in `timeZone` (a radicado registered on 1 January 00:30 Bogotá is of the new year). */
export function yearIn(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

export function formatRadicado(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Radicados: one counter row per tenant and year, incremented by an upsert that holds the row
 * lock until the creating transaction ends. Concurrent creations queue on that row, a rolled-back
 * creation gives its number back, so the series is gapless and never repeats.
 */
@Injectable()
export class RadicadoService {
  private readonly config = ticketsConfig();

  async next(em: EntityManager, tenantId: string, at: Date = new Date()): Promise<string> {
    const year = yearIn(at, this.config.radicadoTimeZone);
    const rows: { last_value: number }[] = await em.query(
      `INSERT INTO tickets.radicado_counter (tenant_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = tickets.radicado_counter.last_value + 1
       RETURNING last_value`,
      [tenantId, year],
    );
    return formatRadicado(this.config.radicadoPrefix, year, rows[0].last_value);
  }
}
