import { Inject, Injectable } from '@nestjs/common';
import { CONTACT_LIFECYCLES } from '@crm/contracts';
import { DataSource } from 'typeorm';
import { calendarDay, daysBefore } from '../config/calendar-day.js';
import { REPORTING_CONFIG, type ReportingConfig } from '../config/reporting-env.js';
import type { ContactsByLifecycleView, DashboardView } from './dto/dashboard.view.js';

interface CounterRow {
  metric: string;
  key: string;
  value: string;
  updated_at: Date;
}

/** Reads the running totals (a handful of rows per tenant): no count over contacts ever. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async dashboard(tenantId: string, now: Date = new Date()): Promise<DashboardView> {
    const timeZone = this.config.REPORTING_TIME_ZONE;
    const today = calendarDay(now, timeZone);
    const from = daysBefore(today, 29);
    const [counters, days] = await Promise.all([
      this.dataSource.query<CounterRow[]>(`SELECT metric, key, value, updated_at FROM contact_counter WHERE tenant_id = $1 AND metric IN ('total', 'assigned', 'lifecycle')`, [tenantId]),
      this.dataSource.query<{ today: number; last30: number; updated_at: Date | null }[]>(
        `SELECT COALESCE(sum(created_count) FILTER (WHERE day = $3::date), 0)::int AS today,
                COALESCE(sum(created_count), 0)::int AS last30,
                max(updated_at) AS updated_at
           FROM contact_daily WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date`,
        [tenantId, from, today],
      ),
    ]);

    const byLifecycle = Object.fromEntries(CONTACT_LIFECYCLES.map((lifecycle) => [lifecycle, 0])) as unknown as ContactsByLifecycleView;
    let totalContacts = 0;
    let assignedContacts = 0;
    let updatedAt: Date | null = null;
    for (const row of counters) {
      const value = Number(row.value);
      if (row.metric === 'total') totalContacts = value;
      else if (row.metric === 'assigned') assignedContacts = value;
      else if (row.metric === 'lifecycle' && row.key in byLifecycle) byLifecycle[row.key as keyof ContactsByLifecycleView] = value;
      if (!updatedAt || row.updated_at > updatedAt) updatedAt = row.updated_at;
    }
    return {
      totalContacts,
      contactsByLifecycle: byLifecycle,
      assignedContacts,
      contactsCreatedToday: days[0]?.today ?? 0,
      contactsCreatedLast30Days: days[0]?.last30 ?? 0,
      timeZone,
      updatedAt: updatedAt ? updatedAt.toISOString() : null,
    };
  }
}
