import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BusinessCalendarRules } from '../business-time/index.js';
import { rulesOf } from '../calendars/business-calendar.view.js';
import type { BusinessCalendar } from '../calendars/business-calendar.entity.js';
import { LEGAL_CLOCK_COLUMNS, type LegalClockRow } from './legal-clock.row.js';
import { SLA_CLOCK_COLUMNS, type SlaClockRow } from './sla-clock.row.js';
import { shiftParams, type SqlPart } from '../tickets/creation-writes.js';

/** Reads and writes the two clock tables with plain SQL (set-based where it matters). */
@Injectable()
export class ClockStore {
  async legal(em: EntityManager, tenantId: string, ticketIds: readonly string[], lock = false): Promise<LegalClockRow[]> {
    if (ticketIds.length === 0) return [];
    return em.query(`SELECT ${LEGAL_CLOCK_COLUMNS} FROM tickets.ticket_legal_clock lc WHERE lc.tenant_id = $1 AND lc.ticket_id = ANY($2::uuid[])${lock ? ' FOR UPDATE' : ''}`, [
      tenantId,
      [...ticketIds],
    ]);
  }

  async sla(em: EntityManager, tenantId: string, ticketIds: readonly string[], lock = false): Promise<SlaClockRow[]> {
    if (ticketIds.length === 0) return [];
    return em.query(`SELECT ${SLA_CLOCK_COLUMNS} FROM tickets.ticket_sla_clock sc WHERE sc.tenant_id = $1 AND sc.ticket_id = ANY($2::uuid[])${lock ? ' FOR UPDATE' : ''}`, [
      tenantId,
      [...ticketIds],
    ]);
  }

  /** Calendar rules by id (one query for a whole page or batch). */
  async rules(em: EntityManager, calendarIds: Iterable<string>): Promise<Map<string, BusinessCalendarRules>> {
    const ids = [...new Set(calendarIds)];
    if (ids.length === 0) return new Map();
    const rows: {
      id: string;
      time_zone: string;
      weekly_hours: BusinessCalendar['weeklyHours'];
      colombian_holidays: boolean;
      extra_non_working_days: BusinessCalendar['extraNonWorkingDays'];
    }[] = await em.query('SELECT id, time_zone, weekly_hours, colombian_holidays, extra_non_working_days FROM tickets.business_calendar WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(
      rows.map((row) => [
        row.id,
        rulesOf({ timeZone: row.time_zone, weeklyHours: row.weekly_hours, colombianHolidays: row.colombian_holidays, extraNonWorkingDays: row.extra_non_working_days }),
      ]),
    );
  }

  /** A new ticket's two clock rows, computed columns included, in one statement (nothing for a clock the ticket already has). */
  async insertClocks(em: EntityManager, legal: LegalClockRow, sla: SlaClockRow): Promise<void> {
    const parts = clockInsertParts(legal, sla);
    await em.query(`WITH legal AS (${parts.legal.sql}) ${shiftParams(parts.sla.sql, parts.legal.params.length)}`, [...parts.legal.params, ...parts.sla.params]);
  }

  async saveLegal(em: EntityManager, row: LegalClockRow): Promise<void> {
    await em.query(
      `UPDATE tickets.ticket_legal_clock SET calendar_id = $2, pqr_class = $3, term_days = $4, extended_term_days = $5, suspensions = $6::jsonb,
              extensions = $7::jsonb, suspended_since = $8, due_date = $9::date, due_at = $10, answered_at = $11, due_soon_alerted_at = $12,
              due_day_alerted_at = $13, overdue_alerted_at = $14, next_check_at = $15, recompute = false, updated_at = now()
        WHERE ticket_id = $1`,
      [
        row.ticket_id,
        row.calendar_id,
        row.pqr_class,
        row.term_days,
        row.extended_term_days,
        JSON.stringify(row.suspensions),
        JSON.stringify(row.extensions),
        row.suspended_since,
        row.due_date,
        row.due_at,
        row.answered_at,
        row.due_soon_alerted_at,
        row.due_day_alerted_at,
        row.overdue_alerted_at,
        row.next_check_at,
      ],
    );
  }

