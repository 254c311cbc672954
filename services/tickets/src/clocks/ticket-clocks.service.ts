import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaState } from '@crm/contracts';
import { BusinessCalendarsService } from '../calendars/business-calendars.service.js';
import { LegalTermsService } from '../legal-terms/legal-terms.service.js';
import { SlaPoliciesService } from '../sla-policies/sla-policies.service.js';
import { DEFAULT_TIME_ZONE, type BusinessCalendarRules } from '../business-time/index.js';
import { TenantClockSettingsCache } from '../tenant-settings/tenant-clock-settings.cache.js';
import { emptyLegal, emptySla, fromSettings, type ClockSetup } from './new-clock-rows.js';
import { ClockStore, clockInsertParts } from './clock-store.js';
import type { CreationWrites } from '../tickets/creation-writes.js';
import { recomputeLegal, recomputeLegalWithFigures, recomputeSla, recomputeSlaWithFigures } from './clock-recompute.js';
import type { ClockTicket, ClockView } from './clock-types.js';
import type { ClockEventTicket } from './clock-events.js';
import { LegalClockActions } from './legal-clock-actions.service.js';
import { CLOCKS_CONFIG, type ClocksConfig } from './clocks-config.js';
import { ClockSource } from './clock-source.js';
import { legalFigures, legalStateOf, type LegalFigures } from './legal-clock.math.js';
import type { LegalClockRow } from './legal-clock.row.js';
import { slaFigures, slaStateOf, type SlaFigures } from './sla-clock.math.js';
import type { SlaClockRow } from './sla-clock.row.js';

export interface ClockFilter {
  /** Legal due date before this instant (open tickets). */
  dueBefore?: Date;
  /** Open, not suspended, past the legal due date. */
  overdue?: boolean;
  slaState?: SlaState;
}

/**
 * The legal clock (Ley 1755) and the SLA clock of every ticket. Every method joins the caller's
 * transaction (tickets-core calls them as it creates and changes tickets), so a ticket and its
 * clocks never disagree.
 */
@Injectable()
export class TicketClocksService {
  constructor(
    private readonly store: ClockStore,
    private readonly calendars: BusinessCalendarsService,
    private readonly terms: LegalTermsService,
    private readonly policies: SlaPoliciesService,
    private readonly legalActions: LegalClockActions,
    private readonly clock: ClockSource,
    private readonly settings: TenantClockSettingsCache,
    @Inject(CLOCKS_CONFIG) private readonly config: ClocksConfig,
  ) {}

  /**
   * The petitioner answered (a reply on the public page or by e-mail): a suspended legal term
   * continues from the next day (art. 17), publishing `tickets.ticket.resumed` with resumedBy null.
   * Pass the ticket as loaded (and locked) by the caller; false when it was not suspended.
   */
  async onPetitionerAnswer(manager: EntityManager, ticket: ClockEventTicket, systemAt: Date): Promise<boolean> {
    const at = this.clock.fromSystem(systemAt);
    const [row] = await this.store.legal(manager, ticket.tenantId, [ticket.id]);
    if (!row?.suspended_since || row.answered_at) return false;
    const now = this.clock.now();
    return this.legalActions.resume(manager, ticket, null, 'es', at.getTime() > now.getTime() ? now : at);
  }

  /**
   * Starts both clocks of a new ticket; answers its clock figures (legalDueAt for the acuse de
   * recibo), worked out from the rows as written: no read-back. The tenant's calendars, terms and
   * policies come from the settings cache; both rows are written by one statement.
   */
  async start(manager: EntityManager, t: ClockTicket, writes?: CreationWrites): Promise<ClockView> {
    const now = this.clock.now();
    const settings = await this.settings.settings(manager, t.tenantId);
    const { calendar, termDays, policy, slaCalendar } = settings ? fromSettings(settings, t) : await this.readSetup(manager, t);
    // The figures of the recomputation are the view's too (the due-date counts are the costly part).
    const { row: legal, figures: legalFig } = recomputeLegalWithFigures(emptyLegal(t, calendar.id, termDays), calendar.rules, now, this.config.dueSoonDays);
    let sla = emptySla(t, slaCalendar.id);
    if (policy) {
      sla = {
        ...sla,
        policy_id: policy.id,
        first_response_minutes: policy.firstResponseMinutes,
        resolution_minutes: policy.resolutionMinutes,
        warning_percent: policy.warningPercent,
        raise_priority_on_breach: policy.raisePriorityOnBreach,
      };
    }
    if (t.status === 'pendiente') sla = { ...sla, paused_since: t.receivedAt, pauses: [{ from: t.receivedAt.toISOString(), to: null }] };
    const { row: slaRow, figures: slaFig } = recomputeSlaWithFigures(sla, slaCalendar.rules, now);
    if (writes) {
      // A new ticket: the rows go into the radicado's statement with the ticket itself.
      const parts = clockInsertParts(legal, slaRow);
      writes.add('legal_clock', parts.legal);
      writes.add('sla_clock', parts.sla);
    } else {
      await this.store.insertClocks(manager, legal, slaRow);
    }
    return this.viewOf(legal, calendar.rules, slaRow, slaCalendar.rules, now, { legal: legalFig, sla: slaFig });
  }

