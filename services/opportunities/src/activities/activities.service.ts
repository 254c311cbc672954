import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, hasRole, type AuthUser } from '@crm/auth';
import { ProblemException, Problems } from '@crm/common';
import { OPPORTUNITIES_ACTIVITY_COMPLETED, OPPORTUNITIES_ACTIVITY_CREATED, OPPORTUNITIES_ACTIVITY_UPDATED, type ActivityEventData, type ActivityChangedField } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { SCHEDULERS_CONFIG, type SchedulersConfig } from '../config/schedulers-config.js';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import { ContactsProjection } from '../projections/contacts-projection.service.js';
import { UsersProjection } from '../projections/users-projection.service.js';
import { Activity } from './activity.entity.js';
import { toActivityView, type ActivityView } from './activity.view.js';
import type { CreateActivityDto } from './dto/create-activity.dto.js';

/** The fields PATCH /activities/{id} may change; `null` clears (subject: refused). */
export interface UpdateActivityChanges {
  subject?: string | null;
  description?: string | null;
  dueAt?: string | null;
  durationMinutes?: number | null;
  reminderMinutesBefore?: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_AGENDA_ROWS = 500;

/**
 * Activities and the agenda. An activity is visible to its assignee and its creator, and to
 * whoever sees its opportunity (or, without one, its contact); anyone else gets 404.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly contacts: ContactsProjection,
    private readonly users: UsersProjection,
    private readonly outbox: OutboxService,
    @Inject(SCHEDULERS_CONFIG) private readonly config: SchedulersConfig,
  ) {}

  async create(user: AuthUser, dto: CreateActivityDto): Promise<ActivityView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      let contactId = dto.contactId ?? null;
      if (dto.opportunityId) {
        const opportunity = await this.access.findVisible(user, dto.opportunityId, em).catch(() => {
          throw Problems.invalid([{ field: 'opportunityId', message: 'La oportunidad no existe o no es visible para usted.' }]);
        });
        contactId ??= opportunity.contactId;
      } else if (!contactId) {
        throw Problems.invalid([{ field: 'opportunityId', message: 'Indique la oportunidad o el contacto de la actividad.' }]);
      }
      if (dto.contactId) await this.contacts.findVisibleContact(user, dto.contactId, em);
      const assignedTo = dto.assignedTo ?? user.id;
      if (assignedTo !== user.id) await this.users.assertActiveUser(em, user.tenantId, assignedTo, 'assignedTo');
      const dueAt = dto.dueAt ? new Date(dto.dueAt) : null;
      const activity = em.create(Activity, {
        tenantId: user.tenantId,
        type: dto.type,
        subject: dto.subject.trim(),
        description: dto.description?.trim() || null,
        opportunityId: dto.opportunityId ?? null,
        contactId,
        dueAt,
        durationMinutes: dto.durationMinutes ?? null,
        reminderMinutesBefore: dto.reminderMinutesBefore ?? null,
        remindAt: reminderTime(dueAt, dto.reminderMinutesBefore ?? this.config.activityReminderMinutes, new Date()),
        reminderSentAt: null,
        assignedTo,
        createdBy: user.id,
        status: 'pending',
        outcome: null,
        completedAt: null,
      });
      await em.save(activity);
      if (activity.opportunityId) await this.access.touchActivity(em, user.tenantId, activity.opportunityId, activity.createdAt);
      await this.publish(em, OPPORTUNITIES_ACTIVITY_CREATED, activity, activity.createdAt);
      return toActivityView(activity);
    });
  }

  async get(user: AuthUser, id: string): Promise<ActivityView> {
    return toActivityView(await this.findVisible(user, id));
  }

  /**
   * Edits a pending activity (done or cancelled → 409). A new due time or new reminder minutes
   * re-arm its reminder: `remindAt` is worked out again as on creation and `reminderSentAt` is
   * cleared, so a reminder already sent for the old time is sent again, once, for the new one (the
   * scheduler takes rows whose marker is empty). The row is locked like the scheduler's, so an
   * edit and a reminder pass never interleave. Publishes `opportunities.activity.updated`.
   */
  async update(user: AuthUser, id: string, dto: UpdateActivityChanges, version: number): Promise<ActivityView> {
    if (!canWrite(user)) throw Problems.forbidden();
    const subject = dto.subject;
    if (subject === null) throw Problems.invalid([{ field: 'subject', message: 'subject no puede estar vacío.' }]);
    return this.dataSource.transaction(async (em) => {
      const activity = await this.findVisible(user, id, em, true);
      assertVersion(activity, version);
      if (activity.status !== 'pending') throw new ProblemException(409, 'La actividad ya está cerrada; no se puede modificar.');
      const previousDueAt = activity.dueAt;
      const changed = new Set<ActivityChangedField>();
      const set = <K extends ActivityChangedField>(field: K, value: Activity[K]) => {
        const before = activity[field];
        const same = before instanceof Date && value instanceof Date ? before.getTime() === value.getTime() : before === value;
        if (same) return;
        activity[field] = value;
        changed.add(field);
      };
      if (subject !== undefined) set('subject', subject.trim());
      if (dto.description !== undefined) set('description', dto.description?.trim() || null);
      if (dto.dueAt !== undefined) set('dueAt', dto.dueAt === null ? null : new Date(dto.dueAt));
      if (dto.durationMinutes !== undefined) set('durationMinutes', dto.durationMinutes);
      if (dto.reminderMinutesBefore !== undefined) set('reminderMinutesBefore', dto.reminderMinutesBefore);
      if (changed.size === 0) return toActivityView(activity);
      const now = new Date();
      if (changed.has('dueAt') || changed.has('reminderMinutesBefore')) {
        activity.remindAt = reminderTime(activity.dueAt, activity.reminderMinutesBefore ?? this.config.activityReminderMinutes, now);
        activity.reminderSentAt = null;
      }
      await em.save(activity);
      await this.publish(em, OPPORTUNITIES_ACTIVITY_UPDATED, activity, now, {
        changedFields: [...changed],
        previousDueAt: previousDueAt?.toISOString() ?? null,
        remindAt: activity.remindAt?.toISOString() ?? null,
      });
      return toActivityView(activity);
    });
  }

