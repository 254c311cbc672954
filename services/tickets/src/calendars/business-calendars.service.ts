import { Injectable } from '@nestjs/common';
import { TenantClockSettingsCache } from '../tenant-settings/tenant-clock-settings.cache.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, type FieldError } from '@crm/common';
import { assertVersion } from '@crm/database';
import { DEFAULT_CALENDAR, DEFAULT_WEEKLY_HOURS, type BusinessCalendarRules } from '../business-time/index.js';
import { BusinessCalendar } from './business-calendar.entity.js';
import { rulesOf, toBusinessCalendarView, type BusinessCalendarView } from './business-calendar.view.js';
import { checkTimeZone, nonWorkingDaysFrom, weeklyHoursFrom } from './calendar-input.js';
import type { CreateBusinessCalendarDto } from './dto/create-business-calendar.dto.js';
import type { UpdateBusinessCalendarDto } from './dto/update-business-calendar.dto.js';

export const DEFAULT_CALENDAR_NAME = 'Calendario general';

export interface CalendarRef {
  id: string;
  rules: BusinessCalendarRules;
}

/**
 * Business calendars. Every tenant has one default (seeded on first use: America/Bogota,
 * Mon–Fri 08:00–17:00, Colombian holidays). Editing a calendar flags the open clocks counting on
 * it, and the clock scheduler recomputes them (so a large tenant's PATCH stays fast).
 */
