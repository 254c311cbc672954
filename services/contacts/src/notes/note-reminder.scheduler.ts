import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONTACTS_NOTE_REMINDER_DUE } from '@crm/contracts';
import { PollingScheduler } from '@crm/common';
import { OutboxService } from '@crm/messaging';
import { noteReminderDueData, type DueReminderRow } from './note-events.js';
import { CONTACTS_CONFIG, type ContactsConfig } from '../config/contacts-env.js';
import { reminderRecipients } from './reminder-recipients.js';

/**
 * Publishes `contacts.note.reminder_due` when a note's reminder date arrives. Each pass is one
 * transaction: lock due notes (FOR UPDATE SKIP LOCKED, so every replica can run it and none
 * publishes a note another one holds), mark them sent, write their events to the outbox,
 * commit. A crash before the commit leaves them due for the next pass; after it, the relay
 * delivers the events at least once and notifications' inbox makes that exactly-once.
 */
@Injectable()
export class NoteReminderScheduler extends PollingScheduler {
  private readonly config: ContactsConfig['noteReminders'];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(CONTACTS_CONFIG) contactsConfig: ContactsConfig,
  ) {
    super({ pollMs: contactsConfig.noteReminders.pollMs, batchSize: contactsConfig.noteReminders.batchSize, what: 'note reminder(s) published', name: 'note reminders' });
    this.config = contactsConfig.noteReminders;
  }

  /** One pass; returns how many reminders it published. */
  protected async pass(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: DueReminderRow[] = await em.query(
        `SELECT n.id, n.tenant_id, n.contact_id, n.author_id, n.visibility, n.body, n.remind_at, n.remind_audience, c.display_name, c.team_id, c.owner_id, c.created_by, c.shared_with_team
           FROM contacts.contact_note n
           JOIN contacts.contact c ON c.id = n.contact_id AND c.tenant_id = n.tenant_id
          WHERE n.remind_at <= now() AND n.reminder_sent_at IS NULL
          ORDER BY n.remind_at
          LIMIT $1
          FOR UPDATE OF n SKIP LOCKED`,
        [this.config.batchSize],
      );
      if (rows.length === 0) return 0;
      // Not a user edit: the note's version stays, so nobody's PATCH becomes stale because of it.
      await em.query('UPDATE contacts.contact_note SET reminder_sent_at = now() WHERE id = ANY($1::uuid[])', [rows.map((row) => row.id)]);
      const recipients = await reminderRecipients(em, rows);
      await this.outbox.publishAll(
        em,
        rows.map((row) => ({ type: CONTACTS_NOTE_REMINDER_DUE, subject: row.contact_id, tenantId: row.tenant_id, data: noteReminderDueData(row, recipients.get(row.id) ?? []) })),
      );
      return rows.length;
    });
  }
}