  /** Done (with outcome) or cancelled; only a pending activity moves. */
  async finish(user: AuthUser, id: string, status: 'done' | 'cancelled', outcome: string | undefined, version: number): Promise<ActivityView> {
    if (!canWrite(user)) throw Problems.forbidden();
    return this.dataSource.transaction(async (em) => {
      const activity = await this.findVisible(user, id, em, true);
      assertVersion(activity, version);
      if (activity.status !== 'pending') throw new ProblemException(409, 'La actividad ya está cerrada.');
      const now = new Date();
      activity.status = status;
      activity.outcome = outcome?.trim() || null;
      activity.completedAt = now;
      await em.save(activity);
      if (activity.opportunityId) await this.access.touchActivity(em, user.tenantId, activity.opportunityId, now);
      if (status === 'done') await this.publish(em, OPPORTUNITIES_ACTIVITY_COMPLETED, activity, now);
      return toActivityView(activity);
    });
  }

  async forOpportunity(user: AuthUser, opportunityId: string): Promise<{ items: ActivityView[] }> {
    const opportunity = await this.access.findVisible(user, opportunityId);
    const rows = await this.dataSource.manager.find(Activity, {
      where: { tenantId: user.tenantId, opportunityId: opportunity.id },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: MAX_AGENDA_ROWS,
    });
    return { items: rows.map(toActivityView) };
  }