@Injectable()
export class BusinessCalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settingsCache: TenantClockSettingsCache,
  ) {}

  /** The tenant's default calendar, created the first time it is needed. */
  async ensureDefault(em: EntityManager, tenantId: string): Promise<BusinessCalendar> {
    await em.query(
      `INSERT INTO tickets.business_calendar (tenant_id, name, time_zone, weekly_hours, colombian_holidays, extra_non_working_days, is_default)
       VALUES ($1, $2, $3, $4::jsonb, true, '[]', true) ON CONFLICT DO NOTHING`,
      [tenantId, DEFAULT_CALENDAR_NAME, DEFAULT_CALENDAR.timeZone, JSON.stringify(DEFAULT_WEEKLY_HOURS)],
    );
    const calendar = await em.findOne(BusinessCalendar, { where: { tenantId, isDefault: true } });
    if (!calendar) throw new Error(`no default business calendar for tenant ${tenantId}`);
    return calendar;
  }

  async defaultRef(em: EntityManager, tenantId: string): Promise<CalendarRef> {
    const calendar = await this.ensureDefault(em, tenantId);
    return { id: calendar.id, rules: rulesOf(calendar) };
  }

  /** The calendar `id` of the tenant, or its default when `id` is null. */
  async ref(em: EntityManager, tenantId: string, id: string | null): Promise<CalendarRef> {
    if (!id) return this.defaultRef(em, tenantId);
    const calendar = await this.find(em, tenantId, id);
    return { id: calendar.id, rules: rulesOf(calendar) };
  }

  async list(user: AuthUser): Promise<{ items: BusinessCalendarView[] }> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureDefault(em, user.tenantId);
      const rows = await em.find(BusinessCalendar, { where: { tenantId: user.tenantId }, order: { isDefault: 'DESC', name: 'ASC' } });
      return { items: rows.map(toBusinessCalendarView) };
    });
  }

  /** `idOrDefault` may be the word `default`. */
  async get(user: AuthUser, idOrDefault: string): Promise<BusinessCalendarView> {
    return this.dataSource.transaction(async (em) => toBusinessCalendarView(await this.resolve(em, user.tenantId, idOrDefault)));
  }

  async resolve(em: EntityManager, tenantId: string, idOrDefault: string): Promise<BusinessCalendar> {
    return idOrDefault === 'default' ? this.ensureDefault(em, tenantId) : this.find(em, tenantId, idOrDefault);
  }

  async create(user: AuthUser, dto: CreateBusinessCalendarDto): Promise<BusinessCalendarView> {
    return this.settingsCache.changing(user.tenantId, () =>
      this.dataSource.transaction(async (em) => {
        await this.ensureDefault(em, user.tenantId);
        const errors: FieldError[] = [];
        const timeZone = dto.timeZone ?? DEFAULT_CALENDAR.timeZone;
        checkTimeZone(timeZone, errors);
        const weeklyHours = dto.workingHours ? weeklyHoursFrom(dto.workingHours, errors) : DEFAULT_WEEKLY_HOURS;
        const extraNonWorkingDays = nonWorkingDaysFrom(dto.extraNonWorkingDays ?? [], errors);
        if (errors.length) throw Problems.invalid(errors);
        await this.assertNameFree(em, user.tenantId, dto.name, null);
        const calendar = em.create(BusinessCalendar, {
          tenantId: user.tenantId,
          name: dto.name.trim(),
          timeZone,
          weeklyHours,
          colombianHolidays: dto.colombianHolidays ?? true,
          extraNonWorkingDays,
          isDefault: false,
        });
        await em.save(calendar);
        return toBusinessCalendarView(calendar);
      }),
    );
  }

  async update(user: AuthUser, idOrDefault: string, dto: Omit<UpdateBusinessCalendarDto, 'version'>, version: number): Promise<BusinessCalendarView> {
    return this.settingsCache.changing(user.tenantId, () =>
      this.dataSource.transaction(async (em) => {
        const found = await this.resolve(em, user.tenantId, idOrDefault);
        const calendar = await em.findOneOrFail(BusinessCalendar, { where: { id: found.id, tenantId: user.tenantId }, lock: { mode: 'pessimistic_write' } });
        assertVersion(calendar, version);
        const errors: FieldError[] = [];
        if (dto.timeZone !== undefined) checkTimeZone(dto.timeZone, errors);
        const weeklyHours = dto.workingHours ? weeklyHoursFrom(dto.workingHours, errors) : calendar.weeklyHours;
        const extraNonWorkingDays = dto.extraNonWorkingDays ? nonWorkingDaysFrom(dto.extraNonWorkingDays, errors) : calendar.extraNonWorkingDays;
        if (dto.isDefault === false && calendar.isDefault) errors.push({ field: 'isDefault', message: 'Marque otro calendario como predeterminado en su lugar.' });
        if (errors.length) throw Problems.invalid(errors);
        if (dto.name !== undefined) await this.assertNameFree(em, user.tenantId, dto.name, calendar.id);
        if (dto.isDefault && !calendar.isDefault) {
          await em.query('UPDATE tickets.business_calendar SET is_default = false, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND is_default', [user.tenantId]);
          calendar.isDefault = true;
        }
        Object.assign(calendar, {
          name: dto.name?.trim() ?? calendar.name,
          timeZone: dto.timeZone ?? calendar.timeZone,
          weeklyHours,
          colombianHolidays: dto.colombianHolidays ?? calendar.colombianHolidays,
          extraNonWorkingDays,
        });
        await em.save(calendar);
        await this.flagClocks(em, user.tenantId, calendar.id);
        return toBusinessCalendarView(calendar);
      }),
    );
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.settingsCache.changing(user.tenantId, () =>
      this.dataSource.transaction(async (em) => {
        const calendar = await this.find(em, user.tenantId, id);
        if (calendar.isDefault) throw Problems.conflict('El calendario predeterminado no se puede eliminar.');
        const [{ used }]: { used: boolean }[] = await em.query(
          `SELECT EXISTS (SELECT 1 FROM tickets.sla_policy WHERE calendar_id = $1)
             OR EXISTS (SELECT 1 FROM tickets.ticket_sla_clock WHERE calendar_id = $1)
             OR EXISTS (SELECT 1 FROM tickets.ticket_legal_clock WHERE calendar_id = $1) AS used`,
          [calendar.id],
        );
        if (used) throw Problems.conflict('El calendario está en uso por políticas de SLA o PQR; no se puede eliminar.');
        await em.delete(BusinessCalendar, { id: calendar.id, tenantId: user.tenantId });
      }),
    );
  }

  /**
   * Open clocks counting on the calendar get recomputed by the next scheduler pass (`epoch`: due at
   * once whatever the scheduler's clock says).
   */
  private async flagClocks(em: EntityManager, tenantId: string, calendarId: string): Promise<void> {
    await em.query("UPDATE tickets.ticket_legal_clock SET recompute = true, next_check_at = 'epoch' WHERE tenant_id = $1 AND calendar_id = $2 AND answered_at IS NULL", [
      tenantId,
      calendarId,
    ]);
    await em.query("UPDATE tickets.ticket_sla_clock SET recompute = true, next_check_at = 'epoch' WHERE tenant_id = $1 AND calendar_id = $2 AND resolved_at IS NULL", [tenantId, calendarId]);
  }

  private async find(em: EntityManager, tenantId: string, id: string): Promise<BusinessCalendar> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw Problems.notFound('El calendario no existe.');
    const calendar = await em.findOne(BusinessCalendar, { where: { id, tenantId } });
    if (!calendar) throw Problems.notFound('El calendario no existe.');
    return calendar;
  }

  private async assertNameFree(em: EntityManager, tenantId: string, name: string, exceptId: string | null): Promise<void> {
    const rows: { id: string }[] = await em.query('SELECT id FROM tickets.business_calendar WHERE tenant_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [
      tenantId,
      name.trim(),
      exceptId,
    ]);
    if (rows[0]) throw Problems.conflict('Ya existe un calendario con ese nombre.', rows[0].id);
  }
}
