import { Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { finalStatement } from '@crm/database';
import { type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { shiftParams, type CreationWrites, type SqlPart } from './creation-writes.js';

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

/** A new ticket, not yet written: the radicado's statement writes it with everything quoting its radicado. */
export interface RadicadoTarget {
  tenantId: string;
  /** Its columns as they will be stored (the provisional radicado is replaced). */
  ticketRow: SqlPart;
  ticketId: string;
  at: Date;
  /** Outbox envelopes (JSON) that quote the provisional radicado. */
  outbox: readonly { id: string; type: string; subject: string; envelope: string }[];
  /** History entries of the ticket, the provisional radicado in their details replaced. */
  history: readonly { kind: string; actorId: string | null; details: Record<string, unknown> }[];
  /** The ticket's other rows (clocks, files, an e-mail's log row), written by the same statement. */
  writes: CreationWrites;
}

/**
 * Radicados: one counter row per tenant and year, incremented by an upsert that holds the row
 * lock until the creating transaction ends. Concurrent creations queue on that row, a rolled-back
 * creation gives its number back, so the series is gapless and never repeats.
 *
 * The lock is taken by the last statement of the creation, and that one statement writes the
 * whole ticket: it takes the next number and inserts the ticket, its history, its outbox rows
 * (the provisional radicado in the prepared envelopes replaced by the number) and the parts in
 * `writes` (its clocks, files, an e-mail's log row). Creations of a tenant queue only for that
 * statement and the commit, and every row is written once (no second index entry for the ticket
 * row, as an UPDATE of its radicado would make).
 */
@Injectable()
export class RadicadoService {
  constructor(@Inject(TICKETS_CONFIG) private readonly config: TicketsConfig) {}

  /** Answers the radicado. */
  async assign(em: EntityManager, target: RadicadoTarget): Promise<string> {
    const year = yearIn(target.at, this.config.radicadoTimeZone);
    const provisional = provisionalRadicado(target.ticketId);
    const params: unknown[] = [
      target.tenantId,
      year,
      this.config.radicadoPrefix,
      target.ticketId,
      provisional,
      String(year),
      target.history.map((entry) => entry.kind),
      target.history.map((entry) => entry.actorId),
      target.history.map((entry) => JSON.stringify(entry.details)),
      target.outbox.map((row) => row.id),
      target.outbox.map((row) => row.type),
      target.outbox.map((row) => row.subject),
      target.outbox.map((row) => row.envelope),
    ];
    const ticketSql = shiftParams(target.ticketRow.sql, params.length);
    params.push(...target.ticketRow.params);
    const extra = target.writes.render(params.length + 1);
    params.push(...extra.params);
    const rows = await finalStatement<{ radicado: string | null }[]>(
      em,
      `WITH counter AS (
         INSERT INTO tickets.radicado_counter (tenant_id, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = tickets.radicado_counter.last_value + 1
         RETURNING $3::text || '-' || $6::text || '-' || lpad(last_value::text, greatest(6, length(last_value::text)), '0') AS radicado
       ), ticket AS (${ticketSql} RETURNING radicado
       ), new_history AS (
         INSERT INTO tickets.ticket_history (tenant_id, ticket_id, kind, actor_id, details)
         SELECT $1, $4::uuid, h.kind, h.actor_id, replace(h.details, $5, counter.radicado)::jsonb
           FROM counter, unnest($7::text[], $8::uuid[], $9::text[]) WITH ORDINALITY AS h(kind, actor_id, details, n) ORDER BY h.n
       ), outbox AS (
         INSERT INTO tickets.outbox_message (id, event_type, tenant_id, subject, envelope)
         SELECT o.id, o.event_type, $1, o.subject, replace(o.envelope, $5, counter.radicado)::jsonb
           FROM counter, unnest($10::uuid[], $11::text[], $12::text[], $13::text[]) WITH ORDINALITY AS o(id, event_type, subject, envelope, n) ORDER BY o.n
       )${extra.ctes.map((cte) => `, ${cte}`).join('')}
       SELECT (SELECT radicado FROM ticket) AS radicado FROM counter`,
      params,
    );
    const [row] = rows;
    if (rows.length !== 1 || !row?.radicado) throw new Error(`radicado not assigned to ticket ${target.ticketId}`);
    return row.radicado;
  }
}