  /** A user's activities due in [from, to), by due time. Your own; others' for managers and admins. */
  async agenda(user: AuthUser, from: string, to: string, userId?: string): Promise<{ items: ActivityView[] }> {
    const target = this.agendaOwner(user, userId);
    const [start, end] = [new Date(from), new Date(to)];
    if (!(start < end)) throw Problems.invalid([{ field: 'to', message: 'to debe ser posterior a from.' }]);
    const rows = await this.dataSource.manager
      .createQueryBuilder(Activity, 'a')
      .where('a.tenant_id = :tenantId AND a.assigned_to = :target AND a.due_at >= :start AND a.due_at < :end', { tenantId: user.tenantId, target, start, end })
      .orderBy('a.due_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(MAX_AGENDA_ROWS)
      .getMany();
    return { items: rows.map(toActivityView) };
  }

  /** Pending activities past their due time, oldest first. */
  async overdue(user: AuthUser, userId?: string): Promise<{ items: ActivityView[] }> {
    const target = this.agendaOwner(user, userId);
    const rows = await this.dataSource.manager
      .createQueryBuilder(Activity, 'a')
      .where("a.tenant_id = :tenantId AND a.assigned_to = :target AND a.status = 'pending' AND a.due_at < now()", { tenantId: user.tenantId, target })
      .orderBy('a.due_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(MAX_AGENDA_ROWS)
      .getMany();
    return { items: rows.map(toActivityView) };
  }

  /**
   * Per-seller report: activities created in [from, to) counted by assignee, type and status.
   * Admins see every user of the tenant; managers the users of their teams (and themselves);
   * everyone else only their own rows. Team membership comes from the users projection.
   */
  async report(user: AuthUser, from: string, to: string): Promise<{ items: { userId: string; type: string; status: string; count: number }[] }> {
    const [start, end] = [new Date(from), new Date(to)];
    if (!(start < end)) throw Problems.invalid([{ field: 'to', message: 'to debe ser posterior a from.' }]);
    const scope = hasRole(user, 'admin') ? 'all' : hasRole(user, 'manager') ? 'teams' : 'own';
    const rows = (await this.dataSource.query(
      `SELECT assigned_to, type, status, count(*)::int AS count FROM opportunities.activity a
       WHERE a.tenant_id = $1 AND a.created_at >= $2 AND a.created_at < $3
         AND ($4 = 'all' OR a.assigned_to = $5
              OR ($4 = 'teams' AND a.assigned_to IN (SELECT u.user_id FROM opportunities.user_ref u WHERE u.tenant_id = $1 AND u.team_ids && $6::uuid[])))
       GROUP BY assigned_to, type, status ORDER BY assigned_to, type, status`,
      [user.tenantId, start, end, scope, user.id, user.teamIds],
    )) as { assigned_to: string; type: string; status: string; count: number }[];
    return { items: rows.map((row) => ({ userId: row.assigned_to, type: row.type, status: row.status, count: row.count })) };
  }

  private agendaOwner(user: AuthUser, userId?: string): string {
    if (!userId || userId === user.id) return user.id;
    if (!hasRole(user, 'manager', 'admin')) throw Problems.forbidden('Solo gerentes y administradores ven la agenda de otra persona.');
    return userId;
  }

  private async findVisible(user: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<Activity> {
    const notFound = () => Problems.notFound('La actividad no existe o no es visible para usted.');
    if (!UUID.test(id)) throw notFound();
    const activity = await em.findOne(Activity, { where: { tenantId: user.tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!activity) throw notFound();
    if (activity.assignedTo === user.id || activity.createdBy === user.id) return activity;
    try {
      if (activity.opportunityId) await this.access.findVisible(user, activity.opportunityId, em);
      else if (activity.contactId) await this.contacts.findVisibleContact(user, activity.contactId, em);
      else throw notFound();
    } catch {
      throw notFound();
    }
    return activity;
  }

  private async publish(em: EntityManager, type: string, a: Activity, at: Date, extra: Record<string, unknown> = {}): Promise<void> {
    const data: ActivityEventData & { status: string; outcome: string | null } = {
      activityId: a.id,
      opportunityId: a.opportunityId,
      contactId: a.contactId,
      type: a.type,
      subject: a.subject,
      dueAt: a.dueAt?.toISOString() ?? null,
      assignedTo: a.assignedTo,
      createdBy: a.createdBy,
      occurredAt: at.toISOString(),
      version: a.version,
      status: a.status,
      outcome: a.outcome,
      ...extra,
    };
    await this.outbox.publish(em, { type, subject: a.opportunityId ?? a.contactId ?? a.id, tenantId: a.tenantId, data });
  }
}

/**
 * When to remind: `minutesBefore` before the due time. An activity logged or scheduled with its
 * due time already passed has nothing to remind (null); one due sooner than `minutesBefore`
 * is reminded at once (the scheduler's next pass).
 */
export function reminderTime(dueAt: Date | null, minutesBefore: number, now: Date): Date | null {
  if (!dueAt || dueAt.getTime() <= now.getTime()) return null;
  return new Date(dueAt.getTime() - minutesBefore * 60_000);
}