  async saveSla(em: EntityManager, row: SlaClockRow): Promise<void> {
    await em.query(
      `UPDATE tickets.ticket_sla_clock SET policy_id = $2, calendar_id = $3, first_response_minutes = $4, resolution_minutes = $5, warning_percent = $6,
              raise_priority_on_breach = $7, pauses = $8::jsonb, paused_since = $9, first_responded_at = $10, first_response_warn_at = $11,
              first_response_due_at = $12, first_response_warned_at = $13, first_response_breached_at = $14, resolution_started_at = $15,
              resolved_at = $16, resolution_warn_at = $17, resolution_due_at = $18, resolution_warned_at = $19, resolution_breached_at = $20,
              next_check_at = $21, recompute = false, updated_at = now()
        WHERE ticket_id = $1`,
      [
        row.ticket_id,
        row.policy_id,
        row.calendar_id,
        row.first_response_minutes,
        row.resolution_minutes,
        row.warning_percent,
        row.raise_priority_on_breach,
        JSON.stringify(row.pauses),
        row.paused_since,
        row.first_responded_at,
        row.first_response_warn_at,
        row.first_response_due_at,
        row.first_response_warned_at,
        row.first_response_breached_at,
        row.resolution_started_at,
        row.resolved_at,
        row.resolution_warn_at,
        row.resolution_due_at,
        row.resolution_warned_at,
        row.resolution_breached_at,
        row.next_check_at,
      ],
    );
  }