  /** The first ticket of a tenant (or a cache miss before its settings are committed): seeds and reads them in the caller's transaction. */
  private async readSetup(manager: EntityManager, t: ClockTicket): Promise<ClockSetup> {
    const calendar = await this.calendars.defaultRef(manager, t.tenantId);
    await this.terms.ensureSeeded(manager, t.tenantId);
    const termDays = await this.terms.termFor(manager, t.tenantId, t.pqrClass);
    const policy = await this.policies.policyFor(manager, t.tenantId, t.priority, t.categoryId);
    const slaCalendar = policy?.calendarId ? await this.calendars.ref(manager, t.tenantId, policy.calendarId) : calendar;
    return { calendar, termDays, policy, slaCalendar };
  }

  /**
   * A ticket changed: class → new legal term; priority or category → the SLA policy again; status
   * `pendiente` pauses the SLA and leaving it resumes; `cerrado` records the answer (on time or
   * late) and stops both; a reopen restarts the resolution target from `at`.
   */
  async onChanged(manager: EntityManager, before: ClockTicket, after: ClockTicket, systemAt: Date): Promise<void> {
    const at = this.clock.fromSystem(systemAt);
    const [legalRow] = await this.store.legal(manager, after.tenantId, [after.id], true);
    const [slaRow] = await this.store.sla(manager, after.tenantId, [after.id], true);
    if (!legalRow || !slaRow) {
      if (!legalRow && !slaRow) await this.start(manager, after);
      return;
    }
    const rules = await this.store.rules(manager, [legalRow.calendar_id, slaRow.calendar_id]);
    const now = this.clock.now();

    let legal: LegalClockRow = { ...legalRow };
    if (before.pqrClass !== after.pqrClass) {
      legal = { ...legal, pqr_class: after.pqrClass, term_days: await this.terms.termFor(manager, after.tenantId, after.pqrClass) };
    }
    if (after.status === 'cerrado' && before.status !== 'cerrado' && !legal.answered_at) legal = { ...legal, answered_at: at };
    await this.store.saveLegal(manager, recomputeLegal(legal, rules.get(legal.calendar_id)!, now, this.config.dueSoonDays));

    let sla: SlaClockRow = { ...slaRow };
    if (before.priority !== after.priority || before.categoryId !== after.categoryId) {
      const policy = await this.policies.policyFor(manager, after.tenantId, after.priority, after.categoryId);
      const calendar = await this.calendars.ref(manager, after.tenantId, policy?.calendarId ?? null);
      rules.set(calendar.id, calendar.rules);
      sla = {
        ...sla,
        policy_id: policy?.id ?? null,
        calendar_id: calendar.id,
        first_response_minutes: policy?.firstResponseMinutes ?? null,
        resolution_minutes: policy?.resolutionMinutes ?? null,
        warning_percent: policy?.warningPercent ?? 75,
        raise_priority_on_breach: policy?.raisePriorityOnBreach ?? false,
      };
    }
    sla = applyStatus(sla, before, after, at);
    await this.store.saveSla(manager, recomputeSla(sla, rules.get(sla.calendar_id)!, now));
  }

  /** The first public reply: the first-response target is met (once). */
  async onFirstResponse(manager: EntityManager, ticketId: string, tenantId: string, systemAt: Date): Promise<void> {
    const at = this.clock.fromSystem(systemAt);
    const [row] = await this.store.sla(manager, tenantId, [ticketId], true);
    if (!row || row.first_responded_at) return;
    const rules = await this.store.rules(manager, [row.calendar_id]);
    await this.store.saveSla(manager, recomputeSla({ ...row, first_responded_at: at }, rules.get(row.calendar_id)!, this.clock.now()));
  }

  /** Clock figures of a page of tickets (tickets without clocks are absent from the map). */
  async views(manager: EntityManager, tenantId: string, ticketIds: readonly string[]): Promise<Map<string, ClockView>> {
    const [legalRows, slaRows] = await Promise.all([this.store.legal(manager, tenantId, ticketIds), this.store.sla(manager, tenantId, ticketIds)]);
    const rules = await this.store.rules(manager, [...legalRows.map((r) => r.calendar_id), ...slaRows.map((r) => r.calendar_id)]);
    const slaById = new Map(slaRows.map((row) => [row.ticket_id, row]));
    const now = this.clock.now();
    const views = new Map<string, ClockView>();
    for (const legal of legalRows) {
      const sla = slaById.get(legal.ticket_id);
      views.set(legal.ticket_id, this.viewOf(legal, rules.get(legal.calendar_id)!, sla, sla ? rules.get(sla.calendar_id) : undefined, now));
    }
    return views;
  }

