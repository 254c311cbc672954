import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTE_EXCERPT_MAX_LENGTH, OPPORTUNITIES_NOTE_REMINDER_DUE, type NoteVisibility, type OpportunityNoteReminderDueData } from '@crm/contracts';
import { PollingScheduler } from '@crm/common';
import { OutboxService } from '@crm/messaging';
import { SCHEDULERS_CONFIG, type SchedulersConfig } from '../config/schedulers-config.js';

interface DueNoteRow {
  id: string;
  tenant_id: string;
  opportunity_id: string;
  author_id: string;
  visibility: NoteVisibility;
  body: string;
  remind_at: Date;
  contact_id: string;
  title: string;
  created_by: string;
  agent_id: string | null;
  assignee_id: string | null;
}

/**
 * Publishes `opportunities.note.reminder_due` when an opportunity note's reminder date (fecha de
 * aviso) arrives, as contacts does for its notes: one transaction per pass, due notes locked
 * FOR UPDATE SKIP LOCKED (safe with replicas), `reminder_sent_at` set, events to the outbox.
 * The reminder is its author's (a private note's event carries no text); moving the date
 * clears `reminder_sent_at`, so the new date reminds again.
 */
@Injectable()
export class NoteReminderScheduler extends PollingScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(SCHEDULERS_CONFIG) private readonly config: SchedulersConfig,
  ) {
    super({
      pollMs: config.remindersPollMs,
      batchSize: config.remindersBatch,
      what: 'opportunity note reminder(s) published',
      name: 'opportunity note reminders',
    });
  }

  /** One pass; returns how many reminders it published. */
  protected async pass(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = (await em.query(
        `SELECT n.id, n.tenant_id, n.opportunity_id, n.author_id, n.visibility, n.body, n.remind_at,
                o.contact_id, o.title, o.created_by, o.agent_id, o.assignee_id
           FROM opportunities.opportunity_note n
           JOIN opportunities.opportunity o ON o.id = n.opportunity_id
          WHERE n.remind_at IS NOT NULL AND n.reminder_sent_at IS NULL AND n.remind_at <= now()
          ORDER BY n.remind_at
          LIMIT $1
          FOR UPDATE OF n SKIP LOCKED`,
        [this.config.remindersBatch],
      )) as DueNoteRow[];
      if (rows.length === 0) return 0;
      // Not a user edit: the note's version stays, so nobody's PATCH becomes stale because of it.
      await em.query('UPDATE opportunities.opportunity_note SET reminder_sent_at = now() WHERE id = ANY($1::uuid[])', [rows.map((row) => row.id)]);
      await this.outbox.publishAll(
        em,
        rows.map((row) => {
          const data: OpportunityNoteReminderDueData = {
            opportunityId: row.opportunity_id,
            contactId: row.contact_id,
            title: row.title,
            createdBy: row.created_by,
            agentId: row.agent_id,
            assigneeId: row.assignee_id,
            noteId: row.id,
            authorId: row.author_id,
            visibility: row.visibility,
            ...(row.visibility === 'shared' ? { excerpt: row.body.replace(/\s+/g, ' ').trim().slice(0, NOTE_EXCERPT_MAX_LENGTH) } : {}),
            remindAt: row.remind_at.toISOString(),
            recipientIds: [row.author_id],
          };
          return { type: OPPORTUNITIES_NOTE_REMINDER_DUE, subject: row.opportunity_id, tenantId: row.tenant_id, data };
        }),
      );
      return rows.length;
    });
  }
}
