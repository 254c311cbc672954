import { Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';

const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** The year of `at` in `timeZone` (a radicado registered on 1 January 00:30 Bogotá is of the new year). */
export function yearIn(at: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) yearFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  return Number(format.format(at));
}

export function formatRadicado(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** What a ticket carries until its radicado is assigned: unique per ticket, never a real radicado. */
export function provisionalRadicado(ticketId: string): string {
  return `pendiente-${ticketId}`;
}

/** The ticket whose provisional radicado is replaced, and the outbox rows of its transaction that quote it. */
export interface RadicadoTarget {
  tenantId: string;
  ticketId: string;
  at: Date;
  outboxIds: readonly string[];
  /** History entries of the ticket written by this same statement, the provisional radicado in their details replaced. */
  history?: readonly { kind: string; actorId: string | null; details: Record<string, unknown> }[];
}

/**
 * Radicados: one counter row per tenant and year, incremented by an upsert that holds the row
 * lock until the creating transaction ends. Concurrent creations queue on that row, a rolled-back
 * creation gives its number back, so the series is gapless and never repeats.
 *
 * The lock is taken by the last statement of the creation: the ticket, its history and its
 * events are written first with {@link provisionalRadicado}, then {@link assign} takes the next
 * number and swaps it in everywhere in one statement, so creations of a tenant queue only for
 * that statement and the commit (not for the whole creation).
 */
@Injectable()
export class RadicadoService {
  constructor(@Inject(TICKETS_CONFIG) private readonly config: TicketsConfig) {}

  async assign(em: EntityManager, target: RadicadoTarget): Promise<string> {
    const year = yearIn(target.at, this.config.radicadoTimeZone);
    const history = target.history ?? [];
    const rows: { radicado: string }[] = await em.query(
      `WITH counter AS (
         INSERT INTO tickets.radicado_counter (tenant_id, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = tickets.radicado_counter.last_value + 1
         RETURNING $3::text || '-' || $7::text || '-' || lpad(last_value::text, greatest(6, length(last_value::text)), '0') AS radicado
       ), ticket AS (
         UPDATE tickets.ticket t SET radicado = counter.radicado FROM counter
          WHERE t.tenant_id = $1 AND t.id = $4 AND t.radicado = $5
         RETURNING t.radicado
       ), history AS (
         UPDATE tickets.ticket_history h SET details = replace(h.details::text, $5, counter.radicado)::jsonb FROM counter
          WHERE h.tenant_id = $1 AND h.ticket_id = $4 AND strpos(h.details::text, $5) > 0
       ), new_history AS (
         INSERT INTO tickets.ticket_history (tenant_id, ticket_id, kind, actor_id, details)
         SELECT $1, $4, h.kind, h.actor_id, replace(h.details, $5, counter.radicado)::jsonb
           FROM counter, unnest($8::text[], $9::uuid[], $10::text[]) WITH ORDINALITY AS h(kind, actor_id, details, n) ORDER BY h.n
       ), outbox AS (
         UPDATE tickets.outbox_message o SET envelope = replace(o.envelope::text, $5, counter.radicado)::jsonb FROM counter
          WHERE o.id = ANY($6::uuid[])
       )
       SELECT radicado FROM ticket`,
      [
        target.tenantId,
        year,
        this.config.radicadoPrefix,
        target.ticketId,
        provisionalRadicado(target.ticketId),
        target.outboxIds,
        String(year),
        history.map((entry) => entry.kind),
        history.map((entry) => entry.actorId),
        history.map((entry) => JSON.stringify(entry.details)),
      ],
    );
    if (rows.length !== 1) throw new Error(`radicado not assigned to ticket ${target.ticketId}`);
    return rows[0].radicado;
  }
}