  private viewOf(
    legal: LegalClockRow,
    legalRules: BusinessCalendarRules,
    sla: SlaClockRow | undefined,
    slaRules: BusinessCalendarRules | undefined,
    now: Date,
    known?: { legal: LegalFigures; sla: SlaFigures },
  ): ClockView {
    const figures = known?.legal ?? legalFigures(legal, legalRules, this.config.dueSoonDays);
    const { state, daysLeft } = legalStateOf(legal, legalRules, figures, now, this.config.dueSoonDays);
    const slaFig = known?.sla ?? (sla && slaRules ? slaFigures(sla, slaRules) : null);
    return {
      legalDueAt: figures.dueAt?.toISOString() ?? null,
      legalBusinessDaysLeft: daysLeft,
      legalState: state,
      legalTermDays: legal.term_days,
      legalExtendedTermDays: legal.extended_term_days,
      legalSuspendedSince: legal.suspended_since?.toISOString() ?? null,
      firstResponseDueAt: slaFig?.firstResponseDueAt?.toISOString() ?? null,
      resolutionDueAt: slaFig?.resolutionDueAt?.toISOString() ?? null,
      slaState: sla && slaFig ? slaStateOf(sla, slaFig, now) : null,
      timeZone: legalRules.timeZone ?? DEFAULT_TIME_ZONE,
    };
  }

  /**
   * A predicate on the ticket alias for list filters, with TypeORM named parameters. It reads the
   * stored due instants (kept current by every change and by the scheduler).
   */
  clockFilterSql(alias: string, filter: ClockFilter): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.dueBefore) {
      parts.push(`EXISTS (SELECT 1 FROM tickets.ticket_legal_clock lcf WHERE lcf.ticket_id = ${alias}.id AND lcf.answered_at IS NULL AND lcf.due_at < :clockDueBefore)`);
      params.clockDueBefore = filter.dueBefore;
    }
    if (filter.overdue !== undefined) {
      const overdue = `EXISTS (SELECT 1 FROM tickets.ticket_legal_clock lco WHERE lco.ticket_id = ${alias}.id AND lco.answered_at IS NULL AND lco.suspended_since IS NULL AND lco.due_at < now())`;
      parts.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
    if (filter.slaState) {
      parts.push(`EXISTS (SELECT 1 FROM tickets.ticket_sla_clock scf WHERE scf.ticket_id = ${alias}.id AND ${slaStateSql('scf', filter.slaState)})`);
    }
    return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
  }
}

/** SQL for a SLA state on a clock alias, mirroring slaStateOf. */
function slaStateSql(sc: string, state: SlaState): string {
  // coalesce: an unknown instant (paused) compares as NULL, which must read as "no".
  const breached = `coalesce(${sc}.first_response_breached_at IS NOT NULL OR ${sc}.resolution_breached_at IS NOT NULL
    OR (${sc}.resolved_at IS NULL AND ${sc}.first_response_due_at < coalesce(${sc}.first_responded_at, now()))
    OR ${sc}.resolution_due_at < coalesce(${sc}.resolved_at, now()), false)`;
  const warning = `coalesce((${sc}.first_responded_at IS NULL AND ${sc}.first_response_warn_at <= now()) OR ${sc}.resolution_warn_at <= now(), false)`;
  const hasPolicy = `(${sc}.first_response_minutes IS NOT NULL OR ${sc}.resolution_minutes IS NOT NULL)`;
  switch (state) {
    case 'met':
      return `${hasPolicy} AND ${sc}.resolved_at IS NOT NULL AND NOT ${breached}`;
    case 'breached':
      return `${hasPolicy} AND ${breached}`;
    case 'paused':
      return `${hasPolicy} AND ${sc}.resolved_at IS NULL AND ${sc}.paused_since IS NOT NULL AND NOT ${breached}`;
    case 'warning':
      return `${hasPolicy} AND ${sc}.resolved_at IS NULL AND ${sc}.paused_since IS NULL AND NOT ${breached} AND ${warning}`;
    default:
      return `${hasPolicy} AND ${sc}.resolved_at IS NULL AND ${sc}.paused_since IS NULL AND NOT ${breached} AND NOT ${warning}`;
  }
}

function applyStatus(row: SlaClockRow, before: ClockTicket, after: ClockTicket, at: Date): SlaClockRow {
  let next = row;
  const iso = at.toISOString();
  const closePause = (r: SlaClockRow): SlaClockRow => (r.paused_since ? { ...r, paused_since: null, pauses: r.pauses.map((p) => (p.to === null ? { ...p, to: iso } : p)) } : r);
  if (after.status === 'pendiente' && before.status !== 'pendiente' && !next.paused_since) {
    next = { ...next, paused_since: at, pauses: [...next.pauses, { from: iso, to: null }] };
  }
  if (after.status !== 'pendiente' && before.status === 'pendiente') next = closePause(next);
  if (after.status === 'cerrado' && before.status !== 'cerrado') next = { ...closePause(next), resolved_at: at };
  if (before.status === 'cerrado' && after.status !== 'cerrado') {
    next = { ...next, resolved_at: null, resolution_started_at: at, resolution_warned_at: null, resolution_breached_at: null };
  }
  return next;
}
