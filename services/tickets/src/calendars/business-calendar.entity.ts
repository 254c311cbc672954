import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';
import type { NonWorkingDay, WeeklyHours } from '../business-time/index.js';

/** A tenant's business calendar: zone, opening hours per weekday, holidays, extra closed days. */
@Entity({ name: 'business_calendar' })
export class BusinessCalendar extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'weekly_hours', type: 'jsonb' })
  weeklyHours: WeeklyHours;

  @Column({ name: 'colombian_holidays', type: 'boolean' })
  colombianHolidays: boolean;

  @Column({ name: 'extra_non_working_days', type: 'jsonb' })
  extraNonWorkingDays: NonWorkingDay[];

  /** The tenant's default: the legal clock counts on it, and SLA policies without a calendar. */
  @Column({ name: 'is_default', type: 'boolean' })
  isDefault: boolean;
}
