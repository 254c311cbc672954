import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OPPORTUNITIES_ACTIVITY_DUE, type ActivityDueData, type ActivityType } from '@crm/contracts';
import { PollingScheduler } from '@crm/common';
import { OutboxService } from '@crm/messaging';
import { SCHEDULERS_CONFIG, type SchedulersConfig } from '../config/schedulers-config.js';

interface DueActivityRow {
  id: string;
  tenant_id: string;
  opportunity_id: string | null;
  contact_id: string | null;
  type: ActivityType;
  subject: string;
  due_at: Date;
  assigned_to: string;
  created_by: string;
  status: string;
  outcome: string | null;
  version: number;
  remind_at: Date;
  reminder_minutes_before: number | null;
  reminder_sent_at: Date;
}

/**
 * Publishes `opportunities.activity.due` once per pending activity when its reminder time
 * (due time − minutes before) arrives. One transaction per pass: the due rows are locked
 * FOR UPDATE SKIP LOCKED (replicas never take the same activity; completing or cancelling one
 * locks the row too, so it is either reminded before or never), `reminder_sent_at` is set and
 * the events go to the outbox with it. Done and cancelled activities are never reminded.
 */
@Injectable()
export class ActivityReminderScheduler extends PollingScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(SCHEDULERS_CONFIG) private readonly config: SchedulersConfig,
  ) {
    super({
      pollMs: config.remindersPollMs,
      batchSize: config.remindersBatch,
      what: 'activity reminder(s) published',
      name: 'activity reminders',
    });
  }

  /** One pass; returns how many reminders it published. */
  protected async pass(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `WITH due AS (
           SELECT a.id FROM opportunities.activity a
            WHERE a.reminder_sent_at IS NULL AND a.status = 'pending' AND a.remind_at <= now()
            ORDER BY a.remind_at
            LIMIT $1
            FOR UPDATE OF a SKIP LOCKED)
         UPDATE opportunities.activity a SET reminder_sent_at = now()
           FROM due WHERE a.id = due.id
         RETURNING a.id, a.tenant_id, a.opportunity_id, a.contact_id, a.type, a.subject, a.due_at, a.assigned_to, a.created_by, a.status, a.outcome,
                   a.version, a.remind_at, a.reminder_minutes_before, a.reminder_sent_at`,
        [this.config.remindersBatch],
      )) as [DueActivityRow[], number];
      if (rows.length === 0) return 0;
      const { titles, names } = await this.labels(em, rows);
      await this.outbox.publishAll(
        em,
        rows.map((row) => {
          const data: ActivityDueData = {
            activityId: row.id,
            opportunityId: row.opportunity_id,
            contactId: row.contact_id,
            type: row.type,
            subject: row.subject,
            dueAt: row.due_at.toISOString(),
            assignedTo: row.assigned_to,
            createdBy: row.created_by,
            occurredAt: row.reminder_sent_at.toISOString(),
            version: row.version,
            status: row.status,
            outcome: row.outcome,
            remindAt: row.remind_at.toISOString(),
            minutesBefore: Math.round((row.due_at.getTime() - row.remind_at.getTime()) / 60_000),
            opportunityTitle: row.opportunity_id ? (titles.get(row.opportunity_id) ?? null) : null,
            contactName: row.contact_id ? (names.get(`${row.tenant_id}:${row.contact_id}`) ?? null) : null,
          };
          return { type: OPPORTUNITIES_ACTIVITY_DUE, subject: row.opportunity_id ?? row.contact_id ?? row.id, tenantId: row.tenant_id, data };
        }),
      );
      return rows.length;
    });
  }

  /** Opportunity titles and contact names for the e-mails (one query each, whatever the batch). */
  private async labels(em: EntityManager, rows: DueActivityRow[]): Promise<{ titles: Map<string, string>; names: Map<string, string> }> {
    const opportunityIds = [...new Set(rows.map((row) => row.opportunity_id).filter((id): id is string => id !== null))];
    const contactIds = [...new Set(rows.map((row) => row.contact_id).filter((id): id is string => id !== null))];
    const opportunities = (await em.query('SELECT id, title FROM opportunities.opportunity WHERE id = ANY($1::uuid[])', [opportunityIds])) as { id: string; title: string }[];
    const contacts = (await em.query('SELECT tenant_id, contact_id, display_name FROM opportunities.contact_ref WHERE contact_id = ANY($1::uuid[])', [contactIds])) as {
      tenant_id: string;
      contact_id: string;
      display_name: string | null;
    }[];
    return {
      titles: new Map(opportunities.map((row) => [row.id, row.title])),
      names: new Map(contacts.filter((row) => row.display_name).map((row) => [`${row.tenant_id}:${row.contact_id}`, row.display_name!])),
    };
  }
}
