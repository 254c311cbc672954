import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONTACTS_NOTE_REMINDER_DUE } from '@crm/contracts';
import { OutboxService } from '@crm/messaging';
import { noteReminderDueData, type DueReminderRow } from './note-events.js';
import { NOTE_REMINDER_CONFIG, type NoteReminderConfig } from './note-reminder-config.js';
import { reminderRecipients } from './reminder-recipients.js';

/**
 * Publishes `contacts.note.reminder_due` when a note's reminder date arrives. Each pass is one
 * transaction: lock due notes (FOR UPDATE SKIP LOCKED, so every replica can run it and none
 * publishes a note another one holds), mark them sent, write their events to the outbox,
 * commit. A crash before the commit leaves them due for the next pass; after it, the relay
 * delivers the events at least once and notifications' inbox makes that exactly-once.
 */
@Injectable()
export class NoteReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NoteReminderScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(NOTE_REMINDER_CONFIG) private readonly config: NoteReminderConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.pollMs > 0) this.schedule(this.config.pollMs);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass; returns how many reminders it published. */
  async publishDue(): Promise<number> {
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let published = 0;
    try {
      published = await this.publishDue();
      if (published > 0) this.logger.log(`published ${published} note reminder(s)`);
    } catch (error) {
      this.logger.warn(`note reminders pass failed: ${(error as Error).message}`);
    }
    // A full batch means more may be due: go again at once.
    this.schedule(published >= this.config.batchSize ? 0 : this.config.pollMs);
  }
}
