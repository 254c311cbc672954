import { Injectable } from '@nestjs/common';
import { TenantClockSettingsCache } from '../tenant-settings/tenant-clock-settings.cache.js';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, type FieldError } from '@crm/common';
import type { TicketPriority } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { DEFAULT_SLA_POLICIES } from './default-sla-policies.js';
import { SlaPolicy } from './sla-policy.entity.js';
import { toSlaPolicyView, type SlaPolicyView } from './sla-policy.view.js';
import type { CreateSlaPolicyDto } from './dto/create-sla-policy.dto.js';
import type { UpdateSlaPolicyDto } from './dto/update-sla-policy.dto.js';

/**
 * SLA policies. A ticket gets the active policy of its priority and category, else the one of its
 * priority for any category, else none. Defaults per priority are seeded once per tenant. A change
 * flags the open SLA clocks it may concern; the clock scheduler recomputes them.
 */
@Injectable()
export class SlaPoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settingsCache: TenantClockSettingsCache,
  ) {}

  async ensureSeeded(em: EntityManager, tenantId: string): Promise<void> {
    const seeded: unknown[] = await em.query('INSERT INTO tickets.sla_policy_seed (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING tenant_id', [tenantId]);
    if (seeded.length === 0) return;
    await em.query(
      `INSERT INTO tickets.sla_policy (tenant_id, name, priority, first_response_minutes, resolution_minutes)
       SELECT $1, d.name, d.priority, d.first, d.resolution FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS d(name, priority, first, resolution)
       ON CONFLICT DO NOTHING`,
      [
        tenantId,
        DEFAULT_SLA_POLICIES.map((p) => p.name),
        DEFAULT_SLA_POLICIES.map((p) => p.priority),
        DEFAULT_SLA_POLICIES.map((p) => p.firstResponseMinutes),
        DEFAULT_SLA_POLICIES.map((p) => p.resolutionMinutes),
      ],
    );
  }

  /** The policy a ticket of this priority and category follows, or null. */
  async policyFor(em: EntityManager, tenantId: string, priority: TicketPriority, categoryId: string | null): Promise<SlaPolicy | null> {
    await this.ensureSeeded(em, tenantId);
    if (categoryId) {
      const specific = await em.findOne(SlaPolicy, { where: { tenantId, priority, categoryId, active: true } });
      if (specific) return specific;
    }
    return em.findOne(SlaPolicy, { where: { tenantId, priority, categoryId: IsNull(), active: true } });
  }

  async list(user: AuthUser): Promise<{ items: SlaPolicyView[] }> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureSeeded(em, user.tenantId);
      const rows = await em.find(SlaPolicy, { where: { tenantId: user.tenantId }, order: { priority: 'ASC', name: 'ASC' } });
      return { items: rows.map(toSlaPolicyView) };
    });
  }

  async get(user: AuthUser, id: string): Promise<SlaPolicyView> {
    return toSlaPolicyView(await this.find(this.dataSource.manager, user.tenantId, id));
  }

  async create(user: AuthUser, dto: CreateSlaPolicyDto): Promise<SlaPolicyView> {
    return this.settingsCache.changing(user.tenantId, () =>
      this.dataSource.transaction(async (em) => {
        await this.ensureSeeded(em, user.tenantId);
        const policy = em.create(SlaPolicy, {
          tenantId: user.tenantId,
          name: dto.name.trim(),
          priority: dto.priority,
          categoryId: dto.categoryId ?? null,
          calendarId: dto.calendarId ?? null,
          firstResponseMinutes: dto.firstResponseMinutes,
          resolutionMinutes: dto.resolutionMinutes,
          warningPercent: dto.warningPercent ?? 75,
          raisePriorityOnBreach: dto.raisePriorityOnBreach ?? false,
          active: true,
        });
        await this.check(em, policy);
        await em.save(policy);
        await this.flagClocks(em, user.tenantId, policy.priority);
        return toSlaPolicyView(policy);
      }),
    );
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdateSlaPolicyDto, 'version'>, version: number): Promise<SlaPolicyView> {
    return this.settingsCache.changing(user.tenantId, () =>
      this.dataSource.transaction(async (em) => {
        const policy = await this.find(em, user.tenantId, id, true);
        assertVersion(policy, version);
        const previousPriority = policy.priority;
        Object.assign(policy, {
          name: dto.name?.trim() ?? policy.name,
          priority: dto.priority ?? policy.priority,
          categoryId: dto.categoryId === undefined ? policy.categoryId : dto.categoryId,
          calendarId: dto.calendarId === undefined ? policy.calendarId : dto.calendarId,
          firstResponseMinutes: dto.firstResponseMinutes ?? policy.firstResponseMinutes,
          resolutionMinutes: dto.resolutionMinutes ?? policy.resolutionMinutes,
          warningPercent: dto.warningPercent ?? policy.warningPercent,
          raisePriorityOnBreach: dto.raisePriorityOnBreach ?? policy.raisePriorityOnBreach,
          active: dto.active ?? policy.active,
        });
        await this.check(em, policy);
        await em.save(policy);
        await this.flagClocks(em, user.tenantId, previousPriority);
        if (policy.priority !== previousPriority) await this.flagClocks(em, user.tenantId, policy.priority);
        return toSlaPolicyView(policy);
      }),
    );
  }

  /** References and uniqueness: one active policy per (priority, category). */
  private async check(em: EntityManager, policy: SlaPolicy): Promise<void> {
    const errors: FieldError[] = [];
    if (policy.categoryId) {
      const rows: unknown[] = await em.query('SELECT 1 FROM tickets.ticket_category WHERE id = $1 AND tenant_id = $2', [policy.categoryId, policy.tenantId]);
      if (rows.length === 0) errors.push({ field: 'categoryId', message: 'La categoría no existe.' });
    }
    if (policy.calendarId) {
      const rows: unknown[] = await em.query('SELECT 1 FROM tickets.business_calendar WHERE id = $1 AND tenant_id = $2', [policy.calendarId, policy.tenantId]);
      if (rows.length === 0) errors.push({ field: 'calendarId', message: 'El calendario no existe.' });
    }
    if (errors.length) throw Problems.invalid(errors);
    if (!policy.active) return;
    const clash: { id: string }[] = await em.query(
      'SELECT id FROM tickets.sla_policy WHERE tenant_id = $1 AND priority = $2 AND category_id IS NOT DISTINCT FROM $3 AND active AND id IS DISTINCT FROM $4',
      [policy.tenantId, policy.priority, policy.categoryId, policy.id ?? null],
    );
    if (clash[0]) throw Problems.conflict('Ya hay una política activa para esa prioridad y categoría.', clash[0].id);
  }

  private async flagClocks(em: EntityManager, tenantId: string, priority: TicketPriority): Promise<void> {
    await em.query(
      `UPDATE tickets.ticket_sla_clock sc SET recompute = true, next_check_at = 'epoch'
         FROM tickets.ticket t
        WHERE t.id = sc.ticket_id AND sc.tenant_id = $1 AND t.priority = $2 AND sc.resolved_at IS NULL`,
      [tenantId, priority],
    );
  }

  private async find(em: EntityManager, tenantId: string, id: string, lock = false): Promise<SlaPolicy> {
    const policy = await em.findOne(SlaPolicy, { where: { id, tenantId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!policy) throw Problems.notFound('La política de SLA no existe.');
    return policy;
  }
}
