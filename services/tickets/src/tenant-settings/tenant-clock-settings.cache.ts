import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PQR_CLASSES, type PqrClass, type TicketPriority } from '@crm/contracts';
import type { BusinessCalendarRules } from '../business-time/index.js';
import { TICKETS_CONFIG, type TicketsSettings } from '../config/tickets-env.js';
import { TtlCache } from './ttl-cache.js';

/** An active SLA policy as a new ticket's clock needs it. */
export interface CachedSlaPolicy {
  id: string;
  priority: TicketPriority;
  categoryId: string | null;
  calendarId: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
  raisePriorityOnBreach: boolean;
}

/** What starting a ticket's clocks reads of its tenant: calendars, legal terms and SLA policies. */
export interface TenantClockSettings {
  defaultCalendarId: string;
  calendars: Map<string, BusinessCalendarRules>;
  terms: Map<PqrClass, number>;
  policies: CachedSlaPolicy[];
}

interface SettingsRow {
  calendars: {
    id: string;
    timeZone: string;
    weeklyHours: BusinessCalendarRules['weeklyHours'];
    colombianHolidays: boolean;
    extraNonWorkingDays: BusinessCalendarRules['extraNonWorkingDays'];
    isDefault: boolean;
  }[];
  terms: Record<string, number>;
  policies: CachedSlaPolicy[];
  policies_seeded: boolean;
}

/** All of a tenant's clock settings in one round trip. */
const SETTINGS_SQL = `SELECT
  (SELECT coalesce(json_agg(json_build_object('id', id, 'timeZone', time_zone, 'weeklyHours', weekly_hours, 'colombianHolidays', colombian_holidays,
          'extraNonWorkingDays', extra_non_working_days, 'isDefault', is_default)), '[]') FROM tickets.business_calendar WHERE tenant_id = $1) AS calendars,
  (SELECT coalesce(json_object_agg(pqr_class, term_days), '{}') FROM tickets.legal_term WHERE tenant_id = $1) AS terms,
  (SELECT coalesce(json_agg(json_build_object('id', id, 'priority', priority, 'categoryId', category_id, 'calendarId', calendar_id,
          'firstResponseMinutes', first_response_minutes, 'resolutionMinutes', resolution_minutes, 'warningPercent', warning_percent,
          'raisePriorityOnBreach', raise_priority_on_breach)), '[]') FROM tickets.sla_policy WHERE tenant_id = $1 AND active) AS policies,
  EXISTS (SELECT 1 FROM tickets.sla_policy_seed WHERE tenant_id = $1) AS policies_seeded`;

/**
 * A tenant's calendars, legal terms and active SLA policies, read in one statement and kept for
 * TICKETS_SETTINGS_CACHE_MS: creating a ticket used to read and re-seed them with ~8 statements.
 * The services that change them call {@link invalidate} in the same process (the change is then
 * seen by the next ticket); other replicas see it after at most the TTL. A read that finds the
 * tenant not seeded yet answers null: the caller seeds in its transaction and nothing is cached
 * until those rows are committed.
 */
@Injectable()
export class TenantClockSettingsCache {
  private readonly cache: TtlCache<TenantClockSettings>;

  constructor(@Inject(TICKETS_CONFIG) config: TicketsSettings) {
    this.cache = new TtlCache(config.settingsCacheMs);
  }

  async settings(em: EntityManager, tenantId: string): Promise<TenantClockSettings | null> {
    return (await this.cache.getOrLoad(tenantId, async () => (await this.read(em, tenantId)) ?? undefined)) ?? null;
  }

  /** Forgets the tenant's settings (a calendar, term or policy of it changed in this process). */
  invalidate(tenantId: string): void {
    this.cache.invalidate(tenantId);
  }

  /** Runs an admin change (its own transaction) and forgets the tenant's settings once it has committed or failed. */
  changing<T>(tenantId: string, change: () => Promise<T>): Promise<T> {
    return this.cache.invalidatingAfter(change, tenantId);
  }

  private async read(em: EntityManager, tenantId: string): Promise<TenantClockSettings | null> {
    const [row]: SettingsRow[] = await em.query(SETTINGS_SQL, [tenantId]);
    const defaultCalendar = row.calendars.find((calendar) => calendar.isDefault);
    if (!defaultCalendar || !row.policies_seeded || PQR_CLASSES.some((pqrClass) => row.terms[pqrClass] === undefined)) return null;
    return {
      defaultCalendarId: defaultCalendar.id,
      calendars: new Map(
        row.calendars.map((c) => [c.id, { timeZone: c.timeZone, weeklyHours: c.weeklyHours, colombianHolidays: c.colombianHolidays, extraNonWorkingDays: c.extraNonWorkingDays }]),
      ),
      terms: new Map(Object.entries(row.terms) as [PqrClass, number][]),
      policies: row.policies,
    };
  }
}

/** The policy a ticket of this priority and category follows (as SlaPoliciesService.policyFor), or null. */
export function policyIn(settings: TenantClockSettings, priority: TicketPriority, categoryId: string | null): CachedSlaPolicy | null {
  const ofPriority = settings.policies.filter((policy) => policy.priority === priority);
  return (categoryId ? ofPriority.find((policy) => policy.categoryId === categoryId) : undefined) ?? ofPriority.find((policy) => policy.categoryId === null) ?? null;
}