  /** The scheduler's writes for a whole batch in one statement: computed instants and alert marks. */
  async savePassedLegal(em: EntityManager, rows: readonly LegalClockRow[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE tickets.ticket_legal_clock lc SET due_date = v.due_date, due_at = v.due_at, due_soon_alerted_at = v.soon, due_day_alerted_at = v.day,
              overdue_alerted_at = v.overdue, next_check_at = v.next_check, recompute = false, updated_at = now()
         FROM unnest($1::uuid[], $2::date[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
              AS v(id, due_date, due_at, soon, day, overdue, next_check)
        WHERE lc.ticket_id = v.id`,
      [
        rows.map((r) => r.ticket_id),
        rows.map((r) => r.due_date),
        rows.map((r) => r.due_at),
        rows.map((r) => r.due_soon_alerted_at),
        rows.map((r) => r.due_day_alerted_at),
        rows.map((r) => r.overdue_alerted_at),
        rows.map((r) => r.next_check_at),
      ],
    );
  }

  async savePassedSla(em: EntityManager, rows: readonly SlaClockRow[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE tickets.ticket_sla_clock sc SET first_response_warn_at = v.fr_warn, first_response_due_at = v.fr_due, resolution_warn_at = v.res_warn,
              resolution_due_at = v.res_due, first_response_warned_at = v.fr_warned, first_response_breached_at = v.fr_breached,
              resolution_warned_at = v.res_warned, resolution_breached_at = v.res_breached, next_check_at = v.next_check, recompute = false, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
                     $8::timestamptz[], $9::timestamptz[], $10::timestamptz[])
              AS v(id, fr_warn, fr_due, res_warn, res_due, fr_warned, fr_breached, res_warned, res_breached, next_check)
        WHERE sc.ticket_id = v.id`,
      [
        rows.map((r) => r.ticket_id),
        rows.map((r) => r.first_response_warn_at),
        rows.map((r) => r.first_response_due_at),
        rows.map((r) => r.resolution_warn_at),
        rows.map((r) => r.resolution_due_at),
        rows.map((r) => r.first_response_warned_at),
        rows.map((r) => r.first_response_breached_at),
        rows.map((r) => r.resolution_warned_at),
        rows.map((r) => r.resolution_breached_at),
        rows.map((r) => r.next_check_at),
      ],
    );
  }

  /** Active managers per team (one query for a batch): who escalations go to. */
  async managersByTeam(em: EntityManager, teams: readonly { tenantId: string; teamId: string }[]): Promise<Map<string, string[]>> {
    const byTeam = new Map<string, string[]>();
    if (teams.length === 0) return byTeam;
    const rows: { tenant_id: string; team_id: string; user_id: string }[] = await em.query(
      `SELECT u.tenant_id, tm.team_id, u.user_id
         FROM tickets.user_ref u CROSS JOIN LATERAL unnest(u.team_ids) AS tm(team_id)
        WHERE u.active AND 'manager' = ANY(u.roles) AND u.team_ids && $1::uuid[] AND u.tenant_id = ANY($2::uuid[])
        ORDER BY u.user_id`,
      [[...new Set(teams.map((t) => t.teamId))], [...new Set(teams.map((t) => t.tenantId))]],
    );
    for (const row of rows) {
      const key = `${row.tenant_id}:${row.team_id}`;
      byTeam.set(key, [...(byTeam.get(key) ?? []), row.user_id]);
    }
    return byTeam;
  }
}

/** The INSERTs of a new ticket's two clock rows, each numbering its parameters from $1 (ticket creation runs them inside the radicado's statement). */
export function clockInsertParts(legal: LegalClockRow, sla: SlaClockRow): { legal: SqlPart; sla: SqlPart } {
  return {
    legal: {
      sql: `INSERT INTO tickets.ticket_legal_clock (ticket_id, tenant_id, calendar_id, pqr_class, term_days, extended_term_days, received_at, suspensions, extensions,
                suspended_since, due_date, due_at, answered_at, due_soon_alerted_at, due_day_alerted_at, overdue_alerted_at, next_check_at, recompute)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11::date, $12, $13, $14, $15, $16, $17, false) ON CONFLICT (ticket_id) DO NOTHING`,
      params: [
        legal.ticket_id,
        legal.tenant_id,
        legal.calendar_id,
        legal.pqr_class,
        legal.term_days,
        legal.extended_term_days,
        legal.received_at,
        JSON.stringify(legal.suspensions),
        JSON.stringify(legal.extensions),
        legal.suspended_since,
        legal.due_date,
        legal.due_at,
        legal.answered_at,
        legal.due_soon_alerted_at,
        legal.due_day_alerted_at,
        legal.overdue_alerted_at,
        legal.next_check_at,
      ],
    },
    sla: {
      sql: `INSERT INTO tickets.ticket_sla_clock (ticket_id, tenant_id, policy_id, calendar_id, started_at, first_response_minutes, resolution_minutes, warning_percent,
              raise_priority_on_breach, pauses, paused_since, first_responded_at, first_response_warn_at, first_response_due_at, first_response_warned_at,
              first_response_breached_at, resolution_started_at, resolved_at, resolution_warn_at, resolution_due_at, resolution_warned_at, resolution_breached_at,
              next_check_at, recompute)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, false)
       ON CONFLICT (ticket_id) DO NOTHING`,
      params: [
        sla.ticket_id,
        sla.tenant_id,
        sla.policy_id,
        sla.calendar_id,
        sla.started_at,
        sla.first_response_minutes,
        sla.resolution_minutes,
        sla.warning_percent,
        sla.raise_priority_on_breach,
        JSON.stringify(sla.pauses),
        sla.paused_since,
        sla.first_responded_at,
        sla.first_response_warn_at,
        sla.first_response_due_at,
        sla.first_response_warned_at,
        sla.first_response_breached_at,
        sla.resolution_started_at,
        sla.resolved_at,
        sla.resolution_warn_at,
        sla.resolution_due_at,
        sla.resolution_warned_at,
        sla.resolution_breached_at,
        sla.next_check_at,
      ],
    },
  };
}
